"""Review settings in ``config.toml`` (user config folder): margins, minimum days, first day.

Read with tomllib; written by the small writer below (only the ``[review]`` table is ours to
write; other tables already in the file are kept). The file is 0600, its folder 0700.
"""

from __future__ import annotations

import math
import os
import tempfile
import tomllib
from pathlib import Path
from typing import Any

from tracker.domain.errors import InputError, from_validation_error
from tracker.domain.summary import ReviewSettings
from tracker.store.paths import FILE_MODE, config_file, ensure_private_dir

SECTION = "review"


class ConfigError(InputError):
    """config.toml could not be read."""


def _read(path: Path) -> dict[str, Any]:
    if not path.is_file():
        return {}
    try:
        return tomllib.loads(path.read_text(encoding="utf-8"))
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as error:
        raise ConfigError(str(path), str(error), "a valid TOML file", "cannot be read") from None


def load_settings(path: Path | None = None) -> ReviewSettings:
    """The review settings, defaults for anything not in the file."""
    path = path or config_file()
    data = _read(path).get(SECTION, {})
    if not isinstance(data, dict):
        raise ConfigError(f"{path} [{SECTION}]", data, "a table of settings")
    try:
        return ReviewSettings.model_validate(data)
    except InputError as error:
        raise ConfigError(f"{path}: {error.field}", error.value, error.allowed) from None
    except ValueError as error:
        inner = from_validation_error(error)
        raise ConfigError(f"{path}: {inner.field}", inner.value, inner.allowed) from None


def update_settings(path: Path | None = None, **changes: Any) -> ReviewSettings:
    """Change some settings (validated first; nothing is written on a bad value)."""
    path = path or config_file()
    current = load_settings(path)
    try:
        updated = ReviewSettings.model_validate({**current.model_dump(mode="json"), **changes})
    except InputError:
        raise
    except ValueError as error:
        raise from_validation_error(error) from None
    data = _read(path)
    data[SECTION] = updated.model_dump(mode="json")
    write_toml(path, data)
    return updated


def _value(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        if not math.isfinite(value):
            raise ValueError(f"cannot write {value} to TOML")
        return repr(value)
    if isinstance(value, str):
        escaped = (
            value.replace("\\", "\\\\")
            .replace('"', '\\"')
            .replace("\n", "\\n")
            .replace("\t", "\\t")
        )
        return f'"{escaped}"'
    if isinstance(value, list):
        return "[" + ", ".join(_value(v) for v in value) + "]"
    raise ValueError(f"cannot write {type(value).__name__} to TOML")


def _key(key: str) -> str:
    bare = key.replace("_", "").replace("-", "").isalnum() and key.isascii()
    return key if bare else _value(key)


def dumps(data: dict[str, Any]) -> str:
    """TOML for a dict of scalars and one level of tables (what config.toml holds)."""
    lines = [f"{_key(k)} = {_value(v)}" for k, v in data.items() if not isinstance(v, dict)]
    for name, table in data.items():
        if isinstance(table, dict):
            if lines:
                lines.append("")
            lines.append(f"[{_key(name)}]")
            lines += [f"{_key(k)} = {_value(v)}" for k, v in table.items()]
    return "\n".join(lines) + "\n"


def write_toml(path: Path, data: dict[str, Any]) -> None:
    """Write atomically (temp file then rename), readable only by the user."""
    ensure_private_dir(path.parent, tighten=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".config-", suffix=".toml")
    try:
        os.fchmod(fd, FILE_MODE)
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            handle.write(dumps(data))
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    os.chmod(path, FILE_MODE)
