"""The clinic-visit report: one self-contained HTML page (no scripts, nothing loaded from outside).

It holds the period, the profile items a clinician asks about, bone-drug doses and scans with
their due dates, every target week by week with its status, sleep and exercise averages with
two small inline SVG charts, the period's notes, and a line saying the figures are
self-reported. ``@page`` CSS makes it print on one A4 or Letter sheet.
"""

from __future__ import annotations

import datetime as dt
import html
import statistics
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from tracker.domain.entry import Entry
from tracker.domain.errors import InputError
from tracker.domain.levers import Aggregation, Direction, Status, unit_after
from tracker.domain.metrics import Kind
from tracker.domain.summary import TargetResult, WeekSummary
from tracker.services.clock import today
from tracker.services.export import iter_entries
from tracker.services.files import atomic_text, check_output
from tracker.services.journal import Journal

DEFAULT_WEEKS = 12
MAX_WEEKS = 27  # about six months: a column per week still fits the page
COMPACT_WEEKS = 14  # above this, cells show the status mark only (figures in the tooltip)
MAX_NOTES = 6
NOTE_CHARS = 120
SELF_REPORTED = (
    "All figures are self-reported by the patient in Lever Tracker, a personal journal; "
    "they are not measurements and this is not medical advice."
)
STATUS_MARK = {
    Status.MET: "✓",
    Status.CLOSE: "≈",
    Status.MISSED: "✗",
    Status.NO_DATA: "–",
    Status.INFO: "·",
}
STATUS_WORD = {
    Status.MET: "met",
    Status.CLOSE: "close",
    Status.MISSED: "missed",
    Status.NO_DATA: "no data",
    Status.INFO: "trend only",
}


@dataclass(frozen=True)
class ReportData:
    start: dt.date
    end: dt.date
    generated: dt.date
    weeks: list[WeekSummary]
    profile: list[tuple[str, str]]
    care: list[Entry]
    due: list[tuple[str, str]]
    sleep_weekly: list[float | None]
    sleep_mean: float | None
    sleep_nights: int
    sleep_target: float | None
    exercise_weekly: list[float]
    exercise_sessions: int
    exercise_target: float | None
    notes: list[Entry]
    notes_more: int
    skipped: list[dt.date] = field(default_factory=list)


def report_period(
    start: dt.date | None, end: dt.date | None, week_start: dt.date | None = None
) -> tuple[dt.date, dt.date]:
    """The period: ``--from``/``--to``; by default the 12 weeks ending with the week of ``end``.

    ``week_start`` is the first day of the week containing ``end`` (the review's week start).
    """
    end = end or today()
    if start is None:
        first = week_start or end - dt.timedelta(days=end.weekday())
        start = first - dt.timedelta(weeks=DEFAULT_WEEKS - 1)
    if end < start:
        raise InputError("--to", end.isoformat(), f"a date on or after --from ({start})")
    if (end - start).days > MAX_WEEKS * 7:
        raise InputError(
            "--from",
            start.isoformat(),
            f"a period of at most {MAX_WEEKS} weeks, so that the report fits one page",
            "starts too long before --to",
        )
    return start, end


def _weeks(
    journal: Journal, start: dt.date | None, end: dt.date | None
) -> tuple[dt.date, dt.date, list[WeekSummary]]:
    """The period and the review of each week that overlaps it, oldest first."""
    from tracker.services.summary import week_summaries, week_summary

    if start and end and end < start:
        raise InputError("--to", end.isoformat(), f"a date on or after --from ({start})")
    if start and end is None and start > today():
        raise InputError("--from", start.isoformat(), f"a date on or before today ({today()})")
    last = week_summary(journal, end or today())
    start, end = report_period(start, end or today(), last.start)
    count = 1 + max(0, (last.start - start).days + 6) // 7
    return start, end, week_summaries(journal, count, end)


