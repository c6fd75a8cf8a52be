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
    """Stands in for ``socket.socket``: modules may still subclass it; making one fails."""

    def __init__(self, *args: object, **kwargs: object) -> None:
        ATTEMPTS.append(f"socket.socket{args!r}")
        raise NetworkUsed("the app tried to open a socket")


def _audit(event: str, args: tuple[object, ...]) -> None:
    if event.startswith("socket."):
        ATTEMPTS.append(f"{event}{args!r}")


def install() -> None:
    sys.addaudithook(_audit)
    socket.socket = GuardedSocket  # type: ignore[misc]
    socket.create_connection = _refuse("socket.create_connection")
    socket.getaddrinfo = _refuse("socket.getaddrinfo")


def main(argv: list[str]) -> None:
    install()
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
