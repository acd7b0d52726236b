#!/usr/bin/env bash
# Fits restore's detector gate (RestoreOptions gate_offset, support_weight,
# score_weight; README, Restore) on Reuters-21578 bodies that neither the dev
# sets of scripts/eval.sh nor scripts/fit_detector.sh use: 300 bodies spun by
# both dev spinners at rates 0.2, 0.4 and 0.6 (seed 13) and 300 clean bodies.
# Restores them with the gate open, labels each edit right or wrong against
# the originals and fits a logistic model of "the edit is right" on its margin,
# the word model's P(replaced) and the window's P(spun). Prints the three
# settings. Refit after refitting the detector. Needs ../shared/data.
#   ./scripts/fit_restore_gate.sh
#   RESTORE_FLAGS="--candidates 48" ./scripts/fit_restore_gate.sh   (fits the
#   gate for other restore settings; the printed F0.5 compare them)
set -euo pipefail
cd "$(dirname "$0")/.."
SHARED=../shared/data
WORK=build/fit_gate
[ -d "$SHARED" ] || { echo "fit_restore_gate: $SHARED not found (training data lives beside the repository)" >&2; exit 1; }
./scripts/build.sh
./scripts/build_model.sh
mkdir -p "$WORK"
# Bodies 3300-3899 of make_dev_sets.py's order: past the dev sets (0-399),
# the detector's spun (400-1299) and clean (1300-3299) training bodies.
python3 scripts/make_dev_sets.py "$SHARED" "$WORK" 200 200 3500 0
sed -n '2901,3200p' "$WORK/reuters_train.jsonl" >"$WORK/gate_spin.jsonl"
sed -n '3201,3500p' "$WORK/reuters_train.jsonl" >"$WORK/gate_clean.jsonl"
export UNSPIN_MODEL=build/en-us.unspin
# The gate open: every edit the decoder keeps, with the gate's evidence.
open_gate=(--explain --threshold -100 --clean-threshold -100 ${RESTORE_FLAGS:-})
sets=()
for spinner in phrase_dictionary_dev.dat wordlist_synonyms.txt; do
  for rate in 0.2 0.4 0.6; do
    name="${spinner%%.*}_$rate"
    build/unspin spin --jsonl --dict "$SHARED/spinners/$spinner" --rate "$rate" --seed 13 \
      "$WORK/gate_spin.jsonl" >"$WORK/pairs_$name.jsonl"
    python3 scripts/spun_only.py "$WORK/pairs_$name.jsonl" |
      build/unspin restore --jsonl "${open_gate[@]}" >"$WORK/edits_$name.jsonl"
    sets+=("$WORK/pairs_$name.jsonl" "$WORK/edits_$name.jsonl")
  done
done
build/unspin restore --jsonl "${open_gate[@]}" "$WORK/gate_clean.jsonl" >"$WORK/edits_clean.jsonl"
python3 scripts/fit_restore_gate.py --clean "$WORK/gate_clean.jsonl" "$WORK/edits_clean.jsonl" "${sets[@]}"
