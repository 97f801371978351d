"""Excel exports of the queue and the orders (SQLite + PostgreSQL): the file read back with openpyxl."""

from __future__ import annotations

import json
import zipfile
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

import pytest
import sqlalchemy as sa
from openpyxl import load_workbook

from backoffice.db import models as m
from backoffice.db.enums import ApplicationStatus, Role
from backoffice.policy.dates import roc_short
from backoffice.services.applications.queue import QueueQuery, count_applications, load_everything
from backoffice.services.authz import PermissionDenied
from backoffice.services.finance import exports
from backoffice.services.orders import orders_view
from tests.integration.queue_seed import TODAY, seed_queue
from tests.integration.test_db_cli import closed_port
from tests.integration.test_orders_view import AS_OF, _import_2026, _orders
from tests.integration.test_outbox_cli import admin, url_of
from tests.support.authz import officer_with, reader_id

pytestmark = pytest.mark.db

NATIONAL_ID = "A123456789"
NOW = datetime(2026, 3, 20, 1, 30, tzinfo=UTC)  # 09:30 in Taipei


def data_rows(path: Path, sheet: str) -> list[tuple[Any, ...]]:
    wb = load_workbook(path, read_only=True)
    try:
        return [tuple(r) for r in wb[sheet].iter_rows(min_row=3, values_only=True)]
    finally:
        wb.close()


def about_text(path: Path) -> str:
    wb = load_workbook(path, read_only=True)
    try:
        return "\n".join(" | ".join("" if v is None else str(v) for v in row)
                         for row in wb[exports.ABOUT_SHEET].iter_rows(values_only=True))
    finally:
        wb.close()


def audit_events(uow: Any, action: str) -> list[tuple[int | None, dict[str, Any] | None]]:
    """(officer_id, details) of each audit event of ``action``."""
    with uow() as u:
        return [tuple(r) for r in u.session.execute(  # type: ignore[misc]
            sa.select(m.AuditEvent.officer_id, m.AuditEvent.details).where(m.AuditEvent.action == action))]


def seed_with_representative(uow: Any) -> Any:
    seed = seed_queue(uow)
    with uow() as u:
        app = u.session.get(m.Application, seed.apps["old_waiting"])
        applicant = u.session.get(m.Applicant, app.applicant_id)
        applicant.representative_name = "甲負責人"
        applicant.representative_id = NATIONAL_ID
        u.commit()
    return seed


