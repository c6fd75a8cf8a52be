"""Plain-text tables and JSON for the shell."""

from __future__ import annotations

import json
import sys
from collections.abc import Sequence
from typing import Any


def print_json(data: Any) -> None:
    sys.stdout.write(json.dumps(data, ensure_ascii=False, indent=2) + "\n")


def one_line(text: str, width: int = 40) -> str:
    first = text.replace("\t", " ").splitlines()[0] if text else ""
    more = len(text.splitlines()) > 1
    if len(first) > width or more:
        return first[: width - 1] + "…"
    return first


def print_table(
    headers: Sequence[str], rows: Sequence[Sequence[str]], right: set[int] | None = None
) -> None:
    """A left-aligned table with one space-padded column each; ``right`` columns align right."""
    right = right or set()
    widths = [len(h) for h in headers]
    for row in rows:
        for i, cell in enumerate(row):
            widths[i] = max(widths[i], len(cell))

    def fmt(cells: Sequence[str]) -> str:
        out = [
            cell.rjust(widths[i]) if i in right else cell.ljust(widths[i])
            for i, cell in enumerate(cells)
        ]
        return "  ".join(out).rstrip()

    lines = [fmt(headers), fmt(["-" * w for w in widths])]
    lines += [fmt(row) for row in rows]
    sys.stdout.write("\n".join(lines) + "\n")
