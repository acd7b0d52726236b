#!/usr/bin/env bash
# Installs dependencies (scripts/setup.sh) and builds everything into build/.
set -euo pipefail
cd "$(dirname "$0")/.."
./scripts/setup.sh
cmake -S . -B build -DCMAKE_BUILD_TYPE=Release >/dev/null
cmake --build build -j"$(nproc)" 2>&1 | grep -vE '^\[ *[0-9]+%\]|^Consolidate|^Scanning|^Built target' || true
test -x build/unspin || { echo "build: build/unspin was not produced" >&2; exit 1; }
