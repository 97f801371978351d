"""SoftHSM2 tokens for the PKCS#11 tests: a real module, a real token, a known PIN.

Each token lives in its own temporary directory, selected with ``SOFTHSM2_CONF`` (set in
``os.environ`` for the test and inherited by CLI subprocesses). Tokens are created with the tools
an administrator would use (``softhsm2-util``, ``pkcs11-tool`` from OpenSC), not with the code
under test, so a bug in ``backoffice.smartcard.pkcs11`` cannot hide in the fixture.

PIN states: SoftHSM2 sets CKF_USER_PIN_COUNT_LOW after a wrong login and clears it after a good
one (driven here by real wrong logins), but it never reports FINAL_TRY or LOCKED and never locks.
For those two states ``SoftToken.set_flags`` rewrites the token flags that SoftHSM2 stores in its
token file, so the real module reports them through C_GetTokenInfo; SoftHSM2 would still accept a
PIN on such a token, which is why the tests also count login attempts.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from cryptography.hazmat.primitives import serialization

from tests.support.pki import Holder, build_test_pki

SOFTHSM_MODULE = "/usr/lib/softhsm/libsofthsm2.so"
# OpenSC's pkcs11-spy logs every PKCS#11 call of the module it wraps: the tests count C_Login
# calls in its log to prove that a PIN is never retried behind the officer's back. (The spy logs
# PIN bytes too: only ever use it with the test PINs below.)
PKCS11_SPY = "/usr/lib/x86_64-linux-gnu/pkcs11/pkcs11-spy.so"
USER_PIN = "123456"
SO_PIN = "12345678"
WRONG_PIN = "000000"
KEY_ID = bytes.fromhex("45")  # HiCOS tokens use short CKA_IDs too

CKF_USER_PIN_COUNT_LOW = 0x00010000
CKF_USER_PIN_FINAL_TRY = 0x00020000
CKF_USER_PIN_LOCKED = 0x00040000

# SoftHSM2 file object store: each attribute is (type: u64 BE, kind: u64 BE, value); the token
# flags are vendor attribute CKA_OS_TOKENFLAGS (0x8000534B) of kind 2 (unsigned long, u64 BE).
_TOKENFLAGS_HEADER = (0x8000534B).to_bytes(8, "big") + (2).to_bytes(8, "big")


def spy_calls(log: Path, name: str) -> int:
    """How many times the spy log shows the PKCS#11 function ``name`` (e.g. "C_Login")."""
    if not log.exists():
        return 0
    pattern = re.compile(rf"^\d+: {re.escape(name)}$")
    return sum(1 for line in log.read_text(errors="replace").splitlines() if pattern.match(line.strip()))


def softhsm_available() -> bool:
    return Path(SOFTHSM_MODULE).exists() and shutil.which("softhsm2-util") is not None


def required() -> bool:
    """True when the test command must fail on a missing real part (test.sh, CI)."""
    return os.environ.get("BACKOFFICE_REQUIRE_PG") == "1" or bool(os.environ.get("CI"))


def require_softhsm() -> None:
    """Skip without SoftHSM2, unless the test command requires its real parts (then fail).

    Like PostgreSQL (``BACKOFFICE_REQUIRE_PG=1``) and pcscd: test.sh and CI set the variable, so a
    missing SoftHSM2 fails the run instead of silently skipping the signing tests.
    """
    if softhsm_available():
        return
    if required():
        pytest.fail(f"SoftHSM2 is required ({SOFTHSM_MODULE} and softhsm2-util) but not installed")
    pytest.skip("SoftHSM2 is not installed")


