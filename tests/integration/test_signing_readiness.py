"""Whether an officer can sign decisions, asked before a decision dialog opens (issue 12 item 4)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import sqlalchemy as sa

from backoffice.db import models as m
from backoffice.services.applications.signing_readiness import signing_readiness
from tests.support import review_seed as rs

pytestmark = [pytest.mark.db]


def readiness(uow: Any, officer_id: int, module: str | None) -> Any:
    with uow() as u:
        return signing_readiness(u, officer_id, pkcs11_module=module)


def test_each_missing_part_is_named(uow: Any, tmp_path: Path) -> None:
    module = tmp_path / "libpkcs11.so"
    module.write_bytes(b"\x7fELF")  # present on this desk
    seeded = rs.seed(uow, applications=0, officer_cert=b"0\x82 not parsed here")
    bare = seeded.other_officer_id  # no certificate bound

    r = readiness(uow, seeded.officer_id, str(module))
    assert r.can_sign and r.ready and r.missing == () and not r.demo
    r = readiness(uow, bare, str(module))
    assert not r.ready and r.missing == ("certificate",)
    r = readiness(uow, seeded.officer_id, None)
    assert not r.ready and r.missing == ("module",) and r.module_path is None
    r = readiness(uow, seeded.officer_id, str(tmp_path / "gone.so"))
    assert not r.ready and r.missing == ("module",) and r.module_path == str(tmp_path / "gone.so")
    r = readiness(uow, bare, "")
    assert r.missing == ("certificate", "module")
    assert not readiness(uow, 999_999, str(module)).ready  # an unknown officer signs nothing


def test_a_demo_database_is_ready_without_a_card_but_says_it_cannot_sign(uow: Any) -> None:
    seeded = rs.seed(uow, applications=0, demo=True)
    r = readiness(uow, seeded.officer_id, None)
    assert r.ready and r.demo and not r.can_sign and r.missing == ("certificate", "module")
    with uow() as u:
        u.session.execute(sa.update(m.Programme).values(is_demo=False))
        u.commit()
    assert not readiness(uow, seeded.officer_id, None).ready
