#!/usr/bin/env bash
# Builds the default model from Debian packages into build/ (next to the
# binary, where every command looks for it). Rebuilds only when missing or
# older than the binary or the source package file.
#   en-us.ulm  the CMU US English trigram LM (pocketsphinx-en-us) in the
#              compact format
set -euo pipefail
cd "$(dirname "$0")/.."
SPHINX_LM=/usr/share/pocketsphinx/model/en-us/en-us.lm.bin
OUT=build/en-us.ulm
[ -f "$SPHINX_LM" ] || { echo "build_model: $SPHINX_LM missing; run ./scripts/setup.sh" >&2; exit 1; }
if [ ! -f "$OUT" ] || [ "$OUT" -ot build/unspin ] || [ "$OUT" -ot "$SPHINX_LM" ]; then
  build/unspin lm convert "$SPHINX_LM" "$OUT"
fi
