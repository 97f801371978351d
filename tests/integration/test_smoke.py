"""`backoffice --smoke-test` as an officer's desk would run it: a real process on a fresh database."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from backoffice.views import screens

BACKOFFICE = Path(sys.executable).with_name("backoffice")


def run(*args: str, env_extra: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k != "QT_QPA_PLATFORM"}  # the app must choose offscreen
    env.update(env_extra or {})
    return subprocess.run([str(BACKOFFICE), *args], capture_output=True, text=True, timeout=180, env=env)


def test_smoke_test_opens_every_screen_on_a_new_sqlite_database(tmp_path):
    db = tmp_path / "smoke.sqlite3"
    result = run("--smoke-test", "--database", f"sqlite:///{db}")
    assert result.returncode == 0, result.stdout + result.stderr
    lines = [line for line in result.stdout.splitlines() if line.startswith("screen ")]
    keys = [s.key for s in screens.screens()]
    assert [line.split(":")[0].removeprefix("screen ") for line in lines] == keys
    assert all(": ok (" in line for line in lines), lines
    assert db.exists()  # the database was migrated on the way in


def test_smoke_test_in_english(tmp_path):
    result = run("--smoke-test", "--lang", "en", "--database", f"sqlite:///{tmp_path / 'en.sqlite3'}")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "screen dashboard: ok (DashboardPage) Dashboard" in result.stdout


def test_smoke_test_fails_clearly_when_the_database_is_unreachable():
    result = run("--smoke-test", "--database", "postgresql+psycopg://postgres@127.0.0.1:9/nowhere")
    assert result.returncode == 1
    assert "database cannot be reached" in result.stdout + result.stderr
    assert "Traceback" not in result.stderr
