"""PyKCS11's library objects must never deadlock their own thread when finalised.

``PyKCS11Lib.__del__`` takes a class-wide, non-reentrant lock that ``load`` holds. A garbage
collection inside ``load`` that finalises another instance made the whole test run hang (futex
wait, no CPU) at the PKCS#11 tests. ``pkcs11._Library`` is what the product loads modules with."""

from __future__ import annotations

import gc
import subprocess
import sys
from pathlib import Path

import pytest

from backoffice.smartcard import pkcs11

SCRIPT = """
import sys
import PyKCS11
from backoffice.smartcard import pkcs11

loaded = pkcs11._Library()
loaded.load(sys.argv[1])
never = pkcs11._Library()
with PyKCS11.PyKCS11Lib._lock:  # as inside load(), when the garbage collector runs
    del never
    del loaded
print("finalised without waiting")
"""


def test_finalising_while_the_library_lock_is_held_does_not_wait(soft_token) -> None:
    try:
        done = subprocess.run([sys.executable, "-c", SCRIPT, soft_token.module], capture_output=True,
                              text=True, timeout=60)
    except subprocess.TimeoutExpired:
        pytest.fail("finalising a PKCS#11 library object waited for its own thread's lock")
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "finalised without waiting"


def test_a_failed_load_leaves_no_library_object_for_the_garbage_collector(tmp_path: Path) -> None:
    gc.collect()
    before = sum(isinstance(o, pkcs11._Library) for o in gc.get_objects())
    with pytest.raises(pkcs11.ModuleLoadError) as caught:
        with pkcs11.Pkcs11Module(str(tmp_path / "libnothing.so")):
            pass
    frames = []
    tb = caught.value.__traceback__
    while tb is not None:
        frames.append(tb.tb_frame)
        tb = tb.tb_next
    assert not any(isinstance(v, pkcs11._Library) for f in frames for v in f.f_locals.values())
    assert sum(isinstance(o, pkcs11._Library) for o in gc.get_objects()) == before