def _profile_items(journal: Journal) -> list[tuple[str, str]]:
    from tracker.services.profile import get_profile

    profile = get_profile(journal)
    data = profile.model_dump(mode="json")
    labels = [
        ("sex", "Sex"),
        ("birth_year", "Born"),
        ("weight_kg", "Weight (kg)"),
        ("endocrine_therapy", "Endocrine therapy"),
        ("bone_drug", "Bone drug"),
        ("bone_metastases", "Bone metastases"),
        ("smoker", "Smoker"),
    ]
    items = []
    for key, label in labels:
        value = data.get(key)
        text = "not given" if value in (None, "", "unspecified", "unknown") else str(value)
        items.append((label, text.replace("-", " ") if isinstance(value, str) else text))
    return items


def _metric_target(
    weeks: Sequence[WeekSummary], metric: str, aggregation: Aggregation
) -> tuple[str | None, float | None]:
    from tracker.guidance import catalogue

    for spec in catalogue().targets:
        if spec.metric == metric and spec.aggregation is aggregation:
            for week in reversed(weeks):
                for result in week.targets:
                    if result.id == spec.id:
                        return spec.id, result.target
            return spec.id, spec.threshold
    return None, None


def build_report(
    journal: Journal, start: dt.date | None = None, end: dt.date | None = None
) -> ReportData:
    start, end, weeks = _weeks(journal, start, end)
    entries = list(iter_entries(journal, weeks[0].start if weeks else start, end))
    in_period = [e for e in entries if start <= e.date <= end]
    sleep_by_day: dict[dt.date, float] = {}
    exercise_by_week = [0.0 for _ in weeks]
    sessions = 0
    for entry in in_period:
        if entry.kind is Kind.SLEEP and "hours" in entry.values:
            sleep_by_day[entry.date] = sleep_by_day.get(entry.date, 0.0) + entry.values["hours"]
        if entry.kind is Kind.EXERCISE:
            sessions += 1
    for entry in entries:
        if entry.kind is Kind.EXERCISE:
            for i, week in enumerate(weeks):
                if week.start <= entry.date <= week.end and start <= entry.date <= end:
                    exercise_by_week[i] += entry.values.get("minutes", 0.0)
    sleep_weekly: list[float | None] = []
    for week in weeks:
        nights = [h for d, h in sleep_by_day.items() if week.start <= d <= week.end]
        sleep_weekly.append(round(statistics.fmean(nights), 2) if nights else None)
    care = [e for e in in_period if e.kind is Kind.CARE]
    due: list[tuple[str, str]] = []
    if weeks:
        for result in weeks[-1].targets:
            if result.lever == "C1":
                detail = result.detail.split(" (tracker ")[0]  # no command hints on paper
                due.append((result.title, detail or STATUS_WORD[result.status]))
    noted = [e for e in in_period if e.note.strip()]
    noted.sort(key=lambda e: (e.kind is not Kind.CARE, -e.date.toordinal()))
    _, sleep_target = _metric_target(weeks, "sleep.hours", Aggregation.MEAN_PER_DAY)
    _, exercise_target = _metric_target(weeks, "exercise.minutes", Aggregation.SUM)
    skipped = sorted({d for w in weeks for d in w.skipped_days if start <= d <= end})
    return ReportData(
        start=start,
        end=end,
        generated=today(),
        weeks=weeks,
        profile=_profile_items(journal),
        care=care,
        due=due,
        sleep_weekly=sleep_weekly,
        sleep_mean=round(statistics.fmean(sleep_by_day.values()), 1) if sleep_by_day else None,
        sleep_nights=len(sleep_by_day),
        sleep_target=sleep_target,
        exercise_weekly=exercise_by_week,
        exercise_sessions=sessions,
        exercise_target=exercise_target,
        notes=noted[:MAX_NOTES],
        notes_more=max(0, len(noted) - MAX_NOTES),
        skipped=skipped,
    )


# -- rendering ------------------------------------------------------------------------------


def _e(text: object) -> str:
    return html.escape(str(text), quote=True)


def _num(value: float | None) -> str:
    if value is None:
        return ""
    if abs(value) >= 100 or float(value).is_integer():
        return f"{value:.0f}"
    return f"{value:.1f}"


