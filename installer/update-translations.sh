#!/usr/bin/env bash
# Refresh the translation sources from the code and compile them:
#   pyside6-lupdate scans backoffice/views (+ services/vocabulary.py, app.py) for self.tr / translate / QT_TRANSLATE_NOOP
#   into resources/translations/backoffice_en.ts (zh_TW is the source language), then
#   pyside6-lrelease compiles it to backoffice_en.qm, which the application loads for --lang en.
# Edit the English text in the .ts with pyside6-linguist (or any editor), run this again, commit both.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
BIN="${BO_VENV:-$ROOT/.venv}/bin"
TS="$ROOT/resources/translations/backoffice_en.ts"
cd "$ROOT"
"$BIN/pyside6-lupdate" -extensions py -source-language zh_TW -target-language en -locations relative \
  backoffice/views backoffice/services/vocabulary.py backoffice/app.py -ts "$TS"
"$BIN/pyside6-lrelease" "$TS" -qm "${TS%.ts}.qm"
