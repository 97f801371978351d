"""Send the queued e-mails (transactional outbox) by SMTP when a server is configured.

Business transactions only INSERT an ``OutboxEmail`` row (the decision and its notification
commit together); this module sends them afterwards. Each e-mail is sent and marked in its own
transaction, so a crash never loses a sent mark for more than one message. Before sending, a
sender claims the e-mail with a conditional UPDATE (``pending`` -> ``sending``, with its id and
the time), so two senders never send one e-mail twice, on SQLite and PostgreSQL alike. A failure
is recorded (``attempts``, ``last_error``) and the claim released with ``next_attempt_at``
(backoff); a claim left by a crashed sender is taken over after ``STALE_CLAIM_AFTER``. After
``max_attempts`` an e-mail is given up.
"""

from __future__ import annotations

import os
import smtplib
import socket
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from email.message import EmailMessage
from email.utils import formatdate, make_msgid
from typing import Any

import sqlalchemy as sa

from backoffice.db import models as m
from backoffice.db.enums import OutboxStatus
from backoffice.db.session import UnitOfWork
from backoffice.services.authz import pure, system_job

MAX_ATTEMPTS = 5
SMTP_TIMEOUT_SECONDS = 15
RETRY_BASE = timedelta(minutes=1)
RETRY_CAP = timedelta(hours=1)
# A claim older than this belongs to a sender that died: far above one SMTP conversation
# (a few socket timeouts of SMTP_TIMEOUT_SECONDS), so a live sender never loses its claim.
STALE_CLAIM_AFTER = timedelta(minutes=10)


@dataclass(frozen=True)
class SmtpConfig:
    host: str
    port: int = 25
    sender: str = "noreply@tcloud.example.tw"
    starttls: bool = False
    username: str | None = None
    password: str | None = field(default=None, repr=False)

    @classmethod
    def from_settings(cls, settings: Any) -> SmtpConfig | None:
        """From ``backoffice.config.Settings``; None when no SMTP host is configured."""
        if not getattr(settings, "smtp_host", None):
            return None
        return cls(host=settings.smtp_host, port=int(settings.smtp_port), sender=settings.smtp_sender)


@dataclass
class OutboxReport:
    sent: int = 0
    failed: int = 0
    skipped: bool = False  # no SMTP server configured: nothing was tried
    errors: list[tuple[int, str]] = field(default_factory=list)
    # Sent, but the claim had gone stale and was taken over before the sent mark: a possible
    # duplicate, listed so an administrator can tell (never seen unless a send outlives the timeout).
    claim_lost: list[int] = field(default_factory=list)

    def to_json(self) -> dict[str, Any]:
        return {"sent": self.sent, "failed": self.failed, "skipped": self.skipped,
                "errors": [{"id": i, "error": e} for i, e in self.errors]}


@system_job("backoffice-admin outbox")
def pending_count(uow: UnitOfWork, max_attempts: int = MAX_ATTEMPTS) -> int:
    return int(uow.session.scalar(sa.select(sa.func.count()).select_from(m.OutboxEmail).where(
        m.OutboxEmail.sent_at.is_(None), m.OutboxEmail.attempts < max_attempts)) or 0)


@pure
def build_message(row: m.OutboxEmail, sender: str) -> EmailMessage:
    msg = EmailMessage()
    msg["From"] = sender
    msg["To"] = row.to_address
    msg["Subject"] = row.subject
    msg["Date"] = formatdate(localtime=False)
    msg["Message-ID"] = make_msgid(idstring=f"outbox{row.id}")
    msg.set_content(row.body, charset="utf-8")
    return msg


def _deliver(config: SmtpConfig, msg: EmailMessage) -> None:
    with smtplib.SMTP(config.host, config.port, timeout=SMTP_TIMEOUT_SECONDS) as smtp:
        if config.starttls:
            smtp.starttls()
        if config.username:
            smtp.login(config.username, config.password or "")
        smtp.send_message(msg)


@pure
def new_sender_id() -> str:
    """Who holds a claim: host, process and a random part (two senders in one process differ)."""
    return f"{socket.gethostname()[:40]}:{os.getpid()}:{uuid.uuid4().hex[:12]}"


@pure
def retry_delay(attempts: int) -> timedelta:
    """Backoff after the ``attempts``-th failed try: 1, 2, 4 ... minutes, at most an hour."""
    delay: timedelta = RETRY_BASE * 2 ** max(attempts - 1, 0)
    return min(delay, RETRY_CAP)


def _claimable(now: datetime, stale_before: datetime, max_attempts: int) -> sa.ColumnElement[bool]:
    e = m.OutboxEmail
    return sa.and_(
        e.sent_at.is_(None), e.attempts < max_attempts,
        sa.or_(sa.and_(e.status == OutboxStatus.PENDING,
                       sa.or_(e.next_attempt_at.is_(None), e.next_attempt_at <= now)),
               sa.and_(e.status == OutboxStatus.SENDING, e.claimed_at < stale_before)))


