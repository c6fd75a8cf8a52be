"""Run CLI commands in one process in which any use of the network fails and is recorded.

``python -m tests.reliability.no_network DB COMMANDS_JSON`` installs the guard before anything
of the app is imported: ``socket.socket``, ``socket.create_connection`` and
``socket.getaddrinfo`` raise, and an audit hook records every socket event (which also sees
sockets made by C code through Python's socket module). Prints one JSON line: each command's
exit code and error output, and the network attempts seen.
"""

from __future__ import annotations

import contextlib
import io
import json
import socket
import sys
from typing import Any

ATTEMPTS: list[str] = []


class NetworkUsed(OSError):
    pass


def _refuse(name: str) -> Any:
    def refuse(*args: object, **kwargs: object) -> None:
        ATTEMPTS.append(f"{name}{args!r}")
        raise NetworkUsed(f"the app tried to use the network: {name}")

    return refuse


class GuardedSocket(socket.socket):
    """Stands in for ``socket.socket``: modules may still subclass it; making one fails.

    Local Unix sockets are let through: asyncio (under Textual) wakes its own event loop with
    a ``socketpair``; that never leaves the process, let alone the machine.
    """

    def __init__(
        self, family: int = -1, type: int = -1, proto: int = -1, fileno: int | None = None
    ) -> None:
        if family == socket.AF_UNIX:
            super().__init__(family, type, proto, fileno)
            return
        ATTEMPTS.append(f"socket.socket({family}, {type}, {proto})")
        raise NetworkUsed("the app tried to open a socket")


def _local(event: str, args: tuple[object, ...]) -> bool:
    """Is this socket event about a Unix socket (``socket.__new__`` gets the family second)?"""
    if event == "socket.__new__":
        return len(args) > 1 and args[1] == socket.AF_UNIX
    first = args[0] if args else None
    return isinstance(first, socket.socket) and first.family == socket.AF_UNIX


def _audit(event: str, args: tuple[object, ...]) -> None:
    if event.startswith("socket.") and not _local(event, args):
        ATTEMPTS.append(f"{event}{args!r}")


def install() -> None:
    sys.addaudithook(_audit)
    socket.socket = GuardedSocket  # type: ignore[misc]
    socket.create_connection = _refuse("socket.create_connection")
    socket.getaddrinfo = _refuse("socket.getaddrinfo")


def tui_session(db: str) -> None:
    """A whole session in the app: log through a form, every screen, undo, quit."""
    from pathlib import Path

    from textual.pilot import Pilot

    from tests.tui.conftest import drive, settle
    from tracker.services.journal import Journal
    from tracker.tui import TrackerApp

    async def scenario(pilot: Pilot[int], app: TrackerApp) -> None:
        await pilot.press("s")
        await settle(pilot)
        await pilot.press("7", ".", "5", "ctrl+s")
        await settle(pilot)
        for key in ("w", "escape", "h", "escape", "l", "escape", "question_mark", "escape"):
            await pilot.press(key)
            await settle(pilot)
        await pilot.press("e")
        await settle(pilot)
        await pilot.press("escape", "u")
        await settle(pilot)

    drive(Path(db), scenario)
    with Journal.open(db) as journal:
        count = len(journal.entries()) + len(journal.entries(deleted=True))
    print(json.dumps({"entries": count, "attempts": ATTEMPTS}))


def main(argv: list[str]) -> None:
    install()
    if argv[0] == "tui":
        tui_session(argv[1])
        return
    from tracker.cli import main as tracker

    db, commands = argv[0], json.loads(argv[1])
    results = []
    for command in commands:
        out, err = io.StringIO(), io.StringIO()
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            code = tracker(["--db", db, *command])
        results.append({"command": command, "code": code, "err": err.getvalue()})
    print(json.dumps({"results": results, "attempts": ATTEMPTS}))


if __name__ == "__main__":
    main(sys.argv[1:])
