"""Runtime configuration from the environment, with defaults for a desk installation.

Every setting can be overridden with an environment variable so that CI, tests and
administrators configure the application the same way.
"""

from __future__ import annotations

import os
import sys
from dataclasses import dataclass
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parent.parent
# resources/ sits next to the package in a checkout and in a PyInstaller bundle; a wheel installs
# it as data files under <prefix>/share/tcloud-backoffice/resources (see installer/build-wheel.sh).
RESOURCES = REPO_ROOT / "resources"
if not RESOURCES.is_dir():  # pragma: no cover - installed from the wheel
    RESOURCES = Path(sys.prefix) / "share" / "tcloud-backoffice" / "resources"


def user_data_dir() -> Path:
    """The per-user data directory (XDG on Linux, %APPDATA% on Windows)."""
    if os.name == "nt":
        base = Path(os.environ.get("APPDATA", Path.home() / "AppData" / "Roaming"))
    else:
        base = Path(os.environ.get("XDG_DATA_HOME", Path.home() / ".local" / "share"))
    return base / "tcloud-backoffice"


def default_database_url() -> str:
    return "sqlite:///" + str(user_data_dir() / "backoffice.sqlite3")


@dataclass(frozen=True)
class Settings:
    database_url: str
    pkcs11_module: str | None
    trust_dir: Path
    crl_dir: Path
    smtp_host: str | None
    smtp_port: int
    smtp_sender: str


def load_settings() -> Settings:
    env = os.environ
    return Settings(
        database_url=env.get("BACKOFFICE_DATABASE_URL") or default_database_url(),
        pkcs11_module=env.get("BACKOFFICE_PKCS11_MODULE") or None,
        trust_dir=Path(env.get("BACKOFFICE_TRUST_DIR") or RESOURCES / "trust"),
        crl_dir=Path(env.get("BACKOFFICE_CRL_DIR") or user_data_dir() / "crl"),
        smtp_host=env.get("BACKOFFICE_SMTP_HOST") or None,
        smtp_port=int(env.get("BACKOFFICE_SMTP_PORT") or "25"),
        smtp_sender=env.get("BACKOFFICE_SMTP_SENDER") or "noreply@tcloud.example.tw",
    )
