"""The argparse tree. Every command lives in a module of its own and registers itself here."""

from __future__ import annotations

import argparse
from typing import NoReturn


class UsageError(Exception):
    """argparse found the command line malformed (one line, exit code 2)."""


class Parser(argparse.ArgumentParser):
    """An ArgumentParser whose errors are one line and exit code 2, raised, not printed."""

    def error(self, message: str) -> NoReturn:
        prog = self.prog.removeprefix("tracker").strip()
        raise UsageError(f"{prog}: {message}" if prog else message)


def common_options() -> argparse.ArgumentParser:
    """Options accepted both before and after the sub-command (``--db``, ``--json``)."""
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument(
        "--db",
        metavar="PATH",
        default=argparse.SUPPRESS,
        help="journal file (default: $TRACKER_DB, else the user data folder)",
    )
    common.add_argument("--json", action="store_true", default=argparse.SUPPRESS, help="print JSON")
    return common


def build_parser() -> Parser:
    from tracker import __version__
    from tracker.cli import (
        backup_cmds,
        catalogue_cmds,
        demo_cmds,
        entry_cmds,
        export_cmds,
        review_cmds,
    )

    common = common_options()
    parser = Parser(
        prog="tracker",
        description=(
            "Lever Tracker: a private health journal. With no command, opens the app. "
            "Everything stays in one file on this machine."
        ),
        parents=[common],
    )
    parser.add_argument("--version", action="version", version=f"tracker {__version__}")
    sub = parser.add_subparsers(title="commands", metavar="COMMAND", parser_class=Parser)
    for module in (entry_cmds, catalogue_cmds, review_cmds, export_cmds, backup_cmds, demo_cmds):
        module.register(sub, common)
    return parser
