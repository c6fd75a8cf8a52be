"""The quick-logging CLI: every command, every kind, and bad input that changes nothing."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import CliRunner, file_digest


def entries(cli: CliRunner, *extra: str) -> list[dict[str, object]]:
    result = cli("list", "--json", *extra)
    assert result.code == 0, result.err
    data: list[dict[str, object]] = json.loads(result.out)
    return data


def test_help_lists_the_commands() -> None:
    out = subprocess.run(
        [sys.executable, "-m", "tracker", "--help"], capture_output=True, text=True, check=True
    ).stdout
    for command in ("log", "list", "show", "edit", "delete", "undo", "bin", "levers"):
        assert command in out


def test_log_sleep_from_bed_and_wake_counts_on_wake_date(cli: CliRunner) -> None:
    result = cli("log", "sleep", "--bed", "23:10", "--wake", "06:40")
    assert result.code == 0
    assert "7.5 h" in result.out
    [entry] = entries(cli)
    assert entry["date"] == "2026-11-30"
    assert entry["values"] == {"hours": 7.5}
    assert entry["tags"] == {"bed": "23:10", "wake": "06:40"}


@pytest.mark.parametrize(
    ("args", "kind", "values", "tags"),
    [
        (
            ["sleep", "--date", "yesterday", "--hours", "6.5", "--quality", "3",
             "--awakenings", "2"],
            "sleep",
            {"hours": 6.5, "quality": 3, "awakenings": 2},
            {},
        ),
        (
            ["exercise", "--type", "resistance", "--minutes", "40", "--intensity", "vigorous"],
            "exercise",
            {"minutes": 40},
            {"type": "resistance", "intensity": "vigorous"},
        ),
        (
            ["nutrition", "--calcium-mg", "450", "--vitamin-d-iu", "800", "--protein-g", "25",
             "--fibre-g", "8", "--veg-portions", "2", "--added-sugar-g", "10", "--upf-servings",
             "1", "--alcohol-drinks", "0", "--caffeine-mg", "95", "--cigarettes", "0"],
            "nutrition",
            {"calcium_mg": 450, "vitamin_d_iu": 800, "protein_g": 25, "fibre_g": 8,
             "veg_portions": 2, "added_sugar_g": 10, "upf_servings": 1, "alcohol_drinks": 0,
             "caffeine_mg": 95, "cigarettes": 0},
            {},
        ),
        (
            ["stress", "--time", "21:15", "--level", "4", "--practice", "breathwork",
             "--minutes", "10", "--social"],
            "stress",
            {"level": 4, "minutes": 10},
            {"practice": "breathwork", "social": "yes"},
        ),
        (
            ["care", "--event", "dose", "--drug", "denosumab", "--date", "2026-11-02"],
            "care",
            {},
            {"event": "dose", "drug": "denosumab"},
        ),
    ],
)  # fmt: skip
def test_log_every_kind(
    cli: CliRunner, args: list[str], kind: str, values: dict[str, float], tags: dict[str, str]
) -> None:
    result = cli("log", *args, "--note", 'a, "quoted"\nnote ☃')
    assert result.code == 0, result.err
    assert result.out.startswith(f"logged #1 {kind}")
    [entry] = entries(cli)
    assert entry["kind"] == kind
    assert entry["values"] == values
    assert entry["tags"] == tags
    assert entry["note"] == 'a, "quoted"\nnote ☃'


def test_db_option_after_the_command_and_env(
    cli: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    other = tmp_path / "other.db"
    assert cli("log", "stress", "--level", "2", "--db", str(other)).code == 0
    monkeypatch.setenv("TRACKER_DB", str(other))
    from tracker.cli import main

    assert main(["log", "stress", "--level", "3"]) == 0
    assert entries(cli) == []
    assert len(entries(CliRunner(other))) == 2


def test_list_filters_and_table(cli: CliRunner) -> None:
    cli("log", "sleep", "--hours", "7", "--date", "2026-11-20")
    cli("log", "stress", "--level", "5", "--date", "2026-11-25", "--note", "=SUM(A1)")
    cli("log", "sleep", "--hours", "8")
    assert [e["date"] for e in entries(cli, "--from", "2026-11-21")] == ["2026-11-25", "2026-11-30"]
    assert [e["date"] for e in entries(cli, "--to", "2026-11-25", "--kind", "sleep")] == [
        "2026-11-20"
    ]
    table = cli("list").out
    assert "level 5/10" in table
    assert "=SUM(A1)" in table
    assert cli("list", "--from", "2027-01-01").out.strip() == "no entries in that range"


def test_show_and_edit_keep_history(cli: CliRunner) -> None:
    cli("log", "sleep", "--bed", "23:00", "--wake", "07:00", "--quality", "2")
    result = cli("edit", "1", "--hours", "7.5", "--clear", "quality", "--note", "fixed")
    assert result.code == 0, result.err
    assert "version 2" in result.out
    shown = json.loads(cli("show", "1", "--json").out)
    assert shown["values"] == {"hours": 7.5}
    assert shown["tags"] == {}
    assert shown["note"] == "fixed"
    assert shown["history"][0]["draft"]["values"] == {"hours": 8.0, "quality": 2.0}
    assert "earlier version 1" in cli("show", "1").out
    # edit with new bed/wake recomputes hours
    assert cli("edit", "1", "--bed", "22:30", "--wake", "06:00").code == 0
    assert json.loads(cli("show", "1", "--json").out)["values"] == {"hours": 7.5}


def test_edit_social_flag_and_date(cli: CliRunner) -> None:
    cli("log", "stress", "--level", "3", "--social")
    assert cli("edit", "1", "--no-social", "--date", "2026-11-29", "--time", "08:05").code == 0
    [entry] = entries(cli)
    assert entry["tags"] == {}
    assert (entry["date"], entry["time"]) == ("2026-11-29", "08:05:00")


def test_delete_undo_bin(cli: CliRunner) -> None:
    cli("log", "care", "--event", "scan")
    assert "to the bin" in cli("delete", "1").out
    assert entries(cli) == []
    assert "care" in cli("bin").out
    assert "restored" in cli("undo").out
    assert len(entries(cli)) == 1
    cli("delete", "1")
    assert cli("bin", "--restore", "1").code == 0
    cli("delete", "1")
    assert "1 entry deleted for good" in cli("bin", "--empty").out
    assert cli("bin").out.strip() == "the bin is empty"
    assert cli("undo").code == 0


def test_undo_with_nothing_to_undo(cli: CliRunner) -> None:
    assert cli("undo").out.strip() == "nothing to undo"


def test_levers_lists_core_and_supporting(cli: CliRunner) -> None:
    text = cli("levers").out
    assert "Core 1: Bone-protective medical care" in text
    assert "Supporting 7" in text
    data = json.loads(cli("levers", "--json").out)
    assert [lever["id"] for lever in data["levers"]][:2] == ["C1", "C2"]
    assert len(data["levers"]) == 12


BAD_INPUTS = [
    (["log", "sleep", "--hours", "30"], "--hours: 30 is out of range"),
    (["log", "sleep", "--bed", "23:00"], "--wake: missing"),
    (["log", "sleep", "--hours", "7", "--bed", "23:00", "--wake", "06:00"], "--hours"),
    (["log", "sleep", "--bed", "25:00", "--wake", "06:00"], "--bed: '25:00' is not a time"),
    (["log", "stress", "--level", "11"], "--level: 11 is out of range"),
    (["log", "stress", "--level", "seven"], "--level: 'seven' is not a whole number"),
    (["log", "stress", "--practice", "yoga"], "--minutes: missing"),
    (["log", "exercise", "--type", "walk", "--minutes", "-5"], "--minutes: -5 is out of range"),
    (["log", "exercise", "--type", "fly", "--minutes", "5"], "--type: 'fly' is not allowed"),
    (["log", "exercise", "--minutes", "5"], "--type: missing"),
    (["log", "exercise", "--type", "walk", "--minutes", "5", "--intensity", "max"], "--intensity"),
    (["log", "nutrition"], "at least one of"),
    (["log", "nutrition", "--caffeine-mg", "nan"], "--caffeine-mg: 'nan' is not a number"),
    (["log", "nutrition", "--calcium-mg", "1e99"], "--calcium-mg"),
    (["log", "care"], "--event: missing"),
    (["log", "care", "--event", "party"], "--event: 'party'"),
    (["log", "sleep", "--hours", "7", "--date", "2026-02-30"], "--date: '2026-02-30'"),
    (["log", "sleep", "--hours", "7", "--date", "soon"], "--date: 'soon' is not a date"),
    (["log", "stress", "--level", "1", "--time", "7pm"], "--time: '7pm' is not a time"),
    (["log", "stress", "--level", "1", "--note", "bad\x07bell"], "note: 'U+0007'"),
    (["log", "walk"], "invalid choice"),
    (["list", "--from", "2026-11-30", "--to", "2026-11-01"], "--to"),
    (["list", "--kind", "mood"], "--kind: 'mood'"),
    (["show", "99"], "id: 99 is not an entry"),
    (["show", "abc"], "id: 'abc'"),
    (["edit", "1", "--calcium-mg", "5"], "--calcium-mg: '5' does not apply"),
    (["edit", "1", "--hours", "25"], "--hours: 25 is out of range"),
    (["edit", "1"], "at least one change"),
    (["edit", "1", "--clear", "mood"], "--clear: 'mood'"),
    (["delete", "7"], "id: 7 is not an entry"),
    (["bin", "--restore", "1"], "is not an entry in the bin"),
]


@pytest.mark.parametrize(("args", "message"), BAD_INPUTS)
def test_bad_input_one_line_exit_2_and_journal_unchanged(
    cli: CliRunner, args: list[str], message: str
) -> None:
    assert cli("log", "sleep", "--hours", "8").code == 0
    before = file_digest(cli.db)
    result = cli(*args)
    assert result.code == 2, result.out + result.err
    assert message in result.err
    assert result.err.startswith("tracker: error: ")
    assert result.err.count("\n") == 1
    assert "Traceback" not in result.err
    assert file_digest(cli.db) == before


def test_not_a_journal_through_the_cli(cli: CliRunner) -> None:
    cli.db.write_text("not a journal")
    result = cli("list")
    assert result.code == 1
    assert "not a Lever Tracker journal" in result.err
    assert cli.db.read_text() == "not a journal"


@pytest.mark.parametrize("argv", [[], ["--db", "j.db"], ["--db=j.db"]])
def test_the_plain_app_command_line_builds_no_parser(
    argv: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """`tracker` and `tracker --db PATH` go straight to the app (its first frame is waiting)."""
    import tracker.cli
    import tracker.cli.parser

    opened: list[object] = []

    def no_parser() -> None:
        raise AssertionError("the parser was built")

    def fake_app(args: object) -> int:
        opened.append((getattr(args, "db", "?"), getattr(args, "json", "?")))
        return 0

    monkeypatch.setattr(tracker.cli.parser, "build_parser", no_parser)
    monkeypatch.setattr(tracker.cli, "_open_app", fake_app)
    assert tracker.cli.main(argv) == 0
    assert opened == [("j.db" if argv else None, False)]


@pytest.mark.parametrize("argv", [["--json"], ["--db"], ["--db", "--json"], ["--db", "x", "y"]])
def test_other_command_lines_still_go_through_the_parser(
    argv: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    import tracker.cli

    opened: list[object] = []

    def fake_app(args: object) -> int:
        opened.append(args)
        return 0

    monkeypatch.setattr(tracker.cli, "_open_app", fake_app)
    code = tracker.cli.main(argv)
    if argv == ["--json"]:  # the app, through argparse as before
        assert code == 0
        assert len(opened) == 1
    else:  # argparse's one-line usage error
        assert code == 2
        assert opened == []


def test_a_reader_that_goes_away_is_not_a_journal_error() -> None:
    """`tracker list | head -1`: a broken pipe gets no message and no traceback, exit 141."""
    code = (
        "import sys\n"
        "from tracker.cli import _run\n"
        "def handler(args):\n"
        "    raise BrokenPipeError(32, 'Broken pipe')\n"
        "sys.stderr.write(str(_run(handler, None)))\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=False)
    assert done.stderr == "141"
    assert done.stdout == ""
