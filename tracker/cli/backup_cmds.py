"""Commands over the journal file: backup (and --list), restore."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any


def register(sub: Any, common: argparse.ArgumentParser) -> None:
    backup = sub.add_parser(
        "backup",
        help="copy the journal (safe while the app is open), or list the backups",
        description=(
            "Copy the journal with SQLite's online backup API, into the backups folder beside "
            "it or to -o PATH. A copy is also taken automatically on the first run of each day "
            "(the last 7 are kept)."
        ),
        parents=[common],
    )
    backup.add_argument("-o", "--output", metavar="PATH", help="where to write the copy")
    backup.add_argument("--list", action="store_true", help="list the backups, newest first")
    backup.set_defaults(handler=cmd_backup, auto_backup=False)

    restore = sub.add_parser(
        "restore",
        help="put a backup in place of the journal (a copy of the current one is kept)",
        parents=[common],
    )
    restore.add_argument("path", metavar="PATH", help="a backup file (see tracker backup --list)")
    restore.set_defaults(handler=cmd_restore, auto_backup=False)


def cmd_backup(args: argparse.Namespace) -> int:
    from tracker.services.backups import backup_now, list_backups
    from tracker.store.paths import backups_dir, db_path

    journal = db_path(args.db)
    if args.list:
        if args.output:
            from tracker.domain.errors import InputError

            raise InputError("--list", "with -o", "either --list or -o PATH, not both")
        found = list_backups(journal)
        if args.json:
            from tracker.cli.output import print_json

            print_json(
                [
                    {"path": str(b.path), "size": b.size, "modified": b.modified.isoformat()}
                    for b in found
                ]
            )
            return 0
        if not found:
            print(f"no backups yet in {backups_dir(journal)}")
            return 0
        from tracker.cli.output import print_table

        rows = [
            [b.path.name, f"{b.size / 1024:.0f} KiB", f"{b.modified.astimezone():%Y-%m-%d %H:%M}"]
            for b in found
        ]
        print(f"backups in {backups_dir(journal)}:")
        print_table(["file", "size", "taken"], rows, right={1})
        return 0
    target = backup_now(journal, Path(args.output) if args.output else None)
    print(f"backed up {journal} to {target}")
    return 0


def cmd_restore(args: argparse.Namespace) -> int:
    from tracker.services.backups import restore
    from tracker.store.paths import db_path

    result = restore(db_path(args.db), Path(args.path))
    print(result.message())
    return 0
