"""The clinic report parsed as HTML, and the weekly CSV checked cell by cell against the review."""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
import stat
from html.parser import HTMLParser
from pathlib import Path

import pytest

from tracker.domain.entry import EntryDraft
from tracker.domain.errors import InputError
from tracker.domain.export import WEEKLY_COLUMNS, neutralise, number_cell
from tracker.services.export import Shape, export_csv
from tracker.services.journal import Journal
from tracker.services.profile import set_profile
from tracker.services.report import SELF_REPORTED, build_report, render_report, write_report
from tracker.services.summary import week_summaries
from tracker.store.models import TargetOverrideRow

TODAY = dt.date(2026, 11, 30)
EVIL = '=1+1 <script>alert("x")</script> & "quotes", café'


class Page(HTMLParser):
    """Collects tags, attributes, text, and the text inside each element with an id."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[str] = []
        self.attrs: list[tuple[str, str, str]] = []
        self.text: list[str] = []
        self.styles: list[str] = []
        self.targets: list[str] = []
        self.ids: list[str] = []
        self._in_style = False
        self.week_headers = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)
        for name, value in attrs:
            self.attrs.append((tag, name, value or ""))
            if name == "data-target":
                self.targets.append(value or "")
            if name == "id":
                self.ids.append(value or "")
            if tag == "th" and name == "class" and value == "w":
                self.week_headers += 1
        self._in_style = tag == "style"

    def handle_endtag(self, tag: str) -> None:
        if tag == "style":
            self._in_style = False

    def handle_data(self, data: str) -> None:
        (self.styles if self._in_style else self.text).append(data)


@pytest.fixture
def filled(journal: Journal, monkeypatch: pytest.MonkeyPatch) -> Journal:
    monkeypatch.setenv("TRACKER_TODAY", TODAY.isoformat())
    drafts = []
    for back in range(0, 90):
        day = TODAY - dt.timedelta(days=back)
        drafts.append(EntryDraft.build(kind="sleep", date=day, values={"hours": 6 + back % 3}))
        if back % 2 == 0:
            drafts.append(
                EntryDraft.build(
                    kind="exercise", date=day, tags={"type": "walk"}, values={"minutes": 40}
                )
            )
    drafts.append(
        EntryDraft.build(
            kind="care",
            date=TODAY - dt.timedelta(days=30),
            tags={"event": "dose", "drug": "denosumab"},
            note="left arm",
        )
    )
    drafts.append(
        EntryDraft.build(kind="nutrition", date=TODAY, values={"calcium_mg": 900}, note=EVIL)
    )
    journal.add_many((d, None) for d in drafts)
    set_profile(journal, sex="female", bone_drug="denosumab-6m", birth_year=1961)
    with journal.write() as session, session.begin():
        session.add(
            TargetOverrideRow(
                target_id="sleep-duration",
                value=7.5,
                note="agreed with Dr Okafor",
                set_at=dt.datetime(2026, 11, 1),
            )
        )
    return journal


def parse(text: str) -> Page:
    page = Page()
    page.feed(text)
    page.close()
    return page


def test_report_structure_and_self_contained(filled: Journal, tmp_path: Path) -> None:
    path = tmp_path / "visit.html"
    data = write_report(filled, path)
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    text = path.read_text(encoding="utf-8")
    page = parse(text)
    assert text.startswith("<!DOCTYPE html>")
    for tag in ("html", "head", "title", "style", "body", "h1", "table", "svg"):
        assert tag in page.tags, tag
    for forbidden in ("script", "link", "img", "iframe", "object", "embed", "base", "form"):
        assert forbidden not in page.tags, forbidden
    for tag, name, value in page.attrs:
        assert name not in ("src", "href", "srcset", "action", "xmlns"), (tag, name)
        assert not name.startswith("on"), (tag, name)
        assert "http" not in value.lower(), (tag, name, value)
        assert "//" not in value, (tag, name, value)
    assert "http" not in text.lower()  # not even a namespace or a citation link
    css = "".join(page.styles)
    assert "@page" in css
    assert "url(" not in css
    assert "@import" not in css
    for section in ("profile", "bone-care", "targets", "sleep", "exercise", "notes"):
        assert section in page.ids
    body = " ".join(page.text)
    assert SELF_REPORTED in body
    assert EVIL[:40] in " ".join(body.split())  # the note is shown as text, never as markup
    assert "denosumab" in body
    assert "agreed with Dr Okafor" in body
    assert "30 Nov 2026" in body
    # every target of every week in the period has a row, and each week a column
    expected = {t.id for w in data.weeks for t in w.targets}
    assert set(page.targets) == expected
    assert len(page.targets) == len(expected)
    assert page.week_headers == 12 == len(data.weeks)
    assert data.weeks[-1].start <= TODAY <= data.weeks[-1].end
    assert data.start == data.weeks[0].start


def test_report_numbers(filled: Journal) -> None:
    data = build_report(filled)
    assert data.sleep_nights == (TODAY - data.start).days + 1
    assert data.exercise_sessions == sum(
        1 for b in range(90) if b % 2 == 0 and TODAY - dt.timedelta(days=b) >= data.start
    )
    assert len(data.care) == 1
    assert data.sleep_target == 7.5  # the user's own target, not the default
    assert data.notes[0].note == "left arm"  # care notes first
    due = dict(data.due)
    assert "2026-10-31" in due["Bone drug on schedule"]
    assert "2027-04-30" in due["Bone drug on schedule"]
    assert dict(data.profile)["Bone drug"] == "denosumab 6m"
    assert dict(data.profile)["Born"] == "1961"
    assert dict(data.profile)["Bone metastases"] == "not given"


def test_report_period_options(filled: Journal, tmp_path: Path) -> None:
    data = build_report(filled, dt.date(2026, 11, 2), dt.date(2026, 11, 15))
    assert [w.week for w in data.weeks] == ["2026-W45", "2026-W46"]
    with pytest.raises(InputError, match="--to"):
        build_report(filled, dt.date(2026, 11, 15), dt.date(2026, 11, 2))
    with pytest.raises(InputError, match=r"--from: '2026-12-25'.*on or before today"):
        build_report(filled, dt.date(2026, 12, 25))
    with pytest.raises(InputError, match="at most 27 weeks"):
        build_report(filled, dt.date(2024, 1, 1), TODAY)
    with pytest.raises(InputError, match="does not exist"):
        write_report(filled, tmp_path / "no" / "visit.html")
    assert not (tmp_path / "no").exists()


def test_a_long_period_shows_status_marks_only(filled: Journal) -> None:
    data = build_report(filled, TODAY - dt.timedelta(weeks=20), TODAY)
    assert len(data.weeks) == 21
    text = render_report(data)
    page = parse(text)
    assert page.week_headers == 21
    assert set(page.targets) == {t.id for w in data.weeks for t in w.targets}
    cells = re.findall(r'<td class="w [a-z-]+" title="[^"]*">([^<]*)</td>', text)
    assert cells
    assert not any(ch.isdigit() for cell in cells for ch in cell)  # figures are in the tooltips
    assert "the weekly CSV" in text


def test_an_empty_journal_still_gives_a_report(journal: Journal) -> None:
    page = parse(render_report(build_report(journal)))
    assert "No doses" in " ".join(page.text)
    assert "targets" in page.ids


def test_weekly_csv_cell_by_cell(filled: Journal) -> None:
    out = io.StringIO()
    start, end = dt.date(2026, 10, 5), TODAY
    export_csv(filled, Shape.WEEKLY, out, start, end)
    rows = list(csv.reader(io.StringIO(out.getvalue(), newline="")))
    assert rows[0] == list(WEEKLY_COLUMNS)
    weeks = week_summaries(filled, 9, end)
    expected = [
        [
            w.week,
            t.lever,
            t.id,
            "" if t.actual is None else number_cell(round(t.actual, 6)),
            t.unit,
            "" if t.target is None else number_cell(t.target),
            t.direction.value,
            t.status.value,
            neutralise(t.source),
        ]
        for w in weeks
        for t in w.targets
    ]
    assert rows[1:] == expected
    assert rows[1][0] == "2026-W41"
    sleep = [r for r in rows[1:] if r[2] == "sleep-duration"]
    assert all(r[5] == "7.5" and r[8] == "your own target" for r in sleep)


def test_weekly_csv_in_chunks_is_the_same(filled: Journal) -> None:
    from tracker.services.export import weekly_rows

    whole = list(weekly_rows(filled, dt.date(2026, 9, 1), TODAY, chunk_weeks=52))
    pieces = list(weekly_rows(filled, dt.date(2026, 9, 1), TODAY, chunk_weeks=3))
    assert whole == pieces
    assert len({r[0] for r in whole[1:]}) == 14
