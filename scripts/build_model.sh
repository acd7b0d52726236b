#!/usr/bin/env bash
# Builds the default model from Debian packages into build/ (next to the
# binary, where every command looks for it). Each file is rebuilt only when
# missing or older than what it is made from.
#   en-us.ulm     the CMU US English trigram LM (pocketsphinx-en-us) in the
#                 compact format (used by the LM benchmarks and tests)
#   en-us.unspin  the model pack: that LM, the inventory compiled from
#                 mythes-en-us, WordNet 3.0 (wordnet-base) and the project's
#                 data/spinner_phrases.tsv, the morphology tables, parameters,
#                 the detector's calibration (data/detector.json)
set -euo pipefail
cd "$(dirname "$0")/.."
SPHINX_LM=/usr/share/pocketsphinx/model/en-us/en-us.lm.bin
MYTHES=/usr/share/mythes/th_en_US_v2.dat
WORDNET=/usr/share/wordnet
PHRASES=data/spinner_phrases.tsv
DETECTOR=data/detector.json
LM=build/en-us.ulm
PACK=build/en-us.unspin
for f in "$SPHINX_LM" "$MYTHES" "$WORDNET/data.noun"; do
  [ -f "$f" ] || { echo "build_model: $f missing; run ./scripts/setup.sh" >&2; exit 1; }
done
stale() {  # stale OUT INPUT...: true when OUT is missing or older than an input
  local out=$1; shift
  [ -f "$out" ] || return 0
  for in in "$@"; do [ "$out" -ot "$in" ] && return 0; done
  return 1
}
if stale "$LM" build/unspin "$SPHINX_LM"; then
  build/unspin lm convert "$SPHINX_LM" "$LM"
fi
# $LM is Debian's model converted, the one data/detector.json was fitted
# with: the detector reads it as it is (--detector-lm same), and the build does
# not load Debian's file again only to find it equal.
if stale "$PACK" build/unspin "$LM" "$MYTHES" "$WORDNET/data.noun" "$PHRASES" "$DETECTOR"; then
  build/unspin model build --lm "$LM" --thesaurus "$MYTHES" --thesaurus "$WORDNET" \
    --phrases "$PHRASES" --detector "$DETECTOR" --detector-lm same --out "$PACK"
fi
