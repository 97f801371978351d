"""One write lock per programme for every job that spends, releases or recovers points.

The sweep, the feed import, order holds and releases, refund returns (and, later, settlement
runs) read lot balances and grant use, then write ledger entries and budget movements from what
they read. Two of them interleaved can each act on a state the other is changing: a sweep lapses a
grant whose order the import is holding, and the lot ends negative with the held points released
to the budget (issue 7). So each takes this lock BEFORE its first read of those rows:

- PostgreSQL: ``pg_advisory_xact_lock(LEDGER_LOCK_CLASS, programme_id)``, held to commit or
  rollback; re-entrant within a transaction; other programmes and plain readers are not blocked.
  Several programmes are always locked in ascending id order, so two jobs cannot deadlock.
- SQLite: the database's single write lock, taken now with a no-op UPDATE (the pysqlite driver
  opens the transaction at the first write, so the reads that follow see the latest commit).
  SQLite has one writer at a time anyway; this only moves the wait to before the reads.

Approvals do not take it: a grant only adds a new lot, and the one-live-grant index and the
conditional budget UPDATE already make concurrent approvals safe.
"""

from __future__ import annotations

from collections.abc import Iterable

import sqlalchemy as sa
from sqlalchemy.orm import Session

from backoffice.db.models import Programme
from backoffice.services.authz import query_helper

LEDGER_LOCK_CLASS = 0x504F_494E  # "POIN": the first key of the two-int advisory lock


@query_helper("the programme write lock, taken by ledger writers inside their transaction")
def programme_write_lock(session: Session, programme_id: int | None) -> None:
    """Lock ``programme_id``'s grants, lots and budget for this transaction (see module doc)."""
    programmes_write_lock(session, () if programme_id is None else (programme_id,))


@query_helper("the programme write lock, taken by ledger writers inside their transaction")
def programmes_write_lock(session: Session, programme_ids: Iterable[int] | None = None) -> list[int]:
    """Lock several programmes (``None``: every programme, for the sweep and the import), in id
    order; returns the ids locked."""
    conn = session.connection()
    if programme_ids is None:
        ids = sorted(int(i) for i in session.scalars(sa.select(Programme.id)))
    else:
        ids = sorted({int(i) for i in programme_ids})
    if conn.dialect.name == "postgresql":
        for pid in ids:
            conn.execute(sa.text("SELECT pg_advisory_xact_lock(:c, :p)"), {"c": LEDGER_LOCK_CLASS, "p": pid})
    elif conn.dialect.name == "sqlite":
        # Any write takes the lock; this one changes nothing (and matches no row if none exist).
        conn.execute(sa.text("UPDATE budgets SET committed = committed WHERE id = -1"))
    return ids
