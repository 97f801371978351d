"""`backoffice-admin applicant reveal-id`, in process, on SQLite and PostgreSQL: a supervisor sees the
number (audited), an officer is refused with exit 1 (audited too), a bad reason is exit 2."""

from __future__ import annotations

import json
from typing import Any

import pytest
import sqlalchemy as sa

from backoffice.cli import main
from backoffice.db import models as m
from backoffice.services.applications.personal_data import REFUSED, REVEALED
from tests.support import review_seed as rs


def applicant_and_events(uow: Any) -> tuple[int, list[tuple[str, int | None, str | None]]]:
    with uow() as u:
        applicant_id = u.session.scalars(sa.select(m.Applicant.id).order_by(m.Applicant.id)).first()
        e = m.AuditEvent
        events = [(a, o, eid) for a, o, eid in u.session.execute(
            sa.select(e.action, e.officer_id, e.entity_id).where(e.action.in_((REVEALED, REFUSED))).order_by(e.seq))]
    assert applicant_id is not None
    return applicant_id, events


def test_reveal_id_for_a_supervisor_refused_for_an_officer(uow: Any, engine: sa.Engine,
                                                           capsys: pytest.CaptureFixture[str]) -> None:
    seeded = rs.seed(uow, applications=1)
    url = engine.url.render_as_string(hide_password=False)
    applicant_id, _ = applicant_and_events(uow)
    assert main(["applicant", "reveal-id", str(applicant_id), "--as", str(seeded.other_officer_id),
                 "--reason", "核對身分", "--url", url, "--json"]) == 0
    doc = json.loads(capsys.readouterr().out)
    assert doc["national_id"] == rs.REP_ID and doc["masked"] == "A12****789"
    assert doc["applicant_id"] == applicant_id and doc["officer_id"] == seeded.other_officer_id
    assert main(["applicant", "reveal-id", str(applicant_id), "--as", str(seeded.officer_id),
                 "--reason", "想看看", "--url", url, "--json"]) == 1
    out, err = capsys.readouterr()
    assert rs.REP_ID not in out + err and "permission denied" in err
    assert main(["applicant", "reveal-id", str(applicant_id), "--as", str(seeded.other_officer_id),
                 "--reason", "  ", "--url", url]) == 2
    assert "--reason" in capsys.readouterr().err
    assert main(["applicant", "reveal-id", "999999", "--as", str(seeded.other_officer_id),
                 "--reason", "核對", "--url", url]) == 1
    _, events = applicant_and_events(uow)
    assert events == [(REVEALED, seeded.other_officer_id, str(applicant_id)),
                      (REFUSED, seeded.officer_id, str(applicant_id))]
    assert doc["audit_event_id"] is not None
