#!/usr/bin/env bash
# The learning loop on copies held apart from the dev rows of scripts/eval.sh,
# for choosing how trace, learn and restore --dict work together without
# tuning on the dev rows: the 300 Reuters bodies of scripts/fit_restore_gate.sh
# spun by the primary dev spinner at rate 0.6 (seed 13); the first 50 copies
# are traced against an index of every Reuters body and CNN article and
# `unspin learn` turns the trace output into a dictionary; the other 250 are
# restored with it. Prints P, R, F0.5 and WER reduction. Needs ../shared/data.
#   ./scripts/eval_learning.sh
#   DICT_WEIGHT=2 RESTORE_FLAGS="--inventory-weight 0.3" ./scripts/eval_learning.sh
#   (default: restore's own reading of a learned dictionary, @4 and the
#   inventory at 0.1)
#   DOMAIN_LM=1 ./scripts/eval_learning.sh   (restores with a pack on a domain LM
#   that `unspin lm build` makes from the index's texts less the 300 bodies
#   and near copies of them: README, "A domain LM from your own text")
set -euo pipefail
cd "$(dirname "$0")/.."
SHARED=../shared/data
WORK=build/eval_learning
BIN=build/unspin
DICT_WEIGHT=${DICT_WEIGHT:-}
RESTORE_FLAGS=${RESTORE_FLAGS:-}
[ -d "$SHARED" ] || { echo "eval_learning: $SHARED not found (evaluation data lives beside the repository)" >&2; exit 1; }
./scripts/build.sh
./scripts/build_model.sh
mkdir -p "$WORK"
export UNSPIN_MODEL=build/en-us.unspin
# The gate's bodies (fit_restore_gate.sh): past the dev sets and the
# detector's training bodies.
python3 scripts/make_dev_sets.py "$SHARED" "$WORK" 200 200 3500 0
sed -n '2901,3200p' "$WORK/reuters_train.jsonl" >"$WORK/bodies.jsonl"
"$BIN" spin --jsonl --dict "$SHARED/spinners/phrase_dictionary_dev.dat" --rate 0.6 --seed 13 \
  "$WORK/bodies.jsonl" >"$WORK/pairs.jsonl"
head -n 50 "$WORK/pairs.jsonl" >"$WORK/learn_pairs.jsonl"
sed -n '51,300p' "$WORK/pairs.jsonl" >"$WORK/test_pairs.jsonl"
for part in learn test; do
  python3 scripts/spun_only.py "$WORK/${part}_pairs.jsonl" >"$WORK/${part}_spun.jsonl"
done
if [ ! -f "$WORK/index/MANIFEST" ]; then
  rm -rf "$WORK/index"
  "$BIN" index build --out "$WORK/index" "$WORK/corpus.jsonl" 2>/dev/null
fi
"$BIN" trace --jsonl --index "$WORK/index" "$WORK/learn_spun.jsonl" >"$WORK/learn_traced.jsonl"
"$BIN" learn --out "$WORK/learned.tsv" --texts "$WORK/learn_spun.jsonl" "$WORK/learn_traced.jsonl" \
  2>/dev/null
if [ -n "${DOMAIN_LM:-}" ]; then
  python3 scripts/domain_corpus.py "$WORK/corpus.jsonl" "$WORK/domain_corpus.jsonl" "$WORK/bodies.jsonl"
  "$BIN" lm build -o "$WORK/domain.ulm" "$WORK/domain_corpus.jsonl" 2>/dev/null
  "$BIN" model build -q --lm "$WORK/domain.ulm" --out "$WORK/domain.unspin"
  export UNSPIN_MODEL=$WORK/domain.unspin
fi
# shellcheck disable=SC2086  # RESTORE_FLAGS holds several flags
"$BIN" restore --jsonl $RESTORE_FLAGS --dict "$WORK/learned.tsv${DICT_WEIGHT:+@$DICT_WEIGHT}" \
  "$WORK/test_spun.jsonl" >"$WORK/restored.jsonl"
"$BIN" eval restore --pairs "$WORK/test_pairs.jsonl" --restored "$WORK/restored.jsonl" --json \
  --no-coverage | python3 -c "
import json, sys
j = json.load(sys.stdin)
print('learning loop, held apart (250 copies, dictionary ${DICT_WEIGHT:+@$DICT_WEIGHT}${RESTORE_FLAGS:+ $RESTORE_FLAGS}${DOMAIN_LM:+, domain LM}): '
      'P %.4f R %.4f F0.5 %.4f WER reduction %.4f' % (j['precision'], j['recall'], j['f05'], j['wer_reduction']))"
