"""The floors: what each measured command costs when done by hand with the standard library.

Run as a script (``python floors.py WHAT ...``), never imported by the app: each floor imports
only what it needs, so its time is Python's start-up plus the work itself.
"""

import sys


def insert(db: str) -> None:
    """One row into the journal's ``entries`` table in one transaction (the quick-log floor)."""
    import sqlite3

    conn = sqlite3.connect(db)
    conn.execute(
        "INSERT INTO entries (uid, kind, date, note, tags, version, created_at, updated_at)"
        " VALUES (hex(randomblob(16)), 'sleep', '2026-11-29', '', '{}', 1,"
        " datetime('now'), datetime('now'))"
    )
    conn.commit()
    conn.close()


def listing(db: str, monday: str, sunday: str) -> None:
    """A week's live entries with their values, printed one line each (the list floor)."""
    import sqlite3

    conn = sqlite3.connect(db)
    for row in conn.execute(
        "SELECT e.id, e.date, e.time, e.kind, group_concat(v.metric || '=' || v.value), e.note"
        " FROM entries e LEFT JOIN entry_values v ON v.entry_id = e.id"
        " WHERE e.deleted_at IS NULL AND e.date BETWEEN ? AND ?"
        " GROUP BY e.id ORDER BY e.date, e.time IS NOT NULL, e.time, e.id",
        (monday, sunday),
    ):
        print(*row)


def week(db: str, monday: str, sunday: str) -> None:
    """A week's values aggregated per metric in SQL, printed as JSON (the summary floor)."""
    import json
    import sqlite3

    conn = sqlite3.connect(db)
    rows = conn.execute(
        "SELECT e.kind || '.' || v.metric, sum(v.value), avg(v.value), count(DISTINCT e.date)"
        " FROM entries e JOIN entry_values v ON v.entry_id = e.id"
        " WHERE e.deleted_at IS NULL AND e.date BETWEEN ? AND ? GROUP BY 1",
        (monday, sunday),
    ).fetchall()
    print(json.dumps({name: [total, mean, days] for name, total, mean, days in rows}))


def weeks(db: str, first_monday: str, sunday: str) -> None:
    """The same per ISO week over a range of weeks (the 520-week summary floor)."""
    import json
    import sqlite3

    conn = sqlite3.connect(db)
    rows = conn.execute(
        "SELECT strftime('%Y-%W', e.date), e.kind || '.' || v.metric, sum(v.value),"
        " avg(v.value), count(DISTINCT e.date)"
        " FROM entries e JOIN entry_values v ON v.entry_id = e.id"
        " WHERE e.deleted_at IS NULL AND e.date BETWEEN ? AND ? GROUP BY 1, 2",
        (first_monday, sunday),
    ).fetchall()
    out: dict[str, dict[str, list[float]]] = {}
    for wk, name, total, mean, days in rows:
        out.setdefault(wk, {})[name] = [total, mean, days]
    print(json.dumps(out))


def csv_entries(db: str, out: str) -> None:
    """Every live entry, one row each with its values, written with the csv module."""
    import csv
    import sqlite3

    conn = sqlite3.connect(db)
    metrics = [
        m
        for (m,) in conn.execute(
            "SELECT DISTINCT kind || '.' || metric FROM entries e"
            " JOIN entry_values v ON v.entry_id = e.id ORDER BY 1"
        )
    ]
    index = {m: i for i, m in enumerate(metrics)}
    with open(out, "w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(["uid", "date", "time", "kind", "tags", "note", *metrics])
        current = None
        row: list[object] = []
        for uid, day, time, kind, tags, note, metric, value in conn.execute(
            "SELECT e.uid, e.date, e.time, e.kind, e.tags, e.note, v.metric, v.value"
            " FROM entries e LEFT JOIN entry_values v ON v.entry_id = e.id"
            " WHERE e.deleted_at IS NULL ORDER BY e.date, e.time, e.id"
        ):
            if uid != current:
                if current is not None:
                    writer.writerow(row)
                current = uid
                row = [uid, day, time or "", kind, tags, note] + [""] * len(metrics)
            if metric is not None:
                row[6 + index[f"{kind}.{metric}"]] = value
        if current is not None:
            writer.writerow(row)


if __name__ == "__main__":
    what, *rest = sys.argv[1:]
    if what == "insert":
        insert(*rest)
    elif what == "list":
        listing(*rest)
    elif what == "week":
        week(*rest)
    elif what == "weeks":
        weeks(*rest)
    elif what == "csv":
        csv_entries(*rest)
    else:
        raise SystemExit(f"unknown floor {what!r}")
