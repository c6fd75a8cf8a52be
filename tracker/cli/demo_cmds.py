"""``tracker demo``: fill a new journal with years of realistic synthetic entries."""

from __future__ import annotations

import argparse
import time
from typing import Any

DEFAULT_YEARS = 2


def register(sub: Any, common: argparse.ArgumentParser) -> None:
    demo = sub.add_parser(
        "demo",
        help="fill a new journal with demo data (try: tracker demo --db demo.db)",
        description=(
            "Fill a new, empty journal with realistic synthetic entries ending today: sleep, "
            "exercise, food, stress and bone care. The same seed gives the same journal. "
            "A journal that already has entries is refused and left untouched."
        ),
        parents=[common],
    )
    demo.add_argument(
        "--years",
        default=str(DEFAULT_YEARS),
        metavar="N",
        help=f"how many years of entries (1 to 50, default {DEFAULT_YEARS})",
    )
    demo.add_argument("--seed", default="0", metavar="S", help="random seed (default 0)")
    demo.set_defaults(handler=cmd_demo)


def cmd_demo(args: argparse.Namespace) -> int:
    from tracker.domain.errors import InputError
    from tracker.domain.parse import parse_number

    if not args.db:
        raise InputError("--db", None, "the path of a new journal for the demo, e.g. --db demo.db")
    years = int(parse_number(args.years, "--years", "a whole number from 1 to 50", integer=True))
    if not 1 <= years <= 50:
        raise InputError("--years", args.years, "a whole number from 1 to 50", "is out of range")
    seed = int(parse_number(args.seed, "--seed", "a whole number", integer=True))

    from tracker.cli.entry_cmds import open_journal
    from tracker.services.demo import build_demo

    started = time.perf_counter()
    with open_journal(args) as journal:
        result = build_demo(journal, years=years, seed=seed)
    seconds = time.perf_counter() - started
    if args.json:
        from tracker.cli.output import print_json

        print_json(
            {
                "db": result.path,
                "entries": result.entries,
                "from": result.start.isoformat(),
                "to": result.end.isoformat(),
                "years": result.years,
                "seed": result.seed,
                "profile_set": result.profile_set,
            }
        )
        return 0
    print(
        f"wrote {result.entries} demo entries ({result.start} to {result.end}, seed {seed}) "
        f"into {result.path} in {seconds:.1f} s"
    )
    if result.profile_set:
        print(
            "its profile: female, born 1961, on an aromatase inhibitor, denosumab every 6 months "
            "(change it with: tracker profile set ...)"
        )
    print(f"open it with: tracker --db {result.path}")
    return 0
