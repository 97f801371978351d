"""Send the queued e-mails (transactional outbox) by SMTP when a server is configured.

Business transactions only INSERT an ``OutboxEmail`` row (the decision and its notification
commit together); this module sends them afterwards. Each e-mail is sent and marked in its own
transaction, so a crash never loses a sent mark for more than one message. A failure is recorded
(``attempts``, ``last_error``) and retried on the next run until ``max_attempts``. On PostgreSQL
two senders never take the same row (``FOR UPDATE SKIP LOCKED``).
"""

from __future__ import annotations

import smtplib
from dataclasses import dataclass, field
from datetime import UTC, datetime
from email.message import EmailMessage
from email.utils import formatdate, make_msgid
from typing import Any

import sqlalchemy as sa

from backoffice.db import models as m

MAX_ATTEMPTS = 5
SMTP_TIMEOUT_SECONDS = 15


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

    def to_json(self) -> dict[str, Any]:
        return {"sent": self.sent, "failed": self.failed, "skipped": self.skipped,
                "errors": [{"id": i, "error": e} for i, e in self.errors]}


def pending_count(uow: Any, max_attempts: int = MAX_ATTEMPTS) -> int:
    return int(uow.session.scalar(sa.select(sa.func.count()).select_from(m.OutboxEmail).where(
        m.OutboxEmail.sent_at.is_(None), m.OutboxEmail.attempts < max_attempts)) or 0)


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


def send_pending(uow_factory: Any, config: SmtpConfig | None, *, limit: int = 100,
                 max_attempts: int = MAX_ATTEMPTS) -> OutboxReport:
    """Send up to ``limit`` unsent e-mails (oldest first). Without ``config`` nothing is tried."""
    report = OutboxReport()
    if config is None:
        report.skipped = True
        return report
    with uow_factory() as uow:
        ids = list(uow.session.scalars(sa.select(m.OutboxEmail.id).where(
            m.OutboxEmail.sent_at.is_(None), m.OutboxEmail.attempts < max_attempts,
        ).order_by(m.OutboxEmail.id).limit(limit)))
    for email_id in ids:
        with uow_factory() as uow:
            session = uow.session
            row = session.scalars(sa.select(m.OutboxEmail).where(
                m.OutboxEmail.id == email_id, m.OutboxEmail.sent_at.is_(None),
            ).with_for_update(skip_locked=True)).first()
            if row is None:  # sent meanwhile, or another sender holds it
                continue
            row.attempts += 1
            try:
                _deliver(config, build_message(row, config.sender))
            except (OSError, smtplib.SMTPException) as exc:
                row.last_error = f"{type(exc).__name__}: {exc}"[:1000]
                report.failed += 1
                report.errors.append((row.id, row.last_error))
            else:
                row.sent_at = datetime.now(UTC)
                row.last_error = None
                report.sent += 1
            uow.commit()
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

    def to_json(self) -> dict[str, Any]:
        return {"id": self.id, "to": self.to_address, "subject": self.subject,
                "created_at": self.created_at.isoformat(),
                "sent_at": self.sent_at.isoformat() if self.sent_at else None,
                "attempts": self.attempts, "last_error": self.last_error, "given_up": self.given_up}


def list_emails(uow: Any, *, include_sent: bool = False, limit: int = 50,
                max_attempts: int = MAX_ATTEMPTS) -> list[OutboxItem]:
    """The oldest unsent e-mails (with ``include_sent``, every e-mail), at most ``limit``."""
    query = sa.select(m.OutboxEmail).order_by(m.OutboxEmail.id).limit(limit)
    if not include_sent:
        query = query.where(m.OutboxEmail.sent_at.is_(None))
    return [OutboxItem(id=r.id, to_address=r.to_address, subject=r.subject, created_at=r.created_at,
                       sent_at=r.sent_at, attempts=r.attempts, last_error=r.last_error,
                       given_up=r.sent_at is None and r.attempts >= max_attempts)
            for r in uow.session.scalars(query)]
