"""Commands over entries: log, list, show, edit, delete, undo, bin."""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from typing import TYPE_CHECKING, Any

from tracker.domain.metrics import (
    FLAG_TAG,
    TIME_TAG,
    Kind,
    MetricSpec,
    TagSpec,
    metrics_of,
    tags_of,
)

if TYPE_CHECKING:
    from pathlib import Path

    from tracker.domain.entry import Entry
    from tracker.services.journal import Journal

Sub = "argparse._SubParsersAction[Any]"

KIND_HELP = {
    Kind.SLEEP: "log a night's sleep (the date is the wake date)",
    Kind.EXERCISE: "log an exercise session",
    Kind.NUTRITION: "log what you ate or drank (at least one value)",
    Kind.STRESS: "log stress level, a calming practice or social contact",
    Kind.CARE: "log bone care: a dose, scan, appointment or dental check",
}
WITH_TIME = {Kind.EXERCISE, Kind.NUTRITION, Kind.STRESS, Kind.CARE}


def option(name: str) -> str:
    return "--" + name.replace("_", "-")


def _add_metric(parser: argparse.ArgumentParser, spec: MetricSpec) -> None:
    parser.add_argument(
        option(spec.name),
        dest=f"m_{spec.name}",
        metavar="N",
        help=f"{spec.label.lower()}: {spec.allowed}",
    )


def _add_tag(parser: argparse.ArgumentParser, spec: TagSpec, *, edit: bool = False) -> None:
    if spec.choices == FLAG_TAG:
        if edit:
            parser.add_argument(
                option(spec.name),
                dest=f"t_{spec.name}",
                action=argparse.BooleanOptionalAction,
                default=None,
                help=f"{spec.label.lower()} that day (or not)",
            )
        else:
            parser.add_argument(
                option(spec.name),
                dest=f"t_{spec.name}",
                action="store_const",
                const="yes",
                help=f"{spec.label.lower()} that day",
            )
        return
    metavar = "HH:MM" if spec.choices == TIME_TAG else "{" + ",".join(spec.choices) + "}"
    parser.add_argument(option(spec.name), dest=f"t_{spec.name}", metavar=metavar, help=spec.label)


