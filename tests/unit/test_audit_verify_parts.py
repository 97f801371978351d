"""Parts of the fast ``audit verify`` pass: PostgreSQL's timestamp text in canonical form, and the
read-ahead of batches (errors arrive in order, an early stop leaves no thread behind)."""

from __future__ import annotations

import threading
from datetime import UTC, datetime

import pytest

from backoffice.db.audit import at_text
from backoffice.services.admin.audit_verify import _pg_at, _read_ahead


@pytest.mark.parametrize("micro", [0, 1, 10, 120_000, 123_400, 999_999])
def test_postgresql_timestamp_text_becomes_the_canonical_form(micro: int) -> None:
    at = datetime(2026, 3, 2, 1, 0, 5, micro, tzinfo=UTC)
    fraction = f".{micro:06d}".rstrip("0") if micro else ""  # PostgreSQL trims trailing zeros
    text = f"2026-03-02 01:00:05{fraction}+00"
    assert _pg_at(text) == at_text(at)


def test_read_ahead_yields_every_batch_in_order_then_stops() -> None:
    batches = iter([[1, 2], [3], [4, 5, 6], []])
    assert list(_read_ahead(lambda: next(batches))) == [[1, 2], [3], [4, 5, 6]]


def test_an_error_while_reading_ahead_is_raised_to_the_reader_after_the_good_batches() -> None:
    calls = iter([[1], [2]])

    def fetch() -> list[int]:
        try:
            return next(calls)
        except StopIteration:
            raise ConnectionError("server closed the connection") from None

    got = []
    with pytest.raises(ConnectionError, match="server closed"):
        for rows in _read_ahead(fetch):
            got.append(rows)
    assert got == [[1], [2]]


def test_a_reader_that_stops_early_leaves_no_helper_thread() -> None:
    before = threading.active_count()
    reader = _read_ahead(lambda: [0] * 10)  # endless
    assert next(reader) == [0] * 10
    reader.close()
    assert threading.active_count() == before
