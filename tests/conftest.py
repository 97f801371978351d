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

from hypothesis import settings

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("TZ", "Asia/Taipei")

# No deadline: on a shared 2-core machine the default 200 ms per example is a timing assertion
# (speed belongs in bench/). "ci" is selected when CI is set; the default profile does the same.
settings.register_profile("ci", deadline=None, print_blob=True)
settings.register_profile("default", deadline=None)
settings.load_profile("ci" if os.environ.get("CI") else "default")

pytest_plugins = [
    name
    for name in ("tests.support.db", "tests.support.cards", "tests.support.gui", "tests.support.softhsm",
                 "tests.support.secrets_watch")
    if importlib.util.find_spec(name) is not None
]