def _claim(uow: UnitOfWork, email_id: int, sender_id: str, now: datetime, stale_before: datetime,
           max_attempts: int) -> bool:
    """Take one e-mail with a conditional UPDATE; False when another sender was first."""
    e = m.OutboxEmail
    result = uow.session.execute(
        sa.update(e).where(e.id == email_id, _claimable(now, stale_before, max_attempts))
        .values(status=OutboxStatus.SENDING, claimed_by=sender_id, claimed_at=now, attempts=e.attempts + 1)
        .execution_options(synchronize_session=False))
    uow.commit()
    return bool(result.rowcount == 1)  # type: ignore[attr-defined]


def _finish(uow: UnitOfWork, email_id: int, sender_id: str, attempts: int, error: str | None, now: datetime) -> bool:
    """Mark sent, or release for a later retry; only while this sender still holds the claim."""
    e = m.OutboxEmail
    values: dict[str, Any] = {"claimed_by": None, "claimed_at": None}
    if error is None:
        values.update(status=OutboxStatus.SENT, sent_at=now, last_error=None, next_attempt_at=None)
    else:
        values.update(status=OutboxStatus.PENDING, last_error=error, next_attempt_at=now + retry_delay(attempts))
    result = uow.session.execute(
        sa.update(e).where(e.id == email_id, e.status == OutboxStatus.SENDING, e.claimed_by == sender_id)
        .values(**values).execution_options(synchronize_session=False))
    uow.commit()
    return bool(result.rowcount == 1)  # type: ignore[attr-defined]


@system_job("backoffice-admin outbox send (timer)")
def send_pending(uow_factory: Callable[[], UnitOfWork], config: SmtpConfig | None, *, limit: int = 100,
                 max_attempts: int = MAX_ATTEMPTS, sender_id: str | None = None,
                 now: Callable[[], datetime] | None = None,
                 stale_after: timedelta = STALE_CLAIM_AFTER) -> OutboxReport:
    """Send up to ``limit`` due e-mails (oldest first), each claimed first. Without ``config``
    nothing is tried.

    Claim (commit), send, then mark sent or release with ``next_attempt_at`` (commit): the SMTP
    conversation happens outside any transaction and no row lock is held while it lasts. A claim
    older than ``stale_after`` (its sender crashed) may be taken by another sender; the only
    duplicate left is a sender that dies between the SMTP ``250`` and its sent mark.
    """
    report = OutboxReport()
    if config is None:
        report.skipped = True
        return report
    me = sender_id or new_sender_id()
    clock = now or (lambda: datetime.now(UTC))
    with uow_factory() as uow:
        start = clock()
        ids = list(uow.session.scalars(sa.select(m.OutboxEmail.id).where(
            _claimable(start, start - stale_after, max_attempts)).order_by(m.OutboxEmail.id).limit(limit)))
    for email_id in ids:
        with uow_factory() as uow:
            at = clock()
            if not _claim(uow, email_id, me, at, at - stale_after, max_attempts):
                continue  # sent meanwhile, or another sender holds it
            row = uow.session.get(m.OutboxEmail, email_id, populate_existing=True)
            assert row is not None  # we hold its claim: it was there a moment ago and is never deleted
            message, attempts = build_message(row, config.sender), row.attempts
            uow.rollback()  # no transaction stays open while the SMTP server answers
        error = None
        try:
            _deliver(config, message)
        except (OSError, smtplib.SMTPException) as exc:
            error = f"{type(exc).__name__}: {exc}"[:1000]
        with uow_factory() as uow:
            kept = _finish(uow, email_id, me, attempts, error, clock())
        if error is None:
            report.sent += 1
            if not kept:
                report.claim_lost.append(email_id)
        else:
            report.failed += 1
            report.errors.append((email_id, error))
    return report


@dataclass(frozen=True)
class OutboxItem:
    """One queued e-mail as the administrator sees it (no body: it may hold personal data)."""

    id: int
    to_address: str
    subject: str
    created_at: datetime
    sent_at: datetime | None
    attempts: int
    last_error: str | None
    given_up: bool  # attempts exhausted: no further run will try it
    status: str = OutboxStatus.PENDING.value
    next_attempt_at: datetime | None = None

    def to_json(self) -> dict[str, Any]:
        return {"id": self.id, "to": self.to_address, "subject": self.subject,
                "created_at": self.created_at.isoformat(),
                "sent_at": self.sent_at.isoformat() if self.sent_at else None,
                "attempts": self.attempts, "last_error": self.last_error, "given_up": self.given_up,
                "status": self.status,
                "next_attempt_at": self.next_attempt_at.isoformat() if self.next_attempt_at else None}


@system_job("backoffice-admin outbox list")
def list_emails(uow: UnitOfWork, *, include_sent: bool = False, limit: int = 50,
                max_attempts: int = MAX_ATTEMPTS) -> list[OutboxItem]:
    """The oldest unsent e-mails (with ``include_sent``, every e-mail), at most ``limit``."""
    query = sa.select(m.OutboxEmail).order_by(m.OutboxEmail.id).limit(limit)
    if not include_sent:
        query = query.where(m.OutboxEmail.sent_at.is_(None))
    return [OutboxItem(id=r.id, to_address=r.to_address, subject=r.subject, created_at=r.created_at,
                       sent_at=r.sent_at, attempts=r.attempts, last_error=r.last_error,
                       given_up=r.sent_at is None and r.attempts >= max_attempts,
                       status=OutboxStatus(r.status).value, next_attempt_at=r.next_attempt_at)
            for r in uow.session.scalars(query)]
