"""Commands that move the journal out and back in: export csv|json, import, report."""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from pathlib import Path
from typing import Any

SHAPES = ("entries", "daily", "weekly")


def register(sub: Any, common: argparse.ArgumentParser) -> None:
    export = sub.add_parser(
        "export",
        help="write the journal as CSV (for a spreadsheet) or JSON (everything)",
        parents=[common],
    )
    formats = export.add_subparsers(title="formats", metavar="FORMAT", required=True)
    csv_ = formats.add_parser(
        "csv",
        help="one of three CSV shapes (RFC 4180, UTF-8, units in the headers)",
        description=(
            "entries: one row per entry, lossless and re-importable; daily: one row per date, "
            "one column per metric; weekly: one row per week and target, as the review judged it."
        ),
        parents=[common],
    )
    csv_.add_argument(
        "--shape", default="entries", metavar="{" + ",".join(SHAPES) + "}", help="default entries"
    )
    csv_.add_argument("--from", dest="start", metavar="D", help="first date (inclusive)")
    csv_.add_argument("--to", dest="end", metavar="D", help="last date (inclusive)")
    csv_.add_argument("-o", "--output", metavar="PATH", help="file to write (default: stdout)")
    csv_.set_defaults(handler=cmd_export_csv)

    json_ = formats.add_parser(
        "json",
        help="the whole journal: entries with history, the bin, skips, profile, overrides",
        parents=[common],
    )
    json_.add_argument("-o", "--output", metavar="PATH", help="file to write (default: stdout)")
    json_.set_defaults(handler=cmd_export_json)

    imp = sub.add_parser(
        "import",
        help="bring in a JSON export or an entries CSV (entries already present are skipped)",
        description=(
            "Everything in the file is checked before anything is written; a bad value is "
            "reported with its line and column and nothing from the file is written. "
            "Importing the same file twice adds nothing."
        ),
        parents=[common],
    )
    imp.add_argument("path", metavar="PATH", help="a file written by 'tracker export'")
    imp.set_defaults(handler=cmd_import)

    report = sub.add_parser(
        "report",
        help="a one-page HTML report for a clinic visit (open it in a browser and print it)",
        description=(
            "Write a self-contained one-page HTML report: profile, bone care with due dates, "
            "each target week by week, sleep and exercise, notes. Default: the last 12 weeks."
        ),
        parents=[common],
    )
    report.add_argument("--from", dest="start", metavar="D", help="first date (inclusive)")
    report.add_argument("--to", dest="end", metavar="D", help="last date (default today)")
    report.add_argument(
        "-o", "--output", metavar="PATH", required=True, help="the HTML file to write"
    )
    report.set_defaults(handler=cmd_report)


def _range(args: argparse.Namespace) -> tuple[dt.date | None, dt.date | None]:
    from tracker.cli.entry_cmds import parse_day
    from tracker.domain.errors import InputError

    start = parse_day(args.start, "--from") if args.start else None
    end = parse_day(args.end, "--to") if args.end else None
    if start and end and end < start:
        raise InputError("--to", args.end, f"a date on or after --from ({start.isoformat()})")
    return start, end


def _shape(text: str) -> Any:
    from tracker.domain.errors import InputError
    from tracker.services.export import Shape

    if text not in SHAPES:
        raise InputError("--shape", text, "one of " + ", ".join(SHAPES))
    return Shape(text)


def _output(args: argparse.Namespace) -> Path | None:
    if not args.output or args.output == "-":
        return None
    from tracker.services.files import check_output

    return check_output(Path(args.output))


def _silence_stdout() -> None:
    import os

    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, sys.stdout.fileno())


def cmd_export_csv(args: argparse.Namespace) -> int:
    from tracker.cli.entry_cmds import upgraded_message
    from tracker.services.export import export_csv_at

    shape = _shape(args.shape)
    start, end = _range(args)
    out = _output(args)
    try:
        # Over sqlite3 alone when the journal is current (no SQLAlchemy, no Alembic).
        exported = export_csv_at(args.db, shape, out if out else sys.stdout, start, end)
    except BrokenPipeError:  # e.g. piped into head: not an error
        _silence_stdout()
        return 0
    if exported.upgraded_backup is not None:
        print(upgraded_message(exported.upgraded_backup), file=sys.stderr)
    rows = exported.rows
    if out:
        print(f"wrote {rows} row{'' if rows == 1 else 's'} ({shape.value}) to {out}")
    return 0


def cmd_export_json(args: argparse.Namespace) -> int:
    from tracker.cli.entry_cmds import upgraded_message
    from tracker.services.export import export_json_at

    out = _output(args)
    try:
        exported = export_json_at(args.db, out if out else sys.stdout)
    except BrokenPipeError:
        _silence_stdout()
        return 0
    if exported.upgraded_backup is not None:
        print(upgraded_message(exported.upgraded_backup), file=sys.stderr)
    data = exported.data
    if out:
        n = len(data.entries)
        print(f"wrote the whole journal ({n} entr{'y' if n == 1 else 'ies'}) to {out}")
    return 0


def cmd_import(args: argparse.Namespace) -> int:
    from tracker.cli.entry_cmds import open_journal
    from tracker.services.importer import apply_import, read_import

    path = Path(args.path).expanduser()
    plan = read_import(path)  # everything is checked before the journal is touched
    with open_journal(args) as journal:
        result = apply_import(journal, plan)
    print(result.message(path))
    return 0


def cmd_report(args: argparse.Namespace) -> int:
    from tracker.cli.entry_cmds import open_journal
    from tracker.services.report import write_report

    start, end = _range(args)
    out = _output(args)
    if out is None:
        from tracker.domain.errors import InputError

        raise InputError("-o", args.output, "a file path for the report, e.g. visit.html")
    with open_journal(args) as journal:
        data = write_report(journal, out, start, end)
    print(
        f"wrote the report for {data.start.isoformat()} to {data.end.isoformat()} "
        f"({len(data.weeks)} weeks) to {out}; open it in a browser and print it"
    )
    return 0
