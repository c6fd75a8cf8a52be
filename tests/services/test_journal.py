"""Entry use cases on a journal created through the migrations."""

from __future__ import annotations

import datetime as dt

import pytest

from tracker.domain.entry import EntryDraft
from tracker.domain.errors import InputError
from tracker.domain.metrics import Kind
from tracker.services.journal import Journal, NotFound, NothingToUndo

D = dt.date(2026, 11, 30)


def sleep(hours: float, day: dt.date = D) -> EntryDraft:
    return EntryDraft.build(kind="sleep", date=day, values={"hours": hours})


def test_add_and_list_by_range_and_kind(journal: Journal) -> None:
    a = journal.add(sleep(7, D - dt.timedelta(days=2)))
    b = journal.add(EntryDraft.build(kind="stress", date=D, values={"level": 3}, time=dt.time(9)))
    journal.add(sleep(8))
    assert [e.id for e in journal.entries()] == [a.id, b.id, 3] or len(journal.entries()) == 3
    assert [e.kind for e in journal.entries(kind=Kind.STRESS)] == [Kind.STRESS]
    assert [e.id for e in journal.entries(start=D)] == [e.id for e in journal.entries()[1:]]
    assert journal.get(a.id).values == {"hours": 7}
    assert a.created_at.tzinfo is dt.UTC


def test_list_end_before_start_refused(journal: Journal) -> None:
    with pytest.raises(InputError, match="to"):
        journal.entries(start=D, end=D - dt.timedelta(days=1))


def test_edit_keeps_previous_version_and_undo_restores_it(journal: Journal) -> None:
    e = journal.add(sleep(6))
    edited = journal.edit(e.id, sleep(7.25))
    assert edited.version == 2
    history = journal.history(e.id)
    assert [v.draft.values["hours"] for v in history] == [6]
    assert "editing" in journal.undo()
    assert journal.get(e.id).values == {"hours": 6}
    assert journal.get(e.id).version == 1
    assert journal.history(e.id) == []


def test_edit_cannot_change_kind(journal: Journal) -> None:
    e = journal.add(sleep(6))
    with pytest.raises(InputError, match="kind"):
        journal.edit(e.id, EntryDraft.build(kind="stress", date=D, values={"level": 1}))


def test_delete_is_soft_and_reversible(journal: Journal) -> None:
    e = journal.add(sleep(6))
    journal.delete(e.id)
    assert journal.entries() == []
    assert [x.id for x in journal.entries(deleted=True)] == [e.id]
    journal.undo()
    assert [x.id for x in journal.entries()] == [e.id]
    journal.delete(e.id)
    journal.restore(e.id)
    assert journal.entries(deleted=True) == []
    journal.undo()  # undo the restore: back in the bin
    assert journal.entries() == []


def test_undo_of_add_moves_to_bin_and_bin_empties(journal: Journal) -> None:
    e = journal.add(sleep(6))
    assert "bin" in journal.undo()
    assert journal.entries(deleted=True)[0].id == e.id
    assert journal.empty_bin() == 1
    with pytest.raises(NotFound):
        journal.get(e.id)
    with pytest.raises(NothingToUndo):
        journal.undo()


def test_missing_ids(journal: Journal) -> None:
    for call in (journal.get, journal.delete, journal.restore, journal.history):
        with pytest.raises(NotFound, match="id: 42"):
            call(42)


def test_reopen_keeps_entries(journal: Journal) -> None:
    journal.add(sleep(6))
    journal.close()
    with Journal.open(journal.path) as again:
        assert len(again.entries()) == 1
