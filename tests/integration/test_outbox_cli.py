"""`backoffice-admin outbox send|list` as the installed command, against an SMTP server on 127.0.0.1."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import threading
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
import sqlalchemy as sa
from sqlalchemy import Engine

from backoffice.db import models as m
from tests.integration.test_db_cli import closed_port
from tests.integration.test_outbox_attachments import _SmtpServer

ROOT = Path(__file__).resolve().parents[2]
# This checkout's command line (the installed script may belong to another checkout).
ADMIN = [sys.executable, "-m", "backoffice.cli"]
SUBJECT = "【臺灣雲市集】數位點數申請核定通知"


@pytest.fixture
def smtp() -> Iterator[_SmtpServer]:
    server = _SmtpServer()
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield server
    finally:
        server.shutdown()
        server.server_close()


def admin(*args: str, url: str, smtp_port: int | None = None) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("BACKOFFICE_SMTP_")}
    env["BACKOFFICE_DATABASE_URL"] = url
    if smtp_port is not None:
        env.update(BACKOFFICE_SMTP_HOST="127.0.0.1", BACKOFFICE_SMTP_PORT=str(smtp_port),
                   BACKOFFICE_SMTP_SENDER="noreply@cli.test.tw")
    env["PYTHONPATH"] = str(ROOT)
    return subprocess.run([*ADMIN, *args], capture_output=True, text=True, env=env, timeout=120, cwd=ROOT)


def url_of(engine: Engine) -> str:
    return engine.url.render_as_string(hide_password=False)


def queue(uow: Any, n: int) -> None:
    with uow() as u:
        for i in range(n):
            u.session.add(m.OutboxEmail(to_address=f"applicant{i}@example.com", subject=SUBJECT,
                                        body=f"好給力{i}股份有限公司 您好：核發點數 30,000 點"))
        u.commit()


def test_send_delivers_the_pending_mails_once_and_list_follows(engine: Engine, uow: Any, smtp: _SmtpServer) -> None:
    queue(uow, 3)
    url, port = url_of(engine), smtp.server_address[1]
    before = admin("outbox", "list", "--json", url=url)
    assert before.returncode == 0, before.stderr
    doc = json.loads(before.stdout)
    assert doc["pending"] == 3
    assert [e["to"] for e in doc["emails"]] == [f"applicant{i}@example.com" for i in range(3)]
    assert all(e["sent_at"] is None and e["attempts"] == 0 for e in doc["emails"])

    sent = admin("outbox", "send", "--json", url=url, smtp_port=port)
    assert sent.returncode == 0, sent.stderr
    report = json.loads(sent.stdout)
    assert (report["sent"], report["failed"], report["pending"]) == (3, 0, 0)
    assert [r[1] for r in smtp.received] == [[f"applicant{i}@example.com"] for i in range(3)]
    sender, _, message = smtp.received[0]
    assert sender == "noreply@cli.test.tw" and message["Subject"] == SUBJECT
    assert "30,000" in message.get_content()

    again = admin("outbox", "send", url=url, smtp_port=port)
    assert again.returncode == 0 and "sent 0" in again.stdout
    assert len(smtp.received) == 3  # nothing twice
    after = json.loads(admin("outbox", "list", "--json", url=url).stdout)
    assert after == {"pending": 0, "emails": []}
    everything = json.loads(admin("outbox", "list", "--all", "--json", url=url).stdout)
    assert len(everything["emails"]) == 3 and all(e["sent_at"] for e in everything["emails"])


def test_limit_sends_the_oldest_first(engine: Engine, uow: Any, smtp: _SmtpServer) -> None:
    queue(uow, 3)
    result = admin("outbox", "send", "--limit", "2", "--json", url=url_of(engine), smtp_port=smtp.server_address[1])
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["pending"] == 1
    assert [r[1] for r in smtp.received] == [["applicant0@example.com"], ["applicant1@example.com"]]


def test_a_refusing_server_gives_exit_1_and_the_error_is_listed(engine: Engine, uow: Any,
                                                                smtp: _SmtpServer) -> None:
    queue(uow, 2)
    url, port = url_of(engine), smtp.server_address[1]
    smtp.refuse = True
    failed = admin("outbox", "send", "--json", url=url, smtp_port=port)
    assert failed.returncode == 1, failed.stderr
    report = json.loads(failed.stdout)
    assert (report["sent"], report["failed"], report["pending"]) == (0, 2, 2)
    assert all("451" in e["error"] for e in report["errors"])
    listed = json.loads(admin("outbox", "list", "--json", url=url).stdout)
    assert [(e["attempts"], e["given_up"]) for e in listed["emails"]] == [(1, False), (1, False)]
    assert "451" in listed["emails"][0]["last_error"]
    text = admin("outbox", "list", url=url)
    assert "applicant0@example.com" in text.stdout and "451" in text.stdout

    smtp.refuse = False
    assert json.loads(admin("outbox", "send", "--json", url=url, smtp_port=port).stdout)["sent"] == 0  # backoff
    with uow() as u:  # the retry time has come
        u.session.execute(sa.update(m.OutboxEmail).values(next_attempt_at=datetime(2000, 1, 1, tzinfo=UTC)))
        u.commit()
    retried = admin("outbox", "send", url=url, smtp_port=port)
    assert retried.returncode == 0, retried.stderr
    assert len(smtp.received) == 2


def test_without_an_smtp_server_nothing_is_tried(engine: Engine, uow: Any) -> None:
    queue(uow, 1)
    result = admin("outbox", "send", url=url_of(engine))
    assert result.returncode == 2
    assert result.stderr.strip().splitlines() == [
        "backoffice-admin: 未設定 SMTP 伺服器 (no SMTP server): set BACKOFFICE_SMTP_HOST"]
    assert json.loads(admin("outbox", "list", "--json", url=url_of(engine)).stdout)["pending"] == 1


def test_an_unreachable_smtp_server_is_a_recorded_failure(engine: Engine, uow: Any) -> None:
    queue(uow, 1)
    result = admin("outbox", "send", "--json", url=url_of(engine), smtp_port=closed_port())
    assert result.returncode == 1
    assert json.loads(result.stdout)["failed"] == 1


@pytest.mark.parametrize("command", [("outbox", "list"), ("outbox", "send")])
def test_database_down_or_without_schema_gives_exit_2(command: tuple[str, ...], tmp_path: Path) -> None:
    down = admin(*command, url=f"postgresql+psycopg://postgres@127.0.0.1:{closed_port()}/x", smtp_port=closed_port())
    assert down.returncode == 2
    assert down.stderr.startswith("backoffice-admin: database cannot be reached") and "Traceback" not in down.stderr
    empty = admin(*command, url=f"sqlite:///{tmp_path / 'new.sqlite3'}", smtp_port=closed_port())
    assert empty.returncode == 2 and "db upgrade" in empty.stderr
