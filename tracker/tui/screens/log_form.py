"""The log forms: one modal per kind, also used to edit an entry (then it opens filled in)."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.message import Message
from textual.widget import Widget
from textual.widgets import (
    Button,
    Checkbox,
    Input,
    Label,
    RadioButton,
    RadioSet,
    Select,
    Static,
)

from tracker.domain.errors import InputError
from tracker.domain.metrics import Kind
from tracker.tui.forms import (
    KIND_HINTS,
    KIND_TITLES,
    FormField,
    draft_from_form,
    field_for_error,
    form_fields,
    form_values,
)
from tracker.tui.screens.base import TrackerModal

if TYPE_CHECKING:
    from tracker.domain.entry import Entry, EntryDraft


class LogFormScreen(TrackerModal["Entry | None"]):
    """Log (or edit) one entry of a kind. Dismisses with the saved entry, or None if cancelled."""

    BINDINGS = [
        Binding("ctrl+s", "save", "Save", id="form.save", priority=True),
        Binding("escape", "cancel", "Cancel", id="form.cancel"),
    ]

    class Saved(Message):
        """The entry was written to the journal."""

        def __init__(self, entry: Entry, edited: bool) -> None:
            super().__init__()
            self.entry = entry
            self.edited = edited

    def __init__(self, kind: Kind, day: dt.date, entry: Entry | None = None) -> None:
        super().__init__(classes="log-form")
        self.kind = kind
        self.day = day
        self.entry = entry
        self.fields = form_fields(kind)
        self.initial = form_values(entry) if entry else {"date": day.isoformat()}
        self.saving = False
        self.refused: dict[str, str] = {}  # field dom id -> the value its error is about

    def compose(self) -> ComposeResult:
        verb = f"Edit {KIND_TITLES[self.kind].lower()} entry {self.entry.id}" if self.entry else ""
        with Vertical(id="form-box") as box:
            box.border_title = verb or f"Log {KIND_TITLES[self.kind].lower()}"
            yield Static(KIND_HINTS[self.kind], id="form-hint")
            with VerticalScroll(id="form-fields"):
                for field in self.fields:
                    with Horizontal(classes="field-row", id=f"row-{field.dom_id}"):
                        yield Label(field.label, classes="field-label")
                        yield self._widget(field)
                        yield Label(field.unit, classes="field-unit")
                    yield Static("", classes="field-error", id=f"err-{field.dom_id}")
            yield Static("", id="form-error")
            with Horizontal(id="form-buttons"):
                yield Button("Save  ctrl+s", variant="primary", id="save", compact=True)
                yield Button("Cancel  esc", id="cancel", compact=True)

    def _widget(self, field: FormField) -> Widget:
        value = self.initial.get(field.key, field.default)
        match field.type:
            case "choice":
                return Select(
                    [(c, c) for c in field.choices],
                    prompt="(none)",
                    allow_blank=True,
                    value=value if value in field.choices else Select.NULL,
                    id=field.dom_id,
                    classes="field-input",
                    compact=True,
                )
            case "radio":
                return RadioSet(
                    *[RadioButton(c, value=(c == value)) for c in field.choices],
                    id=field.dom_id,
                    classes="field-input",
                    compact=True,
                )
            case "flag":
                return Checkbox("yes", value=(value == "yes"), id=field.dom_id, compact=True)
            case _:
                return Input(
                    value=value,
                    placeholder=field.placeholder,
                    id=field.dom_id,
                    classes="field-input",
                    compact=True,
                )

    def on_mount(self) -> None:
        first = self.fields[2] if len(self.fields) > 2 else self.fields[0]
        self.query_one(f"#{first.dom_id}").focus()

    # -- reading the form ---------------------------------------------------------------------

    def raw_values(self) -> dict[str, str]:
        """What is typed or chosen in every field, as text ("" when empty)."""
        raw: dict[str, str] = {}
        for field in self.fields:
            widget = self.query_one(f"#{field.dom_id}")
            if isinstance(widget, Input):
                raw[field.key] = widget.value
            elif isinstance(widget, Select):
                raw[field.key] = "" if widget.value is Select.NULL else str(widget.value)
            elif isinstance(widget, RadioSet):
                index = widget.pressed_index
                raw[field.key] = field.choices[index] if index >= 0 else ""
            elif isinstance(widget, Checkbox):
                raw[field.key] = "yes" if widget.value else ""
        return raw

    def clear_errors(self) -> None:
        for error in self.query(".field-error").results(Static):
            error.update("")
            error.remove_class("shown")
        self.query_one("#form-error", Static).update("")
        for row in self.query(".field-row"):
            row.remove_class("invalid")

    def show_error(self, error: InputError) -> None:
        """Put the problem next to the field it names (or under the form if it names none)."""
        self.clear_errors()
        key = field_for_error(self.kind, error.field)
        if key is None:
            self.query_one("#form-error", Static).update(error.message)
            return
        dom_id = next(f.dom_id for f in self.fields if f.key == key)
        message = self.query_one(f"#err-{dom_id}", Static)
        message.update(error.message)
        message.add_class("shown")
        widget = self.query_one(f"#{dom_id}")
        self.refused = {dom_id: widget.value if isinstance(widget, Input) else ""}
        self.query_one(f"#row-{dom_id}").add_class("invalid")
        self.query_one(f"#{dom_id}").focus()

    # -- actions ------------------------------------------------------------------------------

    def action_save(self) -> None:
        if self.saving:
            return
        try:
            draft = draft_from_form(self.kind, self.raw_values(), self.ctx.today())
        except InputError as error:
            self.show_error(error)
            return
        self.clear_errors()
        self.saving = True
        self.save_draft(draft)

    def action_cancel(self) -> None:
        self.dismiss(None)

    @work(thread=True, exclusive=True, group="form-save")
    def save_draft(self, draft: EntryDraft) -> None:
        with self.guard():
            try:
                if self.entry is None:
                    saved = self.journal.add(draft)
                else:
                    saved = self.journal.edit(self.entry.id, draft)
            finally:
                self.saving = False
            self.post_message(self.Saved(saved, self.entry is not None))

    def on_log_form_screen_saved(self, message: LogFormScreen.Saved) -> None:
        self.dismiss(message.entry)

    def on_journal_work_failed(self, message: TrackerModal.Failed) -> None:
        if not message.fatal:
            self.query_one("#form-error", Static).update(message.text)
        # (the mixin's handler also runs: it notifies, or shows a fatal problem)

    @on(Input.Submitted)
    def _submitted(self) -> None:
        self.action_save()

    @on(Button.Pressed, "#save")
    def _save_pressed(self) -> None:
        self.action_save()

    @on(Button.Pressed, "#cancel")
    def _cancel_pressed(self) -> None:
        self.action_cancel()

    @on(Input.Changed)
    def _changed(self, event: Input.Changed) -> None:
        """Typing in a field clears the problem shown beside it."""
        if event.input.id and self.refused.get(event.input.id, event.value) != event.value:
            self.query_one(f"#row-{event.input.id}").remove_class("invalid")
            error = self.query_one(f"#err-{event.input.id}", Static)
            error.update("")
            error.remove_class("shown")
