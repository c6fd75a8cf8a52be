"""Set your own target (from Levers): a value and a note, checked by the review's own rules."""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual import work
from textual.widget import Widget
from textual.widgets import Input

from tracker.domain.errors import InputError
from tracker.domain.parse import parse_number
from tracker.tui.screens.profile import SmallForm
from tracker.tui.widgets.status import target_text

if TYPE_CHECKING:
    from tracker.domain.levers import TargetSpec
    from tracker.domain.summary import TargetOverride


class TargetFormScreen(SmallForm):
    """Replace one target's threshold with yours, with a note (who agreed it, when)."""

    def __init__(self, spec: TargetSpec, override: TargetOverride | None) -> None:
        super().__init__()
        self.spec = spec
        self.override = override
        self.TITLE_TEXT = f"Your target: {spec.title}"
        default = target_text(spec.threshold, spec.direction, spec.unit)
        self.HINT = f"Default {default} ({spec.source.authority}). Esc keeps it as it is."

    def rows(self) -> list[tuple[str, str, Widget, str]]:
        value = f"{self.override.value:g}" if self.override else ""
        note = self.override.note if self.override else ""
        return [
            ("value", "Target", Input(value, id="p-value", classes="field-input", compact=True),
             self.spec.unit),
            ("note", "Note", Input(note, placeholder="e.g. set with my oncologist, 2026-11",
                                   id="p-note", classes="field-input", compact=True), ""),
        ]  # fmt: skip

    def on_mount(self) -> None:
        self.query_one("#p-value").focus()

    def action_save(self) -> None:
        text = self.query_one("#p-value", Input).value
        allowed = f"a number of {self.spec.unit}"
        try:
            value = parse_number(text, "value", allowed)
        except InputError as error:
            self.show_error(error)
            return
        self.save(value, self.query_one("#p-note", Input).value)

    @work(thread=True, exclusive=True, group="target-save")
    def save(self, value: float, note: str) -> None:
        from tracker.services.review import set_target

        with self.guard():
            try:
                saved = set_target(self.journal, self.spec.id, value, note)
            except InputError as error:
                self.app.call_from_thread(self.show_error, error)
                return
            self.post_message(self.Saved(f"{self.spec.title}: yours is now {saved.value:g}."))