CSS = """
@page { size: auto; margin: 10mm 11mm; }
* { box-sizing: border-box; }
html { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
body { font: 8pt/1.25 "Helvetica Neue", Arial, sans-serif; color: #111; margin: 0 auto;
       max-width: 190mm; }
h1 { font-size: 13pt; margin: 0 0 1mm; }
h2 { font-size: 9.5pt; margin: 2.5mm 0 1mm; border-bottom: 0.3mm solid #999; }
p { margin: 0.5mm 0; }
.lede { color: #333; }
.selfreported { font-weight: bold; }
.cols { display: flex; gap: 5mm; }
.cols > section { flex: 1; min-width: 0; }
table { border-collapse: collapse; width: 100%; }
th, td { padding: 0.25mm 1mm; text-align: left; vertical-align: top; }
thead th { border-bottom: 0.3mm solid #666; font-weight: 600; }
tbody tr { border-bottom: 0.1mm solid #ddd; }
table.weeks { font-size: 7.2pt; }
table.weeks.many { font-size: 6.5pt; }
table.weeks.many th.w, table.weeks.many td.w { padding: 0.25mm 0.3mm; }
table.weeks th[scope=row], td.goal { white-space: nowrap; }
sup { font-size: 5.5pt; line-height: 0; }
table.weeks td.w { text-align: center; white-space: nowrap; }
table.weeks th.w { text-align: center; font-weight: 600; }
.met { background: #d8f0d8; }
.close { background: #fbecc4; }
.missed { background: #f6d3d3; }
.no-data { color: #888; }
.info { color: #333; }
.src { color: #555; font-size: 6.8pt; }
dl.profile { display: grid; grid-template-columns: auto 1fr; gap: 0 3mm; margin: 0; }
dl.profile dt { color: #555; }
dl.profile dd { margin: 0; }
svg { width: 100%; height: auto; }
.notes li { margin-bottom: 0.4mm; break-inside: avoid; }
.notes { margin: 0; padding-left: 4mm; }
#notes ul.notes { columns: 2; column-gap: 6mm; font-size: 7.3pt; }
.skipped { font-size: 7pt; color: #555; }
footer { margin-top: 2mm; color: #555; font-size: 7pt; }
table, svg, dl { break-inside: avoid; page-break-inside: avoid; }
@media screen { body { padding: 8mm; } }
"""


def _bar_chart(
    title: str,
    values: Sequence[float | None],
    labels: Sequence[str],
    unit: str,
    target: float | None,
) -> str:
    width, height, left, bottom, top = 300, 60, 28, 13, 7
    plot_w = width - left - 4
    plot_h = height - bottom - top
    known = [v for v in values if v is not None]
    peak = max([*known, target or 0.0, 1.0]) * 1.1
    n = max(len(values), 1)
    slot = plot_w / n
    parts = [
        f'<svg viewBox="0 0 {width} {height}" role="img" '
        f'aria-label="{_e(title)}"><title>{_e(title)}</title>',
        f'<line x1="{left}" y1="{top + plot_h}" x2="{width - 4}" y2="{top + plot_h}" '
        'stroke="#666" stroke-width="0.6"/>',
        f'<text x="{left - 3}" y="{top + 3}" font-size="7" text-anchor="end">{_num(peak)}</text>',
        f'<text x="{left - 3}" y="{top + plot_h}" font-size="7" text-anchor="end">0</text>',
        f'<text x="{left - 3}" y="{height - 2}" font-size="6.5" text-anchor="end">'
        f"{_e(unit)}</text>",
    ]
    for i, value in enumerate(values):
        x = left + i * slot + slot * 0.15
        if value is None:
            parts.append(
                f'<text x="{x + slot * 0.35:.1f}" y="{top + plot_h - 2}" font-size="6.5" '
                'text-anchor="middle" fill="#999">–</text>'
            )
        else:
            h = plot_h * value / peak
            parts.append(
                f'<rect x="{x:.1f}" y="{top + plot_h - h:.1f}" width="{slot * 0.7:.1f}" '
                f'height="{h:.1f}" fill="#4a7ab5"><title>{_e(labels[i])}: {_num(value)} '
                f"{_e(unit)}</title></rect>"
            )
        if len(values) <= 14 or i % 2 == 0:
            parts.append(
                f'<text x="{x + slot * 0.35:.1f}" y="{height - 4}" font-size="6.5" '
                f'text-anchor="middle">{_e(labels[i])}</text>'
            )
    if target:
        y = top + plot_h - plot_h * target / peak
        parts.append(
            f'<line x1="{left}" y1="{y:.1f}" x2="{width - 4}" y2="{y:.1f}" stroke="#222" '
            'stroke-width="0.7" stroke-dasharray="3,2"/>'
            f'<text x="{width - 5}" y="{y - 1.5:.1f}" font-size="6.5" text-anchor="end">'
            f"target {_num(target)}</text>"
        )
    parts.append("</svg>")
    return "".join(parts)