def register(sub: Any, common: argparse.ArgumentParser) -> None:
    log = sub.add_parser("log", help="log an entry", description="Log one entry.", parents=[common])
    kinds = log.add_subparsers(title="kinds", metavar="KIND", required=True)
    for kind in Kind:
        p = kinds.add_parser(kind.value, help=KIND_HELP[kind], parents=[common])
        p.add_argument(
            "--date", default="today", help="YYYY-MM-DD, today or yesterday (default today)"
        )
        if kind in WITH_TIME:
            p.add_argument("--time", help="HH:MM (24-hour)")
        if kind is Kind.SLEEP:
            group = p.add_argument_group("duration: either bedtime and wake time, or hours")
            group.add_argument("--bed", dest="t_bed", metavar="HH:MM", help="bedtime")
            group.add_argument("--wake", dest="t_wake", metavar="HH:MM", help="wake time")
            group.add_argument(
                "--hours", dest="m_hours", metavar="H", help="hours asleep: a number from 0 to 24"
            )
            for spec in metrics_of(kind)[1:]:
                _add_metric(p, spec)
        else:
            for tag in tags_of(kind):
                _add_tag(p, tag)
            for spec in metrics_of(kind):
                _add_metric(p, spec)
        p.add_argument("--note", default="", help="free text")
        p.set_defaults(handler=cmd_log, kind_name=kind.value)

    ls = sub.add_parser("list", help="list entries", parents=[common])
    ls.add_argument("--from", dest="start", metavar="D", help="first date (inclusive)")
    ls.add_argument("--to", dest="end", metavar="D", help="last date (inclusive)")
    ls.add_argument("--kind", metavar="{" + ",".join(Kind) + "}", help="only this kind")
    ls.set_defaults(handler=cmd_list)

    show = sub.add_parser("show", help="show one entry and its earlier versions", parents=[common])
    show.add_argument("id", help="entry id (from tracker list)")
    show.set_defaults(handler=cmd_show)

    edit = sub.add_parser(
        "edit",
        help="change an entry (the previous version is kept)",
        description="Change an entry; give only what changes. The previous version is kept.",
        parents=[common],
    )
    edit.add_argument("id", help="entry id (from tracker list)")
    edit.add_argument("--date", help="YYYY-MM-DD, today or yesterday")
    edit.add_argument("--time", help="HH:MM, or 'none' to clear")
    edit.add_argument("--note", help="replace the note ('' to clear)")
    seen: set[str] = set()
    for kind in Kind:
        for tag in tags_of(kind):
            if tag.name not in seen:
                seen.add(tag.name)
                _add_tag(edit, tag, edit=True)
        for spec in metrics_of(kind):
            if spec.name not in seen:
                seen.add(spec.name)
                _add_metric(edit, spec)
    edit.add_argument(
        "--clear", action="append", default=[], metavar="FIELD", help="remove a value, e.g. quality"
    )
    edit.set_defaults(handler=cmd_edit)

    rm = sub.add_parser("delete", help="move an entry to the bin", parents=[common])
    rm.add_argument("id", help="entry id")
    rm.set_defaults(handler=cmd_delete)

    undo = sub.add_parser("undo", help="reverse the last change", parents=[common])
    undo.set_defaults(handler=cmd_undo)

    bin_ = sub.add_parser(
        "bin", help="list deleted entries, restore one, or empty the bin", parents=[common]
    )
    group = bin_.add_mutually_exclusive_group()
    group.add_argument("--restore", metavar="ID", help="take this entry out of the bin")
    group.add_argument("--empty", action="store_true", help="delete the bin's entries for good")
    bin_.set_defaults(handler=cmd_bin)


# -- helpers ---------------------------------------------------------------------------------


def open_journal(args: argparse.Namespace) -> Journal:
    from tracker.services.journal import Journal

    journal = Journal.open(args.db)
    if journal.upgraded_backup is not None:
        print(upgraded_message(journal.upgraded_backup), file=sys.stderr)
    return journal


def upgraded_message(backup: Path) -> str:
    return f"tracker: the journal was upgraded; a backup was kept at {backup}"


def today() -> dt.date:
    from tracker.services.clock import today as _today

    return _today()


def parse_day(text: str, field: str) -> dt.date:
    from tracker.domain.parse import parse_date

    return parse_date(text, today(), field)


def parse_id(text: str) -> int:
    from tracker.domain.errors import InputError

    # ASCII digits only: str.isdigit() also says yes to "²", which int() refuses.
    if not (text.isascii() and text.isdigit()) or len(text) > 12:
        raise InputError("id", text, "an entry id (a whole number) shown by 'tracker list'")
    return int(text)


def _values(args: argparse.Namespace, kind: Kind) -> dict[str, float]:
    from tracker.domain.parse import parse_number

    values: dict[str, float] = {}
    for spec in metrics_of(kind):
        raw = getattr(args, f"m_{spec.name}", None)
        if raw is not None:
            values[spec.name] = parse_number(raw, option(spec.name), spec.allowed, spec.integer)
    return values


def _tags(args: argparse.Namespace, kind: Kind) -> dict[str, str]:
    tags: dict[str, str] = {}
    for spec in tags_of(kind):
        raw = getattr(args, f"t_{spec.name}", None)
        if raw is not None:
            tags[spec.name] = raw
    return tags


def _time(text: str | None, field: str = "--time") -> dt.time | None:
    from tracker.domain.parse import parse_time

    return parse_time(text, field) if text is not None else None


def entry_json(entry: Entry) -> dict[str, Any]:
    return entry.model_dump(mode="json")


