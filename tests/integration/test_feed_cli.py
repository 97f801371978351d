"""`backoffice-admin demo feed` and `backoffice-admin import` through a real subprocess."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections import Counter
from pathlib import Path

import sqlalchemy as sa

from backoffice.db import models as m

CLI = [sys.executable, "-m", "backoffice.cli"]


def _run(*args: str, url: str | None = None) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ)
    if url:
        env["BACKOFFICE_DATABASE_URL"] = url
    return subprocess.run([*CLI, *args], capture_output=True, text=True, env=env, timeout=300)


def test_demo_feed_then_import_exit_codes(engine, session_factory, tmp_path: Path) -> None:
    url = engine.url.render_as_string(hide_password=False)
    out = tmp_path / "feed.jsonl"
    gen = _run("demo", "feed", "--applicants", "25", "--seed", "3", "--out", str(out), "--json")
    assert gen.returncode == 0, gen.stderr
    doc = json.loads(gen.stdout)
    n = len(out.read_text(encoding="utf-8").splitlines())
    assert doc["records"] == n > 25

    first = _run("import", str(out), "--json", url=url)
    assert first.returncode == 0, first.stderr
    assert json.loads(first.stdout) == {"accepted": n, "duplicates": 0, "rejected": []}
    again = _run("import", str(out), "--json", url=url)
    assert json.loads(again.stdout) == {"accepted": 0, "duplicates": n, "rejected": []}

    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"type":"vendor","id":"VB","ubn":"12345678","name":"x"}\n\n[1,2]\n', encoding="utf-8")
    res = _run("import", str(bad), "--json", url=url)
    assert res.returncode == 1
    doc = json.loads(res.stdout)
    assert [r["line"] for r in doc["rejected"]] == [1, 3] and doc["accepted"] == 0
    with session_factory() as s:
        assert s.scalar(sa.select(sa.func.count()).select_from(m.Vendor).where(m.Vendor.external_id == "VB")) == 0


def test_fresh_database_end_to_end(tmp_path: Path) -> None:
    """What other checks run: db upgrade, demo feed, import on a brand-new SQLite file."""
    url = f"sqlite:///{tmp_path / 'fresh.sqlite3'}"
    feed = tmp_path / "f.jsonl"
    up = _run("db", "upgrade", url=url)
    assert up.returncode == 0, up.stderr
    gen = _run("demo", "feed", "--applicants", "50", "--seed", "7", "--out", str(feed), url=url)
    assert gen.returncode == 0, gen.stderr
    lines = feed.read_text(encoding="utf-8").splitlines()
    res = _run("import", str(feed), "--json", url=url)
    assert res.returncode == 0, (res.stdout[:2000], res.stderr)
    assert json.loads(res.stdout) == {"accepted": len(lines), "duplicates": 0, "rejected": []}
    by_type = Counter(json.loads(x)["type"] for x in lines)
    stats = _run("stats", "--json", url=url)
    assert stats.returncode == 0, stats.stderr
    counts = json.loads(stats.stdout)
    assert counts["programmes"] == by_type["programme"] == 1
    assert counts["applications"] == by_type["application"] == 50
    assert counts["vendors"] == by_type["vendor"] and counts["solutions"] == by_type["solution"]
    assert counts["orders"] == by_type["order"] and counts["order_events"] == by_type["order_event"]
    assert counts["terminations"] == by_type["termination"]
    assert counts["confirmations"] == by_type["confirmation"]
    assert counts["settlement_claims"] == by_type["settlement_claim"]
    assert counts["grants"] == sum(1 for x in lines if '"status":"approved"' in x) > 0
    assert counts["feed_records"] == len(lines)


def test_unreachable_database_exits_2_with_one_line(tmp_path: Path) -> None:
    feed = tmp_path / "f.jsonl"
    feed.write_text("", encoding="utf-8")
    res = _run("import", str(feed), "--json",
               url="postgresql+psycopg://nobody@127.0.0.1:1/none?connect_timeout=2")
    assert res.returncode == 2
    assert res.stdout == ""
    assert len(res.stderr.strip().splitlines()) == 1


def test_the_readme_path_for_a_larger_demo_gives_a_database_one_can_sign_in_to(
        engine, session_factory, uow, tmp_path: Path) -> None:
    from backoffice.services.admin.officers import demo_sign_in

    url = engine.url.render_as_string(hide_password=False)
    out = tmp_path / "feed.jsonl"
    assert _run("demo", "feed", "--applicants", "40", "--seed", "7", "--out", str(out)).returncode == 0
    res = _run("import", str(out), "--demo", "--json", url=url)
    assert res.returncode == 0, res.stderr
    assert json.loads(res.stdout)["rejected"] == []  # stdout: the import report, same shape as without --demo
    assert "示範登入" in res.stderr
    with session_factory() as s:
        assert s.scalars(sa.select(m.Programme.is_demo)).all() == [True]
        assert s.scalar(sa.select(sa.func.count()).select_from(m.Officer)) == 5
        assert s.scalar(sa.select(sa.func.count()).select_from(m.Application)) >= 40
        assert s.scalar(sa.select(sa.func.count()).select_from(m.CalendarYear)) >= 1
    with uow() as u:
        officer = demo_sign_in(u)  # card-less sign-in works on the demo database
    assert officer.id is not None
    # Never into a database that already holds data: real data must not become a demo database.
    again = _run("import", str(out), "--demo", "--json", url=url)
    assert again.returncode == 2 and "empty database" in again.stderr


def test_a_plain_import_does_not_make_a_demo_database(engine, session_factory, tmp_path: Path) -> None:
    url = engine.url.render_as_string(hide_password=False)
    out = tmp_path / "feed.jsonl"
    assert _run("demo", "feed", "--applicants", "5", "--seed", "1", "--out", str(out)).returncode == 0
    assert _run("import", str(out), "--json", url=url).returncode == 0
    with session_factory() as s:
        assert s.scalars(sa.select(m.Programme.is_demo)).all() == [False]
        assert s.scalar(sa.select(sa.func.count()).select_from(m.Officer)) == 0
