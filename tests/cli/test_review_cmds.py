"""tracker summary, skip, target, settings, levers: good input, and bad (exit 2, no write)."""

from __future__ import annotations

import json

import pytest

from tests.conftest import CliRunner, file_digest

# TRACKER_TODAY is 2026-11-30 (Monday of 2026-W49) in the cli fixture.


def log_week(cli: CliRunner) -> None:
    for day in ("2026-11-23", "2026-11-24", "2026-11-25"):
        assert cli("log", "sleep", "--date", day, "--bed", "23:00", "--wake", "06:30").code == 0
        assert cli("log", "exercise", "--date", day, "--type", "walk", "--minutes", "40").code == 0
        assert cli("log", "nutrition", "--date", day, "--calcium-mg", "900").code == 0


def test_summary_json_has_exactly_the_issue_fields(cli: CliRunner) -> None:
    log_week(cli)
    result = cli("summary", "--week", "2026-W48", "--json")
    assert result.code == 0, result.err
    data = json.loads(result.out)
    assert set(data) == {"week", "start", "end", "targets", "levers"}
    assert (data["week"], data["start"], data["end"]) == ("2026-W48", "2026-11-23", "2026-11-29")
    keys = {
        "id",
        "lever",
        "actual",
        "unit",
        "target",
        "direction",
        "status",
        "source",
        "days_logged",
    }
    assert all(set(t) == keys for t in data["targets"])
    by_id = {t["id"]: t for t in data["targets"]}
    assert by_id["sleep-duration"] == {
        "id": "sleep-duration", "lever": "C5", "actual": 7.5, "unit": "h", "target": 7.0,
        "direction": "at-least", "status": "met", "source": "AASM/SRS 2015", "days_logged": 3,
    }  # fmt: skip
    assert by_id["aerobic-minutes"]["actual"] == 120
    assert by_id["aerobic-minutes"]["status"] == "close"
    assert by_id["calcium"]["status"] == "close"
    assert by_id["fibre"]["status"] == "no-data"
    assert data["levers"][0]["id"] == "C1"
    assert data["levers"][1]["statuses"]["aerobic-minutes"] == "close"


def test_summary_table_defaults_to_this_week_and_shows_sources_and_trend(cli: CliRunner) -> None:
    log_week(cli)
    this_week = cli("summary")
    assert this_week.code == 0
    assert "Week 2026-W49 (2026-11-30 to 2026-12-06)" in this_week.out
    rows = this_week.out.split("\n\n")[0]
    assert "missed" not in rows  # nothing logged this week
    assert "no data" in rows
    last = cli("summary", "--week", "2026-W49")
    lines = [line for line in last.out.splitlines() if "aerobic-minutes" in line]
    assert lines
    assert lines[0].split()[-4:] == ["-", "-", "-", "120"]  # the last 4 weeks, oldest first
    old = cli("summary", "--week", "2026-W48")
    assert "AASM/SRS 2015" in old.out
    assert "app-defined" in old.out
    assert "not medical advice" in old.out


def test_summary_weeks_lists_one_row_per_week_and_target(cli: CliRunner) -> None:
    log_week(cli)
    table = cli("summary", "--weeks", "3", "--week", "2026-W49")
    assert table.code == 0
    weeks = {line.split()[0] for line in table.out.splitlines()[2:]}
    assert weeks == {"2026-W47", "2026-W48", "2026-W49"}
    data = json.loads(cli("summary", "--weeks", "2", "--json").out)
    assert [w["week"] for w in data] == ["2026-W48", "2026-W49"]


def test_summary_week_53(cli: CliRunner) -> None:
    data = json.loads(cli("summary", "--week", "2026-W53", "--json").out)
    assert (data["start"], data["end"]) == ("2026-12-28", "2027-01-03")
    assert {t["status"] for t in data["targets"]} == {"no-data"}


