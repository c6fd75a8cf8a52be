"""The app's look and keys: the theme (``[tui]``) and a keymap (``[keymap]``) in ``config.toml``.

A keymap maps binding ids (listed by ``?`` in the app) to keys, e.g.
``"today.log-sleep" = "z"``.
"""

from __future__ import annotations

import tomllib
from enum import StrEnum
from pathlib import Path

from tracker.domain.errors import InputError
from tracker.services.settings import write_toml
from tracker.store.paths import config_file

SECTION = "tui"


class Theme(StrEnum):
    DARK = "dark"
    LIGHT = "light"


def _read(path: Path) -> dict[str, object]:
    if not path.is_file():
        return {}
    try:
        return tomllib.loads(path.read_text(encoding="utf-8"))
    except (tomllib.TOMLDecodeError, UnicodeDecodeError, OSError):
        return {}  # the review settings report a broken file; the look falls back to dark


def load_theme(path: Path | None = None) -> Theme:
    """The saved theme, dark when none is saved (or it cannot be read)."""
    table = _read(path or config_file()).get(SECTION, {})
    value = table.get("theme") if isinstance(table, dict) else None
    return Theme(value) if value in {t.value for t in Theme} else Theme.DARK


def load_keymap(path: Path | None = None) -> dict[str, str]:
    """Binding id -> key(s) from ``[keymap]``; entries that are not text are left out."""
    table = _read(path or config_file()).get("keymap", {})
    if not isinstance(table, dict):
        return {}
    return {str(k): v for k, v in table.items() if isinstance(v, str) and v.strip()}


def save_theme(theme: str, path: Path | None = None) -> Theme:
    """Save the theme; other tables of the file are kept."""
    if theme not in {t.value for t in Theme}:
        raise InputError("theme", theme, "one of " + ", ".join(t.value for t in Theme))
    path = path or config_file()
    if path.is_file():
        try:
            data = tomllib.loads(path.read_text(encoding="utf-8"))
        except (tomllib.TOMLDecodeError, UnicodeDecodeError):
            raise InputError(
                str(path), "config.toml", "a valid TOML file", "cannot be read"
            ) from None
    else:
        data = {}
    table = data.get(SECTION)
    data[SECTION] = {**(table if isinstance(table, dict) else {}), "theme": theme}
    write_toml(path, data)
    return Theme(theme)
