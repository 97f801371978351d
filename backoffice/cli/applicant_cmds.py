"""`backoffice-admin applicant reveal-id APPLICANT_ID --as OFFICER_ID --reason TEXT`: a supervisor's
audited look at an applicant representative's full national ID (RULES §10 person data).

The service checks the role (supervisors only; a refused attempt is audited too) and records who
saw whose number, when and why before the number is printed. The number goes to stdout only,
never to a log line.

JSON: ``{"applicant_id", "national_id", "masked", "audit_event_id", "officer_id"}``.
Exit codes: 0 shown, 1 refused (role) or nothing to reveal, 2 bad usage / the database.
"""

from __future__ import annotations

import argparse
from typing import Any

from backoffice.cli._actor import acting_officer, add_actor_argument, permission_error
from backoffice.cli._common import EXIT_NEGATIVE, EXIT_UNREACHABLE, CliError, database_errors, emit


def register(subparsers: Any) -> None:
    applicant = subparsers.add_parser("applicant", help="申請者個人資料 (applicants' personal data)")
    sub = applicant.add_subparsers(dest="applicant_command", metavar="SUBCOMMAND")
    sub.required = True
    reveal = sub.add_parser("reveal-id", help="顯示負責人完整身分證字號（主管，記錄稽核）"
                                              " (show the full national ID: supervisors, audited)")
    reveal.add_argument("applicant_id", type=int)
    reveal.add_argument("--reason", required=True, help="why the number is needed (1-200 characters, recorded)")
    reveal.add_argument("--url", help="database URL (default: BACKOFFICE_DATABASE_URL or the local SQLite file)")
    reveal.add_argument("--json", action="store_true", help="print one JSON document")
    add_actor_argument(reveal)
    reveal.set_defaults(handler=_reveal)


def _reveal(args: argparse.Namespace) -> int:
    from backoffice.db.session import UnitOfWork, database_url, make_engine, make_session_factory
    from backoffice.services.applications.personal_data import NothingToReveal, reveal_national_id
    from backoffice.services.authz import PermissionDenied

    reason = (args.reason or "").strip()
    if not reason or len(reason) > 200:
        raise CliError("--reason: 1 to 200 characters are required", EXIT_UNREACHABLE)
    actor = acting_officer(args)
    engine = make_engine(args.url or database_url())
    try:
        with database_errors(), UnitOfWork(make_session_factory(engine)) as uow:
            try:
                shown = reveal_national_id(uow, actor, "applicant", args.applicant_id, reason)
            except PermissionDenied as exc:
                raise permission_error(exc) from None
            except NothingToReveal:
                raise CliError(f"applicant {args.applicant_id} holds no national ID (or does not exist)",
                               EXIT_NEGATIVE) from None
    finally:
        engine.dispose()
    doc = {"applicant_id": args.applicant_id, "national_id": shown.national_id, "masked": shown.masked,
           "audit_event_id": shown.audit_event_id, "officer_id": actor}
    emit(doc, args.json, lambda d: f"{d['national_id']}（已記錄本次查看 viewing recorded: audit event "
                                   f"#{d['audit_event_id']}）")
    return 0
