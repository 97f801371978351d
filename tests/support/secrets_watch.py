"""Session-wide watch: everything logged during the test run is kept in a file, and at the end
the file is searched for the test PINs (tests/support/softhsm.py) and for any valid national ID
number written out; a hit fails the run (RULES §10: PINs and national IDs are never logged).

The file is ``$BACKOFFICE_TEST_LOG`` or ``<tmp>/backoffice-test-session.log``.
"""

from __future__ import annotations

import logging
import os
import re
import tempfile
from pathlib import Path

import pytest

from backoffice.policy.identifiers import check_national_id

_ID = re.compile(r"(?<![A-Za-z0-9])[A-Z][1289A-D]\d{8}(?![A-Za-z0-9])")
_handler: logging.FileHandler | None = None


def _log_path() -> Path:
    return Path(os.environ.get("BACKOFFICE_TEST_LOG") or Path(tempfile.gettempdir()) / f"backoffice-test-session-{os.getpid()}.log")


def pytest_sessionstart(session: pytest.Session) -> None:
    global _handler
    _handler = logging.FileHandler(_log_path(), mode="w", encoding="utf-8")
    _handler.setLevel(logging.DEBUG)
    _handler.setFormatter(logging.Formatter("%(levelname)s %(name)s: %(message)s"))
    logging.getLogger().addHandler(_handler)
    logging.getLogger("backoffice").setLevel(logging.DEBUG)  # our own lines, all of them


def findings(text: str) -> list[str]:
    from tests.support.softhsm import SO_PIN, USER_PIN, WRONG_PIN

    hits = [f"PIN {pin!r}" for pin in (USER_PIN, SO_PIN, WRONG_PIN) if re.search(rf"(?<!\d){pin}(?!\d)", text)]
    hits += [f"national ID {x[:3]}…" for x in _ID.findall(text) if check_national_id(x).valid]
    return hits


def pytest_sessionfinish(session: pytest.Session, exitstatus: int) -> None:
    if _handler is None:
        return
    logging.getLogger().removeHandler(_handler)
    _handler.close()
    path = _log_path()
    hits = findings(path.read_text(encoding="utf-8", errors="replace"))
    if hits:
        print(f"\nsecrets in the logs written during the tests ({path}): {sorted(set(hits))[:10]}")
        session.exitstatus = pytest.ExitCode.TESTS_FAILED
