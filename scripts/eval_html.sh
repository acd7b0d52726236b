#!/usr/bin/env bash
# Copies published as web pages (scripts/htmlpage.py: head, scripts, styles,
# menu, the story in paragraphs, related links, footer), read by trace,
# detect and restore as text (the markup as words) and with --html. Run by
# scripts/eval.sh after its dev sets (pairs_clean.jsonl: the clean documents
# as pairs) and index exist in OUT; BIN may be another build of unspin, to
# compare.
#   ./scripts/eval_html.sh BIN OUT
set -euo pipefail
cd "$(dirname "$0")/.."
BIN=$1
OUT=$2
printf '%-36s %9s %9s %8s %8s\n' "web pages" "recall@1" "flagged" "F0.5" "WER-red"
for set in primary_0.6 primary_0.2 clean; do
  pairs="$OUT/pairs_$set.jsonl"
  python3 scripts/htmlpage.py <"$pairs" >"$OUT/pairs_html_$set.jsonl"
  python3 scripts/spun_only.py "$OUT/pairs_html_$set.jsonl" >"$OUT/spun_html_$set.jsonl"
  for read in text html; do
    flags=()
    [ "$read" = html ] && flags=(--html)
    tag="${set}_$read"
    recall="-"
    if [ "$set" != clean ]; then
      "$BIN" trace --jsonl "${flags[@]}" --index "$OUT/index" "$OUT/spun_html_$set.jsonl" \
        >"$OUT/traced_html_$tag.jsonl"
      recall=$("$BIN" eval trace --pairs "$OUT/pairs_html_$set.jsonl" \
        --traced "$OUT/traced_html_$tag.jsonl" --json |
        python3 -c "import json, sys; print('%.3f' % json.load(sys.stdin)['recall_at_1'])")
    fi
    "$BIN" detect --jsonl "${flags[@]}" "$OUT/spun_html_$set.jsonl" >"$OUT/detected_html_$tag.jsonl"
    "$BIN" restore --jsonl "${flags[@]}" "$OUT/spun_html_$set.jsonl" >"$OUT/restored_html_$tag.jsonl"
    # Scored on the pages: the markup is the same in the spun, original and
    # restored page unless restore changed it (an edit).
    "$BIN" eval restore --pairs "$OUT/pairs_html_$set.jsonl" \
      --restored "$OUT/restored_html_$tag.jsonl" --no-coverage --json |
      python3 scripts/eval_row.py "$OUT/detected_html_$tag.jsonl" "${set/_/ rate }, read as $read" \
        "$recall" 36
  done
done
echo "the same documents as plain text are the rows above (restore, detect, trace)"