def test_application_export_holds_every_queue_row_in_queue_order(uow: Any, tmp_path: Path,
                                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(exports, "EXPORT_PAGE", 2)  # several keyset pages for 9 rows
    seed = seed_with_representative(uow)
    out = tmp_path / "queue.xlsx"
    with uow() as u:
        result = exports.export_applications_xlsx(u, QueueQuery(), out, today=TODAY, viewer_id=seed.officer_a,
                                                  now=NOW)
    with uow() as u:
        expected = [r.external_id for r in load_everything(u, QueueQuery(), today=TODAY, viewer_id=reader_id(u))]
        counted = count_applications(u, QueueQuery(), today=TODAY, viewer_id=reader_id(u))
    rows = data_rows(out, exports.APPLICATIONS_SHEET)
    assert result.rows == len(rows) == counted.count == 9
    assert [r[0] for r in rows] == expected


def test_a_known_application_row_has_text_ubn_masked_id_roc_and_iso_dates(uow: Any, tmp_path: Path) -> None:
    seed = seed_with_representative(uow)
    out = tmp_path / "queue.xlsx"
    with uow() as u:
        exports.export_applications_xlsx(u, QueueQuery(), out, today=TODAY, viewer_id=seed.officer_a, now=NOW)
    wb = load_workbook(out, read_only=True)
    ws = wb[exports.APPLICATIONS_SHEET]
    head_zh, head_en = (tuple(r) for r in ws.iter_rows(max_row=2, values_only=True))
    col = {name: i for i, name in enumerate(head_en)}
    row = next(r for r in ws.iter_rows(min_row=3) if r[0].value == "APP-0000")  # old_waiting
    wb.close()
    submitted = TODAY.replace(day=18, month=2)  # 30 days before 2026-03-20
    assert head_zh[col["UBN"]] == "統一編號"
    assert row[col["UBN"]].value == "04595257"  # text: a leading zero must survive
    assert row[col["Representative ID (masked)"]].value == "A12****789"
    assert row[col["Submitted (ROC)"]].value == roc_short(submitted) == "115/02/18"
    iso = row[col["Submitted (ISO)"]]
    assert iso.value == datetime(2026, 2, 18) and iso.number_format == exports.ISO_FORMAT
    assert row[col["Overdue"]].value == "是" and row[col["Status"]].value == "已送件"
    # The unmasked number appears nowhere in the package (cells, shared strings, comments).
    with zipfile.ZipFile(out) as z:
        assert not any(NATIONAL_ID.encode() in z.read(name) for name in z.namelist())


def test_status_filter_about_sheet_and_audit_event(uow: Any, tmp_path: Path) -> None:
    seed = seed_with_representative(uow)
    out = tmp_path / "supp.xlsx"
    query = QueueQuery(statuses=(ApplicationStatus.SUPPLEMENT_REQUESTED,))
    with uow() as u:
        result = exports.export_applications_xlsx(u, query, out, today=TODAY, viewer_id=seed.officer_b, now=NOW)
    assert result.rows == 2 and len(data_rows(out, exports.APPLICATIONS_SHEET)) == 2
    about = about_text(out)
    assert "supplement_requested" in about and "李承辦" in about
    assert "115/03/20 09:30:00" in about and "Asia/Taipei" in about
    assert "作業原則：工作天依政府行政機關辦公日曆表，事件當日不計" in about and "RULES" not in about
    [(officer_id, details)] = audit_events(uow, "export.applications")
    assert officer_id == seed.officer_b
    assert details is not None and details["rows"] == 2 and details["file"] == "supp.xlsx"
    assert details["filter"]["statuses"] == ["supplement_requested"]


def test_exports_refuse_anonymous_deactivated_and_unentitled_callers(uow: Any, tmp_path: Path) -> None:
    """Issue 7: the exports ran for a finance-only officer, a deactivated one and an anonymous caller."""
    seed_queue(uow)
    with uow() as u:
        finance, admin = officer_with(u, Role.FINANCE), officer_with(u, Role.ADMIN)
        gone = officer_with(u, Role.OFFICER, Role.FINANCE, name="gone")
        u.session.get(m.Officer, gone).active = False
        u.commit()
    out = tmp_path / "x.xlsx"
    for viewer in (None, finance, admin, gone):  # the queue holds personal data: 承辦人/主管 only
        with uow() as u, pytest.raises(PermissionDenied):
            exports.export_applications_xlsx(u, QueueQuery(), out, today=TODAY, viewer_id=viewer)
    for officer in (None, admin, gone):
        with uow() as u, pytest.raises(PermissionDenied):
            exports.export_orders_xlsx(u, out, as_of=TODAY, officer_id=officer)
    assert not out.exists()
    assert audit_events(uow, "export.applications") == audit_events(uow, "export.orders") == []
    with uow() as u:  # the finance desk exports orders
        assert exports.export_orders_xlsx(u, out, as_of=TODAY, officer_id=finance).rows >= 0
    assert out.exists()


def test_an_unknown_officer_or_a_bad_path_writes_nothing(uow: Any, tmp_path: Path) -> None:
    seed_queue(uow)
    folder = tmp_path / "out"
    folder.mkdir()
    with uow() as u, pytest.raises(PermissionDenied):
        exports.export_applications_xlsx(u, QueueQuery(), folder / "x.xlsx", today=TODAY, viewer_id=999_999)
    with uow() as u, pytest.raises(exports.ExportError):
        exports.export_orders_xlsx(u, folder / "x.csv", as_of=TODAY, officer_id=reader_id(u, Role.FINANCE))
    with uow() as u, pytest.raises(exports.ExportError):
        exports.export_orders_xlsx(u, folder / "x.xlsx", as_of=TODAY, officer_id=reader_id(u, Role.FINANCE), offset=3)
    assert list(folder.iterdir()) == []
    assert audit_events(uow, "export.applications") == audit_events(uow, "export.orders") == []


def seed_orders(uow: Any) -> dict[str, m.Order]:
    with uow() as u:
        _import_2026(u)
        made = _orders(u)
        u.commit()
    return made


def test_order_export_has_the_split_as_numbers_and_the_deadline_verdicts(uow: Any, tmp_path: Path,
                                                                          monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(orders_view, "MAX_PAGE_SIZE", 2)  # several pages for 5 orders
    made = seed_orders(uow)
    out = tmp_path / "orders.xlsx"
    with uow() as u:
        result = exports.export_orders_xlsx(u, out, as_of=AS_OF, officer_id=reader_id(u, Role.FINANCE), now=NOW)
    with uow() as u:
        total = orders_view.list_orders(u, as_of=AS_OF, limit=500).total
    wb = load_workbook(out, read_only=True)
    ws = wb[exports.ORDERS_SHEET]
    head_en = next(ws.iter_rows(min_row=2, max_row=2, values_only=True))
    col = {name: i for i, name in enumerate(head_en)}
    rows = list(ws.iter_rows(min_row=3))
    wb.close()
    assert result.rows == len(rows) == total == 5
    assert len({r[0].value for r in rows}) == 5  # no order twice across pages
    late = next(r for r in rows if r[0].value == made["late_confirm"].external_id)
    for name, value in (("Total incl. tax (NT$)", 20_000), ("Points", 10_000), ("Self-pay (NT$)", 10_000)):
        assert late[col[name]].value == value and isinstance(late[col[name]].value, int)
        assert late[col[name]].number_format == exports.INT_FORMAT
    assert late[col["Vendor confirms: due (ROC)"]].value == "115/03/04"
    assert late[col["Vendor confirms: due (ISO)"]].value == datetime(2026, 3, 4)
    assert late[col["Vendor confirms: done (ISO)"]].value == datetime(2026, 3, 5)
    assert late[col["Vendor confirms: verdict"]].value == "逾期" and late[col["Worst verdict"]].value == "逾期"
    about = about_text(out)
    assert "須知八(四)" in about and "手冊 步驟4" in about and "115/03/09" in about


@pytest.mark.parametrize("breach", ["any", "breached", "warning"])
def test_order_deadline_filter_matches_the_orders_screen(uow: Any, tmp_path: Path, breach: str) -> None:
    seed_orders(uow)
    out = tmp_path / f"{breach}.xlsx"
    as_of = date(2027, 6, 1)  # late enough for the provisional 2027 order to warn
    with uow() as u:
        result = exports.export_orders_xlsx(u, out, as_of=as_of, officer_id=reader_id(u, Role.FINANCE), breach=breach)
        page = orders_view.list_orders(u, as_of=as_of, breach=breach, limit=500)  # type: ignore[arg-type]
    rows = data_rows(out, exports.ORDERS_SHEET)
    assert result.rows == len(rows) == page.total > 0
    assert sorted(r[0] for r in rows) == sorted(r.external_id for r in page.rows)
    [(_officer, details)] = audit_events(uow, "export.orders")
    assert details is not None and details["rows"] == page.total
    assert details["filter"] == {"breach": breach}


def test_cli_exports_both_lists_as_json(uow: Any, engine: Any, tmp_path: Path) -> None:
    seed = seed_queue(uow)
    seed_orders(uow)
    url = url_of(engine)
    out = tmp_path / "apps.xlsx"
    anonymous = admin("export", "applications", "--out", str(out), "--json", url=url)
    assert anonymous.returncode == 1 and "permission denied" in anonymous.stderr and not out.exists()
    done = admin("export", "applications", "--out", str(out), "--status", "submitted", "--status", "under_review",
                 "--as-of", TODAY.isoformat(), "--json", "--officer", str(seed.officer_a), url=url)
    assert done.returncode == 0, done.stderr
    doc = json.loads(done.stdout)
    with uow() as u:
        q = QueueQuery(statuses=(ApplicationStatus.SUBMITTED, ApplicationStatus.UNDER_REVIEW))
        expected = count_applications(u, q, today=TODAY, viewer_id=reader_id(u)).count
    assert doc["rows"] == expected == 6  # 5 seeded queue cases + the orders seed's application
    assert Path(doc["path"]) == out and len(data_rows(out, exports.APPLICATIONS_SHEET)) == expected
    out2 = tmp_path / "late.xlsx"
    done = admin("export", "orders", "--out", str(out2), "--breach", "breached", "--as-of", AS_OF.isoformat(),
                 "--json", "--officer", str(seed.officer_a), url=url)
    assert done.returncode == 0, done.stderr
    with uow() as u:
        assert json.loads(done.stdout)["rows"] == orders_view.list_orders(u, as_of=AS_OF, breach="breached").total
    assert len(audit_events(uow, "export.orders")) == 1


def test_cli_unreachable_database_exits_2(tmp_path: Path) -> None:
    url = f"postgresql+psycopg://postgres@127.0.0.1:{closed_port()}/postgres"
    done = admin("export", "orders", "--out", str(tmp_path / "o.xlsx"), "--json", url=url)
    assert done.returncode == 2 and "database cannot be reached" in done.stderr
    assert not (tmp_path / "o.xlsx").exists()


def test_the_about_sheet_states_the_queue_filters_in_words(uow: Any, tmp_path: Path) -> None:
    """Issue 12 item 18: the About sheet showed the filters as raw JSON."""
    from backoffice.db.enums import ApplicantType
    from backoffice.services.applications.queue import Assignment, SortKey

    seed = seed_queue(uow)
    out = tmp_path / "filtered.xlsx"
    query = QueueQuery(statuses=(ApplicationStatus.SUBMITTED, ApplicationStatus.UNDER_REVIEW),
                       applicant_types=(ApplicantType.SME,), industry_division="62",
                       submitted_from=date(2026, 2, 1), submitted_to=date(2026, 3, 1),
                       assignment=Assignment.MINE, overdue=True, search="雲", sort=SortKey.UBN, descending=True)
    with uow() as u:
        exports.export_applications_xlsx(u, query, out, today=TODAY, viewer_id=seed.officer_b, now=NOW)
    about = about_text(out)
    assert "{" not in about and '"statuses"' not in about
    for words in ("狀態 status: 已送件 submitted、審核中 under_review", "申請類型 type: 中小企業 SME",
                  "產業類別 industry: 62 ", "送件日 submitted: 115/02/01 (2026-02-01) 起 from 115/03/01 (2026-03-01) 止 to",
                  "承辦人 officer: 李承辦（匯出者本人", "逾期 overdue: 只列逾期", "搜尋 search: 「雲」",
                  "統一編號，由大到小（同畫面）UBN, descending"):
        assert words in about, words
    with uow() as u:  # a UBN search looks across all statuses: the sheet says so rather than list them
        exports.export_applications_xlsx(u, QueueQuery(statuses=(ApplicationStatus.SUBMITTED,), search="12345675"),
                                         out, today=TODAY, viewer_id=seed.officer_b, now=NOW)
    assert "狀態 status: 不限：依統一編號或案號搜尋時查全部狀態" in about_text(out)
    with uow() as u:
        exports.export_applications_xlsx(u, QueueQuery(statuses=()), out, today=TODAY, viewer_id=seed.officer_b,
                                         now=NOW)
    assert "無（全部案件）none (all cases)" in about_text(out)
