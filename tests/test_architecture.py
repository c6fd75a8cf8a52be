"""The layers hold: import-linter contracts, no Textual in the core or on quick CLI paths."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
CORE_MODULES = [
    "tracker.domain.entry",
    "tracker.domain.parse",
    "tracker.domain.levers",
    "tracker.domain.profile",
    "tracker.domain.week",
    "tracker.domain.summary",
    "tracker.services.profile",
    "tracker.services.summary",
    "tracker.services.review",
    "tracker.services.settings",
    "tracker.cli.review_cmds",
    "tracker.guidance",
    "tracker.store",
    "tracker.store.migrate",
    "tracker.store.failures",
    "tracker.services.journal",
    "tracker.services.schemas",
    "tracker.services.dayview",
    "tracker.services.appearance",
    "tracker.services.demo",
    "tracker.cli",
    "tracker.cli.parser",
    "tracker.cli.entry_cmds",
    "tracker.cli.export_cmds",
    "tracker.cli.backup_cmds",
    "tracker.domain.export",
    "tracker.domain.csvformat",
    "tracker.services.export",
    "tracker.services.importer",
    "tracker.services.backups",
    "tracker.services.files",
    "tracker.services.report",
    "tracker.cli.demo_cmds",
    "tracker.store.dbapi",
    "tracker.services.quick",
    "tracker.services.summary_facts",
]


def test_import_contracts() -> None:
    lint_imports = shutil.which("lint-imports", path=str(Path(sys.executable).parent))
    assert lint_imports, "import-linter is not installed"
    result = subprocess.run(
        [lint_imports, "--no-cache"], cwd=ROOT, capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "0 broken" in result.stdout


@pytest.mark.parametrize("module", CORE_MODULES)
def test_core_module_does_not_import_textual(module: str) -> None:
    code = f"import sys, {module}; print('textual' in sys.modules, 'alembic' in sys.modules)"
    out = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True
    ).stdout.split()
    assert out[0] == "False"
    if module != "tracker.store.migrate":
        assert out[1] == "False"


def _modules_after(args: list[str], tmp_path: Path) -> dict[str, bool]:
    code = (
        "import sys, json\n"
        "from tracker.cli import main\n"
        f"code = main({args!r})\n"
        "print(json.dumps({'code': code, 'textual': 'textual' in sys.modules,"
        " 'alembic': 'alembic' in sys.modules}))\n"
    )
    out = (
        subprocess.run(
            [sys.executable, "-c", code],
            cwd=ROOT,
            capture_output=True,
            text=True,
            check=True,
            env={"PATH": "/usr/bin:/bin", "HOME": str(tmp_path)},
        )
        .stdout.strip()
        .splitlines()[-1]
    )
    data: dict[str, bool] = json.loads(out)
    return data


def test_log_and_list_never_import_textual_nor_alembic_on_an_existing_journal(
    tmp_path: Path,
) -> None:
    db = str(tmp_path / "j.db")
    first = _modules_after(["--db", db, "log", "sleep", "--hours", "7"], tmp_path)
    assert first == {"code": 0, "textual": False, "alembic": True}  # created through migrations
    again = _modules_after(["--db", db, "log", "stress", "--level", "3"], tmp_path)
    assert again == {"code": 0, "textual": False, "alembic": False}
    listing = _modules_after(["--db", db, "list", "--json"], tmp_path)
    assert listing == {"code": 0, "textual": False, "alembic": False}
    summary = _modules_after(["--db", db, "summary", "--json"], tmp_path)
    assert summary == {"code": 0, "textual": False, "alembic": False}
    skip = _modules_after(["--db", db, "skip", "--date", "today"], tmp_path)
    assert skip == {"code": 0, "textual": False, "alembic": False}


def test_quick_log_on_an_existing_journal_never_imports_sqlalchemy(tmp_path: Path) -> None:
    """`tracker log` adds through sqlite3: SQLAlchemy costs more than all the rest of it."""
    db = str(tmp_path / "j.db")
    code = (
        "import sys\n"
        "from tracker.cli import main\n"
        "code = main(['--db', sys.argv[1], 'log', 'sleep', '--hours', '7'])\n"
        "print(code, sorted({m.split('.')[0] for m in sys.modules} & "
        "{'sqlalchemy', 'alembic', 'textual'}))\n"
    )
    env = {"PATH": "/usr/bin:/bin", "HOME": str(tmp_path)}
    run = [sys.executable, "-c", code, db]
    first = subprocess.run(run, cwd=ROOT, capture_output=True, text=True, check=True, env=env)
    assert first.stdout.splitlines()[-1].startswith(
        "0 "
    )  # created through the migrations (so Alembic) ...
    again = subprocess.run(run, cwd=ROOT, capture_output=True, text=True, check=True, env=env)
    assert again.stdout.splitlines()[-1] == "0 []"  # ... then nothing heavy at all
    listing = subprocess.run(
        [sys.executable, "-c", code.replace("'log', 'sleep', '--hours', '7'", "'list'"), db],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
        env=env,
    )
    assert listing.stdout.splitlines()[-1] == "0 []"
    assert "logged" not in listing.stdout
    assert listing.stdout.count("sleep") == 2  # the two entries logged above


def test_summary_on_an_existing_journal_never_imports_sqlalchemy(tmp_path: Path) -> None:
    """`tracker summary` reads its facts over sqlite3, as `tracker list` does."""
    db = str(tmp_path / "j.db")
    _modules_after(["--db", db, "log", "sleep", "--hours", "7"], tmp_path)  # creates it
    code = (
        "import sys\n"
        "from tracker.cli import main\n"
        "code = main(sys.argv[1:])\n"
        "print(code, sorted({m.split('.')[0] for m in sys.modules} & "
        "{'sqlalchemy', 'alembic', 'textual'}))\n"
    )
    env = {"PATH": "/usr/bin:/bin", "HOME": str(tmp_path)}
    for extra in ([], ["--weeks", "3"]):
        run = [sys.executable, "-c", code, "--db", db, "summary", "--json", *extra]
        done = subprocess.run(run, cwd=ROOT, capture_output=True, text=True, check=True, env=env)
        assert done.stdout.splitlines()[-1] == "0 []"
        assert '"sleep-duration"' in done.stdout


def test_csv_export_of_an_existing_journal_imports_neither_sqlalchemy_nor_pydantic(
    tmp_path: Path,
) -> None:
    """`tracker export csv` (entries, daily) reads over sqlite3 and writes cells directly."""
    db = str(tmp_path / "j.db")
    env = {"PATH": "/usr/bin:/bin", "HOME": str(tmp_path)}
    first = _modules_after(["--db", db, "log", "sleep", "--hours", "7"], tmp_path)
    assert first["code"] == 0
    for shape in ("entries", "daily"):
        code = (
            "import sys\n"
            "from tracker.cli import main\n"
            f"code = main(['--db', sys.argv[1], 'export', 'csv', '--shape', {shape!r},"
            " '-o', sys.argv[2]])\n"
            "print(code, sorted({m.split('.')[0] for m in sys.modules} & "
            "{'sqlalchemy', 'alembic', 'textual', 'pydantic'}))\n"
        )
        out = tmp_path / f"{shape}.csv"
        run = subprocess.run(
            [sys.executable, "-c", code, db, str(out)],
            cwd=ROOT,
            capture_output=True,
            text=True,
            check=True,
            env=env,
        )
        assert run.stdout.splitlines()[-1] == "0 []", run.stdout + run.stderr
        assert out.read_text(encoding="utf-8").count("\n") == 2  # the header and the entry


def test_json_export_of_an_existing_journal_imports_no_sqlalchemy(tmp_path: Path) -> None:
    db = str(tmp_path / "j.db")
    assert _modules_after(["--db", db, "log", "sleep", "--hours", "7"], tmp_path)["code"] == 0
    code = (
        "import sys\n"
        "from tracker.cli import main\n"
        "code = main(['--db', sys.argv[1], 'export', 'json', '-o', sys.argv[2]])\n"
        "print(code, sorted({m.split('.')[0] for m in sys.modules} & "
        "{'sqlalchemy', 'alembic', 'textual'}))\n"
    )
    out = tmp_path / "all.json"
    run = subprocess.run(
        [sys.executable, "-c", code, db, str(out)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
        env={"PATH": "/usr/bin:/bin", "HOME": str(tmp_path)},
    )
    assert run.stdout.splitlines()[-1] == "0 []", run.stdout + run.stderr
    assert json.loads(out.read_text(encoding="utf-8"))["entries"][0]["kind"] == "sleep"
