"""Small, varied queue data for the queue and assignment tests (inserted through the models)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from typing import Any

from backoffice.db import models as m
from backoffice.db.enums import ApplicantType, ApplicationStatus, Role

# Valid UBNs (RULES §10 examples and a few more valid under the divisible-by-5 rule).
UBNS = ["04595257", "10458575", "10458574", "22099131", "04595252", "62140097",
        "12345675", "53212539", "24549210", "86517510", "00000027", "10458570"]
TODAY = date(2026, 3, 20)  # a Friday; every date below is relative to it


@dataclass
class QueueSeed:
    officer_a: int = 0
    officer_b: int = 0
    supervisor: int = 0
    finance: int = 0
    apps: dict[str, int] = field(default_factory=dict)  # label -> application id


def add_officer(s: Any, name: str, email: str, *roles: Role) -> int:
    officer = m.Officer(name=name, email=email, roles=[m.OfficerRole(role=r) for r in roles])
    s.add(officer)
    s.flush()
    return int(officer.id)


def taipei(day: date, hour: int = 10) -> datetime:
    # 10:00 Taipei = 02:00 UTC on the same day.
    return datetime(day.year, day.month, day.day, hour - 8, 0, tzinfo=UTC)


# label, name, type, section, division, status, submitted (days before TODAY), supplement deadline offset
ROWS: list[tuple[str, str, ApplicantType, str | None, str | None, ApplicationStatus, int, int | None]] = [
    ("old_waiting", "甲雲端科技股份有限公司", ApplicantType.SME, "J", "62", ApplicationStatus.SUBMITTED, 30, None),
    ("new_waiting", "乙餐飲有限公司", ApplicantType.SME, "I", "56", ApplicationStatus.SUBMITTED, 1, None),
    ("reviewing", "丙商行", ApplicantType.TAX_REGISTERED, "G", "47-48", ApplicationStatus.UNDER_REVIEW, 5, None),
    ("supp_late", "丁合作社", ApplicantType.COOPERATIVE, "A", "01", ApplicationStatus.SUPPLEMENT_REQUESTED, 40, -1),
    ("supp_ok", "戊社會企業", ApplicantType.SOCIAL_INNOVATION_NONPROFIT, "Q", "88",
     ApplicationStatus.SUPPLEMENT_REQUESTED, 20, 0),
    ("approved", "己資訊股份有限公司", ApplicantType.SME, "J", "62", ApplicationStatus.APPROVED, 60, None),
    ("rejected", "庚貿易有限公司", ApplicantType.SME, "G", "45-46", ApplicationStatus.REJECTED, 50, None),
    ("tenth_day", "辛工作室", ApplicantType.SME, "M", "70", ApplicationStatus.SUBMITTED, 14, None),
    ("eleventh", "壬設計 100%_Studio", ApplicantType.SME, "M", "74", ApplicationStatus.SUBMITTED, 15, None),
]


def seed_queue(uow_factory: Any) -> QueueSeed:
    seed = QueueSeed()
    with uow_factory() as uow:
        s = uow.session
        seed.officer_a = add_officer(s, "王承辦", "a@example.invalid", Role.OFFICER)
        seed.officer_b = add_officer(s, "李承辦", "b@example.invalid", Role.OFFICER)
        seed.supervisor = add_officer(s, "陳主管", "boss@example.invalid", Role.SUPERVISOR)
        seed.finance = add_officer(s, "林會計", "fin@example.invalid", Role.FINANCE)
        for i, (label, name, atype, section, division, status, days_ago, supp) in enumerate(ROWS):
            applicant = m.Applicant(name=name, ubn=UBNS[i], applicant_type=atype,
                                    industry_section=section, industry_division=division)
            s.add(applicant)
            s.flush()
            app = m.Application(
                external_id=f"APP-{i:04d}", applicant_id=applicant.id,
                submitted_at=taipei(TODAY - timedelta(days=days_ago)), status=status,
                supplement_deadline=None if supp is None else TODAY + timedelta(days=supp),
            )
            s.add(app)
            s.flush()
            seed.apps[label] = int(app.id)
        uow.commit()
    return seed
