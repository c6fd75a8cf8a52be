"""A process of the concurrency tests: waits for a start signal, then runs CLI commands.

``python -m tests.reliability.worker GO DB MODE N PREFIX`` prints one JSON line: the exit
code and error output of every command it ran (and, for readers, how many entries each saw).
Each command goes through ``tracker.cli.main`` exactly as a fresh ``tracker`` process does:
it opens the journal, works, and closes it.
"""

from __future__ import annotations

import contextlib
import io
import json
import os
import sys
import time
from pathlib import Path

from tracker.cli import main


def run(args: list[str]) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        try:
            code = main(args)
        except BaseException as error:  # a traceback would reach the user: report it
            code = -1
            err.write(f"{type(error).__name__}: {error}")
    return code, out.getvalue(), err.getvalue()


def wait_for(go: Path) -> None:
    """Say this process is ready (imports done), then wait for the start file."""
    Path(f"{go}.ready.{os.getpid()}").touch()
    while not go.exists():
        time.sleep(0.001)


def main_(argv: list[str]) -> None:
    go, db, mode, count, prefix = Path(argv[0]), argv[1], argv[2], int(argv[3]), argv[4]
    results: list[dict[str, object]] = []
    wait_for(go)
    if mode == "log":
        for i in range(count):
            code, _, err = run(
                ["--db", db, "log", "stress", "--level", str(i % 11), f"--note={prefix}-{i}"]
            )
            results.append({"code": code, "err": err})
    elif mode == "read":
        stop = Path(f"{go}.stop")
        commands = [c.split() for c in prefix.split(",")]
        i = 0
        while not stop.exists() or i < count:
            command = commands[i % len(commands)]
            code, out, err = run(["--db", db, *command, "--json"])
            seen = len(json.loads(out)) if code == 0 and command[0] == "list" else None
            results.append({"code": code, "err": err, "seen": seen, "command": command[0]})
            i += 1
    else:  # "once": one command, e.g. on a journal that does not exist yet
        code, _, err = run(["--db", db, *prefix.split()])
        results.append({"code": code, "err": err})
    print(json.dumps(results))


if __name__ == "__main__":
    main_(sys.argv[1:])
