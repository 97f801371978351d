"""Audit-chain checkpoints: the chain head (sequence, hash, time) as a small text file kept outside
the database (printed, e-mailed, archived), optionally signed with a supervisor's card.

The file::

    # 臺灣雲市集 數位點數補助 稽核鏈檢查點 (audit chain checkpoint)
    format: tcloud-backoffice/audit-checkpoint/v1
    seq: 1234
    hash: 64 hex digits (the hash of event 1234)
    at: 2026-11-30T05:00:00Z
    cert: base64 DER of the signer's certificate      (signed checkpoints only)
    signature: base64 RSA PKCS#1 v1.5 over SHA-256    (signed checkpoints only)

What is signed: the four lines ``format`` to ``at``, each ending in ``\\n``, exactly as written.
"""

from __future__ import annotations

import base64
import binascii
import re
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

import sqlalchemy as sa

from backoffice.db import models as m
from backoffice.db.session import UnitOfWork
from backoffice.services.authz import pure, query_helper

FORMAT = "tcloud-backoffice/audit-checkpoint/v1"
MAX_BYTES = 64 * 1024  # a checkpoint is a few hundred bytes; anything larger is not one
_HEADER = "# 臺灣雲市集 數位點數補助 稽核鏈檢查點 (audit chain checkpoint)\n"
_HEX64 = re.compile(r"[0-9a-f]{64}")


class CheckpointError(ValueError):
    """A checkpoint file that cannot be read or is malformed (names the file and line)."""

    def __init__(self, path: str, line: int | None, problem: str) -> None:
        where = f"{path}:{line}" if line else path
        super().__init__(f"{where}: {problem}")
        self.path = path
        self.line = line
        self.problem = problem


@dataclass(frozen=True)
class Checkpoint:
    seq: int
    hash: str
    at: datetime
    cert_der: bytes | None = None
    signature: bytes | None = None
    source: str = ""

    def signed_bytes(self) -> bytes:
        at = self.at.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
        return f"format: {FORMAT}\nseq: {self.seq}\nhash: {self.hash}\nat: {at}\n".encode()

    def text(self) -> str:
        body = _HEADER + self.signed_bytes().decode()
        if self.cert_der is not None and self.signature is not None:
            body += (f"cert: {base64.b64encode(self.cert_der).decode()}\n"
                     f"signature: {base64.b64encode(self.signature).decode()}\n")
        return body


@query_helper("the chain head for a checkpoint; no personal data")
def current_head(uow: UnitOfWork, now: datetime | None = None) -> Checkpoint:
    """The chain head as an unsigned checkpoint (from the last event, not the head row)."""
    row = uow.session.execute(sa.select(m.AuditEvent.seq, m.AuditEvent.hash)
                              .order_by(m.AuditEvent.seq.desc()).limit(1)).first()
    seq, digest = (int(row[0]), str(row[1])) if row else (0, "0" * 64)
    return Checkpoint(seq, digest, (now or datetime.now(UTC)).replace(microsecond=0))


@pure
def parse(data: bytes, source: str = "checkpoint") -> Checkpoint:
    """A checkpoint from its file's bytes; CheckpointError naming the line for anything wrong."""
    if len(data) > MAX_BYTES:
        raise CheckpointError(source, None, f"larger than {MAX_BYTES} bytes: not a checkpoint")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise CheckpointError(source, data[:exc.start].count(b"\n") + 1, "not UTF-8 text") from None
    fields: dict[str, tuple[int, str]] = {}
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip() or line.startswith("#"):
            continue
        key, sep, value = line.partition(": ")
        if not sep or key not in ("format", "seq", "hash", "at", "cert", "signature"):
            raise CheckpointError(source, number, "expected 'format|seq|hash|at|cert|signature: value'")
        if key in fields:
            raise CheckpointError(source, number, f"{key} given twice")
        fields[key] = (number, value.strip())
    for key in ("format", "seq", "hash", "at"):
        if key not in fields:
            raise CheckpointError(source, None, f"no {key} line")
    if fields["format"][1] != FORMAT:
        raise CheckpointError(source, fields["format"][0], f"unknown format (expected {FORMAT})")
    seq_text, digest, at_text = fields["seq"][1], fields["hash"][1], fields["at"][1]
    if not seq_text.isdigit() or len(seq_text) > 18:
        raise CheckpointError(source, fields["seq"][0], "seq must be a whole number")
    if not _HEX64.fullmatch(digest):
        raise CheckpointError(source, fields["hash"][0], "hash must be 64 lowercase hex digits")
    try:
        at = datetime.strptime(at_text, "%Y-%m-%dT%H:%M:%SZ").replace(tzinfo=UTC)
    except ValueError:
        raise CheckpointError(source, fields["at"][0], "at must be YYYY-MM-DDTHH:MM:SSZ") from None
    cert = sig = None
    if ("cert" in fields) != ("signature" in fields):
        raise CheckpointError(source, None, "a signed checkpoint needs both cert and signature")
    if "cert" in fields:
        try:
            cert = base64.b64decode(fields["cert"][1], validate=True)
            sig = base64.b64decode(fields["signature"][1], validate=True)
        except (binascii.Error, ValueError):
            raise CheckpointError(source, fields["cert"][0], "cert and signature must be base64") from None
    return Checkpoint(int(seq_text), digest, at, cert, sig, source)


@pure
def read(path: Path) -> Checkpoint:
    try:
        with path.open("rb") as f:
            data = f.read(MAX_BYTES + 1)
    except OSError as exc:
        raise CheckpointError(str(path), None, exc.strerror or "cannot be read") from None
    return parse(data, str(path))


@pure
def signature_problem(uow: UnitOfWork, cp: Checkpoint) -> str | None:
    """Why a signed checkpoint's signature is not acceptable (None: fine or unsigned)."""
    if cp.signature is None or cp.cert_der is None:
        return None
    from backoffice.smartcard.signing import sha256_hex, verify

    try:
        good = verify(cp.signed_bytes(), cp.signature, cp.cert_der)
    except ValueError:
        good = False
    if not good:
        return "checkpoint signature does not verify"
    officer = uow.session.scalars(sa.select(m.Officer).where(m.Officer.cert_sha256 == sha256_hex(cp.cert_der))).first()
    if officer is None or not ({r.value for r in officer.role_names} & {"supervisor", "admin"}):
        return "checkpoint signed by a certificate that is not a registered supervisor's"
    return None
