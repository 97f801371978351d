#!/usr/bin/env bash
# Installs what the back office needs on Debian 12: system packages (apt-get when run as
# root, otherwise prints the one line to run) and a virtual environment in .venv.
# Sourced by run.sh and test.sh; safe to run again (it only adds what is missing).
set -euo pipefail

BO_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
BO_VENV="$BO_ROOT/.venv"

# Runtime: Qt's xcb/EGL libraries, CJK fonts, the PC/SC daemon. Build: pyscard needs swig and
# the pcsclite headers. Tests: vpcd (virtual reader driver), SoftHSM2, PostgreSQL, Xvfb, poppler;
# walk-throughs of the screens (docs/walkthrough.md): xdotool.
BO_APT_PACKAGES=(
  python3 python3-venv python3-dev gcc swig libpcsclite-dev pcscd
  libegl1 libgl1 libxkbcommon0 libxkbcommon-x11-0 libfontconfig1 libdbus-1-3 libxcb-cursor0
  libxcb-icccm4 libxcb-keysyms1 libxcb-shape0 libxcb-render-util0 libxcb-image0 libxcb-xinerama0
  fonts-noto-cjk fonts-arphic-uming
  vsmartcard-vpcd softhsm2 opensc postgresql xvfb xauth poppler-utils xdotool
)

bo_missing_packages() {
  local missing=()
  for p in "${BO_APT_PACKAGES[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
  done
  echo "${missing[@]:-}"
}

bo_install_system() {
  local missing
  missing="$(bo_missing_packages)"
  [ -z "$missing" ] && return 0
  if [ "$(id -u)" = 0 ]; then
    echo "==> apt-get install $missing"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq
    # shellcheck disable=SC2086
    apt-get install -y -qq --no-install-recommends $missing >/dev/null
  else
    echo "Missing system packages. Run this once, then start again:" >&2
    echo "  sudo apt-get install -y $missing" >&2
    return 1
  fi
}

bo_install_venv() {
  local extras="${1:-}"
  if [ ! -x "$BO_VENV/bin/python" ]; then
    echo "==> creating $BO_VENV"
    python3 -m venv "$BO_VENV"
  fi
  local stamp="$BO_VENV/.installed${extras:+-$extras}"
  if [ ! -f "$stamp" ] || [ "$BO_ROOT/pyproject.toml" -nt "$stamp" ]; then
    echo "==> installing Python packages into .venv"
    "$BO_VENV/bin/python" -m pip install -q --upgrade pip >/dev/null
    "$BO_VENV/bin/python" -m pip install -q -e "$BO_ROOT${extras:+[$extras]}"
    touch "$stamp"
  fi
}