def describe(entry: Entry) -> str:
    when = entry.date.isoformat() + (f" {entry.time:%H:%M}" if entry.time else "")
    return f"#{entry.id} {entry.kind.value} {when}: {entry.summary()}"


# -- commands --------------------------------------------------------------------------------


def cmd_log(args: argparse.Namespace) -> int:
    from tracker.cli.output import print_json
    from tracker.domain.entry import EntryDraft

    kind = Kind(args.kind_name)
    values = _values(args, kind)
    tags = _tags(args, kind)
    if kind is Kind.SLEEP and "hours" in values and ("bed" in tags or "wake" in tags):
        from tracker.domain.errors import InputError

        raise InputError("--hours", args.m_hours, "either --hours or --bed with --wake, not both")
    draft = EntryDraft.build(
        kind=kind,
        date=parse_day(args.date, "--date"),
        time=_time(getattr(args, "time", None)),
        values=values,
        tags=tags,
        note=args.note,
    )
    from tracker.services.quick import log_entry

    logged = log_entry(args.db, draft)
    if logged.upgraded_backup is not None:
        print(upgraded_message(logged.upgraded_backup), file=sys.stderr)
    entry = logged.entry
    if args.json:
        print_json(entry_json(entry))
    else:
        print(f"logged {describe(entry)}")
    return 0


def cmd_list(args: argparse.Namespace) -> int:
    from tracker.cli.output import one_line, print_json, print_table
    from tracker.domain.errors import InputError

    start = parse_day(args.start, "--from") if args.start is not None else None
    end = parse_day(args.end, "--to") if args.end is not None else None
    if start and end and end < start:
        raise InputError("--to", args.end, f"a date on or after --from ({start.isoformat()})")
    kind = None
    if args.kind is not None:
        if args.kind not in {k.value for k in Kind}:
            raise InputError("--kind", args.kind, "one of " + ", ".join(k.value for k in Kind))
        kind = Kind(args.kind)
    from tracker.services.quick import list_entries

    listed = list_entries(args.db, start, end, kind)
    if listed.upgraded_backup is not None:
        print(upgraded_message(listed.upgraded_backup), file=sys.stderr)
    entries = listed.entries
    if args.json:
        print_json([entry_json(e) for e in entries])
        return 0
    if not entries:
        print("no entries" + (" in that range" if start or end or kind else " yet"))
        return 0
    rows = [
        [
            str(e.id),
            e.date.isoformat(),
            f"{e.time:%H:%M}" if e.time else "",
            e.kind.value,
            e.summary(),
            one_line(e.note),
        ]
        for e in entries
    ]
    print_table(["id", "date", "time", "kind", "what", "note"], rows, right={0})
    return 0


def cmd_show(args: argparse.Namespace) -> int:
    from tracker.cli.output import print_json

    entry_id = parse_id(args.id)
    with open_journal(args) as journal:
        entry = journal.get(entry_id)
        versions = journal.history(entry_id)
    if args.json:
        data = entry_json(entry)
        data["history"] = [v.model_dump(mode="json") for v in versions]
        print_json(data)
        return 0
    print(describe(entry) + ("  [in the bin]" if entry.deleted else ""))
    for name, value in entry.values.items():
        print(f"  {name}: {value:g}")
    for name, tag in entry.tags.items():
        print(f"  {name}: {tag}")
    if entry.note:
        print("  note: " + entry.note.replace("\n", "\n        "))
    print(
        f"  version {entry.version}, logged {entry.created_at:%Y-%m-%d %H:%M} UTC, "
        f"changed {entry.updated_at:%Y-%m-%d %H:%M} UTC"
    )
    for v in versions:
        print(
            f"  earlier version {v.version} (replaced {v.replaced_at:%Y-%m-%d %H:%M} UTC): "
            f"{v.draft.model_dump_json(exclude={'kind'})}"
        )
    return 0


