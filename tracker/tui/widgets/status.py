"""How a status reads: a symbol and a word (so it reads without colour), and a colour."""

from __future__ import annotations

import math

from rich.text import Text

from tracker.domain.levers import Direction, Status, unit_after

STATUS_LOOK: dict[Status, tuple[str, str, str]] = {
    Status.MET: ("✓", "met", "bold green"),
    Status.CLOSE: ("≈", "close", "bold yellow"),
    Status.MISSED: ("✗", "missed", "bold red"),
    Status.NO_DATA: ("–", "no data", "dim"),
    Status.INFO: ("·", "trend", "cyan"),
}


def status_text(status: Status) -> Text:
    symbol, word, style = STATUS_LOOK[status]
    return Text(f"{symbol} {word}", style=style)


def number(value: float | None) -> str:
    if value is None or not math.isfinite(value):
        return "—"
    if float(value).is_integer():
        return str(int(value))
    return f"{value:.1f}"


def with_unit(value: float | None, unit: str) -> str:
    text = number(value)
    if text == "—" or not unit:
        return text
    return f"{text}{unit}" if unit.startswith("/") else f"{text} {unit_after(value, unit)}"


def target_text(target: float | None, direction: Direction, unit: str) -> str:
    if direction is Direction.INFO:
        return "trend only"
    if target is None:
        return "—"
    sign = "≥" if direction is Direction.AT_LEAST else "≤"
    return f"{sign} {with_unit(target, unit)}"
