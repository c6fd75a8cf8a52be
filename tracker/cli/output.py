"""Plain-text tables and JSON for the shell."""

from __future__ import annotations

import json
import math
import sys
from collections.abc import Sequence
from typing import Any


def print_json(data: Any) -> None:
    sys.stdout.write(dumps(data) + "\n")


def dumps(data: Any) -> str:
    """``json.dumps(data, ensure_ascii=False, indent=2)``, the same text, faster.

    With ``indent`` the standard library uses its pure-Python encoder (a generator per level);
    a 520-week summary spent more time there than in the review. Plain JSON data (str keys;
    str, int, float, bool, None, list, dict) is written here; anything else goes to ``json``.
    """
    out: list[str] = []
    try:
        _dump(data, "\n", out)
    except _NotPlain:
        return json.dumps(data, ensure_ascii=False, indent=2)
    return "".join(out)


class _NotPlain(Exception):
    pass


_STR = json.encoder.encode_basestring  # what ensure_ascii=False uses
_FLOAT = json.encoder.JSONEncoder(allow_nan=True).iterencode  # NaN, Infinity as json writes


def _dump(value: Any, newline: str, out: list[str]) -> None:
    kind = type(value)
    if kind is str:
        out.append(_STR(value))
    elif value is None:
        out.append("null")
    elif value is True:
        out.append("true")
    elif value is False:
        out.append("false")
    elif kind is int:
        out.append(int.__repr__(value))
    elif kind is float:
        out.append(float.__repr__(value) if math.isfinite(value) else "".join(_FLOAT(value)))
    elif kind is dict:
        if not value:
            out.append("{}")
            return
        inner = newline + "  "
        sep = "{" + inner
        for key, item in value.items():
            if type(key) is not str:
                raise _NotPlain
            out.append(sep)
            out.append(_STR(key))
            out.append(": ")
            _dump(item, inner, out)
            sep = "," + inner
        out.append(newline + "}")
    elif kind is list:
        if not value:
            out.append("[]")
            return
        inner = newline + "  "
        sep = "[" + inner
        for item in value:
            out.append(sep)
            _dump(item, inner, out)
            sep = "," + inner
        out.append(newline + "]")
    else:
        raise _NotPlain


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
