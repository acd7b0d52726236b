#!/usr/bin/env bash
# Refits the detector (its per-word models and document calibrations) on a
# training split of Reuters-21578 disjoint from scripts/eval.sh's dev sets,
# by scripts/train_detector.sh's recipe: 900 bodies spun by the primary dev
# spinner (a phrase dictionary) at rates 0.2, 0.4 and 0.6, the first 300 of
# them also by the secondary (a WordNet-like word list) at rate 0.2, the next
# 600 by a crude thesaurus spinner (half A of Debian's Aiksaurus,
# scripts/aiksaurus_dict.py) at 0.4, and 2,000 clean bodies; beside them 300
# documents of technical prose (Debian's scikit-learn and statsmodels
# manuals, scripts/make_genre_sets.py) spun by the primary at 0.2, 0.4 and
# 0.6 and the crude spinner at 0.4, and 600 such documents clean. Two spinner
# families teach the word model more than one; more of the second cost the
# first; the third, whose substitutions the lexicon mostly does not know,
# teaches it to read a word the context rejects (README, Detect).
# Needs ../shared/data (evaluation data; users never run this).
#   ./scripts/fit_detector.sh [OUT]      (default OUT: data/detector.json)
#   THIRD_DICT=D|none THIRD_RATES="R..." N_THIRD=N DOC_MAX_DENSITY=D \
#     ./scripts/fit_detector.sh OUT      (train_detector.sh's settings)
# Then ./scripts/build_model.sh puts it in the pack. See README, "Detect".
set -euo pipefail
cd "$(dirname "$0")/.."
SHARED=../shared/data
WORK=build/fit
OUT=${1:-data/detector.json}
N_TRAIN=${N_TRAIN:-900}
N_CLEAN_TRAIN=${N_CLEAN_TRAIN:-2000}
[ -d "$SHARED" ] || { echo "fit_detector: $SHARED not found (training data lives beside the repository)" >&2; exit 1; }
./scripts/build.sh
./scripts/build_model.sh
mkdir -p "$WORK"
# The same split as eval.sh's (dev sets first, then the training bodies).
python3 scripts/make_dev_sets.py "$SHARED" "$WORK" 200 200 "$N_TRAIN" "$N_CLEAN_TRAIN"
# Technical prose beside the news (GENRE=0 leaves it out): 300 scikit-learn
# and statsmodels documents spun, 600 clean (scripts/make_genre_sets.py).
if [ "${GENRE:-1}" != 0 ]; then
  ./scripts/setup.sh eval
  python3 scripts/make_genre_sets.py "$WORK"
  export GENRE_BODIES=$WORK/genre_train.jsonl GENRE_CLEAN=$WORK/genre_clean_train.jsonl
fi
./scripts/train_detector.sh "$SHARED/spinners/phrase_dictionary_dev.dat" \
  "$SHARED/spinners/wordlist_synonyms.txt" "$WORK/reuters_train.jsonl" "$WORK/clean_train.jsonl" \
  "$WORK" "$OUT"