@pytest.mark.parametrize(
    ("args", "option"),
    [
        (["summary", "--week", "2026-48"], "--week"),
        (["summary", "--week", "2025-W53"], "--week"),
        (["summary", "--weeks", "0"], "--weeks"),
        (["summary", "--weeks", "two"], "--weeks"),
        (["summary", "--weeks", "99999"], "--weeks"),
        (["skip", "--date", "2026-02-30"], "--date"),
        (["skip"], "--date"),
        (["skip", "--date", "today", "--reason", "a\x07b"], "--reason"),
        (["skip", "--remove", "--date", "2026-11-01"], "--date"),
        (["skip", "--list", "--date", "today"], "--list"),
        (["target", "set", "sleep", "7"], "target"),
        (["target", "set", "sleep-duration", "seven"], "value"),
        (["target", "set", "sleep-duration", "-1"], "value"),
        (["target", "set", "sleep-duration", "7", "--note", "x\x00"], "--note"),
        (["target", "set", "bone-scan", "30.5"], "value"),
        (["target", "reset", "calcium"], "target"),
        (["target", "reset", "nope"], "target"),
        (["settings", "set", "--close-at-least", "1.2"], "--close-at-least"),
        (["settings", "set", "--close-at-most", "abc"], "--close-at-most"),
        (["settings", "set", "--min-days", "8"], "--min-days"),
        (["settings", "set", "--week-start", "funday"], "--week-start"),
        (["settings", "set"], "settings set"),
    ],
)
def test_bad_input_exits_2_with_one_line_and_writes_nothing(
    cli: CliRunner, args: list[str], option: str
) -> None:
    from tracker.store.paths import config_file

    assert cli("log", "sleep", "--hours", "7").code == 0
    before = file_digest(cli.db)
    result = cli(*args)
    assert result.code == 2, result.out
    assert result.err.startswith(f"tracker: error: {option}"), result.err
    assert len(result.err.strip().splitlines()) == 1
    assert file_digest(cli.db) == before
    assert not config_file().exists()


def test_skip_list_remove_and_undo(cli: CliRunner) -> None:
    log_week(cli)
    assert cli("skip", "--list").out.strip() == "no skip days"
    done = cli("skip", "--date", "2026-11-24", "--reason", "in hospital")
    assert done.code == 0
    assert "skip day (in hospital)" in done.out
    listed = json.loads(cli("skip", "--list", "--json").out)
    assert listed == [{"date": "2026-11-24", "reason": "in hospital"}]
    data = json.loads(cli("summary", "--week", "2026-W48", "--json").out)
    aerobic = next(t for t in data["targets"] if t["id"] == "aerobic-minutes")
    assert (aerobic["actual"], aerobic["days_logged"]) == (80, 2)
    assert aerobic["target"] == round(150 * 6 / 7, 2)
    assert "skip day" in cli("undo").out
    assert json.loads(cli("skip", "--list", "--json").out) == []
    assert cli("skip", "--date", "yesterday").code == 0
    assert cli("skip", "--remove", "--date", "2026-11-29").code == 0
    assert json.loads(cli("skip", "--list", "--json").out) == []


def test_target_set_list_reset_and_undo(cli: CliRunner) -> None:
    log_week(cli)
    done = cli("target", "set", "aerobic-minutes", "100", "--note", "agreed with my oncologist")
    assert done.code == 0, done.err
    listed = {t["id"]: t for t in json.loads(cli("target", "list", "--json").out)}
    assert listed["aerobic-minutes"]["yours"] == 100
    assert listed["aerobic-minutes"]["note"] == "agreed with my oncologist"
    assert listed["aerobic-minutes"]["default"] == 150
    assert listed["active-days"]["source"] == "app-defined"
    table = cli("target", "list").out
    assert "agreed with my oncologist" in table
    week = cli("summary", "--week", "2026-W48")
    assert "your own target" in week.out
    assert "your note: agreed with my oncologist" in week.out
    assert cli("target", "reset", "aerobic-minutes").code == 0
    assert json.loads(cli("target", "list", "--json").out)[2]["yours"] is None
    assert "resetting" in cli("undo").out
    listed = {t["id"]: t for t in json.loads(cli("target", "list", "--json").out)}
    assert listed["aerobic-minutes"]["yours"] == 100


def test_settings_set_and_show(cli: CliRunner) -> None:
    shown = json.loads(cli("settings", "show", "--json").out)
    assert shown == {"close_at_least": 0.8, "close_at_most": 1.2, "min_days": 3,
                     "week_start": "monday"}  # fmt: skip
    assert cli("settings", "set", "--week-start", "sunday", "--min-days", "2").code == 0
    data = json.loads(cli("summary", "--json").out)
    assert (data["start"], data["end"]) == ("2026-11-29", "2026-12-05")


def test_levers_show_targets_with_their_sources(cli: CliRunner) -> None:
    out = cli("levers").out
    assert "target aerobic-minutes: Aerobic minutes, >= 150 min (ACS 2020 / WHO 2020)" in out
    assert "target active-days: Active days, >= 5 days (app-defined)" in out
    assert "on the schedule of the bone drug in your profile" in out


def test_profile_changes_the_summary(cli: CliRunner) -> None:
    log_week(cli)
    assert cli("profile", "set", "--bone-metastases", "yes").code == 0
    data = json.loads(cli("summary", "--week", "2026-W48", "--json").out)
    statuses = {t["id"]: t["status"] for t in data["targets"]}
    assert statuses["aerobic-minutes"] == "info"
    text = cli("summary", "--week", "2026-W48").out
    assert "care team" in text
