"""The front door: ``tracker`` opens the app; ``tracker log|list|...`` work from the shell.

Only the standard library is imported at module level so that quick commands start fast;
Textual is imported only when the app is opened, Alembic only when a journal needs it.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Sequence
from types import SimpleNamespace

EXIT_OK = 0
EXIT_FAILURE = 1
EXIT_USAGE = 2


def main(argv: Sequence[str] | None = None) -> int:
    """Run the CLI; returns the exit code (0 ok, 1 the journal could not be used, 2 bad input)."""
    os.umask(0o077)  # health data: every file we create is ours alone
    arguments = list(sys.argv[1:] if argv is None else argv)
    app_db = _app_only(arguments)
    if app_db is not None:
        # `tracker` (or `tracker --db PATH`) opens the app: no argparse tree to build first,
        # the app's first frame is waiting (the tree costs more than the rest of the path).
        return _run(_open_app, SimpleNamespace(db=app_db or None, json=False))
    from tracker.cli.parser import UsageError, build_parser

    parser = build_parser()
    try:
        args = parser.parse_args(arguments)
    except UsageError as error:
        print(f"tracker: error: {one_line(str(error))}", file=sys.stderr)
        return EXIT_USAGE
    # --db and --json may stand before or after the command; their defaults are set here.
    args.db = getattr(args, "db", None)
    args.json = getattr(args, "json", False)
    handler = getattr(args, "handler", None)
    if handler is None:
        handler = _open_app  # the app takes its daily backup in its own worker thread
    elif getattr(args, "auto_backup", True):
        _daily_backup(args.db)
    return _run(handler, args)


def _app_only(arguments: list[str]) -> str | None:
    """The ``--db`` of a command line that only opens the app ("" for none); else None.

    Only the plain forms are recognised (nothing, ``--db PATH``, ``--db=PATH``); anything else,
    ``--json`` or ``--help`` included, goes through the parser as before.
    """
    if not arguments:
        return ""
    if len(arguments) == 2 and arguments[0] == "--db" and arguments[1][:1] not in ("", "-"):
        return arguments[1]
    if len(arguments) == 1 and arguments[0].startswith("--db=") and len(arguments[0]) > 5:
        return arguments[0].removeprefix("--db=")
    return None


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
        from tracker.store.failures import nearly_full

        reason = "the disk is full" if nearly_full(path) else str(error)
        print(f"tracker: warning: today's automatic backup failed: {reason}", file=sys.stderr)


def _run(handler: object, args: object) -> int:
    try:
        code = handler(args)  # type: ignore[operator]
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        # The reader went away (`tracker list | head`): not a journal problem, nothing to say.
        # Point stdout at /dev/null so that Python's own flush at exit stays quiet too.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return 141
    except Exception as error:
        failed = _failure(error, getattr(args, "db", None))
        if failed is None:
            raise
        return failed
    return int(code or 0)


def _failure(error: Exception, db: str | None) -> int | None:
    """The exit code for ``error`` after its one-line message; None for a bug (re-raised).

    The error classes are imported here, not before the command runs: the app's first frame
    (and every quick command) waits on what is imported before it.
    """
    import sqlite3

    from tracker.domain.errors import InputError
    from tracker.store import JournalError
    from tracker.store.failures import describe_failure
    from tracker.store.paths import db_path

    if isinstance(error, InputError):
        return _fail(_option_name(error.message), EXIT_USAGE)
    if isinstance(error, JournalError):
        return _fail(str(error), EXIT_FAILURE)
    if isinstance(error, sqlite3.Error | OSError):
        # A full disk, a read-only file, a damaged or busy journal: one line saying what to do.
        return _fail(describe_failure(error, db_path(db)), EXIT_FAILURE)
    # The same for SQLAlchemy's wrappers of those errors. SQLAlchemy is imported only by the
    # commands that need it (not by `tracker log` or `list`, nor before the app's first
    # frame): if it was never loaded, none of its errors can have been raised.
    sa_exc = sys.modules.get("sqlalchemy.exc")
    if sa_exc is not None and isinstance(error, sa_exc.DBAPIError):
        return _fail(describe_failure(error, db_path(db)), EXIT_FAILURE)
    return None


def _fail(message: str, code: int) -> int:
    print(f"tracker: error: {one_line(message)}", file=sys.stderr)
    return code


def one_line(text: str) -> str:
    """``text`` on one line: control characters (argparse echoes what was typed) escaped."""
    return "".join(ch if ch.isprintable() else repr(ch)[1:-1] for ch in text)


def _option_name(message: str) -> str:
    """Name the option the user typed (``--level``) rather than the metric (``stress.level``)."""
    from tracker.domain.metrics import Kind

    field, sep, rest = message.partition(": ")
    kind, dot, name = field.partition(".")
    if sep and dot and kind in {k.value for k in Kind}:
        return f"--{name.replace('_', '-')}: {rest}"
    return message


def _open_app(args: object) -> int:
    from tracker.store.paths import db_path
    from tracker.tui import make_app

    app = make_app(db_path(getattr(args, "db", None)))
    app.run()
    return int(app.return_code or 0)
