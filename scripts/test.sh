#!/usr/bin/env bash
# Installs, builds, builds the default model, then runs every test (ctest:
# the GoogleTest suite and the CLI tests).
set -euo pipefail
cd "$(dirname "$0")/.."
./scripts/build.sh
./scripts/build_model.sh
cd build
ctest --output-on-failure -j"$(nproc)" --timeout 900
