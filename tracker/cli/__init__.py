"""The front door: ``tracker`` opens the app; ``tracker log|list|...`` work from the shell.

Only the standard library is imported at module level so that quick commands start fast;
Textual is imported only when the app is opened, Alembic only when a journal needs it.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Sequence

EXIT_OK = 0
EXIT_FAILURE = 1
EXIT_USAGE = 2


def main(argv: Sequence[str] | None = None) -> int:
    """Run the CLI; returns the exit code (0 ok, 1 the journal could not be used, 2 bad input)."""
    os.umask(0o077)  # health data: every file we create is ours alone
    from tracker.cli.parser import UsageError, build_parser

    parser = build_parser()
    try:
        args = parser.parse_args(list(sys.argv[1:] if argv is None else argv))
    except UsageError as error:
        print(f"tracker: error: {error}", file=sys.stderr)
        return EXIT_USAGE
    # --db and --json may stand before or after the command; their defaults are set here.
    args.db = getattr(args, "db", None)
    args.json = getattr(args, "json", False)
    handler = getattr(args, "handler", None)
    if handler is None:
        return _open_app(args.db)  # the app takes its daily backup in its own worker thread
    if getattr(args, "auto_backup", True):
        _daily_backup(args.db)
    return _run(handler, args)


def _daily_backup(db: str | None) -> None:
    """The first run of each day copies the journal into backups/ (the last 7 are kept).

    Once today's copy exists this is one file-exists check. A failure only warns.
    """
    import sqlite3

    from tracker.services.backups import daily_backup, daily_backup_path
    from tracker.services.clock import today
    from tracker.store.paths import db_path

    path = db_path(db)
    day = today()
    if daily_backup_path(path, day).exists() or not path.is_file():
        return
    from tracker.store.schema import JournalError

    try:
        daily_backup(path, day)
    except JournalError:
        return  # the command itself will say what is wrong with the file
    except (OSError, sqlite3.Error) as error:
        print(f"tracker: warning: today's automatic backup failed: {error}", file=sys.stderr)


def _run(handler: object, args: object) -> int:
    from sqlalchemy.exc import OperationalError

    from tracker.domain.errors import InputError
    from tracker.store import JournalError

    try:
        code = handler(args)  # type: ignore[operator]
    except InputError as error:
        print(f"tracker: error: {_option_name(error.message)}", file=sys.stderr)
        return EXIT_USAGE
    except JournalError as error:
        print(f"tracker: error: {error}", file=sys.stderr)
        return EXIT_FAILURE
    except OperationalError as error:
        print(f"tracker: error: the journal could not be written: {error.orig}", file=sys.stderr)
        return EXIT_FAILURE
    except OSError as error:
        print(f"tracker: error: {error.strerror or error}: {error.filename or ''}", file=sys.stderr)
        return EXIT_FAILURE
    except KeyboardInterrupt:
        return 130
    return int(code or 0)


def _option_name(message: str) -> str:
    """Name the option the user typed (``--level``) rather than the metric (``stress.level``)."""
    from tracker.domain.metrics import Kind

    field, sep, rest = message.partition(": ")
    kind, dot, name = field.partition(".")
    if sep and dot and kind in {k.value for k in Kind}:
        return f"--{name.replace('_', '-')}: {rest}"
    return message


def _open_app(db: str | None) -> int:
    from tracker.store.paths import db_path
    from tracker.tui import make_app

    app = make_app(db_path(db))
    app.run()
    return int(app.return_code or 0)
