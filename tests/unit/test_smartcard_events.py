"""Reader/card event diffing and the watcher, with scripted snapshots (no pcscd)."""

from __future__ import annotations

from backoffice.smartcard.events import CardEvent, CardWatcher, EventKind, diff

A, B = "Reader A", "Reader B"
ATR1, ATR2 = b"\x3b\x01", b"\x3b\x02"


def kinds(events):
    return [(e.kind.value, e.reader) for e in events]


def test_first_poll_reports_what_is_there():
    assert kinds(diff({}, {A: None, B: ATR1})) == [
        ("reader_added", A), ("reader_added", B), ("card_inserted", B)]


def test_card_in_and_out():
    assert kinds(diff({A: None}, {A: ATR1})) == [("card_inserted", A)]
    assert diff({A: ATR1}, {A: None}) == [CardEvent(EventKind.CARD_REMOVED, A, ATR1)]


def test_card_swapped_between_polls_gives_remove_then_insert():
    assert kinds(diff({A: ATR1}, {A: ATR2})) == [("card_removed", A), ("card_inserted", A)]


def test_reader_unplugged_with_card():
    assert kinds(diff({A: ATR1, B: None}, {B: None})) == [("card_removed", A), ("reader_removed", A)]


def test_no_change_no_event():
    assert diff({A: ATR1, B: None}, {A: ATR1, B: None}) == []


def test_watcher_iterates_scripted_snapshots():
    script = [{}, {A: None}, {A: ATR1}, {A: ATR1}, {}]
    watcher = CardWatcher(snapshot=lambda: script.pop(0) if len(script) > 1 else script[0], interval=0)
    events = [watcher.poll() for _ in range(5)]
    assert [kinds(e) for e in events] == [
        [], [("reader_added", A)], [("card_inserted", A)], [], [("card_removed", A), ("reader_removed", A)]]


def test_watcher_thread_survives_errors_and_reports_them():
    import threading

    calls = {"n": 0}
    got: list[CardEvent] = []
    errors: list[Exception] = []
    done = threading.Event()

    def snap():
        calls["n"] += 1
        if calls["n"] == 1:
            raise RuntimeError("pcscd restarting")
        if calls["n"] >= 3:
            done.set()
        return {A: ATR1}

    watcher = CardWatcher(snapshot=snap, interval=0.01)
    watcher.start(got.append, errors.append)
    assert done.wait(5)
    watcher.stop()
    assert [str(e) for e in errors] == ["pcscd restarting"]
    assert kinds(got) == [("reader_added", A), ("card_inserted", A)]
