"""Profile and settings (from the command palette): small forms saved through the services."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.message import Message
from textual.widget import Widget
from textual.widgets import Button, Input, Label, Select, Static

from tracker.domain.errors import InputError
from tracker.domain.parse import parse_number
from tracker.tui.context import THEMES
from tracker.tui.screens.base import TrackerModal

if TYPE_CHECKING:
    from tracker.domain.profile import Profile

PROFILE_LABELS: dict[str, tuple[str, str]] = {  # field -> (label, unit)
    "sex": ("Sex", ""),
    "birth_year": ("Birth year", ""),
    "weight_kg": ("Weight", "kg"),
    "endocrine_therapy": ("Hormone therapy", ""),
    "bone_drug": ("Bone drug", ""),
    "bone_metastases": ("Bone metastases", ""),
    "smoker": ("Smoker", ""),
    "alcohol_unit": ("Alcohol unit", ""),
}


def _dom(field: str) -> str:
    return "p-" + field.replace("_", "-")


class SmallForm(TrackerModal[bool]):
    """A few labelled fields, each with a place for its problem; ctrl+s saves, escape cancels."""

    BINDINGS = [
        Binding("ctrl+s", "save", "Save", id="settings.save", priority=True),
        Binding("escape", "cancel", "Cancel", id="settings.cancel"),
    ]
    TITLE_TEXT = ""
    HINT = ""

    class Saved(Message):
        """The form's values were saved; ``text`` says what changed."""

        def __init__(self, text: str) -> None:
            super().__init__()
            self.text = text

    def rows(self) -> list[tuple[str, str, Widget, str]]:
        """(field, label, widget, unit) for each field."""
        raise NotImplementedError

    def compose(self) -> ComposeResult:
        with Vertical(id="form-box") as box:
            box.border_title = self.TITLE_TEXT
            yield Static(self.HINT, id="form-hint")
            with VerticalScroll(id="form-fields"):
                for field, label, widget, unit in self.rows():
                    with Horizontal(classes="field-row", id=f"row-{_dom(field)}"):
                        yield Label(label, classes="field-label")
                        yield widget
                        yield Label(unit, classes="field-unit")
                    yield Static("", classes="field-error", id=f"err-{_dom(field)}")
            yield Static("", id="form-error")
            with Horizontal(id="form-buttons"):
                yield Button("Save  ctrl+s", variant="primary", id="save", compact=True)
                yield Button("Cancel  esc", id="cancel", compact=True)

    def show_error(self, error: InputError) -> None:
        for message in self.query(".field-error").results(Static):
            message.update("")
            message.remove_class("shown")
        field = error.field.removeprefix("profile.").removeprefix("--")
        found = self.query(f"#err-{_dom(field)}").results(Static)
        target = next(iter(found), None)
        if target is None:
            self.query_one("#form-error", Static).update(error.message)
            return
        target.update(error.message)
        target.add_class("shown")

    def action_cancel(self) -> None:
        self.dismiss(False)

    @on(Button.Pressed, "#save")
    def _save_pressed(self) -> None:
        self.action_save()

    @on(Button.Pressed, "#cancel")
    def _cancel_pressed(self) -> None:
        self.action_cancel()

    @on(Input.Submitted)
    def _submitted(self) -> None:
        self.action_save()

    def action_save(self) -> None:
        raise NotImplementedError

    def on_small_form_saved(self, message: SmallForm.Saved) -> None:
        self.notify(message.text, title="Saved", markup=False)
        self.dismiss(True)

    def on_journal_work_failed(self, message: TrackerModal.Failed) -> None:
        self.query_one("#form-error", Static).update(message.text)


