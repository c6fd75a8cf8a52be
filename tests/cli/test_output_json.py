"""print_json writes what json.dumps(indent=2, ensure_ascii=False) writes, faster."""

from __future__ import annotations

import json
from typing import Any

from hypothesis import given
from hypothesis import strategies as st

from tracker.cli.output import dumps

SCALARS = (
    st.none()
    | st.booleans()
    | st.integers()
    | st.floats(allow_nan=True, allow_infinity=True)
    | st.text()
)
JSON = st.recursive(
    SCALARS,
    lambda inner: (
        st.lists(inner, max_size=4)
        | st.dictionaries(st.text(max_size=5), inner, max_size=4)
        | st.tuples(inner, inner)
    ),
    max_leaves=30,
)


@given(JSON)
def test_dumps_equals_the_standard_library(data: Any) -> None:
    assert dumps(data) == json.dumps(data, ensure_ascii=False, indent=2)


@given(st.dictionaries(st.integers() | st.booleans() | st.none(), SCALARS, max_size=3))
def test_keys_that_are_not_text_go_to_the_standard_library(data: dict[Any, Any]) -> None:
    assert dumps(data) == json.dumps(data, ensure_ascii=False, indent=2)


def test_a_summary_like_document() -> None:
    data = [{"week": "2026-W48", "targets": [{"actual": 1.5, "trend": [None, 2]}], "x": {}}]
    assert dumps(data) == json.dumps(data, ensure_ascii=False, indent=2)
    assert dumps({"é": "\u2028\x00"}) == json.dumps(
        {"é": "\u2028\x00"}, ensure_ascii=False, indent=2
    )
