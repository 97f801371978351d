#!/usr/bin/env bash
# Quick start, command 1: install everything and start the back office on an embedded SQLite
# database under your data directory, filled with demo data on first start.
# Extra arguments go to the application (e.g. ./run.sh --smoke-test).
set -euo pipefail
source "$(dirname "$0")/installer/bootstrap.sh"
bo_install_system
bo_install_venv
if [ -z "${DISPLAY:-}${WAYLAND_DISPLAY:-}" ] && [ -z "${QT_QPA_PLATFORM:-}" ]; then
  echo "No display found: starting under a virtual X server (xvfb-run)." >&2
  exec xvfb-run -a -s "-screen 0 1600x1000x24" "$BO_VENV/bin/backoffice" --demo-if-empty "$@"
fi
exec "$BO_VENV/bin/backoffice" --demo-if-empty "$@"
