"""Outbox sending through a real SMTP conversation on 127.0.0.1, and attachment rendering/storage."""

from __future__ import annotations

import email
import socket
import socketserver
import threading
from collections.abc import Iterator
from datetime import date
from email.message import Message
from email.policy import default as default_policy
from typing import Any

import pytest
import sqlalchemy as sa

from backoffice.db import models as m
from backoffice.services.admin import outbox
from backoffice.services.applications import attachments
from tests.support import review_seed as rs
from tests.support.authz import reader_id


class _SmtpHandler(socketserver.StreamRequestHandler):
    """Just enough SMTP (RFC 5321) for smtplib: EHLO/HELO, MAIL, RCPT, DATA, RSET, NOOP, QUIT."""

    server: _SmtpServer

    def _reply(self, line: str) -> None:
        self.wfile.write((line + "\r\n").encode("ascii"))

    def handle(self) -> None:
        self._reply("220 test-smtp ready")
        sender, rcpts = "", []
        while True:
            raw = self.rfile.readline()
            if not raw:
                return
            cmd = raw.decode("utf-8", "replace").strip()
            verb = cmd[:4].upper()
            if verb in ("EHLO", "HELO"):
                self._reply("250 test-smtp")
            elif verb == "MAIL":
                if self.server.refuse:
                    self._reply("451 try again later")
                    continue
                sender, rcpts = cmd[10:].strip("<> "), []
                self._reply("250 ok")
            elif verb == "RCPT":
                rcpts.append(cmd[8:].strip("<> "))
                self._reply("250 ok")
            elif verb == "DATA":
                self._reply("354 end with .")
                lines = []
                while (line := self.rfile.readline()) not in (b".\r\n", b".\n", b""):
                    lines.append(line[1:] if line.startswith(b"..") else line)
                self.server.received.append((sender, rcpts, email.message_from_bytes(b"".join(lines),
                                                                                    policy=default_policy)))
                self._reply("250 queued")
            elif verb == "QUIT":
                self._reply("221 bye")
                return
            else:
                self._reply("250 ok")


class _SmtpServer(socketserver.ThreadingTCPServer):
    daemon_threads = True
    allow_reuse_address = True

    def __init__(self) -> None:
        super().__init__(("127.0.0.1", 0), _SmtpHandler)
        self.received: list[tuple[str, list[str], Message]] = []
        self.refuse = False


@pytest.fixture
def smtp_server() -> Iterator[_SmtpServer]:
    server = _SmtpServer()
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield server
    finally:
        server.shutdown()
        server.server_close()


def _queue(uow: Any, n: int) -> None:
    with uow() as u:
        for i in range(n):
            u.session.add(m.OutboxEmail(to_address=f"a{i}@example.com", subject="【臺灣雲市集】數位點數申請核定通知",
                                        body=f"好給力{i}股份有限公司 您好：點數 30,000 點"))
        u.commit()


def test_pending_emails_are_sent_once_and_marked(uow: Any, smtp_server: _SmtpServer) -> None:
    _queue(uow, 2)
    config = outbox.SmtpConfig(host="127.0.0.1", port=smtp_server.server_address[1], sender="noreply@test.tw")
    report = outbox.send_pending(uow, config)
    assert (report.sent, report.failed) == (2, 0)
    assert [r[1] for r in smtp_server.received] == [["a0@example.com"], ["a1@example.com"]]
    message = smtp_server.received[0][2]
    assert message["Subject"] == "【臺灣雲市集】數位點數申請核定通知"
    assert "30,000" in message.get_content()
    with uow() as u:
        assert outbox.pending_count(u) == 0
    assert outbox.send_pending(uow, config).sent == 0  # nothing is sent twice
    assert len(smtp_server.received) == 2


