"""The reliability tier: shared figures, printed in one summary line at the end of the run.

Every test of this tier adds what it did to ``FIGURES`` (processes killed, entries checked,
inputs tried), so that a run's numbers can be quoted from its last lines.
"""

from __future__ import annotations

from collections import Counter

import pytest

FIGURES: Counter[str] = Counter()
ORDER = ("processes killed", "processes run", "entries checked", "inputs tried", "files refused")


@pytest.fixture
def figures() -> Counter[str]:
    """The run's figures; tests add to them (``figures["entries checked"] += n``)."""
    return FIGURES


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter) -> None:
    if not FIGURES:
        return
    names = [n for n in ORDER if n in FIGURES] + sorted(set(FIGURES) - set(ORDER))
    line = ", ".join(f"{FIGURES[n]} {n}" for n in names)
    terminalreporter.write_sep("-", "reliability figures")
    terminalreporter.write_line(f"reliability: {line}")
