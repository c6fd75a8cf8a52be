"""Commands of the weekly review: profile, skip days, target overrides, summary, settings."""

from __future__ import annotations

import argparse
import datetime as dt
from typing import TYPE_CHECKING, Any

from tracker.cli.entry_cmds import open_journal, parse_day

if TYPE_CHECKING:
    from tracker.domain.summary import TargetResult, WeekSummary

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


WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")


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
    pset.set_defaults(handler=cmd_profile_set)
    pshow = actions.add_parser("show", help="show the profile", parents=[common])
    pshow.set_defaults(handler=cmd_profile_show)

    summary = sub.add_parser(
        "summary",
        help="how your week went, lever by lever",
        description=(
            "Each target's week against its guidance, with its source. Days not logged are "
            "'no-data', never 'missed'. Not medical advice: change any target with "
            "'tracker target set'."
        ),
        parents=[common],
    )
    summary.add_argument("--week", metavar="YYYY-Www", help="the week (default: this week)")
    summary.add_argument(
        "--weeks", metavar="N", help="the last N weeks (ending with --week), one row per target"
    )
    summary.set_defaults(handler=cmd_summary)

    skip = sub.add_parser(
        "skip",
        help="leave a day out of the review (ill, in hospital, travelling)",
        description="Mark a day as a skip day: it is left out of day counts and weekly sums "
        "are prorated. 'tracker undo' reverses it.",
        parents=[common],
    )
    skip.add_argument("--date", metavar="D", help="YYYY-MM-DD, today or yesterday")
    skip.add_argument("--reason", default="", metavar="TEXT", help="why (optional)")
    mode = skip.add_mutually_exclusive_group()
    mode.add_argument("--list", action="store_true", help="list skip days")
    mode.add_argument("--remove", action="store_true", help="count --date in the review again")
    skip.set_defaults(handler=cmd_skip)

    target = sub.add_parser(
        "target", help="set your own target (e.g. agreed with your care team)", parents=[common]
    )
    tacts = target.add_subparsers(title="actions", metavar="ACTION", required=True)
    tset = tacts.add_parser(
        "set",
        help="replace a target's threshold with your own",
        description="Replace a target's threshold with your own (for bone-drug and bone-scan: "
        "the interval in days). 'tracker target reset ID' goes back to the default.",
        parents=[common],
    )
    tset.add_argument("id", help="target id (see 'tracker target list')")
    tset.add_argument("value", help="your threshold, in the target's unit")
    tset.add_argument("--note", default="", help='e.g. "agreed with my oncologist"')
    tset.set_defaults(handler=cmd_target_set)
    treset = tacts.add_parser("reset", help="go back to the default target", parents=[common])
    treset.add_argument("id", help="target id")
    treset.set_defaults(handler=cmd_target_reset)
    tlist = tacts.add_parser("list", help="every target, its default and yours", parents=[common])
    tlist.set_defaults(handler=cmd_target_list)

    settings = sub.add_parser("settings", help="how the review judges a week", parents=[common])
    sacts = settings.add_subparsers(title="actions", metavar="ACTION", required=True)
    sset = sacts.add_parser(
        "set", help="change review settings (saved in config.toml)", parents=[common]
    )
    sset.add_argument("--close-at-least", metavar="X", help="'close' from X times a target (0.8)")
    sset.add_argument("--close-at-most", metavar="X", help="'close' up to X times a limit (1.2)")
    sset.add_argument("--min-days", metavar="N", help="days needed to judge a daily mean (3)")
    sset.add_argument(
        "--week-start", metavar="{" + ",".join(WEEKDAYS) + "}", help="first day of a week"
    )
    sset.set_defaults(handler=cmd_settings_set)
    sshow = sacts.add_parser("show", help="show review settings", parents=[common])
    sshow.set_defaults(handler=cmd_settings_show)


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
    from tracker.domain.errors import InputError

    if all(value is None for value in fields.values()):
        every = [*map(_opt, PROFILE_OPTIONS), "--birth-year", "--weight-kg"]
        raise InputError("profile set", None, "at least one of " + ", ".join(every))
    with open_journal(args) as journal:
        try:
            profile = set_profile(journal, **fields)
        except InputError as error:
            field = error.field.removeprefix("profile.")
            if field == error.field:
                raise
            raise InputError(_opt(field), error.value, error.allowed, error.problem) from None
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