def cmd_edit(args: argparse.Namespace) -> int:
    from tracker.domain.entry import EntryDraft
    from tracker.domain.errors import InputError
    from tracker.domain.parse import parse_number

    entry_id = parse_id(args.id)
    with open_journal(args) as journal:
        entry = journal.get(entry_id)
        if entry.deleted:
            raise InputError("id", entry_id, "an entry not in the bin", "is in the bin")
        kind = entry.kind
        mine = {m.name: m for m in metrics_of(kind)}
        my_tags = {t.name: t for t in tags_of(kind)}
        fields = sorted(option(n) for n in [*mine, *my_tags])
        values = dict(entry.values)
        tags = dict(entry.tags)
        changed = False
        for key, raw in vars(args).items():
            if raw is None or not (key.startswith("m_") or key.startswith("t_")):
                continue
            name = key[2:]
            if name not in mine and name not in my_tags:
                raise InputError(
                    option(name),
                    raw,
                    f"fields of a {kind.value} entry: {', '.join(fields)}",
                    "does not apply to this entry",
                )
            changed = True
            if name in mine:
                spec = mine[name]
                values[name] = parse_number(raw, option(name), spec.allowed, spec.integer)
            elif raw is False:
                tags.pop(name, None)
            else:
                tags[name] = "yes" if raw is True else raw
        hours_only = args.m_hours is not None and args.t_bed is None and args.t_wake is None
        if kind is Kind.SLEEP and hours_only:
            # Hours given on their own replace the times they were computed from.
            tags.pop("bed", None)
            tags.pop("wake", None)
        for name in args.clear:
            if name in values:
                values.pop(name)
            elif name in tags:
                tags.pop(name)
            else:
                raise InputError(
                    "--clear", name, f"a field this entry has: {', '.join([*values, *tags])}"
                )
            changed = True
        time = entry.time
        if args.time is not None:
            time = None if args.time.lower() in ("none", "") else _time(args.time)
            changed = True
        date = entry.date
        if args.date is not None:
            date = parse_day(args.date, "--date")
            changed = True
        note = entry.note if args.note is None else args.note
        changed = changed or args.note is not None
        if not changed:
            raise InputError(
                "edit", None, f"at least one change: --date, --time, --note, {', '.join(fields)}"
            )
        draft = EntryDraft.build(
            kind=kind, date=date, time=time, values=values, tags=tags, note=note
        )
        updated = journal.edit(entry_id, draft)
    if args.json:
        from tracker.cli.output import print_json

        print_json(entry_json(updated))
    else:
        print(f"changed {describe(updated)} (version {updated.version})")
    return 0


def cmd_delete(args: argparse.Namespace) -> int:
    entry_id = parse_id(args.id)
    with open_journal(args) as journal:
        entry = journal.delete(entry_id)
    print(f"moved {describe(entry)} to the bin ('tracker undo' brings it back)")
    return 0


def cmd_undo(args: argparse.Namespace) -> int:
    from tracker.services.journal import NothingToUndo

    with open_journal(args) as journal:
        try:
            message = journal.undo()
        except NothingToUndo:
            print("nothing to undo")
            return 0
    print(message)
    return 0


def cmd_bin(args: argparse.Namespace) -> int:
    from tracker.cli.output import one_line, print_json, print_table

    with open_journal(args) as journal:
        if args.restore is not None:
            entry = journal.restore(parse_id(args.restore))
            print(f"restored {describe(entry)}")
            return 0
        if args.empty:
            count = journal.empty_bin()
            print(f"emptied the bin: {count} entr{'y' if count == 1 else 'ies'} deleted for good")
            return 0
        entries = journal.entries(deleted=True)
    if args.json:
        print_json([entry_json(e) for e in entries])
    elif not entries:
        print("the bin is empty")
    else:
        rows = [
            [str(e.id), e.date.isoformat(), e.kind.value, e.summary(), one_line(e.note)]
            for e in entries
        ]
        print_table(["id", "date", "kind", "what", "note"], rows, right={0})
    return 0
