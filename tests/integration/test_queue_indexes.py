"""Migration 0003 stays in sync: applications' copies of type/industry, SQLite's FTS5 name index."""

from __future__ import annotations

import pytest
import sqlalchemy as sa

from backoffice.db import models as m
from backoffice.db.enums import ApplicantType
from backoffice.services.applications.queue import QueueQuery, fetch_page, load_everything
from tests.integration.queue_seed import TODAY, UBNS, seed_queue, taipei
from tests.support.authz import reader_id

pytestmark = pytest.mark.db

COPY_MISMATCHES = sa.text(
    "SELECT count(*) FROM applications a JOIN applicants p ON p.id = a.applicant_id "
    "WHERE a.applicant_type IS DISTINCT FROM p.applicant_type "
    "OR a.industry_section IS DISTINCT FROM p.industry_section "
    "OR a.industry_division IS DISTINCT FROM p.industry_division")


def mismatches(uow) -> int:
    with uow() as u:
        sql = str(COPY_MISMATCHES)
        if u.session.get_bind().dialect.name == "sqlite":
            sql = sql.replace("IS DISTINCT FROM", "IS NOT")
        return int(u.session.scalar(sa.text(sql)))


def search(uow, text: str) -> list[str]:
    with uow() as u:
        return sorted(r.applicant_name for r in load_everything(u, QueueQuery(search=text), today=TODAY, viewer_id=reader_id(u)))


def test_inserted_applications_carry_their_applicants_type_and_industry(uow):
    seed_queue(uow)
    with uow() as u:
        copied = u.session.execute(sa.select(m.Application.applicant_type, m.Application.industry_division)).all()
    assert ("cooperative", "01") in copied and ("sme", "62") in copied
    assert mismatches(uow) == 0


def test_core_inserts_like_the_feed_importer_are_copied_too(uow):
    seed = seed_queue(uow)
    with uow() as u:
        applicant_id = u.session.scalar(sa.select(m.Application.applicant_id).where(
            m.Application.id == seed.apps["supp_ok"]))
        u.session.execute(sa.insert(m.Application.__table__), [{
            "external_id": "APP-CORE", "applicant_id": applicant_id, "submitted_at": taipei(TODAY),
            "status": "submitted", "personal_data_consent": True, "declarations": {}, "self_assessment_done": True,
            "no_tax_arrears_declared": True, "version": 1, "applicant_type": "sme"}])  # a wrong copy is overridden
        u.commit()
        row = u.session.execute(sa.select(m.Application.applicant_type, m.Application.industry_section)
                                .where(m.Application.external_id == "APP-CORE")).one()
    assert tuple(row) == ("social_innovation_nonprofit", "Q")
    assert mismatches(uow) == 0


def test_changing_the_applicant_or_moving_the_application_updates_the_copies(uow):
    seed = seed_queue(uow)
    with uow() as u:
        app = u.session.get(m.Application, seed.apps["old_waiting"])
        applicant = u.session.get(m.Applicant, app.applicant_id)
        applicant.applicant_type = ApplicantType.COOPERATIVE
        applicant.industry_section, applicant.industry_division = "C", "10"
        u.commit()
    assert mismatches(uow) == 0
    got = load_everything_ids(uow, QueueQuery(industry_division="10"))
    assert got == [seed.apps["old_waiting"]]
    assert seed.apps["old_waiting"] in load_everything_ids(uow, QueueQuery(applicant_types=(ApplicantType.COOPERATIVE,)))
    with uow() as u:  # the application moves to another applicant
        other = m.Applicant(name="新申請單位", ubn=UBNS[-1], applicant_type=ApplicantType.TAX_REGISTERED,
                            industry_section="G", industry_division="47-48")
        u.session.add(other)
        u.session.flush()
        u.session.execute(sa.update(m.Application.__table__).where(m.Application.id == seed.apps["approved"])
                          .values(applicant_id=other.id))
        u.commit()
    assert mismatches(uow) == 0
    assert seed.apps["approved"] in load_everything_ids(uow, QueueQuery(industry_division="47-48"))


def load_everything_ids(uow, query: QueueQuery) -> list[int]:
    with uow() as u:
        return [r.id for r in load_everything(u, query, today=TODAY, viewer_id=reader_id(u))]


def test_renamed_and_deleted_applicants_are_found_by_their_new_names_only(uow):
    seed = seed_queue(uow)
    assert search(uow, "雲端科技") == ["甲雲端科技股份有限公司"]
    with uow() as u:
        app = u.session.get(m.Application, seed.apps["old_waiting"])
        u.session.get(m.Applicant, app.applicant_id).name = "甲晴空資訊有限公司"
        lonely = m.Applicant(name="孤單雲端科技社", ubn=UBNS[-2], applicant_type=ApplicantType.SME)
        u.session.add(lonely)
        u.commit()
    assert search(uow, "雲端科技") == []  # the lonely applicant has no application
    assert search(uow, "晴空資訊") == ["甲晴空資訊有限公司"]
    with uow() as u:
        u.session.delete(u.session.scalar(sa.select(m.Applicant).where(m.Applicant.ubn == UBNS[-2])))
        u.commit()
        if u.session.get_bind().dialect.name == "sqlite":
            # FTS5 compares its index with applicants.name and raises if they differ.
            u.session.execute(sa.text("INSERT INTO applicants_name_fts(applicants_name_fts) VALUES ('integrity-check')"))
            n = u.session.scalar(sa.text("SELECT count(*) FROM applicants_name_fts WHERE name LIKE '%雲端科技%'"))
            assert n == 0


@pytest.mark.parametrize("text", ["有限公司", "STUDIO", "Studio", "100%_", "雲端", "設計 1", "無此公司", "ab"])
def test_index_search_finds_exactly_what_a_scan_finds(uow, text):
    seed_queue(uow)
    with uow() as u:
        names = u.session.scalars(sa.select(m.Applicant.name)).all()
    expected = sorted(n for n in names if text.strip().lower() in n.lower())
    assert search(uow, text) == expected


def test_sqlite_name_search_uses_the_trigram_index(uow, db_backend):
    if db_backend != "sqlite":
        pytest.skip("SQLite only (PostgreSQL has pg_trgm)")
    seed_queue(uow)
    with uow() as u:
        session = u.session
        captured: list[str] = []

        @sa.event.listens_for(session.get_bind(), "before_cursor_execute")
        def grab(conn, cursor, statement, params, context, executemany):  # noqa: ARG001
            if "applicants_name_fts" in statement:
                captured.append(statement)
                plan = cursor.connection.execute("EXPLAIN QUERY PLAN " + statement, params).fetchall()
                captured.append(" | ".join(str(r[-1]) for r in plan))

        try:
            page = fetch_page(u, QueueQuery(search="股份有限"), today=TODAY, viewer_id=reader_id(u))
        finally:
            sa.event.remove(session.get_bind(), "before_cursor_execute", grab)
    assert len(page.rows) == 2
    assert captured, "the name search did not use applicants_name_fts"
    assert "VIRTUAL TABLE INDEX" in captured[1]
