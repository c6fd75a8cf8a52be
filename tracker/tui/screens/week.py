"""Week (``w``): the weekly review, levers in order, a chart of the selected target, sparklines."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.message import Message
from textual.widgets import DataTable, Footer, Header, Label, Sparkline, Static
from textual_plotext import PlotextPlot

from tracker.tui.screens.base import TrackerScreen
from tracker.tui.widgets.status import number, status_text, target_text, with_unit
from tracker.tui.widgets.text import app_detail

if TYPE_CHECKING:
    from tracker.domain.summary import TargetResult, WeekSummary

CHART_WEEKS = 10
SPARK_TARGETS = {"sleep-duration": "Sleep, h a night", "aerobic-minutes": "Exercise, min a week"}


def week_title(summary: WeekSummary, today: dt.date) -> str:
    span = f"{summary.start:%a} {summary.start.day} {summary.start:%b} – "
    span += f"{summary.end:%a} {summary.end.day} {summary.end:%b %Y}"
    rel = ""
    if summary.start <= today <= summary.end:
        rel = " · this week"
    elif summary.end < today:
        weeks = (today - summary.end).days // 7 + 1
        rel = " · last week" if weeks == 1 else f" · {weeks} weeks ago"
    return f"◀ Week {summary.week} · {span}{rel} ▶"


def source_text(result: TargetResult) -> Text:
    text = Text()
    if result.overridden:
        text.append("Source: your own target", style="bold")
        if result.override_note:
            text.append(f" ({result.override_note})")
    elif result.app_defined:
        text.append("Source: app-defined (no published number; change it to suit you)")
    else:
        text.append(f"Source: {result.source}", style="bold")
        if result.citation:
            text.append(f" · {result.citation}")
    return text


class WeekScreen(TrackerScreen):
    """One week of the review; left/right move a week."""

    SUB_TITLE = "Week"
    BINDINGS = [
        Binding("escape", "app.pop_screen", "Back", id="week.back"),
        Binding("left", "move(-1)", "Previous week", id="week.prev", priority=True),
        Binding("right", "move(1)", "Next week", id="week.next", priority=True),
        Binding("t", "this_week", "This week", id="week.this", show=False),
        Binding("i", "toggle_source", "Source", id="week.source"),
    ]

    class Loaded(Message):
        """The review of the weeks ending with the shown week (oldest first)."""

        def __init__(self, day: dt.date, summaries: list[WeekSummary]) -> None:
            super().__init__()
            self.day = day
            self.summaries = summaries

    def __init__(self, day: dt.date | None = None) -> None:
        super().__init__(id="week")
        self.day = day or dt.date.min
        self.summaries: list[WeekSummary] = []
        self.show_source = False

    @property
    def summary(self) -> WeekSummary | None:
        return self.summaries[-1] if self.summaries else None

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static("", id="week-title")
        yield DataTable(id="week-table", cursor_type="row", zebra_stripes=True)
        yield Static("", id="week-detail")
        with Horizontal(id="week-bottom"):
            yield PlotextPlot(id="week-chart")
            with Vertical(id="week-sparks"):
                for target_id, label in SPARK_TARGETS.items():
                    yield Label(label, id=f"spark-label-{target_id}")
                    yield Sparkline([], id=f"spark-{target_id}")
        yield Footer(compact=True, show_command_palette=False)

    def on_mount(self) -> None:
        if self.day == dt.date.min:
            self.day = self.ctx.today()
        table = self.query_one("#week-table", DataTable)
        table.add_columns("lever", "target", "actual", "aim", "status")
        self.query_one("#week-title", Static).update(f"Week of {self.day.isoformat()} …")
        self.reload()
        table.focus()

    def journal_ready(self) -> None:
        self.reload()

    def reload(self) -> None:
        if self.ctx.journal is not None:
            self.load(self.day)

    @work(thread=True, exclusive=True, group="week-load")
    def load(self, day: dt.date) -> None:
        from tracker.services.summary import week_summaries

        with self.guard():
            summaries = week_summaries(self.journal, CHART_WEEKS, end_day=day)
            self.post_message(self.Loaded(day, summaries))

    def on_week_screen_loaded(self, message: WeekScreen.Loaded) -> None:
        if message.day != self.day or not message.summaries:
            return
        self.summaries = message.summaries
        summary = message.summaries[-1]
        self.query_one("#week-title", Static).update(week_title(summary, self.ctx.today()))
        table = self.query_one("#week-table", DataTable)
        row = table.cursor_row
        table.clear()
        for result in summary.targets:
            table.add_row(
                result.lever,
                result.title + (" *" if result.overridden else ""),
                with_unit(result.actual, result.unit),
                target_text(result.target, result.direction, result.unit),
                status_text(result.status),
                key=result.id,
            )
        if table.row_count:
            table.move_cursor(row=min(row, table.row_count - 1))
        self.show_selected()
        for target_id in SPARK_TARGETS:
            values = [self._actual(s, target_id) for s in self.summaries]
            self.query_one(f"#spark-{target_id}", Sparkline).data = [v or 0.0 for v in values]
            label = self.query_one(f"#spark-label-{target_id}", Label)
            label.update(f"{SPARK_TARGETS[target_id]}: {number(values[-1])}")

    @staticmethod
    def _actual(summary: WeekSummary, target_id: str) -> float | None:
        found = next((t for t in summary.targets if t.id == target_id), None)
        return found.actual if found else None

    def selected(self) -> TargetResult | None:
        table = self.query_one("#week-table", DataTable)
        if self.summary is None or table.row_count == 0:
            return None
        key = table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value
        return next((t for t in self.summary.targets if t.id == key), None)

    @on(DataTable.RowHighlighted, "#week-table")
    def show_selected(self) -> None:
        result = self.selected()
        detail = self.query_one("#week-detail", Static)
        if result is None:
            detail.update("")
            return
        lever = (
            next((lv for lv in self.summary.levers if lv.id == result.lever), None)
            if (self.summary)
            else None
        )
        text = Text(f"{result.lever} {lever.name}: " if lever else "", style="bold")
        text.append(app_detail(result.detail) or result.title)
        text.append(f" · logged on {result.days_logged} of 7 days", style="dim")
        if self.show_source:
            text.append("\n")
            text.append(source_text(result))
        else:
            text.append("  (i: source)", style="dim")
        detail.update(text)
        self.draw_chart(result.id)

    def draw_chart(self, target_id: str) -> None:
        chart = self.query_one("#week-chart", PlotextPlot)
        plt = chart.plt
        plt.clear_data()
        plt.clear_figure()
        labels = [s.week[-3:] for s in self.summaries]
        values = [self._actual(s, target_id) for s in self.summaries]
        result = self.selected()
        plt.bar(labels, [v or 0.0 for v in values])
        top = max([v or 0.0 for v in values] + [result.target or 0.0 if result else 0.0])
        plt.ylim(0, top * 1.15 if top > 0 else 1)
        if result is not None and result.target is not None:
            plt.hline(result.target)
        unit = f" ({result.unit})" if result is not None and result.unit else ""
        plt.title(f"{result.title if result else target_id}{unit}, last {len(labels)} weeks")
        chart.refresh()

    # -- actions ------------------------------------------------------------------------------

    def action_move(self, weeks: int) -> None:
        self.day = self.day + dt.timedelta(weeks=weeks)
        self.reload()

    def action_this_week(self) -> None:
        self.day = self.ctx.today()
        self.reload()

    def action_toggle_source(self) -> None:
        self.show_source = not self.show_source
        self.show_selected()
