"""Outbox claims: two senders never send one e-mail twice; failures back off; stale claims recover.

Real SMTP conversations with the small server of ``test_outbox_attachments`` on 127.0.0.1, on
SQLite and PostgreSQL (the ``uow`` fixture).
"""

from __future__ import annotations

import threading
from collections import Counter
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
import sqlalchemy as sa

from backoffice.db import models as m
from backoffice.db.enums import OutboxStatus
from backoffice.services.admin import outbox
from tests.integration.test_outbox_attachments import _SmtpServer

T0 = datetime(2026, 3, 2, 1, 0, tzinfo=UTC)


@pytest.fixture
def smtp_server() -> Iterator[_SmtpServer]:
    server = _SmtpServer()
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield server
    finally:
        server.shutdown()
        server.server_close()


def _queue(uow: Any, n: int) -> list[int]:
    with uow() as u:
        rows = [m.OutboxEmail(to_address=f"r{i}@example.com", subject="通知", body=f"第{i}封") for i in range(n)]
        u.session.add_all(rows)
        u.commit()
        return [r.id for r in rows]


def _config(server: _SmtpServer) -> outbox.SmtpConfig:
    return outbox.SmtpConfig(host="127.0.0.1", port=server.server_address[1], sender="noreply@test.tw")


def _rows(uow: Any) -> list[m.OutboxEmail]:
    with uow() as u:
        rows = list(u.session.scalars(sa.select(m.OutboxEmail).order_by(m.OutboxEmail.id)))
        u.session.expunge_all()
        return rows


def test_two_concurrent_senders_deliver_each_email_exactly_once(uow: Any, smtp_server: _SmtpServer) -> None:
    _queue(uow, 40)
    config, start = _config(smtp_server), threading.Barrier(2)
    reports: list[outbox.OutboxReport] = []

    def sender(name: str) -> None:
        start.wait()  # both read the same pending list, then race for every row
        reports.append(outbox.send_pending(uow, config, sender_id=name))

    threads = [threading.Thread(target=sender, args=(n,)) for n in ("a", "b")]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    delivered = Counter(rcpts[0] for _, rcpts, _ in smtp_server.received)
    assert sorted(delivered) == sorted(f"r{i}@example.com" for i in range(40))
    assert set(delivered.values()) == {1}
    assert sum(r.sent for r in reports) == 40 and not any(r.claim_lost for r in reports)
    assert {(r.status, r.attempts, r.claimed_by) for r in _rows(uow)} == {(OutboxStatus.SENT, 1, None)}


def test_a_claimed_email_is_left_to_its_sender(uow: Any, smtp_server: _SmtpServer) -> None:
    first, _ = _queue(uow, 2)
    with uow() as u:
        assert outbox._claim(u, first, "other", T0, T0 - outbox.STALE_CLAIM_AFTER, outbox.MAX_ATTEMPTS)
    with uow() as u:  # a second claim on the same row loses
        assert not outbox._claim(u, first, "me", T0, T0 - outbox.STALE_CLAIM_AFTER, outbox.MAX_ATTEMPTS)
    report = outbox.send_pending(uow, _config(smtp_server), sender_id="me", now=lambda: T0 + timedelta(minutes=1))
    assert report.sent == 1 and [r[1] for r in smtp_server.received] == [["r1@example.com"]]
    held = _rows(uow)[0]
    assert (held.status, held.claimed_by, held.claimed_at) == (OutboxStatus.SENDING, "other", T0)


def test_a_stale_claim_is_taken_over_and_the_crashed_sender_cannot_mark_it(
        uow: Any, smtp_server: _SmtpServer) -> None:
    (email_id,) = _queue(uow, 1)
    with uow() as u:  # a sender claimed it, then died before talking SMTP
        assert outbox._claim(u, email_id, "crashed", T0, T0 - outbox.STALE_CLAIM_AFTER, outbox.MAX_ATTEMPTS)
    config = _config(smtp_server)
    early = T0 + outbox.STALE_CLAIM_AFTER - timedelta(seconds=1)
    assert outbox.send_pending(uow, config, sender_id="new", now=lambda: early).sent == 0
    late = T0 + outbox.STALE_CLAIM_AFTER + timedelta(seconds=1)
    assert outbox.send_pending(uow, config, sender_id="new", now=lambda: late).sent == 1
    row = _rows(uow)[0]
    assert (row.status, row.attempts, row.sent_at) == (OutboxStatus.SENT, 2, late)  # the crash counts
    with uow() as u:  # the crashed sender wakes up: its claim is gone, nothing changes
        assert not outbox._finish(u, email_id, "crashed", 1, "late error", late)
    assert _rows(uow)[0].last_error is None and len(smtp_server.received) == 1


def test_failures_release_the_claim_back_off_and_give_up(uow: Any, smtp_server: _SmtpServer) -> None:
    _queue(uow, 1)
    config, now = _config(smtp_server), T0
    smtp_server.refuse = True
    due = []
    for attempt in range(1, outbox.MAX_ATTEMPTS + 1):
        report = outbox.send_pending(uow, config, now=lambda: now)
        assert (report.sent, report.failed) == (0, 1)
        row = _rows(uow)[0]
        assert (row.status, row.claimed_by, row.attempts) == (OutboxStatus.PENDING, None, attempt)
        assert "451" in (row.last_error or "")
        assert row.next_attempt_at == now + outbox.retry_delay(attempt)
        assert outbox.send_pending(uow, config, now=lambda: now + timedelta(seconds=59)).failed == 0
        due.append(row.next_attempt_at - now)
        now = row.next_attempt_at
    assert due == [timedelta(minutes=x) for x in (1, 2, 4, 8, 16)]
    smtp_server.refuse = False
    assert outbox.send_pending(uow, config, now=lambda: now + timedelta(days=1)).sent == 0  # given up
    with uow() as u:
        assert outbox.pending_count(u) == 0
        assert [i.given_up for i in outbox.list_emails(u)] == [True]
    assert outbox.retry_delay(20) == outbox.RETRY_CAP
