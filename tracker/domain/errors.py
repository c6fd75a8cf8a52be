"""The one error type user input can raise: it names the field, the value and what is allowed."""

from __future__ import annotations


class InputError(ValueError):
    """A value the user gave was refused.

    ``str(error)`` is a single line: ``<field>: <value> is not allowed; allowed: <allowed>``.
    """

    def __init__(self, field: str, value: object, allowed: str, problem: str = "") -> None:
        self.field = field
        self.value = value
        self.allowed = allowed
        self.problem = problem or "is not allowed"
        super().__init__(self.message)

    @property
    def message(self) -> str:
        if self.value is None:
            return f"{self.field}: missing; allowed: {self.allowed}"
        return f"{self.field}: {_show(self.value)} {self.problem}; allowed: {self.allowed}"


def _show(value: object) -> str:
    if value is None:
        return "(missing)"
    text = repr(value) if isinstance(value, str) else str(value)
    text = text.replace("\n", "\\n").replace("\r", "\\r")
    if len(text) > 60:
        text = text[:57] + "..."
    return text


def from_validation_error(error: Exception) -> InputError:
    """Turn a pydantic ``ValidationError`` into the first ``InputError`` it carries.

    Our validators raise ``InputError``; pydantic wraps it. Errors pydantic raises itself
    (a wrong type, a missing field) become an ``InputError`` naming the field too.
    """
    from pydantic import ValidationError

    if not isinstance(error, ValidationError):
        return InputError("input", str(error), "a valid value")
    first = error.errors(include_url=False)[0]
    ctx = first.get("ctx") or {}
    inner = ctx.get("error")
    if isinstance(inner, InputError):
        return inner
    field = ".".join(str(p) for p in first.get("loc", ())) or "input"
    return InputError(field, first.get("input"), first.get("msg", "a valid value").lower())
