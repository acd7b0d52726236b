#!/usr/bin/env bash
# Copies disguised as copy-evasion tools do (scripts/disguise.py: Cyrillic
# look-alike letters in 30% of the words, a zero-width space in a tenth of
# those), read by trace, detect and restore. Run by scripts/eval.sh after its
# dev sets (pairs_clean.jsonl: the clean documents as pairs) and index exist
# in OUT; BIN may be another build of unspin, to compare.
#   ./scripts/eval_disguised.sh BIN OUT
set -euo pipefail
cd "$(dirname "$0")/.."
BIN=$1
OUT=$2
RATE=0.3
printf '%-30s %9s %9s %8s %8s\n' "disguised ($RATE of the words)" "recall@1" "flagged" "F0.5" "WER-red"
for set in primary_0.6 primary_0.2 clean; do
  pairs="$OUT/pairs_$set.jsonl"
  python3 scripts/disguise.py "$RATE" <"$pairs" >"$OUT/pairs_disguised_$set.jsonl"
  python3 scripts/spun_only.py "$OUT/pairs_disguised_$set.jsonl" >"$OUT/spun_disguised_$set.jsonl"
  recall="-"
  if [ "$set" != clean ]; then
    "$BIN" trace --jsonl --index "$OUT/index" "$OUT/spun_disguised_$set.jsonl" >"$OUT/traced_disguised_$set.jsonl"
    recall=$("$BIN" eval trace --pairs "$OUT/pairs_disguised_$set.jsonl" \
      --traced "$OUT/traced_disguised_$set.jsonl" --json |
      python3 -c "import json, sys; print('%.3f' % json.load(sys.stdin)['recall_at_1'])")
  fi
  "$BIN" detect --jsonl "$OUT/spun_disguised_$set.jsonl" >"$OUT/detected_disguised_$set.jsonl"
  "$BIN" restore --jsonl "$OUT/spun_disguised_$set.jsonl" >"$OUT/restored_disguised_$set.jsonl"
  "$BIN" eval restore --pairs "$OUT/pairs_disguised_$set.jsonl" \
    --restored "$OUT/restored_disguised_$set.jsonl" --no-coverage --json |
    python3 scripts/eval_row.py "$OUT/detected_disguised_$set.jsonl" "${set/_/ rate }" "$recall" 30
done
echo "gold edits: the disguised words and the spinner's; the rows without disguise are above"
