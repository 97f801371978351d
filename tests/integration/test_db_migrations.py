"""Alembic migrations: one head, schema == models, downgrade/upgrade with data, append-only triggers."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest
import sqlalchemy as sa
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm import Session

from backoffice.db import migrate
from backoffice.db import models as m
from backoffice.db.enums import (
    ApplicantType,
    BudgetMovementKind,
    DecisionKind,
    GrantStatus,
    LedgerKind,
    LotSource,
)
from backoffice.db.session import make_engine


def add_sample_graph(session: Session) -> dict[str, int]:
    """A small but connected set of rows touching the ledger, budget and audit tables."""
    officer = m.Officer(name="王承辦", email="officer@example.tw")
    programme = m.Programme(code="P115", name="115年度數位點數")
    session.add_all([officer, programme])
    session.flush()
    budget = m.Budget(programme_id=programme.id, total=90_000, committed=30_000)
    applicant = m.Applicant(name="好吃餐飲有限公司", ubn="04595257", applicant_type=ApplicantType.SME)
    session.add_all([budget, applicant])
    session.flush()
    application = m.Application(external_id="APP-1", applicant_id=applicant.id, programme_id=programme.id,
                                submitted_at=datetime(2026, 3, 2, 1, 0, tzinfo=UTC))
    session.add(application)
    session.flush()
    grant = m.Grant(programme_id=programme.id, applicant_id=applicant.id, application_id=application.id,
                    issued_on=date(2026, 3, 5), points=30_000, status=GrantStatus.ACTIVE,
                    lapse_on=date(2026, 4, 5), valid_until=date(2026, 6, 5))
    session.add(grant)
    session.flush()
    lot = m.PointLot(grant_id=grant.id, source=LotSource.GRANT, created_on=grant.issued_on,
                     valid_until=grant.valid_until, points=30_000)
    session.add(lot)
    session.flush()
    entry = m.LedgerEntry(applicant_id=applicant.id, grant_id=grant.id, lot_id=lot.id, kind=LedgerKind.GRANT,
                          points=30_000, on_date=grant.issued_on)
    movement = m.BudgetMovement(budget_id=budget.id, kind=BudgetMovementKind.RESERVE, points=30_000,
                                grant_id=grant.id)
    audit = m.AuditEvent(officer_id=officer.id, action="grant.issue", entity_type="grant",
                         entity_id=str(grant.id), details={"points": 30_000})
    decision = m.Decision(application_id=application.id, kind=DecisionKind.APPROVE, payload="{}",
                          officer_id=officer.id)
    session.add_all([entry, movement, audit, decision])
    session.flush()
    return {"ledger_entries": entry.id, "budget_movements": movement.id, "audit_events": audit.id,
            "decisions": decision.id}


def schema_diffs(url: str) -> list[object]:
    engine = make_engine(url)
    try:
        with engine.connect() as conn:
            context = MigrationContext.configure(conn, opts={"compare_type": True, "include_name": migrate.include_name})
            return list(compare_metadata(context, m.Base.metadata))
    finally:
        engine.dispose()


def test_migrations_have_a_single_head() -> None:
    heads = ScriptDirectory.from_config(migrate.alembic_config()).get_heads()
    assert len(heads) == 1
    assert migrate.head() == heads[0]


def test_upgrade_on_an_empty_database_matches_the_models(db_url: str) -> None:
    assert migrate.current(db_url) is None
    assert migrate.upgrade(db_url) == migrate.head()
    assert migrate.current(db_url) == migrate.head()
    assert schema_diffs(db_url) == []


def test_upgrade_is_idempotent(db_url: str) -> None:
    migrate.upgrade(db_url)
    assert migrate.upgrade(db_url) == migrate.head()


def test_downgrade_and_upgrade_again_on_a_database_with_data(db_url: str) -> None:
    migrate.upgrade(db_url)
    engine = make_engine(db_url)
    try:
        with Session(engine) as session:
            add_sample_graph(session)
            session.commit()
        assert migrate.downgrade(db_url, "base") is None
        with engine.connect() as conn:
            assert set(sa.inspect(conn).get_table_names()) <= {"alembic_version"}
        assert migrate.upgrade(db_url) == migrate.head()
        assert schema_diffs(db_url) == []
        with Session(engine) as session:  # a usable, empty schema again, triggers included
            assert session.scalar(sa.select(sa.func.count()).select_from(m.LedgerEntry)) == 0
            ids = add_sample_graph(session)
            session.commit()
        with pytest.raises(DBAPIError), engine.begin() as conn:
            conn.execute(sa.text("DELETE FROM ledger_entries WHERE id = :id"), {"id": ids["ledger_entries"]})
    finally:
        engine.dispose()


@pytest.mark.parametrize("table", m.APPEND_ONLY_TABLES)
@pytest.mark.parametrize("statement", ["UPDATE {table} SET id = id WHERE id = :id",
                                       "DELETE FROM {table} WHERE id = :id"])
def test_append_only_tables_refuse_update_and_delete_in_the_database(
    engine: sa.Engine, table: str, statement: str
) -> None:
    with Session(engine) as session:
        ids = add_sample_graph(session)
        session.commit()
    with pytest.raises(DBAPIError, match="append-only"), engine.begin() as conn:
        conn.execute(sa.text(statement.format(table=table)), {"id": ids[table]})
    with engine.connect() as conn:  # the row is still there
        assert conn.scalar(sa.text(f"SELECT count(*) FROM {table} WHERE id = :id"), {"id": ids[table]}) == 1


def test_append_only_rows_refuse_orm_changes(engine: sa.Engine) -> None:
    with Session(engine) as session:
        ids = add_sample_graph(session)
        session.commit()
        entry = session.get(m.LedgerEntry, ids["ledger_entries"])
        assert entry is not None
        entry.points = 1
        with pytest.raises(m.AppendOnlyError):
            session.flush()
        session.rollback()
        audit = session.get(m.AuditEvent, ids["audit_events"])
        session.delete(audit)
        with pytest.raises(m.AppendOnlyError):
            session.flush()


def test_enum_columns_are_checked_by_the_database(engine: sa.Engine) -> None:
    with Session(engine) as session:
        add_sample_graph(session)
        session.commit()
    with pytest.raises(DBAPIError), engine.begin() as conn:
        conn.execute(sa.text("UPDATE applications SET status = 'bogus'"))
