"""`backoffice-admin officer add|list|deactivate|activate|roles`: officers and their card certificates.

Officer management is for administrators (``--as OFFICER_ID`` or the mapped OS user, see
``cli/_actor.py``), never on oneself. On a database without officers, the first ``officer add``
runs without ``--as`` and must give the admin role: it is audited as the bootstrap.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from backoffice.cli._actor import acting_officer, add_actor_argument, os_user
from backoffice.cli._common import (
    EXIT_NEGATIVE,
    EXIT_UNREACHABLE,
    EXIT_UNREADABLE,
    CliError,
    database_errors,
    emit,
)


def register(subparsers: Any) -> None:
    officer = subparsers.add_parser("officer", help="承辦人員與憑證綁定 (officers and their card certificates)")
    sub = officer.add_subparsers(dest="officer_command", metavar="SUBCOMMAND")
    sub.required = True

    add = sub.add_parser("add", help="登錄承辦人員 (register an officer with a card certificate)")
    add.add_argument("--name", required=True, help="officer's name as shown in the application")
    add.add_argument("--role", action="append", required=True,
                     help="officer | supervisor | finance | admin (repeat for several)")
    src = add.add_mutually_exclusive_group(required=True)
    src.add_argument("--from-card", action="store_true", help="read the signature certificate from the card")
    src.add_argument("--cert", type=Path, help="certificate file (DER or PEM)")
    add.add_argument("--reader", help="card reader name (with --from-card; default: the only card present)")
    add.add_argument("--email", help="email address (default: a placeholder to fix later)")
    add.add_argument("--trust-dir", type=Path, default=None, help="trust anchors (default: configured)")
    add.add_argument("--crl-dir", type=Path, default=None, help="CRL files (default: configured)")
    add.add_argument("--allow-untrusted", action="store_true",
                     help="register a certificate that does not chain to the trust anchors (tests, pilots)")
    add.add_argument("--url", help="database URL (default: BACKOFFICE_DATABASE_URL or the local SQLite file)")
    add.add_argument("--json", action="store_true", help="print one JSON document")
    add_actor_argument(add)
    add.set_defaults(handler=_add)

    lst = sub.add_parser("list", help="列出承辦人員 (list officers)")
    lst.add_argument("--url", help="database URL")
    lst.add_argument("--json", action="store_true", help="print one JSON document")
    lst.set_defaults(handler=_list)

    for name, active, helptext in (("deactivate", False, "停用 (deactivate: the card no longer signs in)"),
                                   ("activate", True, "啟用 (activate again)")):
        p = sub.add_parser(name, help=helptext)
        p.add_argument("officer_id", type=int)
        p.add_argument("--url", help="database URL")
        p.add_argument("--json", action="store_true", help="print one JSON document")
        add_actor_argument(p)
        p.set_defaults(handler=_set_active, active=active)

    roles = sub.add_parser("roles", help="變更角色 (replace an officer's roles)")
    roles.add_argument("officer_id", type=int)
    roles.add_argument("--role", action="append", required=True,
                       help="officer | supervisor | finance | admin (repeat for several)")
    roles.add_argument("--url", help="database URL")
    roles.add_argument("--json", action="store_true", help="print one JSON document")
    add_actor_argument(roles)
    roles.set_defaults(handler=_set_roles)


def _uow_factory(args: argparse.Namespace) -> tuple[Any, Any]:
    from backoffice.db.session import UnitOfWork, database_url, make_engine, make_session_factory

    engine = make_engine(args.url or database_url())
    factory = make_session_factory(engine)
    return engine, lambda: UnitOfWork(factory)


def _card_certificate(args: argparse.Namespace) -> tuple[bytes, str | None, str]:
    """The signature certificate, ID last 4 digits and validation status read over PC/SC."""
    from backoffice.smartcard import connection
    from backoffice.smartcard.identify import identify_card

    try:
        result = identify_card(args.reader, args.trust_dir, args.crl_dir)
    except (connection.NoReaderError, connection.NoCardError) as exc:
        raise CliError(f"no card: {exc}", EXIT_UNREACHABLE) from None
    except connection.SmartCardError as exc:
        raise CliError(f"the card cannot be read: {exc}", EXIT_UNREADABLE) from None
    return result.info.der, result.info.holder.id_last4, result.validation.status.value


def _file_status(der: bytes, args: argparse.Namespace) -> str:
    from backoffice.smartcard.certinfo import load_certificate
    from backoffice.smartcard.validation import validate

    return validate(load_certificate(der), args.trust_dir, args.crl_dir).status.value


def _render_officer(doc: dict[str, Any]) -> str:
    roles = ",".join(doc["roles"])
    state = "" if doc["active"] else " (停用 inactive)"
    return f"#{doc['id']} {doc['name']} [{roles}]{state} cert {str(doc['cert_sha256'])[:16]}"


def _add(args: argparse.Namespace) -> int:
    from backoffice.services.admin import officers as svc

    if args.reader and not args.from_card:
        raise CliError("--reader goes with --from-card")
    from backoffice.config import load_settings

    settings = load_settings()
    args.trust_dir = args.trust_dir or settings.trust_dir
    args.crl_dir = args.crl_dir or settings.crl_dir
    try:
        if args.from_card:
            der, last4, status = _card_certificate(args)
        else:
            der, last4 = svc.load_certificate_file(args.cert), None
            status = _file_status(der, args)
        binding = svc.CertBinding.from_der(der, id_last4=last4)
        roles = svc.parse_roles(args.role)
    except OSError as exc:
        raise CliError(f"cannot read {args.cert}: {exc.strerror}") from None
    except svc.OfficerError as exc:
        raise CliError(str(exc), EXIT_NEGATIVE) from None
    refused = svc.REFUSED_STATUSES - ({"untrusted"} if args.allow_untrusted else set())
    if status in refused:
        raise CliError(f"憑證未通過驗證 certificate not accepted: {status}", EXIT_NEGATIVE)
    if status != "valid":
        print(f"backoffice-admin: 注意 warning: certificate status {status}", file=sys.stderr)
    actor = acting_officer(args)
    engine, uow_factory = _uow_factory(args)
    try:
        with database_errors(), uow_factory() as uow:
            try:
                if actor is None and svc.officer_count(uow) == 0:  # bootstrap of an empty database
                    view = svc.bootstrap_first_officer(uow, name=args.name, roles=roles, cert=binding,
                                                       email=args.email, os_user=os_user())
                else:
                    view = svc.register_officer(uow, name=args.name, roles=roles, cert=binding,
                                                email=args.email, actor_id=actor)
            except svc.DuplicateOfficerError as exc:
                raise CliError(f"此憑證已綁定承辦人員 #{exc.officer_id} (certificate already registered)",
                               EXIT_NEGATIVE) from None
            except svc.BootstrapRefused as exc:
                raise CliError(f"第一位人員須具系統管理者角色 (bootstrap refused): {exc}", EXIT_NEGATIVE) from None
    finally:
        engine.dispose()
    emit(view.to_json(), args.json, lambda d: "已登錄 registered " + _render_officer(d))
    return 0


def _list(args: argparse.Namespace) -> int:
    from backoffice.services.admin import officers as svc

    engine, uow_factory = _uow_factory(args)
    try:
        with database_errors(), uow_factory() as uow:
            views = svc.list_officers(uow)
    finally:
        engine.dispose()
    docs = [v.to_json() for v in views]
    emit(docs, args.json, lambda ds: "\n".join(_render_officer(d) for d in ds) or "(無 none)")
    return 0


def _set_active(args: argparse.Namespace) -> int:
    from backoffice.services.admin import officers as svc

    engine, uow_factory = _uow_factory(args)
    try:
        with database_errors(), uow_factory() as uow:
            try:
                view = svc.set_officer_active(uow, args.officer_id, args.active, actor_id=acting_officer(args))
            except svc.OfficerError as exc:
                raise CliError(str(exc), EXIT_NEGATIVE) from None
    finally:
        engine.dispose()
    emit(view.to_json(), args.json, _render_officer)
    return 0


def _set_roles(args: argparse.Namespace) -> int:
    from backoffice.services.admin import officers as svc

    engine, uow_factory = _uow_factory(args)
    try:
        with database_errors(), uow_factory() as uow:
            try:
                view = svc.set_officer_roles(uow, args.officer_id, args.role, actor_id=acting_officer(args))
            except svc.OfficerError as exc:
                raise CliError(str(exc), EXIT_NEGATIVE) from None
    finally:
        engine.dispose()
    emit(view.to_json(), args.json, _render_officer)
    return 0