def _target_label(result: TargetResult) -> str:
    if result.target is None or result.direction is Direction.INFO:
        return "trend only"
    sign = "≥" if result.direction is Direction.AT_LEAST else "≤"
    return f"{sign} {_num(result.target)} {unit_after(result.target, result.unit)}"


def _source(result: TargetResult) -> str:
    if result.overridden:
        note = f": {result.override_note}" if result.override_note else ""
        return "your own target" + note
    return result.source


def _targets_table(weeks: Sequence[WeekSummary]) -> str:
    """One row per target, one column per week; sources numbered once, listed under the table."""
    order: list[str] = []
    latest: dict[str, TargetResult] = {}
    for week in weeks:
        for result in week.targets:
            if result.id not in latest:
                order.append(result.id)
            latest[result.id] = result
    sources: list[str] = []
    compact = len(weeks) > COMPACT_WEEKS
    heads = []
    for i, w in enumerate(weeks):
        # compact: the month is named only where it changes
        new_month = i == 0 or w.start.month != weeks[i - 1].start.month
        month = f"{w.start:%b}" if new_month or not compact else "&nbsp;"
        label = w.week.split("-W")[-1] if compact else w.week.split("-")[-1]
        heads.append(
            f'<th class="w" title="{_e(w.start)} to {_e(w.end)}">{_e(label)}'
            f"<br><span class=src>{w.start:%d}<br>{month}</span></th>"
        )
    head = "".join(heads)
    rows = []
    for tid in order:
        info = latest[tid]
        source = _source(info)
        if source not in sources:
            sources.append(source)
        ref = sources.index(source) + 1
        cells = []
        for week in weeks:
            found = next((r for r in week.targets if r.id == tid), None)
            if found is None:
                cells.append('<td class="w no-data"></td>')
                continue
            status = found.status
            shown = _num(found.actual) if found.actual is not None else ""
            word = STATUS_WORD[status] + (
                f": {shown} {unit_after(found.actual, found.unit)}" if shown else ""
            )
            figure = "" if compact else f"&#8239;{_e(shown)}"
            mark = STATUS_MARK[status]
            cells.append(f'<td class="w {status.value}" title="{_e(word)}">{mark}{figure}</td>')
        rows.append(
            f'<tr data-target="{_e(tid)}"><th scope="row">{_e(info.title)} '
            f"<span class=src>{_e(info.lever)}</span></th>"
            f'<td class="goal">{_e(_target_label(info))}<sup>{ref}</sup></td>'
            + "".join(cells)
            + "</tr>"
        )
    size = " many" if compact else ""
    notes = " · ".join(f"<sup>{i}</sup>&#8239;{_e(text)}" for i, text in enumerate(sources, 1))
    figures = (
        " With this many weeks each cell shows the status only; the weekly CSV "
        "(tracker export csv --shape weekly) has the figures."
        if compact
        else ""
    )
    return (
        f'<table class="weeks{size}"><thead><tr><th>Target</th><th>Goal</th>'
        f"{head}</tr></thead><tbody>{''.join(rows)}</tbody></table>"
        f'<p class="src" id="sources">Sources: {notes}.{_e(figures)}</p>'
    )


