"""Issue 12 item 18: the orders export reports progress, can be cancelled between pages (no file,
no audit), is sorted like the screen, says its filters in words and prints landscape, one page
wide, with the header rows repeated. SQLite + PostgreSQL."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from openpyxl import load_workbook

from backoffice.services.finance import exports
from backoffice.services.orders import orders_view
from tests.integration.test_exports import NOW, about_text, audit_events, data_rows, seed_orders
from tests.integration.test_orders_view import AS_OF
from tests.support.authz import reader_id

pytestmark = pytest.mark.db


def test_progress_per_page_and_the_screens_order(uow: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(orders_view, "MAX_PAGE_SIZE", 2)  # three pages for 5 orders
    seed_orders(uow)
    out = tmp_path / "orders.xlsx"
    seen: list[tuple[int, int]] = []
    with uow() as u:
        exports.export_orders_xlsx(u, out, as_of=AS_OF, officer_id=reader_id(u), now=NOW, progress=lambda done, total: seen.append((done, total)))
    monkeypatch.undo()
    with uow() as u:
        screen = orders_view.list_orders(u, as_of=AS_OF, limit=500)  # what the orders screen shows
    assert seen == [(0, 5), (2, 5), (4, 5)]
    assert [r[0] for r in data_rows(out, exports.ORDERS_SHEET)] == [r.external_id for r in screen.rows]


def test_a_cancelled_export_leaves_no_file_and_no_audit(uow: Any, tmp_path: Path,
                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(orders_view, "MAX_PAGE_SIZE", 2)
    seed_orders(uow)
    folder = tmp_path / "out"
    folder.mkdir()
    out = folder / "orders.xlsx"
    pages = []

    def cancelled() -> bool:
        pages.append(1)
        return len(pages) > 1  # the officer cancels during the second page

    with uow() as u, pytest.raises(exports.ExportCancelled) as stopped:
        exports.export_orders_xlsx(u, out, as_of=AS_OF, officer_id=reader_id(u), cancelled=cancelled)
    assert stopped.value.rows == 2
    assert list(folder.iterdir()) == []  # neither the file nor a temporary one
    assert audit_events(uow, "export.orders") == []


def test_the_about_sheet_says_the_filter_in_words_and_pages_print_landscape(uow: Any, tmp_path: Path) -> None:
    seed_orders(uow)
    out = tmp_path / "orders.xlsx"
    with uow() as u:
        exports.export_orders_xlsx(u, out, as_of=AS_OF, officer_id=reader_id(u), status="vendor_confirmed", breach="breached", search="好")
    about = about_text(out)
    assert "狀態 status: 已接單待付款" in about and "期限 deadlines: 逾期 breached" in about and "「好」" in about
    assert "{" not in about and '"status"' not in about  # no raw JSON
    wb = load_workbook(out)
    try:
        ws = wb[exports.ORDERS_SHEET]
        assert ws.page_setup.orientation == "landscape"
        assert ws.sheet_properties.pageSetUpPr.fitToPage and ws.page_setup.fitToWidth == 1
        assert ws.page_setup.fitToHeight == 0 and ws.print_title_rows == "$1:$2"
    finally:
        wb.close()
