"""`backoffice-admin quote|check|sweep` as a subprocess: RULES examples, exit codes, DB down."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from datetime import date
from typing import Any

import pytest
from sqlalchemy import Engine

from backoffice.config import RESOURCES

UNREACHABLE = "postgresql+psycopg://postgres@127.0.0.1:1/nowhere"


def run(*args: str, url: str | None = None) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ)
    env.pop("BACKOFFICE_DATABASE_URL", None)
    if url:
        env["BACKOFFICE_DATABASE_URL"] = url
    return subprocess.run([sys.executable, "-m", "backoffice.cli", *args], capture_output=True, text=True,
                          env=env, timeout=120)


def doc(*args: str, url: str | None = None, code: int = 0) -> dict[str, Any]:
    p = run(*args, "--json", url=url)
    assert p.returncode == code, p.stderr
    lines = p.stdout.strip().splitlines()
    assert len(lines) == 1  # one JSON document
    out = json.loads(lines[0])
    assert isinstance(out, dict)
    return out


@pytest.mark.parametrize(("total", "balance", "points", "self_pay"), [
    (60_000, 30_000, 30_000, 30_000),  # 手冊
    (70_000, 30_000, 30_000, 40_000),  # 手冊
    (40_001, 30_000, 20_000, 20_001),  # floor(T/2)
    (60_000, 12_000, 12_000, 48_000),  # short balance: the applicant pays the rest (須知七(五))
])
def test_quote_order_examples(total: int, balance: int, points: int, self_pay: int) -> None:
    d = doc("quote", "order", "--total", str(total), "--balance", str(balance))
    assert (d["points"], d["self_pay"]) == (points, self_pay)
    assert "須知二(二)" in d["clauses"]


@pytest.mark.parametrize(("points", "self_pay", "end", "used", "half", "p_ref", "c_ref"), [
    (30_000, 40_000, "2026-06-10", 5, False, 17_500, 23_333),  # RULES §8 example, u = 5
    (30_000, 40_000, "2026-07-15", 6, True, 15_000, 0),  # u = 6: half or more
    (30_000, 40_000, "2026-01-15", 0, False, 30_000, 40_000),  # ended before the start
])
def test_quote_refund_examples(points: int, self_pay: int, end: str, used: int, half: bool,
                               p_ref: int, c_ref: int) -> None:
    d = doc("quote", "refund", "--points", str(points), "--self-pay", str(self_pay), "--start", "2026-01-16",
            "--term-months", "12", "--end", end)
    assert (d["months_used"], d["half_or_more"], d["points_refund"], d["self_pay_refund"]) == (
        used, half, p_ref, c_ref)
    assert d["clauses"]


def test_quote_refund_rounds_the_used_part_half_up() -> None:
    # P 12,345, m 6, u 3 -> used 6,172.5 -> 6,173, refund 6,172 (RULES §8).
    d = doc("quote", "refund", "--points", "12345", "--self-pay", "0", "--start", "2026-03-01",
            "--term-months", "6", "--end", "2026-05-31")
    assert (d["months_used"], d["points_refund"]) == (3, 6_172)


def test_quote_refund_five_months_and_a_day_count_as_six() -> None:
    d = doc("quote", "refund", "--points", "30000", "--self-pay", "40000", "--start", "2026-01-16",
            "--term-months", "12", "--end", "2026-06-16")
    assert (d["months_used"], d["half_or_more"]) == (6, True)


def test_quote_bad_input_is_one_line_and_exit_2() -> None:
    p = run("quote", "refund", "--points", "1", "--self-pay", "1", "--start", "2026-01-01",
            "--term-months", "0", "--end", "2026-02-01", "--json")
    assert p.returncode == 2 and len(p.stderr.strip().splitlines()) == 1 and "Traceback" not in p.stderr


@pytest.mark.parametrize(("value", "valid"), [
    ("04595257", True), ("10458575", True), ("10458574", True), ("22099131", True), ("04595252", True),
    ("62140097", True), ("12345678", False), ("04595253", False),
])
def test_check_ubn_examples(value: str, valid: bool) -> None:
    d = doc("check", "ubn", value, code=0 if valid else 1)
    assert (d["valid"], d["kind"]) == (valid, "ubn")


@pytest.mark.parametrize(("value", "valid", "kind"), [
    ("A123456789", True, "citizen"), ("M162773050", True, "citizen"), ("A123456788", False, "citizen"),
    ("A800000014", True, "resident"), ("AA00000009", True, "resident_old"), ("123", False, "unknown"),
])
def test_check_id_examples(value: str, valid: bool, kind: str) -> None:
    d = doc("check", "id", value, code=0 if valid else 1)
    assert (d["valid"], d["kind"]) == (valid, kind)
    assert value not in json.dumps(d)  # the number is never echoed


def _url(engine: Engine) -> str:
    return engine.url.render_as_string(hide_password=False)


def test_quote_validity_uses_the_database_calendar(engine: Engine) -> None:
    url = _url(engine)
    args = ("quote", "validity", "--issued", "2026-01-15", "--returned", "2026-04-10")
    before = doc(*args, url=url)
    assert (before["returned"], before["valid_until"], before["provisional"]) == (True, "2026-04-17", True)
    imp = run("calendar", "import", str(RESOURCES / "calendar" / "115年中華民國政府行政機關辦公日曆表.csv"), url=url)
    assert imp.returncode == 0, imp.stderr
    after = doc(*args, url=url)
    assert (after["valid_until"], after["provisional"]) == ("2026-04-17", False)
    # 須知七(七)1 wins when the extension ends earlier: R 2026-02-10 -> original 2026-04-15.
    assert doc("quote", "validity", "--issued", "2026-01-15", "--returned", "2026-02-10",
               url=url)["valid_until"] == "2026-04-15"
    # The Lunar New Year break: 5 working days after Fri 2026-02-13 end on Fri 2026-02-27?
    # No: 02-27 is a day off (228 observed); days 1-5 are 02-23..02-26 and 03-02.
    assert doc("quote", "validity", "--issued", "2025-11-01", "--returned", "2026-02-13",
               url=url)["valid_until"] == "2026-03-02"
    cut = doc(*args, "--deadline", "2026-04-16", url=url)
    assert (cut["returned"], cut["valid_until"]) == (True, "2026-04-16")
    late = doc(*args, "--deadline", "2026-04-09", url=url)
    assert (late["returned"], late["valid_until"]) == (False, None)
    gone = doc(*args, "--exhausted-on", "2026-04-10", url=url)
    assert gone["returned"] is False


def test_sweep_cli_twice(engine: Engine) -> None:
    from sqlalchemy.orm import Session

    from backoffice.services.points import ledger
    from tests.integration import _points_data as data

    with Session(engine) as s:
        p = data.programme(s)
        a, app = data.applicant(s, p.id)
        ledger.issue_grant(s, applicant_id=a.id, application_id=app.id, issued_on=date(2026, 1, 15))
        s.commit()
    first = doc("sweep", "--as-of", "2026-02-16", url=_url(engine))
    assert (first["as_of"], first["lapsed"], first["points_recovered"], first["budget_released"]) == (
        "2026-02-16", 1, 30_000, 30_000)
    second = doc("sweep", "--as-of", "2026-02-16", url=_url(engine))
    assert (second["lapsed"], second["expired_lots"], second["points_recovered"]) == (0, 0, 0)


@pytest.mark.parametrize("args", [
    ("quote", "validity", "--issued", "2026-01-15", "--returned", "2026-04-10", "--json"),
    ("sweep", "--as-of", "2026-05-01", "--json"),
    ("calendar", "show", "2026", "--json"),
    ("calendar", "import", str(RESOURCES / "calendar" / "115年中華民國政府行政機關辦公日曆表.csv")),
])
def test_database_down_gives_one_line_and_exit_2(args: tuple[str, ...]) -> None:
    p = run(*args, url=UNREACHABLE)
    assert p.returncode == 2
    assert p.stdout == ""
    lines = p.stderr.strip().splitlines()
    assert len(lines) == 1 and "database" in lines[0] and "Traceback" not in p.stderr


def test_the_quote_path_does_not_import_qt() -> None:
    code = ("import sys; from backoffice.cli import main; main(['quote','order','--total','10','--balance','5',"
            "'--json']); assert not any(m.startswith('PySide6') for m in sys.modules), 'Qt imported'")
    p = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert p.returncode == 0, p.stderr
