"""The 95A PDF writer fed vendor groups lazily: several chunks through two worker processes give the
same files, in the same order, as one process (the export's streaming path, without a database)."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, date, datetime
from pathlib import Path

import pytest

from backoffice.services.finance import tax95a_pdf
from backoffice.services.finance.tax95a import Statement

AS_OF = datetime(2026, 1, 5, 2, tzinfo=UTC)


def groups(pulled: list[int]) -> Iterator[list[Statement]]:
    for v in range(7):
        pulled.append(v)
        yield [Statement(2025, v, f"{10_000_000 + v:08d}", f"供應商{v}", "臺北市", v * 10 + i, f"{20_000_000 + v * 10 + i:08d}",
                         f"申請者{i}", "新北市", 30_000 + i, 0, 1, date(2025, 3, 5), date(2025, 12, 20), f"114{i + 1:05d}")
               for i in range(2)]


def test_chunks_through_workers_give_the_same_files_in_order(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(tax95a_pdf, "CHUNK_STATEMENTS", 2)  # one vendor per chunk: 7 chunks, 4 in flight at most
    pulled: list[int] = []
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    one = tax95a_pdf.write_vendor_pdfs(groups(pulled), tmp_path / "a", tax_year=2025, as_of=AS_OF, workers=1)
    two = tax95a_pdf.write_vendor_pdfs(groups([]), tmp_path / "b", tax_year=2025, as_of=AS_OF, workers=2)
    assert pulled == list(range(7))
    assert [Path(p).name for p, _ in one] == [f"95A-2025-{10_000_000 + v:08d}.pdf" for v in range(7)]
    assert [(Path(p).name, h) for p, h in one] == [(Path(p).name, h) for p, h in two]
    assert len({h for _, h in one}) == 7  # each vendor's own file