# -- summary ---------------------------------------------------------------------------------

MARK = {"met": "met", "close": "close", "missed": "missed", "no-data": "no data", "info": "info"}


def fmt_num(value: float | None) -> str:
    if value is None:
        return "-"
    if float(value).is_integer():
        return f"{value:,.0f}"
    return f"{value:,.1f}" if abs(value) >= 10 else f"{value:,.2f}".rstrip("0").rstrip(".")


def fmt_actual(t: TargetResult) -> str:
    if t.actual is None:
        return "-"
    from tracker.domain.levers import unit_after

    return f"{fmt_num(t.actual)} {unit_after(t.actual, t.unit)}"


def fmt_target(t: TargetResult) -> str:
    if t.target is None or t.direction.value == "info":
        return "-"
    sign = ">=" if t.direction.value == "at-least" else "<="
    from tracker.domain.levers import unit_after

    return f"{sign} {fmt_num(t.target)} {unit_after(t.target, t.unit)}"


def fmt_trend(t: TargetResult) -> str:
    return " ".join(fmt_num(v) for v in t.trend) if t.trend else ""


def summary_json(s: WeekSummary) -> dict[str, Any]:
    """The JSON of issue 3: week, start, end, targets (the listed fields), levers.

    Read straight from the results (a test checks it equals their ``model_dump``): a
    520-week summary has some ten thousand targets.
    """
    return {
        "week": s.week,
        "start": s.start.isoformat(),
        "end": s.end.isoformat(),
        "targets": [
            {
                "id": t.id,
                "lever": t.lever,
                "actual": t.actual,
                "unit": t.unit,
                "target": t.target,
                "direction": t.direction.value,
                "status": t.status.value,
                "source": t.source,
                "days_logged": t.days_logged,
            }
            for t in s.targets
        ],
        "levers": [
            {
                "id": lv.id,
                "name": lv.name,
                "group": lv.group.value,
                "statuses": {k: v.value for k, v in lv.statuses.items()},
            }
            for lv in s.levers
        ],
    }


def _weeks_arg(text: str | None) -> int | None:
    if text is None:
        return None
    from tracker.domain.parse import parse_number
    from tracker.services.summary_facts import MAX_WEEKS

    allowed = f"a whole number from 1 to {MAX_WEEKS}"
    weeks = int(parse_number(text, "--weeks", allowed, integer=True))
    if not 1 <= weeks <= MAX_WEEKS:
        from tracker.domain.errors import InputError

        raise InputError("--weeks", text, allowed, "is out of range")
    return weeks


def cmd_summary(args: argparse.Namespace) -> int:
    import sys

    from tracker.cli.entry_cmds import upgraded_message
    from tracker.cli.output import print_json
    from tracker.services.settings import load_settings
    from tracker.services.summary_facts import summaries_of, summary_of

    weeks = _weeks_arg(args.weeks)
    day: dt.date | None = None
    if args.week is not None:
        from tracker.domain.week import parse_review_week

        day = parse_review_week(args.week, load_settings().week_start, "--week").start
    # Over sqlite3 when the journal is current (no SQLAlchemy), as `tracker list` reads.
    reviewed = summary_of(args.db, day) if weeks is None else summaries_of(args.db, weeks, day)
    if reviewed.upgraded_backup is not None:
        print(upgraded_message(reviewed.upgraded_backup), file=sys.stderr)
    if weeks is None:
        one = reviewed.summaries[0]
        if args.json:
            print_json(summary_json(one))
        else:
            _print_week(one)
        return 0
    if args.json:
        print_json([summary_json(s) for s in reviewed.summaries])
    else:
        _print_weeks(reviewed.summaries)
    return 0