def _run(*args: str, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(args, env=env, check=True, capture_output=True, text=True, timeout=60)


@dataclass
class SoftToken:
    """One initialised SoftHSM2 token holding ``holder``'s key and certificate."""

    directory: Path
    conf: Path
    label: str
    holder: Holder | None
    user_pin: str = USER_PIN
    so_pin: str = SO_PIN
    key_id: bytes = KEY_ID
    module: str = SOFTHSM_MODULE

    @property
    def env(self) -> dict[str, str]:
        return {**os.environ, "SOFTHSM2_CONF": str(self.conf)}

    @property
    def cert_der(self) -> bytes:
        assert self.holder is not None
        return self.holder.der

    def wrong_logins(self, count: int = 1) -> None:
        """Log in ``count`` times with a wrong PIN through pkcs11-tool (drives COUNT_LOW)."""
        for _ in range(count):
            result = subprocess.run(
                ["pkcs11-tool", "--module", self.module, "--token-label", self.label,
                 "--login", "--pin", WRONG_PIN, "--list-objects"],
                env=self.env, capture_output=True, text=True, timeout=60,
            )
            assert result.returncode != 0, "a wrong PIN was accepted"

    def good_login(self) -> None:
        _run("pkcs11-tool", "--module", self.module, "--token-label", self.label,
             "--login", "--pin", self.user_pin, "--list-objects", env=self.env)

    def spy(self, log: Path, monkeypatch: pytest.MonkeyPatch) -> str:
        """Route PKCS#11 calls through pkcs11-spy (logging to ``log``); returns the module path."""
        if not Path(PKCS11_SPY).exists():
            if required():
                pytest.fail(f"OpenSC pkcs11-spy is required ({PKCS11_SPY}) but not installed")
            pytest.skip("OpenSC pkcs11-spy is not installed")
        monkeypatch.setenv("PKCS11SPY", self.module)
        monkeypatch.setenv("PKCS11SPY_OUTPUT", str(log))
        return PKCS11_SPY

    def _token_file(self) -> Path:
        files = [p for p in self.directory.glob("tokens/*/token.object")]
        assert len(files) == 1, files
        return files[0]

    def flags(self) -> int:
        data = self._token_file().read_bytes()
        at = data.index(_TOKENFLAGS_HEADER) + len(_TOKENFLAGS_HEADER)
        return int.from_bytes(data[at:at + 8], "big")

    def set_flags(self, set_bits: int = 0, clear_bits: int = 0) -> None:
        """Rewrite the token flags SoftHSM2 stores (see the module docstring)."""
        path = self._token_file()
        data = bytearray(path.read_bytes())
        at = data.index(_TOKENFLAGS_HEADER) + len(_TOKENFLAGS_HEADER)
        flags = (int.from_bytes(data[at:at + 8], "big") | set_bits) & ~clear_bits
        data[at:at + 8] = flags.to_bytes(8, "big")
        # The first 8 bytes are the file's generation counter: bump it so a loaded module re-reads.
        generation = int.from_bytes(data[:8], "big") + 1
        data[:8] = generation.to_bytes(8, "big")
        path.write_bytes(bytes(data))


def make_soft_token(directory: Path, holder: Holder | None, label: str = "officer-card",
                    extra: list[Holder] | None = None) -> SoftToken:
    """Initialise a token in ``directory`` and import ``holder``'s key and certificate.

    ``extra`` holders are imported too (CKA_ID 0x46, 0x47, ...), like the encryption
    certificate that sits next to the signature certificate on a HiCOS card.
    """
    (directory / "tokens").mkdir(parents=True, exist_ok=True)
    conf = directory / "softhsm2.conf"
    conf.write_text(
        f"directories.tokendir = {directory / 'tokens'}\nobjectstore.backend = file\nlog.level = ERROR\n"
    )
    token = SoftToken(directory=directory, conf=conf, label=label, holder=holder)
    env = token.env
    _run("softhsm2-util", "--init-token", "--free", "--label", label,
         "--pin", USER_PIN, "--so-pin", SO_PIN, env=env)
    for index, item in enumerate([holder, *(extra or [])]):
        if item is None:
            continue
        key_id = bytes([KEY_ID[0] + index]).hex()
        key_pem = directory / f"key{index}.pem"
        cert_der = directory / f"cert{index}.der"
        key_pem.write_bytes(item.key.private_bytes(
            serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
        ))
        cert_der.write_bytes(item.der)
        _run("softhsm2-util", "--import", str(key_pem), "--token", label, "--pin", USER_PIN,
             "--id", key_id, "--label", f"key{index}", env=env)
        _run("pkcs11-tool", "--module", SOFTHSM_MODULE, "--token-label", label, "--login",
             "--pin", USER_PIN, "--write-object", str(cert_der), "--type", "cert",
             "--id", key_id, "--label", f"cert{index}", env=env)
        key_pem.unlink()  # a private key file has no business outliving the import
    return token


@pytest.fixture(scope="session")
def officer_holder() -> Holder:
    """The officer's MOICA signature certificate and key (shared by card and token fixtures)."""
    return build_test_pki().issue("moica", name="林官員", id_last4="6789", subject_type="citizen")


@pytest.fixture
def soft_token(tmp_path: Path, officer_holder: Holder,
               monkeypatch: pytest.MonkeyPatch) -> Iterator[SoftToken]:
    """A SoftHSM2 token with the officer's key + certificate; SOFTHSM2_CONF points at it."""
    require_softhsm()
    token = make_soft_token(tmp_path / "softhsm", officer_holder)
    monkeypatch.setenv("SOFTHSM2_CONF", str(token.conf))
    yield token


@pytest.fixture
def soft_token_count_low(soft_token: SoftToken) -> SoftToken:
    """The officer token after one wrong PIN (the token reports COUNT_LOW)."""
    soft_token.wrong_logins(1)
    return soft_token


@pytest.fixture
def soft_token_locked(soft_token: SoftToken) -> SoftToken:
    """The officer token after wrong PINs, reporting a locked user PIN."""
    soft_token.wrong_logins(3)
    soft_token.set_flags(CKF_USER_PIN_LOCKED | CKF_USER_PIN_COUNT_LOW)
    return soft_token