def render_report(data: ReportData) -> str:
    """The report as one HTML document (a string)."""
    from tracker import __version__

    period = f"{data.start:%d %b %Y} to {data.end:%d %b %Y}"
    weeks = len(data.weeks)
    profile = "".join(f"<dt>{_e(k)}</dt><dd>{_e(v)}</dd>" for k, v in data.profile)
    care_rows = "".join(
        f"<tr><td>{e.date.isoformat()}</td><td>{_e(e.tags.get('event', ''))}</td>"
        f"<td>{_e(e.tags.get('drug', '').replace('-', ' '))}</td></tr>"
        for e in data.care
    )
    care = (
        "<table><thead><tr><th>Date</th><th>Event</th><th>Drug</th></tr></thead>"
        f"<tbody>{care_rows}</tbody></table>"
        if care_rows
        else "<p>No doses, scans or appointments logged in this period.</p>"
    )
    due = "".join(f"<li><b>{_e(t)}</b>: {_e(d)}</li>" for t, d in data.due)
    due_html = f'<ul class="notes">{due}</ul>' if due else ""
    labels = [w.week.split("-")[-1] for w in data.weeks]
    sleep_chart = _bar_chart(
        "Sleep: mean hours a night, by week", data.sleep_weekly, labels, "h", data.sleep_target
    )
    exercise_chart = _bar_chart(
        "Exercise: minutes a week",
        list(data.exercise_weekly),
        labels,
        "min",
        data.exercise_target,
    )
    sleep_mean = f"{_num(data.sleep_mean)} h a night" if data.sleep_mean is not None else "no data"
    ex_total = sum(data.exercise_weekly)
    ex_mean = ex_total / weeks if weeks else 0.0
    notes = "".join(
        f"<li><b>{n.date.isoformat()}</b> ({_e(n.kind.value)}): {_e(_clip(n.note))}</li>"
        for n in data.notes
    )
    more = (
        f"<p class=src>{data.notes_more} more notes in the journal.</p>" if data.notes_more else ""
    )
    notes_html = f'<ul class="notes">{notes}</ul>{more}' if notes else "<p>No notes.</p>"
    skipped = (
        f'<p class="skipped">Days marked as skipped (ill, travelling, ...) are left out of '
        f"the review: {len(data.skipped)} in this period.</p>"
        if data.skipped
        else ""
    )
    legend = " ".join(
        f'<span class="{s.value}">{STATUS_MARK[s]} {STATUS_WORD[s]}</span>' for s in Status
    )
    return f"""<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Lever Tracker report, {_e(period)}</title>
<style>{CSS}</style>
</head>
<body>
<header>
<h1>Lever Tracker: report for a clinic visit</h1>
<p class="lede">Period: <b id="period">{_e(period)}</b> ({weeks} week{"" if weeks == 1 else "s"}).
Prepared {data.generated:%d %b %Y}.</p>
<p class="selfreported" id="self-reported">{_e(SELF_REPORTED)}</p>
</header>
<div class="cols">
<section id="profile"><h2>Profile</h2><dl class="profile">{profile}</dl></section>
<section id="bone-care"><h2>Bone care: doses and scans</h2>{care}{due_html}</section>
</div>
<section id="targets"><h2>Targets week by week</h2>
{_targets_table(data.weeks)}
<p class="src">{legend}. Goals come from cited guidance, are app-defined where no authority
gives a number, or were set by the patient ("your own target"). Weeks with too few days logged
show no data rather than a miss.</p>{skipped}
</section>
<div class="cols">
<section id="sleep"><h2>Sleep</h2>
<p>Average {_e(sleep_mean)} over {data.sleep_nights} night{"" if data.sleep_nights == 1 else "s"}
logged.</p>{sleep_chart}</section>
<section id="exercise"><h2>Exercise</h2>
<p>Average {_num(ex_mean)} min a week; {data.exercise_sessions} session{
        "" if data.exercise_sessions == 1 else "s"
    } logged.</p>{exercise_chart}</section>
</div>
<section id="notes"><h2>Notes</h2>{notes_html}</section>
<footer><p>Self-reported figures. Lever Tracker {_e(__version__)} keeps everything on the patient's
own device; targets can be changed to what the care team agreed.</p></footer>
</body>
</html>
"""


def _clip(text: str) -> str:
    one = " ".join(text.split())
    return one if len(one) <= NOTE_CHARS else one[: NOTE_CHARS - 1] + "…"


def write_report(
    journal: Journal,
    path: Path,
    start: dt.date | None = None,
    end: dt.date | None = None,
) -> ReportData:
    """Build the report and write it to ``path`` (checked first; atomic; 0600)."""
    check_output(path, journal=journal.path)
    data = build_report(journal, start, end)
    with atomic_text(path) as handle:
        handle.write(render_report(data))
    return data
