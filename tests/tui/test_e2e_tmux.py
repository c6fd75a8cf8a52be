"""End to end in a real terminal: tmux runs ``tracker``; keystrokes log sleep; the CLI checks.

Uses its own tmux server (``-L``) with no user config, so it neither sees nor touches any
other tmux session. ``.ci/run`` installs tmux.
"""

from __future__ import annotations

import json
import os
import shlex
import shutil
import subprocess
import sys
import time
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest

TRACKER = Path(sys.executable).parent / "tracker"
TODAY = "2026-11-30"


class Tmux:
    def __init__(self, socket: str) -> None:
        tmux = shutil.which("tmux")
        assert tmux, "tmux is needed for the end-to-end test (.ci/run installs it)"
        self.base = [tmux, "-L", socket, "-f", "/dev/null"]

    def __call__(self, *args: str) -> str:
        return subprocess.run(
            [*self.base, *args], capture_output=True, text=True, check=True
        ).stdout

    def screen(self) -> str:
        return self("capture-pane", "-p", "-t", "e2e")

    def wait_for(self, text: str, timeout: float = 20.0) -> str:
        deadline = time.monotonic() + timeout
        shown = ""
        while time.monotonic() < deadline:
            shown = self.screen()
            if text in shown:
                return shown
            time.sleep(0.2)
        raise AssertionError(f"{text!r} never appeared; the screen was:\n{shown}")

    def keys(self, *keys: str) -> None:
        for key in keys:
            self("send-keys", "-t", "e2e", key)
            time.sleep(0.15)  # keep ESC-prefixed sequences apart


@pytest.fixture
def tmux() -> Iterator[Tmux]:
    server = Tmux(f"tracker-e2e-{uuid.uuid4().hex[:8]}")
    yield server
    subprocess.run([*server.base, "kill-server"], capture_output=True, check=False)


@pytest.mark.slow
def test_log_sleep_in_a_real_terminal_then_check_with_the_cli(
    tmux: Tmux, tmp_path: Path, isolated_dirs: Path
) -> None:
    db = tmp_path / "journal.db"
    env = {
        "HOME": str(isolated_dirs),
        "XDG_DATA_HOME": str(isolated_dirs / "data"),
        "XDG_CONFIG_HOME": str(isolated_dirs / "config"),
        "TRACKER_TODAY": TODAY,
        "TERM": "xterm-256color",
        "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
    }
    command = (
        "env -i "
        + " ".join(f"{k}={shlex.quote(v)}" for k, v in env.items())
        + f" {shlex.quote(str(TRACKER))} --db {shlex.quote(str(db))}"
        + "; echo TRACKER-EXIT=$?; sleep 30"
    )
    tmux("new-session", "-d", "-s", "e2e", "-x", "100", "-y", "30", command)

    screen = tmux.wait_for("Monday 30 November 2026")
    tmux.wait_for("press s")  # the cards are filled once the journal is open
    assert "Welcome" in tmux.screen()
    assert str(db) in tmux.screen().replace("\n", "")
    assert "Traceback" not in screen

    tmux.keys("s")
    tmux.wait_for("Log sleep")
    tmux.keys("7", ".", "5", "Enter")
    screen = tmux.wait_for("✓ 7.5 h")
    assert "Log sleep" not in screen

    tmux.keys("w")
    screen = tmux.wait_for("2026-W49")
    tmux.keys("Escape")
    tmux.wait_for("Monday 30 November 2026")
    tmux.keys("q")
    screen = tmux.wait_for("TRACKER-EXIT=")
    assert "TRACKER-EXIT=0" in screen
    assert "Traceback" not in screen

    listing = subprocess.run(
        [str(TRACKER), "--db", str(db), "list", "--json"],
        capture_output=True,
        text=True,
        check=True,
        env={**env, "PATH": env["PATH"]},
    )
    entries = json.loads(listing.stdout)
    assert [(e["kind"], e["date"], e["values"]) for e in entries] == [
        ("sleep", TODAY, {"hours": 7.5})
    ]
