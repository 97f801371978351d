#!/usr/bin/env bash
# Build the back office wheel (package + Alembic migrations + resources as data files) into dist/,
# then, unless --no-verify, install it into a fresh virtual environment and check that the
# installed `backoffice-admin` runs: --help, `db upgrade` on a new SQLite file (the migrations are
# in the wheel), `calendar import` of the shipped 115 calendar and the translations are found.
#   installer/build-wheel.sh [--no-verify] [--out DIR]
# The sources are copied to a temporary directory first, so the checkout gets no build/ or
# egg-info/ droppings. Needs PyPI (setuptools for the build; the dependencies for --verify).
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
PY="${BO_PYTHON:-$ROOT/.venv/bin/python}"
[ -x "$PY" ] || PY="$(command -v python3)"
OUT="$ROOT/dist"
VERIFY=1
while [ $# -gt 0 ]; do
  case "$1" in
    --no-verify) VERIFY=0 ;;
    --out) OUT="$(mkdir -p "$2" && cd "$2" && pwd)"; shift ;;
    *) echo "usage: $0 [--no-verify] [--out DIR]" >&2; exit 2 ;;
  esac
  shift
done
mkdir -p "$OUT"

WORK="$(mktemp -d /tmp/backoffice-wheel.XXXXXX)"
trap 'rm -rf "$WORK"' EXIT
echo "==> copying the sources to $WORK/src"
mkdir "$WORK/src"
tar -C "$ROOT" --exclude='__pycache__' --exclude='*.pyc' --exclude='*.egg-info' --exclude='*.ts' \
    -cf - pyproject.toml README.md backoffice resources \
  | tar -C "$WORK/src" -xf -

echo "==> building the wheel"
if "$PY" -c "import build" 2>/dev/null; then
  "$PY" -m build --wheel --outdir "$WORK/dist" "$WORK/src" >"$WORK/build.log" 2>&1 \
    || { cat "$WORK/build.log" >&2; exit 1; }
else  # pip's own PEP 517 front end: same result, no extra package
  "$PY" -m pip wheel --no-deps --wheel-dir "$WORK/dist" "$WORK/src" >"$WORK/build.log" 2>&1 \
    || { cat "$WORK/build.log" >&2; exit 1; }
fi
WHEEL="$(ls "$WORK"/dist/backoffice-*.whl)"

echo "==> checking the wheel's contents"
"$PY" - "$WHEEL" <<'PYEOF'
import sys
import zipfile

names = zipfile.ZipFile(sys.argv[1]).namelist()
data = next(n.split("/", 1)[0] for n in names if ".data/" in n)
need = [
    "backoffice/db/alembic.ini", "backoffice/db/migrations/env.py",
    "backoffice/db/migrations/script.py.mako", "backoffice/db/migrations/versions/0001_initial_schema.py",
    f"{data}/data/share/tcloud-backoffice/resources/translations/backoffice_en.qm",
    f"{data}/data/share/tcloud-backoffice/resources/icons/backoffice.svg",
    f"{data}/data/share/tcloud-backoffice/resources/trust/README.md",
]
missing = [n for n in need if n not in names]
calendars = [n for n in names if "/resources/calendar/" in n and n.endswith(".csv")]
if missing or not calendars:
    sys.exit(f"wheel is missing: {missing or 'the office calendars'}")
print(f"    {len(names)} files, {len(calendars)} office calendars, migrations and resources present")
PYEOF
cp "$WHEEL" "$OUT/"
echo "==> wheel: $OUT/$(basename "$WHEEL")"
[ "$VERIFY" = 1 ] || exit 0

echo "==> installing it into a fresh virtual environment"
"$PY" -m venv "$WORK/venv"
"$WORK/venv/bin/python" -m pip install --upgrade pip "$WHEEL" >"$WORK/install.log" 2>&1 \
  || { cat "$WORK/install.log" >&2; exit 1; }
cd "$WORK"  # not the checkout: the installed copy must be the one that runs
ADMIN="$WORK/venv/bin/backoffice-admin"
"$ADMIN" --help >/dev/null
DB="sqlite:///$WORK/verify.sqlite3"
"$ADMIN" db upgrade --url "$DB"
CAL="$("$WORK/venv/bin/python" -c 'from backoffice.config import RESOURCES; print(RESOURCES / "calendar")')"
case "$CAL" in "$WORK/venv/"*) ;; *) echo "resources resolved outside the venv: $CAL" >&2; exit 1 ;; esac
"$ADMIN" calendar import "$CAL/115年中華民國政府行政機關辦公日曆表.csv" --url "$DB"
"$WORK/venv/bin/python" -c '
from backoffice.views.i18n import TRANSLATIONS_DIR
assert (TRANSLATIONS_DIR / "backoffice_en.qm").is_file(), TRANSLATIONS_DIR
print("    translations:", TRANSLATIONS_DIR)'
echo "==> verified: the wheel installs and backoffice-admin runs from it"
