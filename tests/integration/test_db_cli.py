"""`backoffice-admin db upgrade|current` and `stats`, run as the installed command."""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
from pathlib import Path

import pytest
from sqlalchemy import Engine
from sqlalchemy.orm import Session

from backoffice.db import migrate
from backoffice.db import models as m
from backoffice.db.enums import ApplicantType

ROOT = Path(__file__).resolve().parents[2]
# This checkout's command line (the installed script may belong to another checkout).
ADMIN = [sys.executable, "-m", "backoffice.cli"]


def run_admin(*args: str, url: str | None = None) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ)
    env.pop("BACKOFFICE_DATABASE_URL", None)
    if url:
        env["BACKOFFICE_DATABASE_URL"] = url
    env["PYTHONPATH"] = str(ROOT)
    return subprocess.run([*ADMIN, *args], capture_output=True, text=True, env=env, timeout=120, cwd=ROOT)


def closed_port() -> int:
    with socket.socket() as s:  # bind then close: nothing listens there afterwards
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def test_upgrade_creates_the_sqlite_file_and_reports_the_revision(tmp_path: Path) -> None:
    path = tmp_path / "nested" / "dir" / "backoffice.sqlite3"
    url = f"sqlite:///{path}"
    before = run_admin("db", "current", "--json", url=url)
    assert before.returncode == 0, before.stderr
    assert json.loads(before.stdout)["revision"] is None
    done = run_admin("db", "upgrade", url=url)
    assert done.returncode == 0, done.stderr
    assert migrate.head() in done.stdout
    assert path.is_file()
    after = json.loads(run_admin("db", "current", "--json", url=url).stdout)
    assert after == {"database": url, "revision": migrate.head(), "head": migrate.head(), "up_to_date": True}


def test_stats_counts_rows_as_json(engine: Engine) -> None:
    url = engine.url.render_as_string(hide_password=False)
    with Session(engine) as s:
        s.add_all([m.Applicant(name=f"公司{i}", ubn=f"0000000{i}", applicant_type=ApplicantType.SME)
                   for i in range(3)])
        s.commit()
    engine.dispose()
    result = run_admin("stats", "--json", "--url", url)
    assert result.returncode == 0, result.stderr
    counts = json.loads(result.stdout)
    assert counts["applicants"] == 3
    assert counts["applications"] == 0 and counts["ledger_entries"] == 0


def test_stats_on_a_database_without_schema_says_to_upgrade(tmp_path: Path) -> None:
    result = run_admin("stats", url=f"sqlite:///{tmp_path / 'new.sqlite3'}")
    assert result.returncode == 2
    assert "db upgrade" in result.stderr and "Traceback" not in result.stderr


@pytest.mark.parametrize("command", [("db", "upgrade"), ("db", "current"), ("stats", "--json")])
def test_unreachable_database_gives_one_line_and_exit_code_2(command: tuple[str, ...]) -> None:
    url = f"postgresql+psycopg://postgres@127.0.0.1:{closed_port()}/backoffice"
    result = run_admin(*command, url=url)
    assert result.returncode == 2
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith("backoffice-admin: database cannot be reached")
    assert result.stdout == ""