def _print_week(s: WeekSummary) -> None:
    from tracker.cli.output import print_table

    print(f"Week {s.week} ({s.start.isoformat()} to {s.end.isoformat()})")
    if s.skipped_days:
        print("skip days: " + ", ".join(d.isoformat() for d in s.skipped_days))
    rows = [
        [
            t.lever,
            t.id,
            fmt_actual(t),
            fmt_target(t),
            MARK[t.status.value],
            t.source,
            fmt_trend(t),
        ]
        for t in s.targets
    ]
    print_table(
        ["lever", "target", "actual", "target", "status", "source", "last 4 weeks"],
        rows,
        right={2},
    )
    notes = [(t.id, t.detail) for t in s.targets if t.detail]
    notes += [(t.id, f"your note: {t.override_note}") for t in s.targets if t.override_note]
    if notes:
        print()
        for target_id, detail in notes:
            print(f"  {target_id}: {detail}")
    print(
        "\nno data = not enough logged to judge (never counted as missed). A journal, not "
        "medical advice: set your own targets with 'tracker target set'."
    )


def _print_weeks(summaries: list[WeekSummary]) -> None:
    from tracker.cli.output import print_table

    rows = [
        [s.week, t.lever, t.id, fmt_actual(t), fmt_target(t), MARK[t.status.value], t.source]
        for s in summaries
        for t in s.targets
    ]
    print_table(["week", "lever", "target", "actual", "target", "status", "source"], rows, {3})


# -- skip days -------------------------------------------------------------------------------


def cmd_skip(args: argparse.Namespace) -> int:
    from tracker.cli.output import print_json, print_table
    from tracker.domain.errors import InputError
    from tracker.services.review import skip_day, skipped_days, unskip_day

    if args.list:
        if args.date is not None or args.reason:
            raise InputError("--list", "with --date/--reason", "--list on its own")
        with open_journal(args) as journal:
            days = skipped_days(journal)
        if args.json:
            print_json([d.model_dump(mode="json") for d in days])
        elif not days:
            print("no skip days")
        else:
            print_table(["date", "reason"], [[d.date.isoformat(), d.reason] for d in days])
        return 0
    if args.date is None:
        raise InputError("--date", None, "YYYY-MM-DD, today or yesterday (or use --list)")
    day = parse_day(args.date, "--date")
    with open_journal(args) as journal:
        if args.remove:
            if args.reason:
                raise InputError("--reason", args.reason, "no reason with --remove")
            gone = unskip_day(journal, day)
            print(f"{gone.date.isoformat()} counts in the review again ('tracker undo' reverses)")
            return 0
        done = skip_day(journal, day, args.reason)
    if args.json:
        print_json(done.model_dump(mode="json"))
    else:
        why = f" ({done.reason})" if done.reason else ""
        print(f"{done.date.isoformat()} is a skip day{why} ('tracker undo' reverses it)")
    return 0


# -- targets ---------------------------------------------------------------------------------


def cmd_target_set(args: argparse.Namespace) -> int:
    from tracker.cli.output import print_json
    from tracker.domain.parse import parse_number
    from tracker.services.review import set_target, target_spec

    spec = target_spec(args.id)
    value = parse_number(args.value, "value", f"a number in {spec.unit}")
    with open_journal(args) as journal:
        done = set_target(journal, spec.id, value, args.note)
    if args.json:
        print_json(done.model_dump(mode="json"))
    else:
        print(f"your target for {spec.id}: {fmt_num(done.value)} {spec.unit} ('tracker undo' or "
              f"'tracker target reset {spec.id}' goes back)")  # fmt: skip
    return 0


def cmd_target_reset(args: argparse.Namespace) -> int:
    from tracker.services.review import reset_target

    with open_journal(args) as journal:
        removed = reset_target(journal, args.id)
    print(f"{removed.target_id} is back to its default (yours was {fmt_num(removed.value)})")
    return 0


