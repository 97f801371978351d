"""Who runs an administrator command: ``--as OFFICER_ID``, or the OS user mapped to an officer.

Every audit event an administrator command writes names the acting officer. ``--as`` wins; without
it, ``BACKOFFICE_ADMIN_OFFICERS`` maps operating-system accounts to officers
(``"alice=3,bob=7"``; the current account is ``getpass.getuser()``). The services check that this
officer is an active administrator (``services/authz.py``).
"""

from __future__ import annotations

import argparse
import getpass
import os
from typing import Any

from backoffice.cli._common import EXIT_NEGATIVE, EXIT_UNREACHABLE, CliError

ADMIN_OFFICERS_ENV = "BACKOFFICE_ADMIN_OFFICERS"


def add_actor_argument(parser: Any) -> None:
    parser.add_argument("--as", dest="as_officer", type=int, metavar="OFFICER_ID",
                        help=f"acting administrator's officer id (default: the OS user in {ADMIN_OFFICERS_ENV})")


def os_user() -> str | None:
    try:
        return getpass.getuser()
    except (KeyError, OSError):  # no name for this uid (containers)
        return None


def mapped_officer(user: str | None, setting: str | None) -> int | None:
    """The officer id ``setting`` ("user=id,user=id") gives ``user``; malformed -> CliError."""
    if not user or not setting:
        return None
    for item in setting.split(","):
        name, sep, value = item.strip().partition("=")
        if not sep or not value.strip().isdigit():
            raise CliError(f"{ADMIN_OFFICERS_ENV}: expected user=officer_id, got {item.strip()!r}",
                           EXIT_UNREACHABLE)
        if name.strip() == user:
            return int(value)
    return None


def acting_officer(args: argparse.Namespace) -> int | None:
    """The acting officer's id (``--as``, else the mapped OS user), or None when neither is given."""
    explicit = getattr(args, "as_officer", None)
    if explicit is not None:
        return int(explicit)
    return mapped_officer(os_user(), os.environ.get(ADMIN_OFFICERS_ENV))


def permission_error(exc: Any) -> CliError:
    who = f"#{exc.officer_id}" if exc.officer_id is not None else "(none: give --as OFFICER_ID)"
    return CliError(f"權限不足 permission denied: officer {who} may not {exc.action} "
                    f"(needs {', '.join(sorted(exc.needed)) or 'another officer'})", EXIT_NEGATIVE)