def test_failures_are_recorded_and_retried_later(uow: Any, smtp_server: _SmtpServer) -> None:
    _queue(uow, 1)
    config = outbox.SmtpConfig(host="127.0.0.1", port=smtp_server.server_address[1])
    smtp_server.refuse = True
    report = outbox.send_pending(uow, config)
    assert (report.sent, report.failed) == (0, 1)
    with uow() as u:
        row = u.session.scalars(sa.select(m.OutboxEmail)).one()
        assert row.sent_at is None and row.attempts == 1 and "451" in (row.last_error or "")
        assert row.status == "pending" and row.claimed_by is None and row.next_attempt_at is not None
        due = row.next_attempt_at
    smtp_server.refuse = False
    assert outbox.send_pending(uow, config).sent == 0  # backoff: not before next_attempt_at
    assert outbox.send_pending(uow, config, now=lambda: due).sent == 1
    with uow() as u:
        row = u.session.scalars(sa.select(m.OutboxEmail)).one()
        assert row.sent_at is not None and row.attempts == 2 and row.last_error is None


def test_an_unreachable_server_is_a_recorded_failure(uow: Any) -> None:
    _queue(uow, 1)
    with socket.socket() as s:  # a port nobody listens on
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    report = outbox.send_pending(uow, outbox.SmtpConfig(host="127.0.0.1", port=port))
    assert report.failed == 1 and report.errors


def test_without_a_configured_server_nothing_is_tried(uow: Any) -> None:
    _queue(uow, 1)
    assert outbox.SmtpConfig.from_settings(type("S", (), {"smtp_host": None})()) is None
    assert outbox.send_pending(uow, None).skipped
    with uow() as u:
        assert outbox.pending_count(u) == 1


# --- attachments -----------------------------------------------------------------------------


def test_pdf_pages_and_images_render_to_png() -> None:
    pdf = attachments.demo_form1_pdf("好給力股份有限公司", "04595257", "王小明", date(2026, 3, 1))
    first = attachments.render(pdf, attachments.PDF, 0, 1.0)
    assert first.page_count == 2 and first.png.startswith(b"\x89PNG")
    zoomed = attachments.render(pdf, attachments.PDF, 1, 2.0)
    assert zoomed.page == 1 and zoomed.width == pytest.approx(first.width * 2, abs=2)
    png = attachments.demo_form3_png("好給力股份有限公司", "04595257")
    image = attachments.render(png, "image/png", 0, 0.5)
    assert image.page_count == 1 and image.width == 310
    with pytest.raises(attachments.InvalidAttachment) as err:
        attachments.render(pdf, attachments.PDF, 2)
    assert err.value.reason == "no_such_page"


@pytest.mark.parametrize(("content", "media_type", "reason"), [
    (b"%PDF-1.7\n% truncated", "application/pdf", "malformed_pdf"),
    (b"\x89PNG\r\n\x1a\n\x00\x00broken", "image/png", "malformed_image"),
    (b"MZ\x90\x00 an executable", "application/pdf", "malformed_pdf"),
    (b"plain text", "text/plain", "unsupported_type"),
    (b"", "image/png", "empty"),
])
def test_malformed_files_are_refused_with_a_reason(content: bytes, media_type: str, reason: str) -> None:
    with pytest.raises(attachments.InvalidAttachment) as err:
        attachments.render(content, media_type)
    assert err.value.reason == reason


def test_attachments_are_stored_validated_and_demo_scans_added(uow: Any) -> None:
    seeded = rs.seed(uow, applications=2)
    pdf = attachments.demo_form1_pdf("好給力0股份有限公司", rs.UBNS[0], "王小明", date(2026, 2, 24))
    with uow() as u:
        info = attachments.add_attachment(u, seeded.application_ids[0], kind="form1", filename="附表1.pdf",
                                          media_type="application/pdf", content=pdf, officer_id=seeded.officer_id)
    with uow() as u:
        with pytest.raises(attachments.InvalidAttachment):
            attachments.add_attachment(u, seeded.application_ids[0], kind="form1", filename="x.pdf",
                                       media_type="application/pdf", content=b"%PDF-1.4 nope")
    with uow() as u:
        page = attachments.render_attachment(u, info.id, 1, 1.0, viewer=reader_id(u))
        assert page.page_count == 2
    assert attachments.add_demo_attachments(uow) == 1  # only the application without scans
    assert attachments.add_demo_attachments(uow) == 0
    with uow() as u:
        kinds = u.session.scalars(sa.select(m.Attachment.kind).where(
            m.Attachment.application_id == seeded.application_ids[1]).order_by(m.Attachment.id)).all()
        assert kinds == ["form1", "form3"]
