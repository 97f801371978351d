"""ensure_demo_data: fills an empty database once, through the normal importer."""

from __future__ import annotations

import sqlalchemy as sa

from backoffice.db import models as m
from backoffice.services.admin.demo import ensure_demo_data
from backoffice.services.admin.stats import record_counts


def test_demo_data_loads_once_on_an_empty_database(uow) -> None:
    assert ensure_demo_data(uow, applicants=40, seed=1) is True
    with uow() as u:
        counts = record_counts(u)
        s = u.session
        assert s.scalar(sa.select(m.Programme.is_demo)) is True
        imp = s.scalars(sa.select(m.FeedImport)).one()
        assert imp.rejected == 0 and imp.accepted == counts["feed_records"] > 40
        assert counts["officers"] >= 4 and counts["calendar_years"] >= 1
        assert counts["applications"] == 40 and counts["grants"] > 0 and counts["orders"] > 0
    assert ensure_demo_data(uow, applicants=40, seed=1) is False
    with uow() as u:
        assert record_counts(u) == counts
