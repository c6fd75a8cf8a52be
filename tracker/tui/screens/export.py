"""Export (``x``): the CSVs, the whole journal as JSON, the clinic report, a backup copy.

The same services as ``tracker export|report|backup``; the work runs in a worker thread and a
progress bar follows long exports. Problems are shown on one line; nothing partial is left.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.message import Message
from textual.widgets import (
    Button,
    Footer,
    Header,
    Input,
    Label,
    ProgressBar,
    RadioButton,
    RadioSet,
    Static,
)

from tracker.tui.screens.base import JournalWork, TrackerScreen, describe_problem

if TYPE_CHECKING:
    from tracker.services.journal import Journal

# choice id -> (label, file suffix, takes a date range)
CHOICES: dict[str, tuple[str, str, bool]] = {
    "entries": ("Entries CSV: one row per entry, lossless, re-importable", "csv", True),
    "daily": ("Daily CSV: one row per date, a column per metric", "csv", True),
    "weekly": ("Weekly CSV: one row per week and target, with its status", "csv", True),
    "json": ("Whole journal (JSON): history, bin, skip days, profile, targets", "json", False),
    "report": ("Clinic report (HTML, one printable page; default last 12 weeks)", "html", True),
    "backup": ("Backup copy of the journal file", "db", False),
    "import": (
        "Import a JSON export or an entries CSV (nothing is added twice)",
        "",
        False,
    ),
}


def default_name(choice: str, day: dt.date) -> str:
    if choice == "import":
        return ""
    suffix = CHOICES[choice][1]
    stem = {"report": "visit", "backup": "journal-copy"}.get(choice, f"lever-tracker-{choice}")
    return f"{stem}-{day.isoformat()}.{suffix}"


class ExportScreen(TrackerScreen):
    """Pick what to export, optionally a date range and where; a bar shows the progress."""

    SUB_TITLE = "Export"
    DEFAULT_CSS = """
    ExportScreen #export-body { padding: 0 1; }
    ExportScreen #export-range { height: auto; }
    ExportScreen #export-range Label { padding: 1 1 0 0; }
    ExportScreen #export-range Input { width: 26; }
    ExportScreen #export-actions { height: auto; }
    ExportScreen #export-progress { margin: 1 0 0 2; }
    ExportScreen #export-result { margin: 0 0 0 0; }
    ExportScreen #export-result.error { color: $error; }
    """
    BINDINGS = [
        Binding("escape", "app.pop_screen", "Back", id="export.back"),
        Binding("ctrl+s", "export", "Export", id="export.run"),
    ]

    class Progress(Message):
        def __init__(self, done: int, total: int) -> None:
            super().__init__()
            self.done = done
            self.total = total

    class Done(Message):
        def __init__(self, text: str, ok: bool) -> None:
            super().__init__()
            self.text = text
            self.ok = ok

    def __init__(self) -> None:
        super().__init__()
        self._picked = "entries"
        self._path_typed = False
        self._exporting = False

    def compose(self) -> ComposeResult:
        yield Header()
        with VerticalScroll(id="export-body"):
            yield Static(
                "Files are written only where you say, readable only by you, and never half "
                "written. CSVs open in any spreadsheet.",
                id="export-intro",
            )
            with RadioSet(id="export-choice"):
                for key, (label, _suffix, _ranged) in CHOICES.items():
                    yield RadioButton(label, value=key == "entries", id=f"export-{key}")
            with Horizontal(id="export-range"):
                yield Label("From")
                yield Input(placeholder="YYYY-MM-DD", id="export-from")
                yield Label("To")
                yield Input(placeholder="YYYY-MM-DD", id="export-to")
            yield Label("Write to", id="export-path-label")
            yield Input(id="export-path")
            with Horizontal(id="export-actions"):
                yield Button("Export", id="export-go", variant="primary")
                yield ProgressBar(total=None, show_eta=False, id="export-progress")
            yield Static("", id="export-result")
        yield Footer()

    def on_mount(self) -> None:
        path = self.query_one("#export-path", Input)
        with path.prevent(Input.Changed):
            path.value = str(Path.cwd() / default_name(self._picked, self.ctx.today()))
        self.query_one("#export-progress", ProgressBar).display = False

    @on(RadioSet.Changed, "#export-choice")
    def _chosen(self, event: RadioSet.Changed) -> None:
        button_id = event.pressed.id or "export-entries"
        self._picked = button_id.removeprefix("export-")
        self.query_one("#export-range").display = CHOICES[self._picked][2]
        reading = self._picked == "import"
        self.query_one("#export-path-label", Label).update("Read from" if reading else "Write to")
        self.query_one("#export-go", Button).label = "Import" if reading else "Export"
        if not self._path_typed:
            path = self.query_one("#export-path", Input)
            folder = Path(path.value).parent if path.value else Path.cwd()
            with path.prevent(Input.Changed):
                path.value = str(folder / default_name(self._picked, self.ctx.today()))

    @on(Input.Changed, "#export-path")
    def _path_changed(self) -> None:
        self._path_typed = True

    @on(Button.Pressed, "#export-go")
    def _go(self) -> None:
        self.action_export()

    @on(Input.Submitted)
    def _submitted(self) -> None:
        self.action_export()

    def action_export(self) -> None:
        if self._exporting:
            return
        result = self.query_one("#export-result", Static)
        try:
            start, end = self._range()
        except ValueError as error:
            result.update(str(error))
            result.set_class(True, "error")
            return
        path = Path(self.query_one("#export-path", Input).value.strip()).expanduser()
        self._exporting = True
        bar = self.query_one("#export-progress", ProgressBar)
        bar.update(total=None, progress=0)
        bar.display = True
        result.update("Working…")
        result.set_class(False, "error")
        result.scroll_visible()
        self.run_export(self._picked, path, start, end)

    def _range(self) -> tuple[dt.date | None, dt.date | None]:
        from tracker.domain.errors import InputError
        from tracker.domain.parse import parse_date

        if not CHOICES[self._picked][2]:
            return None, None
        today = self.ctx.today()
        values = []
        for widget_id, field in (("#export-from", "from"), ("#export-to", "to")):
            text = self.query_one(widget_id, Input).value.strip()
            try:
                values.append(parse_date(text, today, field) if text else None)
            except InputError as error:
                raise ValueError(error.message) from None
        start, end = values
        if start and end and end < start:
            raise ValueError(f"to: {end} is before from ({start}); allowed: a later date")
        return start, end

    @work(thread=True, exclusive=True, group="export")
    def run_export(
        self, choice: str, path: Path, start: dt.date | None, end: dt.date | None
    ) -> None:
        def progress(done: int, total: int) -> None:
            self.post_message(self.Progress(done, total))

        from tracker.domain.errors import InputError

        try:
            text = export_now(self.journal, choice, path, start, end, progress)
        except InputError as error:  # bad input: said on the screen, nothing was written
            self.post_message(self.Done(error.message, ok=False))
            return
        except Exception as error:
            text, fatal = describe_problem(error)
            self.post_message(JournalWork.Failed(text, fatal))
            self.post_message(self.Done(text, ok=False))
            return
        self.post_message(self.Done(text, ok=True))

    def on_export_screen_progress(self, message: ExportScreen.Progress) -> None:
        self.query_one("#export-progress", ProgressBar).update(
            total=max(message.total, 1), progress=message.done
        )

    def on_export_screen_done(self, message: ExportScreen.Done) -> None:
        self._exporting = False
        bar = self.query_one("#export-progress", ProgressBar)
        result = self.query_one("#export-result", Static)
        if message.ok:
            bar.update(total=1, progress=1)
            result.update(message.text)
            result.set_class(False, "error")
            self.notify(message.text, markup=False)
        else:
            bar.display = False
            result.update(f"Nothing was written. {message.text}".strip())
            result.set_class(True, "error")
        result.scroll_visible()


def export_now(
    journal: Journal,
    choice: str,
    path: Path,
    start: dt.date | None,
    end: dt.date | None,
    report: Callable[[int, int], None],
) -> str:
    """Run one export; returns the sentence to show. Raises ``InputError`` for bad input."""
    if choice in ("entries", "daily", "weekly"):
        from tracker.services.export import Shape, export_csv

        rows = export_csv(journal, Shape(choice), path, start, end, progress=report)
        return f"Wrote {rows} row{'' if rows == 1 else 's'} to {path}"
    if choice == "json":
        from tracker.services.export import export_json

        data = export_json(journal, path, progress=report)
        return f"Wrote the whole journal ({len(data.entries)} entries) to {path}"
    if choice == "report":
        from tracker.services.report import write_report

        info = write_report(journal, path, start, end)
        report(1, 1)
        return f"Wrote the report for {info.start} to {info.end} to {path}; open it and print it"
    if choice == "import":
        from tracker.services.importer import apply_import, read_import

        plan = read_import(path)
        report(0, 1)
        result = apply_import(journal, plan)
        report(1, 1)
        return result.message(path).capitalize()
    from tracker.services.backups import backup_now

    target = backup_now(journal.path, path)
    report(1, 1)
    return f"Copied the journal to {target}"
