#!/usr/bin/env bash
# The detector's training recipe, one for the shipped detector
# (scripts/fit_detector.sh) and for eval.sh's held-out fit (its primary
# dictionary's half A), so the two never drift apart:
#   scripts/train_detector.sh PRIMARY SECONDARY BODIES.jsonl CLEAN.jsonl WORK OUT
# BODIES (900 Reuters bodies, disjoint from the dev sets) are spun by PRIMARY
# (a phrase dictionary) at rates $RATES (0.2 0.4 0.6), the first $N_SECOND (300)
# also by SECONDARY (a WordNet-like word list) at 0.2, and the $N_THIRD (600)
# after those by a crude thesaurus spinner ($THIRD_DICT: half A of Debian's
# Aiksaurus by default, scripts/aiksaurus_dict.py; `none` leaves it out) at
# $THIRD_RATES (0.4), seed 11, with their originals, which label the replaced
# words; CLEAN are the clean training documents. Every other body and clean
# document is first rewritten in today's style (scripts/house_style.py half:
# "pct" -> "percent", "mln" -> "million"), so that neither spelling reads as
# spun (README, Detect, "Today's style"). Two word models are fitted,
# with the document models that read them (at $MAX_FPR, 0.005, false
# positives on CLEAN):
# - detect's own, on local evidence, marking at $SPAN_THRESHOLD (0.27), from
#   every copy; its document models learn from the copies with at most
#   $DOC_MAX_DENSITY (0.12) of their words replaced;
# - restore's gate's, on decoder evidence (400 trees, marking at 0.26), from
#   the copies of the first $N_THIRD_GATE (300) crude bodies only, its document
#   models from copies with at most $GATE_DOC_MAX_DENSITY (0.08) replaced: more
#   crude copies cost restore on the dev rows and gain it little on crude
#   text, which it cannot repair (README, Detect, session 22).
# Another genre (optional): $GENRE_BODIES (JSONL, technical prose from
# scripts/make_genre_sets.py) are spun by PRIMARY at $RATES and by the crude
# spinner at $THIRD_RATES, seed 11, into both fits, and $GENRE_CLEAN joins
# CLEAN, so that a news model's reading of formal words ("license",
# "component") is not taken for a spinner's (README, Detect, "Other genres").
# OUT is the detector's JSON, or a copy of the default pack carrying it when
# OUT ends in .unspin. WORK holds the copies. $TRAIN_FLAGS: more `detect
# train` flags for detect's fit (--trees, --depth, --learning-rate). Needs
# build/unspin and the default pack.
set -euo pipefail
cd "$(dirname "$0")/.."
[ $# -eq 6 ] || { echo "usage: scripts/train_detector.sh PRIMARY SECONDARY BODIES CLEAN WORK OUT" >&2; exit 2; }
PRIMARY=$1 SECONDARY=$2 BODIES=$3 CLEAN=$4 WORK=$5 OUT=$6
BIN=build/unspin
N_SECOND=${N_SECOND:-300}
N_THIRD=${N_THIRD:-600}
N_THIRD_GATE=${N_THIRD_GATE:-300}
THIRD_RATES=${THIRD_RATES:-0.4}
MAX_FPR=${MAX_FPR:-0.005}
DOC_MAX_DENSITY=${DOC_MAX_DENSITY:-0.12}
GATE_DOC_MAX_DENSITY=${GATE_DOC_MAX_DENSITY:-0.08}
# The local word model marks words at P(replaced) >= 0.27 ($SPAN_THRESHOLD):
# chosen on the dev rows of eval.sh, the best lower of the two spinners' token
# F1 at rate 0.4, ties broken by their mean (session 22, 600 crude copies:
# 0.24 / 0.26 / 0.27 / 0.28 / 0.30 gave the secondary 0.701 / 0.701 / 0.701 /
# 0.699 / 0.695 and the primary 0.703 / 0.709 / 0.713 / 0.715 / 0.718; 0.24 in
# sessions 18-21, 0.26 in 15-17, 0.275 in 13-14).
SPAN_THRESHOLD=${SPAN_THRESHOLD:-0.27}
mkdir -p "$WORK"
python3 scripts/house_style.py half "$BODIES" >"$WORK/styled_bodies.jsonl"
python3 scripts/house_style.py half "$CLEAN" >"$WORK/styled_clean.jsonl"
BODIES=$WORK/styled_bodies.jsonl CLEAN=$WORK/styled_clean.jsonl
head -n "$N_SECOND" "$BODIES" >"$WORK/second_train.jsonl"
sed -n "$((N_SECOND + 1)),$((N_SECOND + N_THIRD))p" "$BODIES" >"$WORK/third_train.jsonl"
GENRE_BODIES=${GENRE_BODIES:-} GENRE_CLEAN=${GENRE_CLEAN:-}
if [ -n "$GENRE_CLEAN" ]; then
  cat "$CLEAN" "$GENRE_CLEAN" >"$WORK/clean_with_genre.jsonl"
  CLEAN=$WORK/clean_with_genre.jsonl
fi
third_dict=${THIRD_DICT:-$WORK/aiksaurus_a.txt}
if [ -z "${THIRD_DICT:-}" ]; then
  python3 scripts/aiksaurus_dict.py a "$WORK/third_train.jsonl" ${GENRE_BODIES:+"$GENRE_BODIES"} >"$third_dict"
fi
# Each copy is seeded by its document: spinning the crude bodies in two runs
# gives the copies one run would.
head -n "$N_THIRD_GATE" "$WORK/third_train.jsonl" >"$WORK/third_gate.jsonl"
tail -n +"$((N_THIRD_GATE + 1))" "$WORK/third_train.jsonl" >"$WORK/third_rest.jsonl"
primary() {  # primary BODIES: PRIMARY's copies of BODIES at each rate
  for rate in ${RATES:-0.2 0.4 0.6}; do
    "$BIN" spin --jsonl --dict "$PRIMARY" --rate "$rate" --seed 11 "$1"
  done
}
third() {  # third BODIES: the crude spinner's copies of BODIES at each rate
  [ "$third_dict" != none ] || return 0
  for rate in $THIRD_RATES; do
    "$BIN" spin --jsonl --dict "$third_dict" --rate "$rate" --seed 11 "$1"
  done
}
{
  primary "$BODIES"
  "$BIN" spin --jsonl --dict "$SECONDARY" --rate 0.2 --seed 11 "$WORK/second_train.jsonl"
  third "$WORK/third_gate.jsonl"
  if [ -n "$GENRE_BODIES" ]; then
    primary "$GENRE_BODIES"
    third "$GENRE_BODIES"
  fi
} >"$WORK/gate_spun.jsonl"
{
  cat "$WORK/gate_spun.jsonl"
  third "$WORK/third_rest.jsonl"
} >"$WORK/train_spun.jsonl"
"$BIN" detect train --decoder-evidence --trees 400 --span-threshold 0.26 --max-fpr "$MAX_FPR" \
  --doc-max-density "$GATE_DOC_MAX_DENSITY" --spun "$WORK/gate_spun.jsonl" --clean "$CLEAN" \
  --out "$WORK/decoded.json"
out_flag=--out
[[ "$OUT" == *.unspin ]] && out_flag=--into
# shellcheck disable=SC2086  # TRAIN_FLAGS holds several flags
"$BIN" detect train ${TRAIN_FLAGS:-} --span-threshold "$SPAN_THRESHOLD" --max-fpr "$MAX_FPR" \
  --doc-max-density "$DOC_MAX_DENSITY" --spun "$WORK/train_spun.jsonl" --clean "$CLEAN" \
  --decoded "$WORK/decoded.json" "$out_flag" "$OUT"
