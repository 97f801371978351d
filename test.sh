#!/usr/bin/env bash
# Quick start, command 2: install everything, start the services the tests need (a private
# PostgreSQL 15 server, pcscd with the vpcd virtual reader driver), lint, type-check and run
# the whole test suite on SQLite and PostgreSQL. Extra arguments go to pytest.
set -euo pipefail
source "$(dirname "$0")/installer/bootstrap.sh"
bo_install_system
bo_install_venv test
source "$BO_ROOT/installer/services.sh"
trap bo_stop_services EXIT
bo_start_postgres
bo_start_pcscd
export QT_QPA_PLATFORM=offscreen
export BACKOFFICE_REQUIRE_PG=1
cd "$BO_ROOT"
echo "==> ruff"
"$BO_VENV/bin/ruff" check backoffice tests bench tools
echo "==> mypy"
"$BO_VENV/bin/mypy"
echo "==> pytest (with branch coverage of policy, services and smartcard: docs/quality.md)"
"$BO_VENV/bin/python" -m pytest \
    --cov=backoffice.policy --cov=backoffice.services --cov=backoffice.smartcard --cov-branch \
    --cov-report=term:skip-covered "$@"
