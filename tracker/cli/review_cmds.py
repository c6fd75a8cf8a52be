"""Commands of the weekly review: profile, skip days, target overrides, summary, settings."""

from __future__ import annotations

import argparse
from typing import Any

from tracker.cli.entry_cmds import open_journal

PROFILE_OPTIONS: dict[str, tuple[str, ...]] = {
    "sex": ("female", "male", "unspecified"),
    "endocrine_therapy": ("none", "aromatase-inhibitor", "tamoxifen", "adt"),
    "bone_drug": (
        "none",
        "denosumab-6m",
        "denosumab-4w",
        "zoledronic-4w",
        "zoledronic-12w",
        "zoledronic-6m",
        "zoledronic-yearly",
        "oral-bisphosphonate",
    ),
    "bone_metastases": ("yes", "no", "unknown"),
    "smoker": ("yes", "no"),
    "alcohol_unit": ("us-drink", "uk-unit"),
}


def _opt(name: str) -> str:
    return "--" + name.replace("_", "-")


def register(sub: Any, common: argparse.ArgumentParser) -> None:
    profile = sub.add_parser(
        "profile", help="what personalises your weekly review", parents=[common]
    )
    actions = profile.add_subparsers(title="actions", metavar="ACTION", required=True)
    pset = actions.add_parser(
        "set",
        help="change profile fields (give only what changes)",
        description="Change profile fields; every field is optional. 'tracker undo' reverses it.",
        parents=[common],
    )
    for name, choices in PROFILE_OPTIONS.items():
        pset.add_argument(_opt(name), dest=name, metavar="{" + ",".join(choices) + "}")
    pset.add_argument("--birth-year", dest="birth_year", metavar="YYYY", help="year of birth")
    pset.add_argument("--weight-kg", dest="weight_kg", metavar="KG", help="body weight in kg")
    pset.set_defaults(handler=cmd_profile_set, kind_name="profile")
    pshow = actions.add_parser("show", help="show the profile", parents=[common])
    pshow.set_defaults(handler=cmd_profile_show)


# -- profile ---------------------------------------------------------------------------------


def cmd_profile_set(args: argparse.Namespace) -> int:
    from tracker.cli.output import print_json
    from tracker.domain.parse import parse_number
    from tracker.domain.profile import MAX_WEIGHT_KG, MIN_WEIGHT_KG
    from tracker.services.profile import set_profile

    fields: dict[str, Any] = {name: getattr(args, name) for name in PROFILE_OPTIONS}
    if args.birth_year is not None:
        fields["birth_year"] = int(
            parse_number(args.birth_year, "--birth-year", "a year such as 1958", integer=True)
        )
    if args.weight_kg is not None:
        fields["weight_kg"] = parse_number(
            args.weight_kg,
            "--weight-kg",
            f"a number from {MIN_WEIGHT_KG:g} to {MAX_WEIGHT_KG:g} kg",
        )
    if all(value is None for value in fields.values()):
        from tracker.domain.errors import InputError

        every = [*map(_opt, PROFILE_OPTIONS), "--birth-year", "--weight-kg"]
        raise InputError("profile set", None, "at least one of " + ", ".join(every))
    with open_journal(args) as journal:
        profile = set_profile(journal, **fields)
    if args.json:
        print_json(profile.model_dump(mode="json"))
    else:
        print("profile saved ('tracker undo' reverses it)")
        _print_profile(profile.model_dump(mode="json"))
    return 0


def cmd_profile_show(args: argparse.Namespace) -> int:
    from tracker.cli.output import print_json
    from tracker.services.profile import get_profile

    with open_journal(args) as journal:
        profile = get_profile(journal)
    data = profile.model_dump(mode="json")
    if args.json:
        print_json(data)
    else:
        _print_profile(data)
    return 0


def _print_profile(data: dict[str, Any]) -> None:
    for name, value in data.items():
        shown = (
            "(not set)" if value is None else f"{value:g}" if isinstance(value, float) else value
        )
        print(f"  {_opt(name)[2:]}: {shown}")