class ProfileScreen(SmallForm):
    """Who the review is for; every field optional. Saved in the journal (undo reverses it)."""

    TITLE_TEXT = "Profile"
    HINT = "Personalises some targets (e.g. calcium after 50). Leave what you prefer not to say."

    class Loaded(Message):
        """The stored profile was read."""

        def __init__(self, profile: Profile) -> None:
            super().__init__()
            self.profile = profile

    def rows(self) -> list[tuple[str, str, Widget, str]]:
        from tracker.domain.profile import PROFILE_CHOICES

        out: list[tuple[str, str, Widget, str]] = []
        for field, (label, unit) in PROFILE_LABELS.items():
            widget: Widget
            if field in PROFILE_CHOICES:
                choices = [(c.value, c.value) for c in PROFILE_CHOICES[field]]
                widget = Select(
                    choices, allow_blank=False, id=_dom(field), classes="field-input", compact=True
                )
            else:
                widget = Input(id=_dom(field), classes="field-input", compact=True)
            out.append((field, label, widget, unit))
        return out

    def on_mount(self) -> None:
        self.load()

    def journal_ready(self) -> None:
        self.load()

    @work(thread=True, exclusive=True, group="profile")
    def load(self) -> None:
        if self.ctx.journal is None:
            return
        from tracker.services.profile import get_profile

        with self.guard():
            self.post_message(self.Loaded(get_profile(self.journal)))

    def on_profile_screen_loaded(self, message: ProfileScreen.Loaded) -> None:
        data = message.profile.model_dump(mode="json")
        for field in PROFILE_LABELS:
            widget = self.query_one(f"#{_dom(field)}")
            value = data.get(field)
            if isinstance(widget, Select):
                widget.value = value
            elif isinstance(widget, Input):
                widget.value = "" if value is None else f"{value:g}"
        self.query_one(f"#{_dom('sex')}").focus()

    def fields(self) -> dict[str, Any]:
        """The form's values, numbers parsed (raises ``InputError`` naming the field)."""
        out: dict[str, Any] = {}
        for field in PROFILE_LABELS:
            widget = self.query_one(f"#{_dom(field)}")
            if isinstance(widget, Select):
                out[field] = str(widget.value)
            elif isinstance(widget, Input):
                text = widget.value.strip()
                integer = field == "birth_year"
                allowed = "a year, e.g. 1961" if integer else "a number of kilograms, e.g. 64.5"
                number = parse_number(text, f"profile.{field}", allowed, integer) if text else None
                out[field] = int(number) if integer and number is not None else number
        return out

    def action_save(self) -> None:
        try:
            fields = self.fields()
        except InputError as error:
            self.show_error(error)
            return
        self.save(fields)

    @work(thread=True, exclusive=True, group="profile")
    def save(self, fields: dict[str, Any]) -> None:
        from tracker.services.profile import set_profile

        with self.guard():
            try:
                profile = set_profile(self.journal, **fields)
            except InputError as error:
                self.app.call_from_thread(self.show_error, error)
                return
            changed = ", ".join(f"{k} {v}" for k, v in profile.changes().items()) or "defaults"
            self.post_message(self.Saved(f"Profile saved: {changed}."))


class SettingsScreen(SmallForm):
    """The first day of the week and the theme (kept in config.toml)."""

    TITLE_TEXT = "Settings"
    HINT = "The week's first day changes how the weekly review groups days."

    def rows(self) -> list[tuple[str, str, Widget, str]]:
        from tracker.domain.week import Weekday

        days = [(d.value.capitalize(), d.value) for d in Weekday]
        themes = [("dark", "dark"), ("light", "light")]
        current = "light" if self.app.theme == THEMES["light"] else "dark"
        return [
            (
                "week_start",
                "Week starts on",
                Select(days, allow_blank=False, id=_dom("week_start"), compact=True),
                "",
            ),
            (
                "theme",
                "Theme",
                Select(themes, allow_blank=False, value=current, id=_dom("theme"), compact=True),
                "",
            ),
        ]

    class Loaded(Message):
        """The current week start was read."""

        def __init__(self, week_start: str) -> None:
            super().__init__()
            self.week_start = week_start

    def on_mount(self) -> None:
        self.load()

    @work(thread=True, exclusive=True, group="settings")
    def load(self) -> None:
        from tracker.services.settings import load_settings

        with self.guard():
            self.post_message(self.Loaded(load_settings().week_start.value))

    def on_settings_screen_loaded(self, message: SettingsScreen.Loaded) -> None:
        self.query_one(f"#{_dom('week_start')}", Select).value = message.week_start
        self.query_one(f"#{_dom('week_start')}").focus()

    def action_save(self) -> None:
        start = str(self.query_one(f"#{_dom('week_start')}", Select).value)
        theme = str(self.query_one(f"#{_dom('theme')}", Select).value)
        self.save(start, theme)

    @work(thread=True, exclusive=True, group="settings")
    def save(self, week_start: str, theme: str) -> None:
        from tracker.services.appearance import save_theme
        from tracker.services.settings import update_settings

        with self.guard():
            update_settings(week_start=week_start)
            save_theme(theme)
            # The theme first: "Saved" closes this screen, and a message after it would be lost.
            self.post_message(self.ThemeChosen(theme))
            self.post_message(self.Saved(f"Settings saved: week starts on {week_start}, {theme}."))

    class ThemeChosen(Message):
        """The theme was saved; the app shows it."""

        def __init__(self, theme: str) -> None:
            super().__init__()
            self.theme = theme

    def on_settings_screen_theme_chosen(self, message: SettingsScreen.ThemeChosen) -> None:
        self.app.theme = THEMES[message.theme]
