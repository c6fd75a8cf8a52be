"""tracker profile set/show: good input, bad input (exit 2, journal unchanged), undo."""

from __future__ import annotations

import json

import pytest

from tests.conftest import CliRunner, file_digest


def test_profile_show_defaults_then_set_and_show_json(cli: CliRunner) -> None:
    shown = cli("profile", "show")
    assert shown.code == 0
    assert "bone-metastases: unknown" in shown.out
    done = cli("profile", "set", "--sex", "male", "--birth-year", "1958", "--weight-kg", "80")
    assert done.code == 0, done.err
    data = json.loads(cli("profile", "show", "--json").out)
    assert data["sex"] == "male"
    assert data["birth_year"] == 1958
    assert data["weight_kg"] == 80
    assert data["alcohol_unit"] == "us-drink"


def test_profile_set_every_choice(cli: CliRunner) -> None:
    result = cli(
        "profile", "set", "--endocrine-therapy", "adt", "--bone-drug", "denosumab-6m",
        "--bone-metastases", "no", "--smoker", "yes", "--alcohol-unit", "uk-unit",
    )  # fmt: skip
    assert result.code == 0, result.err
    data = json.loads(cli("profile", "show", "--json").out)
    assert data["endocrine_therapy"] == "adt"
    assert data["bone_drug"] == "denosumab-6m"
    assert data["smoker"] == "yes"
    assert data["alcohol_unit"] == "uk-unit"
    undo = cli("undo")
    assert "profile" in undo.out
    assert json.loads(cli("profile", "show", "--json").out)["bone_drug"] == "none"


@pytest.mark.parametrize(
    ("args", "option"),
    [
        (["--sex", "other"], "--sex"),
        (["--birth-year", "nineteen"], "--birth-year"),
        (["--birth-year", "2031"], "--birth-year"),
        (["--birth-year", "1958.5"], "--birth-year"),
        (["--weight-kg", "0"], "--weight-kg"),
        (["--weight-kg", "heavy"], "--weight-kg"),
        (["--bone-drug", "prolia"], "--bone-drug"),
        (["--endocrine-therapy", "ai"], "--endocrine-therapy"),
        (["--alcohol-unit", "pint"], "--alcohol-unit"),
        ([], "profile set"),
    ],
)
def test_bad_profile_input_exits_2_and_writes_nothing(
    cli: CliRunner, args: list[str], option: str
) -> None:
    assert cli("profile", "set", "--sex", "female").code == 0
    before = file_digest(cli.db)
    result = cli("profile", "set", *args)
    assert result.code == 2
    assert result.err.startswith(f"tracker: error: {option}")
    assert len(result.err.strip().splitlines()) == 1
    assert file_digest(cli.db) == before
