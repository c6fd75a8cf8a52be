"""Plain-text helpers for what the services say."""

from __future__ import annotations

import re

_CLI_HINT = re.compile(r"\s*\(tracker [^)]*\)")


def app_detail(text: str) -> str:
    """A review detail without the shell hint (``(tracker log care ...)``) meant for the CLI."""
    return _CLI_HINT.sub("", text)