def default_text(spec: Any) -> str:
    """A target's default in a few words, e.g. '>= 150 min' or 'trend only'."""
    if spec.direction.value == "info":
        return "trend only"
    if spec.aggregation.value == "schedule":
        if any(rule.bone_drug for rule in spec.rules):
            return "on the schedule of the bone drug in your profile"
        every = (
            f"{spec.interval_months} months" if spec.interval_months else f"{spec.threshold:g} days"
        )
        return f"every {every}" + (" (or as your profile sets)" if spec.rules else "")
    sign = ">=" if spec.direction.value == "at-least" else "<="
    extra = " (by profile)" if any(r.threshold or r.per_kg for r in spec.rules) else ""
    if not spec.shown and not spec.rules:
        extra = ""
    return f"{sign} {spec.threshold:g} {spec.unit}{extra}"


def cmd_target_list(args: argparse.Namespace) -> int:
    from tracker.cli.output import print_json, print_table
    from tracker.guidance import catalogue
    from tracker.services.review import target_overrides

    with open_journal(args) as journal:
        overrides = target_overrides(journal)
    cat = catalogue()
    if args.json:
        print_json(
            [
                {
                    "id": t.id,
                    "lever": t.lever,
                    "title": t.title,
                    "unit": t.unit,
                    "direction": t.direction.value,
                    "default": t.threshold,
                    "source": "app-defined" if t.source.app_defined else t.source.authority,
                    "citation": t.source.citation,
                    "yours": overrides[t.id].value if t.id in overrides else None,
                    "note": overrides[t.id].note if t.id in overrides else "",
                }
                for t in cat.targets
            ]
        )
        return 0
    rows = []
    for t in cat.targets:
        mine = overrides.get(t.id)
        rows.append(
            [
                t.lever,
                t.id,
                default_text(t),
                "app-defined" if t.source.app_defined else t.source.authority,
                f"{fmt_num(mine.value)} {t.unit}" if mine else "",
                mine.note if mine else "",
            ]
        )
    print_table(["lever", "target", "default", "source", "yours", "note"], rows)
    return 0


# -- settings --------------------------------------------------------------------------------


def cmd_settings_set(args: argparse.Namespace) -> int:
    from tracker.domain.errors import InputError
    from tracker.domain.parse import parse_number
    from tracker.services.settings import update_settings

    changes: dict[str, Any] = {}
    if args.close_at_least is not None:
        changes["close_at_least"] = parse_number(
            args.close_at_least, "--close-at-least", "a number above 0 and below 1, e.g. 0.8"
        )
    if args.close_at_most is not None:
        changes["close_at_most"] = parse_number(
            args.close_at_most, "--close-at-most", "a number above 1, at most 10, e.g. 1.2"
        )
    if args.min_days is not None:
        changes["min_days"] = int(
            parse_number(args.min_days, "--min-days", "a whole number from 1 to 7", integer=True)
        )
    if args.week_start is not None:
        if args.week_start not in WEEKDAYS:
            raise InputError("--week-start", args.week_start, "one of " + ", ".join(WEEKDAYS))
        changes["week_start"] = args.week_start
    if not changes:
        raise InputError(
            "settings set", None, "at least one of --close-at-least, --close-at-most, "
            "--min-days, --week-start",
        )  # fmt: skip
    try:
        update_settings(**changes)
    except InputError as error:
        raise InputError(_opt(error.field), error.value, error.allowed, error.problem) from None
    return cmd_settings_show(args)


def cmd_settings_show(args: argparse.Namespace) -> int:
    from tracker.cli.output import print_json
    from tracker.services.settings import load_settings
    from tracker.store.paths import config_file

    settings = load_settings()
    if args.json:
        print_json(settings.model_dump(mode="json"))
        return 0
    for name, value in settings.model_dump(mode="json").items():
        print(f"  {_opt(name)[2:]}: {value}")
    print(f"  (in {config_file()})")
    return 0
