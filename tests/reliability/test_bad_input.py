"""Bad input: every option of ``log``, ``edit`` and ``list`` refuses what it cannot take.

Refused means: exit code 2, one line on stderr naming the option, nothing on stdout, no
traceback, and the journal byte-identical (journal and WAL checksums). Each option gets
values known to be wrong (out of range, NaN, infinity, huge, empty, control characters,
emoji, impossible dates, over-long notes) and arbitrary text, which must be either taken
or refused that way.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.conftest import CliRunner, file_digest
from tracker.domain.entry import NOTE_MAX_CHARS
from tracker.domain.metrics import FLAG_TAG, TIME_TAG, Kind, MetricSpec, metrics_of, tags_of
from tracker.store.paths import config_file

SUPPRESS = [HealthCheck.function_scoped_fixture, HealthCheck.too_slow]
BAD = settings(max_examples=15, deadline=None, suppress_health_check=SUPPRESS)
ANY = settings(max_examples=5, deadline=None, suppress_health_check=SUPPRESS)
CONTROL = [chr(c) for c in range(32) if chr(c) not in "\t\n"] + ["\x7f", "\x85", "\ud800"]
ODD = ["", " ", "😴", "🏃‍♀️", "\u202e", "ｓｅｖｅｎ", "NULL", "'; DROP TABLE entries; --", "%s"]

# -- values known to be wrong ---------------------------------------------------------------


SHORT_TEXT = st.text(max_size=20)


def with_control(
    base: st.SearchStrategy[str] = SHORT_TEXT, *, spaces: bool = False
) -> st.SearchStrategy[str]:
    """Text with a control character in it (newline and tab are allowed in notes).

    Without ``spaces`` the control characters that count as white space (vertical tab, form
    feed, ...) are left out: around a number or a date they are trimmed like spaces.
    """
    chars = CONTROL if spaces else [c for c in CONTROL if not c.isspace()]
    return st.tuples(base, st.sampled_from(chars), base).map("".join)


_NUMBER = re.compile(r"\s*[+-]?(\d+(\.\d*)?|\.\d+)\s*")


def bad_number(spec: MetricSpec) -> st.SearchStrategy[str]:
    out_of_range = st.floats(allow_nan=False).filter(
        lambda x: not spec.minimum <= x <= spec.maximum
    )
    fixed = ["nan", "NaN", "-nan", "inf", "-inf", "Infinity", "1e3", "0x10", "1,5", "7.5.1"]
    fixed += ["½", "²", "7h", "seven", "1_0", "9" * 400, "1" + "0" * 5000, *ODD]
    choices = [
        out_of_range.map(repr),
        st.sampled_from(fixed),
        st.text().filter(lambda t: not _NUMBER.fullmatch(t)),
        with_control(),
    ]
    if spec.integer:
        choices.append(
            st.floats(spec.minimum, spec.maximum)
            .filter(lambda x: not x.is_integer())
            .map(lambda x: f"{x:.3f}".rstrip("0"))
            .filter(lambda t: not t.endswith("."))
        )
    return st.one_of(choices)


def _real(y: int, m: int, d: int) -> bool:
    import datetime as dt

    try:
        dt.date(y, m, d)
    except ValueError:
        return False
    return True


_DATE = re.compile(r"\s*(\d{4}-\d{2}-\d{2}|today|yesterday)\s*", re.IGNORECASE)


def bad_date() -> st.SearchStrategy[str]:
    fixed = ["2026-02-30", "2026-13-01", "2026-00-10", "2025-02-29", "2026-04-31", "1899-12-31"]
    fixed += ["2200-01-01", "0000-01-01", "9999-12-31", "26-11-30", "2026/11/30", "30.11.2026"]
    fixed += ["tomorrow", "2026-11-30T10:00", "2026-11-30 10:00", *ODD]
    impossible = st.tuples(st.integers(1900, 2199), st.integers(0, 99), st.integers(0, 99)).filter(
        lambda t: not _real(*t)
    )
    return st.one_of(
        st.sampled_from(fixed),
        impossible.map(lambda t: f"{t[0]:04d}-{t[1]:02d}-{t[2]:02d}"),
        st.text().filter(lambda t: not _DATE.fullmatch(t)),
        with_control(st.just("2026-11-30")),
    )


_TIME = re.compile(r"\s*\d{1,2}:\d{2}\s*")


def bad_time(*, allow_empty: bool = False) -> st.SearchStrategy[str]:
    fixed = ["24:00", "12:60", "7", "7:5", "07:00:00", "-1:00", "noon", "7pm", "99:99", *ODD]
    fixed = [f for f in fixed if not (allow_empty and f.strip() == "")]
    strategy = st.one_of(
        st.sampled_from(fixed),
        st.text(min_size=1).filter(lambda t: not _TIME.fullmatch(t)),
        with_control(st.just("07:30")),
    )
    return strategy.filter(lambda t: not (allow_empty and t.strip().lower() in ("", "none")))


def bad_choice(choices: tuple[str, ...]) -> st.SearchStrategy[str]:
    near = [c.upper() for c in choices] + [f" {c}" for c in choices] + [c + "\x00" for c in choices]
    return st.one_of(st.sampled_from(near + ODD), st.text()).filter(lambda t: t not in choices)


def bad_note() -> st.SearchStrategy[str]:
    too_long = st.tuples(st.sampled_from(["x", "é", "😴", "ab\n"]), st.integers(1, 50)).map(
        lambda t: t[0] * (NOTE_MAX_CHARS // len(t[0]) + t[1])
    )
    return st.one_of(too_long, with_control(st.text(max_size=40), spaces=True))


# -- the cases: one per option ---------------------------------------------------------------

BASE: dict[Kind, list[str]] = {
    Kind.SLEEP: ["--hours", "7"],
    Kind.EXERCISE: ["--type", "walk", "--minutes", "30"],
    Kind.NUTRITION: ["--calcium-mg", "400"],
    Kind.STRESS: ["--level", "3"],
    Kind.CARE: ["--event", "dose"],
}
PAIRED = {"--bed": ["--wake", "07:00"], "--wake": ["--bed", "23:00"]}
PAIRED_STRESS = {"--practice": ["--minutes", "10"], "--minutes": ["--practice", "yoga"]}


@dataclass(frozen=True)
class Case:
    command: tuple[str, ...]  # e.g. ("log", "sleep") or ("edit", "{sleep}")
    option: str
    base: tuple[str, ...]
    bad: st.SearchStrategy[str]

    @property
    def id(self) -> str:
        return " ".join([*self.command, self.option])


def _opt(name: str) -> str:
    return "--" + name.replace("_", "-")


def _without(args: list[str], option: str) -> list[str]:
    out, skip = [], False
    for a in args:
        if skip:
            skip = False
        elif a == option:
            skip = True
        else:
            out.append(a)
    return out


def _log_cases() -> list[Case]:
    cases: list[Case] = []
    for kind in Kind:
        options: dict[str, st.SearchStrategy[str]] = {"--date": bad_date(), "--note": bad_note()}
        if kind is Kind.SLEEP:
            options |= {"--bed": bad_time(), "--wake": bad_time()}
        else:
            options["--time"] = bad_time()
        for spec in metrics_of(kind):
            options[_opt(spec.name)] = bad_number(spec)
        for tag in tags_of(kind):
            if tag.choices not in (TIME_TAG, FLAG_TAG):
                options[_opt(tag.name)] = bad_choice(tag.choices)
        for option, bad in options.items():
            base = _without(BASE[kind], option)
            if kind is Kind.SLEEP and option in PAIRED:
                base = _without(base, "--hours") + PAIRED[option]
            if kind is Kind.STRESS and option in PAIRED_STRESS:
                base += PAIRED_STRESS[option]
            cases.append(Case(("log", kind.value), option, tuple(base), bad))
    return cases


def _not_in(fields: set[str]) -> Callable[[str], bool]:
    return lambda t: t not in fields


def _edit_cases() -> list[Case]:
    cases: list[Case] = []
    for kind in Kind:
        options: dict[str, st.SearchStrategy[str]] = {
            "--date": bad_date(),
            "--note": bad_note(),
            "--time": bad_time(allow_empty=True),
        }
        for spec in metrics_of(kind):
            options[_opt(spec.name)] = bad_number(spec)
        for tag in tags_of(kind):
            if tag.choices == TIME_TAG:
                options[_opt(tag.name)] = bad_time()
            elif tag.choices != FLAG_TAG:
                options[_opt(tag.name)] = bad_choice(tag.choices)
        fields = {m.name for m in metrics_of(kind)} | {t.name for t in tags_of(kind)}
        options["--clear"] = st.text().filter(_not_in(fields))
        for option, bad in options.items():
            cases.append(Case(("edit", f"{{{kind.value}}}"), option, (), bad))
    return cases


LIST_CASES = [
    Case(("list",), "--from", (), bad_date()),
    Case(("list",), "--to", (), bad_date()),
    Case(("list",), "--kind", (), bad_choice(tuple(k.value for k in Kind))),
]
_NOT_NUMBERS = ["nan", "NaN", "inf", "-inf", "", "  ", "abc", "1,5", "½", "²", "1e400", "0x10"]


def not_a_number() -> st.SearchStrategy[str]:
    return st.one_of(
        st.sampled_from([*_NOT_NUMBERS, "7kg", "😴", "9" * 400 + "x"]),
        st.text().filter(lambda t: not _NUMBER.fullmatch(t)),
        with_control(st.just("3")),
    )


_WEEK = re.compile(r"\s*\d{4}-W\d{2}\s*", re.IGNORECASE)


def bad_week() -> st.SearchStrategy[str]:
    fixed = ["2026-W54", "2025-W53", "2026-W00", "2026-W", "W48", "2026-48", "2026-W48-1"]
    fixed += ["1899-W01", "2201-W01", *ODD]
    return st.one_of(st.sampled_from(fixed), st.text().filter(lambda t: not _WEEK.fullmatch(t)))


def _review_cases() -> list[Case]:
    from tracker.guidance import catalogue

    target_ids = tuple(t.id for t in catalogue().targets)
    days = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
    cases = [
        Case(("summary",), "--week", (), bad_week()),
        Case(("summary",), "--weeks", (), st.one_of(not_a_number(), st.sampled_from(["0", "-1"]))),
        Case(("skip",), "--date", (), bad_date()),
        Case(("skip", "--reason=ill"), "--date", (), bad_date()),
        Case(("target", "set", "--note=x", "--", "{target}"), "value", (), not_a_number()),
        Case(("target", "set", "--"), "id", ("120",), bad_choice(target_ids)),
        Case(("target", "reset", "--"), "id", (), bad_choice(target_ids)),
        Case(("settings", "set"), "--close-at-least", (), not_a_number()),
        Case(("settings", "set"), "--close-at-most", (), not_a_number()),
        Case(("settings", "set"), "--min-days", (), st.one_of(not_a_number(), st.just("-1"))),
        Case(("settings", "set"), "--week-start", (), bad_choice(days)),
        Case(("profile", "set"), "--birth-year", (), st.one_of(not_a_number(), st.just("1800"))),
        Case(("profile", "set"), "--weight-kg", (), st.one_of(not_a_number(), st.just("-5"))),
    ]
    for option, choices in [
        ("--sex", ("female", "male", "unspecified")),
        ("--smoker", ("yes", "no")),
        ("--bone-metastases", ("yes", "no", "unknown")),
        ("--alcohol-unit", ("us-drink", "uk-unit")),
    ]:
        cases.append(Case(("profile", "set"), option, (), bad_choice(choices)))
    return cases


CASES = _log_cases() + _edit_cases() + LIST_CASES + _review_cases()


@pytest.fixture
def ids(cli: CliRunner) -> dict[str, str]:
    """One entry of every kind in the journal; their ids by kind."""
    found: dict[str, str] = {}
    for kind, base in BASE.items():
        result = cli("log", kind.value, *base, "--json")
        assert result.code == 0, result.err
        found[kind.value] = str(json.loads(result.out)["id"])
    return found


def _args(case: Case, ids: dict[str, str], value: str) -> list[str]:
    command = [c.format(target="aerobic-minutes", **ids) for c in case.command]
    if not case.option.startswith("--"):  # a positional argument, after "--"
        return [*command, value, *case.base]
    return [*command, *case.base, f"{case.option}={value}"]


def _digests(cli: CliRunner) -> tuple[str, str]:
    """The journal's and the settings file's checksums (what a refusal must leave alone)."""
    config = config_file()
    return file_digest(cli.db), file_digest(config) if config.exists() else ""


def assert_refused(cli: CliRunner, args: list[str], named: str) -> None:
    before = _digests(cli)
    result = cli(*args)
    assert result.code == 2, (args, result)
    lines = result.err.splitlines()
    assert len(lines) == 1, result.err
    assert lines[0].startswith("tracker: error: ")
    assert "Traceback" not in result.err
    assert result.out == ""
    assert named in lines[0].replace("_", "-"), (named, lines[0])
    assert _digests(cli) == before


def _named(option: str) -> str:
    """What the message must name: the option, or the field it fills."""
    return {"--bed": "bed", "--wake": "wake", "--minutes": "minutes", "id": "target"}.get(
        option, option.removeprefix("--")
    )


@pytest.mark.parametrize("case", CASES, ids=[c.id for c in CASES])
def test_wrong_values_are_refused_and_nothing_is_written(
    case: Case, cli: CliRunner, ids: dict[str, str], figures: Counter[str]
) -> None:
    @BAD
    @given(value=case.bad)
    def check(value: str) -> None:
        figures["inputs tried"] += 1
        named = _named(case.option)
        if case.option == "--clear":
            named = "clear"
        assert_refused(cli, _args(case, ids, value), named)

    check()


@pytest.mark.parametrize("case", CASES, ids=[c.id for c in CASES])
def test_any_text_is_taken_or_refused_cleanly(
    case: Case, cli: CliRunner, ids: dict[str, str], figures: Counter[str]
) -> None:
    @ANY
    @given(value=st.text(max_size=30) | st.sampled_from(ODD))
    def check(value: str) -> None:
        figures["inputs tried"] += 1
        before = _digests(cli)
        result = cli(*_args(case, ids, value))
        assert result.code in (0, 2), result
        if result.code == 2:
            assert len(result.err.splitlines()) == 1, result.err
            assert result.err.startswith("tracker: error: ")
            assert _digests(cli) == before

    check()


NOTES = [
    "😴" * 2_500,  # 10 kB of emoji
    "x" * 10_240,
    "first line\nsecond\tcolumn",
    "\u202eright to left\u202c and ｆｕｌｌ width",
    "'; DROP TABLE entries; --",
    "=SUM(A1:A9)",
]


@pytest.mark.parametrize("note", NOTES, ids=range(len(NOTES)))
def test_odd_but_valid_notes_are_kept_exactly(
    note: str, cli: CliRunner, figures: Counter[str]
) -> None:
    logged = cli("log", "stress", "--level", "2", f"--note={note}", "--json")
    assert logged.code == 0, logged.err
    listed = cli("list", "--json")
    assert [e["note"] for e in json.loads(listed.out)] == [note]
    figures["inputs tried"] += 1
    figures["entries checked"] += 1
