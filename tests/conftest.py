"""Test configuration shared by the whole suite.

Fixture modules live in tests/support/ and are registered here:
- tests.support.db: database fixtures, parametrised over SQLite and the real PostgreSQL server
  that test.sh starts (BACKOFFICE_TEST_PG_URL).
- tests.support.cards: the virtual HiCOS card on vpcd/pcscd, the test PKI and SoftHSM2 tokens.
- tests.support.gui: Qt locale, screenshots to docs/screenshots/.
"""

from __future__ import annotations

import importlib.util
import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("TZ", "Asia/Taipei")

pytest_plugins = [
    name
    for name in ("tests.support.db", "tests.support.cards", "tests.support.gui", "tests.support.softhsm",
                 "tests.support.secrets_watch")
    if importlib.util.find_spec(name) is not None
]
