"""National IDs: masked everywhere but a supervisor's audited reveal; PINs and full IDs in no log."""

from __future__ import annotations

import logging
import re

import pytest
import sqlalchemy as sa

from backoffice import logsafe
from backoffice.db import models as m
from backoffice.db.enums import Role
from backoffice.policy.identifiers import check_national_id
from backoffice.services.admin.demo_feed import dumps, generate_feed
from backoffice.services.applications.personal_data import (
    REFUSED,
    REVEALED,
    NothingToReveal,
    reveal_national_id,
)
from backoffice.services.authz import PermissionDenied
from backoffice.services.feed import import_lines
from tests.integration.queue_seed import add_officer

ID_SHAPE = re.compile(r"(?<![A-Za-z0-9])[A-Z][1289A-D]\d{8}(?![A-Za-z0-9])")


def unmasked_ids(text: str) -> list[str]:
    """Every valid national ID number written out in ``text``."""
    return [x for x in ID_SHAPE.findall(text) if check_national_id(x).valid]


@pytest.fixture
def people(session_factory):
    assert import_lines(session_factory, [dumps(r) for r in generate_feed(20, seed=4)]).rejected == []
    with session_factory() as s, s.begin():
        boss = add_officer(s, "陳主管", "boss@example.invalid", Role.SUPERVISOR)
        clerk = add_officer(s, "林承辦", "clerk@example.invalid", Role.OFFICER)
        admin = add_officer(s, "王管理", "admin@example.invalid", Role.ADMIN)
        applicant = s.scalars(sa.select(m.Applicant).where(m.Applicant.representative_id.is_not(None))).first()
        assert applicant is not None
        return boss, clerk, admin, applicant.id, applicant.representative_id


def _events(uow, action: str) -> list[tuple]:
    with uow() as u:
        return [tuple(r) for r in u.session.execute(
            sa.select(m.AuditEvent.officer_id, m.AuditEvent.entity_type, m.AuditEvent.entity_id,
                      m.AuditEvent.details, m.AuditEvent.at).where(m.AuditEvent.action == action))]


def test_a_supervisor_reveals_an_id_and_it_is_audited(uow, people) -> None:
    boss, _clerk, _admin, applicant_id, number = people
    with uow() as u:
        shown = reveal_national_id(u, boss, "applicant", applicant_id, "身分核對")
    assert shown.national_id == number and shown.masked != number and "****" in shown.masked
    [(officer_id, entity_type, entity_id, details, at)] = _events(uow, REVEALED)
    assert (officer_id, entity_type, entity_id) == (boss, "applicant", str(applicant_id))
    assert details == {"masked": shown.masked, "reason": "身分核對"} and at is not None
    assert number not in repr(details)  # the audit trail itself never holds the number


@pytest.mark.parametrize("who", ["clerk", "admin", "nobody"])
def test_other_roles_are_refused_and_the_attempt_is_audited(uow, people, who) -> None:
    boss, clerk, admin, applicant_id, _ = people
    officer = {"clerk": clerk, "admin": admin, "nobody": 999_999}[who]
    with uow() as u, pytest.raises(PermissionDenied):
        reveal_national_id(u, officer, "applicant", applicant_id, "curious")
    [event] = _events(uow, REFUSED)
    assert event[0] == (None if who == "nobody" else officer)
    assert _events(uow, REVEALED) == []


def test_a_reason_is_required_and_missing_records_say_so(uow, people) -> None:
    boss, *_ = people
    with uow() as u, pytest.raises(ValueError, match="reason"):
        reveal_national_id(u, boss, "applicant", people[3], "  ")
    with uow() as u, pytest.raises(NothingToReveal):
        reveal_national_id(u, boss, "authorisation", 987_654, "check")
    assert _events(uow, REVEALED) == []


def test_log_lines_mask_national_ids() -> None:
    records: list[str] = []

    class Keep(logging.Handler):
        def emit(self, record: logging.LogRecord) -> None:
            records.append(self.format(record))

    logger = logging.getLogger("backoffice.test_logsafe")
    handler = Keep()
    logger.addHandler(handler)
    logsafe.install(logger)
    try:
        logger.error("representative %s refused", "A123456789")
        try:
            raise ValueError("bad id M162773050")
        except ValueError:
            logger.exception("failed")
    finally:
        logger.removeHandler(handler)
    text = "\n".join(records)
    assert unmasked_ids(text) == [] and "A12****789" in text and "M16****050" in text


@pytest.mark.pkcs11
def test_no_pin_or_national_id_in_anything_logged(caplog, soft_token, tmp_path) -> None:
    """Signing with the right PIN, a wrong PIN, a feed import with IDs: grep all that was logged."""
    from backoffice.smartcard.pkcs11 import WrongPinError
    from backoffice.smartcard.signing import sign_bytes
    from tests.support.softhsm import SO_PIN, USER_PIN, WRONG_PIN

    caplog.set_level(logging.DEBUG)
    caplog.set_level(logging.WARNING, logger="sqlalchemy")  # SQL echo is off in the product too
    sign_bytes(soft_token.module, b"decision 7", soft_token.user_pin)
    with pytest.raises(WrongPinError) as wrong:
        sign_bytes(soft_token.module, b"decision 8", WRONG_PIN)
    logging.getLogger("backoffice").warning("signing refused: %s", wrong.value)
    from backoffice.db import migrate
    from backoffice.db.session import make_engine, make_session_factory

    url = f"sqlite:///{tmp_path / 'db.sqlite3'}"
    migrate.upgrade(url)
    engine = make_engine(url)
    try:
        lines = [dumps(r) for r in generate_feed(10, seed=2)]
        bad = lines[-1].replace('"ubn"', '"ubn_x"', 1)  # a rejected line: its reason is logged below
        report = import_lines(make_session_factory(engine), [*lines, bad])
        logging.getLogger("backoffice").info("import: %s", report.to_json())
    finally:
        engine.dispose()
    text = caplog.text + "\n".join(str(r.__dict__) for r in caplog.records)
    for pin in {USER_PIN, WRONG_PIN, SO_PIN, soft_token.user_pin}:
        assert pin not in text
    assert unmasked_ids(text) == []
    assert caplog.records  # something was logged and searched
