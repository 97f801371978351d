"""A cheap probe of whether anyone changed the data: the main window polls it to refresh open lists.

Every change the back office makes writes an ``audit_events`` row (append-only, so its largest id
only grows); the order feed and refund cases keep their own event tables, and a feed import its
``feed_imports`` row. The largest ids of those four tables change whenever another instance (or the
CLI) writes, and reading them costs four primary-key look-ups.
"""

from __future__ import annotations

import sqlalchemy as sa

from backoffice.db import models as m
from backoffice.services.authz import query_helper
from backoffice.services.uow import UnitOfWork

# The tables whose growth means "the data changed"; the order is the order of the version tuple.
WATCHED: tuple[type[m.Base], ...] = (m.AuditEvent, m.OrderEvent, m.RefundCaseEvent, m.FeedImport)


@query_helper("a change probe without personal data, polled by the main window to refresh open lists")
def data_version(uow: UnitOfWork) -> tuple[int, ...]:
    """The largest id of each watched table (0 when empty): different values mean the data changed."""
    probes = [sa.select(sa.func.max(model.id)).scalar_subquery() for model in WATCHED]  # type: ignore[attr-defined]
    row = uow.session.execute(sa.select(*probes)).one()
    return tuple(int(value or 0) for value in row)
