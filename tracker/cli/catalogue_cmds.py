"""Commands over the catalogue and file formats: levers, schemas."""

from __future__ import annotations

import argparse
import textwrap
from pathlib import Path
from typing import Any


def register(sub: Any, common: argparse.ArgumentParser) -> None:
    levers = sub.add_parser("levers", help="the levers and what feeds them", parents=[common])
    levers.set_defaults(handler=cmd_levers, auto_backup=False)  # never opens the journal

    schemas = sub.add_parser(
        "schemas",
        help="write the JSON Schema of our file formats (for developers)",
        parents=[common],
    )
    schemas.add_argument("--out", default="schemas", metavar="DIR", help="folder (default schemas)")
    schemas.add_argument("--check", action="store_true", help="only check they are up to date")
    schemas.set_defaults(handler=cmd_schemas, auto_backup=False)


def cmd_levers(args: argparse.Namespace) -> int:
    from tracker.cli.output import print_json
    from tracker.cli.review_cmds import default_text
    from tracker.guidance import catalogue

    cat = catalogue()
    if args.json:
        print_json(cat.model_dump(mode="json"))
        return 0
    for lever in cat.levers:
        title = f"{'Core' if lever.group == 'core' else 'Supporting'} {lever.number}: {lever.name}"
        print(f"{lever.id}  {title}")
        for line in textwrap.wrap(lever.description, 76):
            print(f"    {line}")
        print(f"    fed by: {', '.join(lever.metrics)}")
        targets = [t for t in cat.targets if t.lever == lever.id]
        for t in targets:
            src = "app-defined" if t.source.app_defined else t.source.authority
            print(f"    target {t.id}: {t.title}, {default_text(t)} ({src})")
    print(f"\nLever wording in our own words, after {cat.levers[0].source}.")
    print("Targets name their source; 'app-defined' ones are our own numbers. Change any with")
    print("'tracker target set ID VALUE --note ...'; 'tracker target list' shows yours.")
    return 0


def cmd_schemas(args: argparse.Namespace) -> int:
    from tracker.services.schemas import stale_schemas, write_schemas

    folder = Path(args.out)
    if args.check:
        stale = stale_schemas(folder)
        if stale:
            print(f"out of date in {folder}: {', '.join(stale)} (run: tracker schemas)")
            return 1
        print(f"schemas in {folder} are up to date")
        return 0
    for path in write_schemas(folder):
        print(f"wrote {path}")
    return 0
