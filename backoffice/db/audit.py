"""The hash-chained audit log: canonical encoding, central assignment at flush, signed-event details.

Every ``AuditEvent`` gets, when its session flushes (a ``before_flush`` listener on every
``Session``, so no service does anything), a sequence number ``seq`` (1, 2, 3... no gaps),
``prev_hash`` (the previous event's ``hash``; 64 zeros for the first) and its own ``hash``:

    hash = SHA-256( canonical JSON of
        {"action", "at", "details", "entity_id", "entity_type", "officer_id", "prev_hash", "seq"} )

Canonical JSON: keys sorted, separators ``,`` and ``:`` without spaces, non-ASCII kept (UTF-8),
``at`` as ``YYYY-MM-DDTHH:MM:SS.ffffffZ`` (UTC, microseconds), ``details`` the event's JSON
object (or ``null``) canonicalised the same way, integers as integers. The encoding is fixed:
changing it is a new chain version.

Serialisation: the append takes the single ``audit_chain_head`` row with a write (``UPDATE ...
RETURNING``) before reading it. On PostgreSQL that row lock makes a second desk wait until the
first commits and then read the new head (READ COMMITTED re-reads the updated row). On SQLite
the write takes the database's write lock: Python's sqlite3 opens a deferred transaction only
at the first write (reads before it run outside any transaction), so the head is always read
under the write lock and two writers can never both see the same head. Either way the events
commit or roll back with the change they record.
"""

from __future__ import annotations

import hashlib
import json
from datetime import UTC, datetime
from typing import Any

import sqlalchemy as sa
from sqlalchemy.orm import Session

GENESIS_HASH = "0" * 64
CHAIN_VERSION = "tcloud-backoffice/audit-chain/v1"
json_string = json.encoder.encode_basestring  # type: ignore[attr-defined]  # a JSON string, as dumps writes it (ensure_ascii=False)


def canonical_json_text(data: Any) -> str:
    """Sorted keys, no whitespace, non-ASCII kept: the one JSON text of a value."""
    return json.dumps(data, sort_keys=True, separators=(",", ":"), ensure_ascii=False)


def at_text(at: datetime) -> str:
    return at.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")


def _opt_str(value: str | None) -> str:
    return "null" if value is None else json_string(value)


def record_text(seq: int, at: str, officer_id: int | None, action: str, entity_type: str | None,
                entity_id: str | None, details_json: str, prev_hash: str) -> str:
    """The canonical JSON of one event from its stored values (``details_json`` already canonical).

    Written out by hand (the keys in sorted order) so the verifier can hash a row without parsing
    its details; equal to ``canonical_json_text`` of the same record (a test holds them together).
    """
    return (f'{{"action":{json_string(action)},"at":"{at}","details":{details_json},'
            f'"entity_id":{_opt_str(entity_id)},"entity_type":{_opt_str(entity_type)},'
            f'"officer_id":{"null" if officer_id is None else int(officer_id)},'
            f'"prev_hash":"{prev_hash}","seq":{int(seq)}}}')


def event_hash(record: str) -> str:
    return hashlib.sha256(record.encode("utf-8")).hexdigest()


def signed_event_details(blob: Any | None, payload: bytes) -> dict[str, Any]:
    """What a card-signed event commits to in its details: the signed payload's digest, the
    signer's certificate hash and the signature's digest (``blob``: a ``SignedBlob`` or None).

    Use it in the event of every signed act (decisions, refund approvals, payment batches):
    the chain then covers the signature, so a payload or signature edited later is detected.
    """
    return {
        "signed": blob is not None,
        "payload_sha256": hashlib.sha256(payload).hexdigest(),
        "cert_sha256": blob.cert_sha256 if blob is not None else None,
        "signature_sha256": hashlib.sha256(blob.signature).hexdigest() if blob is not None else None,
    }


def _lock_head(session: Session) -> tuple[int, str]:
    """Take the chain head row with a write (the lock lasts until commit); create it if missing."""
    conn = session.connection()
    take = sa.text("UPDATE audit_chain_head SET seq = seq WHERE id = 1 RETURNING seq, hash")
    row = conn.execute(take).first()
    if row is None:  # a new (or emptied) database: the genesis head, once even when two race
        verb = "INSERT OR IGNORE" if conn.dialect.name == "sqlite" else "INSERT"
        tail = "" if conn.dialect.name == "sqlite" else " ON CONFLICT (id) DO NOTHING"
        conn.execute(sa.text(f"{verb} INTO audit_chain_head (id, seq, hash) VALUES (1, 0, :h){tail}"),
                     {"h": GENESIS_HASH})
        row = conn.execute(take).first()
        assert row is not None
    return int(row[0]), str(row[1])


def chain_new_events(session: Session, flush_context: Any, instances: Any) -> None:
    """``before_flush``: number and hash the session's new audit events, in the order added."""
    from backoffice.db.models.admin import AuditEvent

    events = [obj for obj in session.new if isinstance(obj, AuditEvent) and obj.seq is None]
    if not events:
        return
    seq, prev = _lock_head(session)
    for ev in events:
        seq += 1
        at = (ev.at or datetime.now(UTC)).astimezone(UTC)
        details = None if ev.details is None else json.loads(canonical_json_text(ev.details))
        ev.at, ev.details, ev.seq, ev.prev_hash = at, details, seq, prev
        ev.hash = prev = event_hash(record_text(seq, at_text(at), ev.officer_id, ev.action, ev.entity_type,
                                                ev.entity_id, canonical_json_text(details), prev))
    session.connection().execute(sa.text("UPDATE audit_chain_head SET seq = :s, hash = :h WHERE id = 1"),
                                 {"s": seq, "h": prev})
