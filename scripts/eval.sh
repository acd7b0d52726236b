#!/usr/bin/env bash
# The evaluation harness: builds the dev sets from ../shared/data, spins them
# with dictionaries the restorer does NOT use, and prints the quality table.
# Output also goes to build/eval/report.txt. See README, "Quality".
#   ./scripts/eval.sh            (N_SPUN=200 N_CLEAN=200 by default)
set -euo pipefail
cd "$(dirname "$0")/.."
SHARED=../shared/data
OUT=build/eval
N_SPUN=${N_SPUN:-200}
N_CLEAN=${N_CLEAN:-200}
BIN=build/unspin
[ -d "$SHARED" ] || { echo "eval: $SHARED not found (evaluation data lives beside the repository)" >&2; exit 1; }
./scripts/build.sh
./scripts/build_model.sh
mkdir -p "$OUT"
# The training split of scripts/fit_detector.sh (the held-out rows below fit
# a detector on it as that script does).
N_TRAIN=${N_TRAIN:-900}
N_CLEAN_TRAIN=${N_CLEAN_TRAIN:-2000}
python3 scripts/make_dev_sets.py "$SHARED" "$OUT" "$N_SPUN" "$N_CLEAN" "$N_TRAIN" "$N_CLEAN_TRAIN"
# Technical prose (Debian's scikit-learn, statsmodels and SciPy manuals): the
# fit's genre sets and the dev and other-package sets of the rows below.
./scripts/setup.sh eval
python3 scripts/make_genre_sets.py "$OUT"

PRIMARY="$SHARED/spinners/phrase_dictionary_dev.dat"
SECONDARY="$SHARED/spinners/wordlist_synonyms.txt"
report() { tee -a "$OUT/report.txt"; }
: >"$OUT/report.txt"
{
  echo "unspin evaluation, $(date -u +%Y-%m-%d), $(git rev-parse --short HEAD 2>/dev/null || echo '?')"
  echo "dev sets: $N_SPUN Reuters-21578 bodies (>= 150 words) to spin; clean: $N_CLEAN other bodies + 100 CNN articles"
  echo "spinners: primary = phrase_dictionary_dev.dat (commercial phrase dictionary, half), secondary = wordlist_synonyms.txt"
  echo "restore: unspin restore --jsonl with default settings; 'none' rows score the spun text left as is"
  echo
  printf '%-34s %8s %8s %8s %8s %8s %8s %8s\n' "set" "edits" "P" "R" "F0.5" "WER" "WER-red" "cover"
} | report

spun_only() {  # spun_only PAIRS: the pairs' spun texts as {"id","text"} lines
  python3 scripts/spun_only.py "$1"
}

row() {  # row NAME PAIRS RESTORED [extra eval flags]
  local name=$1 pairs=$2 restored=$3
  shift 3
  "$BIN" eval restore --pairs "$pairs" --restored "$restored" --json "$@" | python3 -c "
import json, sys
j = json.load(sys.stdin)
print('%-34s %8d %8.3f %8.3f %8.3f %8.3f %8.3f %8.3f' % ('$name', j['gold_edits'], j['precision'], j['recall'],
      j['f05'], j['wer_after'], j['wer_reduction'], j.get('coverage', float('nan'))))" | report
}

spin_and_detect() {  # spin_and_detect KIND LABEL: $OUT/KIND_dev.jsonl spun by both dev
  # spinners at 0.2 and 0.4 (seed 7), detected and scored against
  # $OUT/detected_KIND_clean.jsonl, one row each
  local kind=$1 label=$2 spinner dict rate set
  for spinner in primary secondary; do
    dict=$PRIMARY
    [ "$spinner" = secondary ] && dict=$SECONDARY
    for rate in 0.2 0.4; do
      set="${kind}_${spinner}_${rate}"
      "$BIN" spin --jsonl --dict "$dict" --rate "$rate" --seed 7 "$OUT/${kind}_dev.jsonl" >"$OUT/pairs_$set.jsonl"
      spun_only "$OUT/pairs_$set.jsonl" >"$OUT/spun_$set.jsonl"
      "$BIN" detect --jsonl "$OUT/spun_$set.jsonl" >"$OUT/detected_$set.jsonl"
      detect_row "$spinner rate $rate, $label" "$OUT/pairs_$set.jsonl" "$OUT/detected_$set.jsonl" \
        "$OUT/detected_${kind}_clean.jsonl"
    done
  done
}
detect_header() {  # detect_header TITLE: a blank line, TITLE and detect_row's columns
  echo | report
  {
    echo "$1"
    printf '%-26s %7s %7s %7s %7s %7s %7s %7s\n' "set" "AUC" "FPR" "doc-F1" "tok-P" "tok-R" "tok-F1" "recall"
  } | report
}
restore_line() {  # restore_line LABEL PAIRS RESTORED: "restore, LABEL: P R F0.5 WER-red cover"
  "$BIN" eval restore --pairs "$2" --restored "$3" --json | python3 -c "
import json, sys
j = json.load(sys.stdin)
print('restore, %s: P %.3f R %.3f F0.5 %.3f WER-red %.3f cover %.3f' % (
    sys.argv[1], j['precision'], j['recall'], j['f05'], j['wer_reduction'], j.get('coverage', float('nan'))))
" "$1" | report
}
detect_row() {  # detect_row NAME PAIRS DETECTED CLEAN_DETECTED
  "$BIN" eval detect --pairs "$2" --detected "$3" --clean-detected "$4" --json | python3 -c "
import json, sys
j = json.load(sys.stdin)
print('%-26s %7.4f %7.4f %7.3f %7.3f %7.3f %7.3f %7.3f' % ('$1', j['auc'], j['false_positive_rate'],
      j['doc_f1'], j['token_precision'], j['token_recall'], j['token_f1'], j['doc_recall']))" | report
}

for spinner in primary secondary; do
  dict=$PRIMARY
  [ "$spinner" = secondary ] && dict=$SECONDARY
  for rate in 0.2 0.4 0.6; do
    pairs="$OUT/pairs_${spinner}_${rate}.jsonl"
    "$BIN" spin --jsonl --dict "$dict" --rate "$rate" --seed 7 "$OUT/reuters_dev.jsonl" >"$pairs"
    spun_only "$pairs" >"$OUT/spun_${spinner}_${rate}.jsonl"
    "$BIN" restore --jsonl "$OUT/spun_${spinner}_${rate}.jsonl" >"$OUT/restored_${spinner}_${rate}.jsonl"
    row "$spinner rate $rate" "$pairs" "$OUT/restored_${spinner}_${rate}.jsonl"
  done
done

# Spinners that work from a fixed table rewrite every occurrence of a phrase
# the same way (unspin spin --consistent): the same spinners and seed.
for spinner in primary secondary; do
  dict=$PRIMARY
  [ "$spinner" = secondary ] && dict=$SECONDARY
  for rate in 0.2 0.4; do
    pairs="$OUT/pairs_consistent_${spinner}_${rate}.jsonl"
    "$BIN" spin --jsonl --consistent --dict "$dict" --rate "$rate" --seed 7 "$OUT/reuters_dev.jsonl" >"$pairs"
    spun_only "$pairs" >"$OUT/spun_consistent_${spinner}_${rate}.jsonl"
    "$BIN" restore --jsonl "$OUT/spun_consistent_${spinner}_${rate}.jsonl" \
      >"$OUT/restored_consistent_${spinner}_${rate}.jsonl"
    row "$spinner rate $rate, consistent" "$pairs" "$OUT/restored_consistent_${spinner}_${rate}.jsonl"
  done
done

# The learning loop: index the originals, trace 50 copies spun by the primary
# spinner (rate 0.6), learn its substitutions from the trace output, restore
# 50 other copies with the learned dictionary.
rm -rf "$OUT/index"
"$BIN" index build --out "$OUT/index" "$OUT/corpus.jsonl" 2>>"$OUT/log.txt"
pairs="$OUT/pairs_primary_0.6.jsonl"
head -n 50 "$pairs" >"$OUT/learn_pairs.jsonl"
sed -n '51,100p' "$pairs" >"$OUT/test_pairs.jsonl"
spun_only "$OUT/learn_pairs.jsonl" >"$OUT/learn_spun.jsonl"
spun_only "$OUT/test_pairs.jsonl" >"$OUT/test_spun.jsonl"
"$BIN" trace --jsonl --index "$OUT/index" "$OUT/learn_spun.jsonl" >"$OUT/learn_traced.jsonl"
# The copies' texts give each learned phrase's occurrences (replaced or not):
# restore reads from them how often the spinner replaces it (README, Trace).
"$BIN" learn --out "$OUT/learned.tsv" --texts "$OUT/learn_spun.jsonl" "$OUT/learn_traced.jsonl" \
  2>>"$OUT/log.txt"
"$BIN" restore --jsonl "$OUT/test_spun.jsonl" >"$OUT/restored_test.jsonl"
row "primary 0.6, 50 docs" "$OUT/test_pairs.jsonl" "$OUT/restored_test.jsonl"
# The issue's contract, `restore --dict LEARNED`: restore reads a dictionary
# `unspin learn` wrote at four times the pack's own inventory (@4) and the
# inventory at a tenth (--inventory-weight 0.1) unless told otherwise
# (README, Restore).
"$BIN" restore --jsonl --dict "$OUT/learned.tsv" "$OUT/test_spun.jsonl" >"$OUT/restored_learned.jsonl"
row "primary 0.6, 50 docs, learned" "$OUT/test_pairs.jsonl" "$OUT/restored_learned.jsonl" \
  --dict "$OUT/learned.tsv"

# Clean text: every edit is an error.
"$BIN" restore --jsonl "$OUT/clean.jsonl" >"$OUT/restored_clean.jsonl"
"$BIN" eval restore --pairs "$OUT/pairs_primary_0.6.jsonl" --restored "$OUT/restored_primary_0.6.jsonl" \
  --clean "$OUT/clean.jsonl" --clean-restored "$OUT/restored_clean.jsonl" --no-coverage --json |
  python3 -c "import json, sys; j = json.load(sys.stdin); print('clean text (%d documents): %.2f edits per 1,000 words' % (j['clean_documents'], j['clean_edits_per_1000_words']))" | report

# With a domain LM (README, Models: `unspin lm build`): the Reuters and CNN
# texts the trace index holds, less every document of the dev and clean sets
# and near copies of them, estimated and mixed with Debian's general model;
# a pack built on it with everything else default (detector included).
python3 scripts/domain_corpus.py "$OUT/corpus.jsonl" "$OUT/domain_corpus.jsonl" \
  "$OUT/reuters_dev.jsonl" "$OUT/clean.jsonl" 2>>"$OUT/log.txt"
"$BIN" lm build -o "$OUT/domain.ulm" "$OUT/domain_corpus.jsonl" 2>>"$OUT/log.txt"
"$BIN" model build -q --lm "$OUT/domain.ulm" --out "$OUT/domain.unspin"
for set in primary_0.2 primary_0.4 primary_0.6 secondary_0.2 secondary_0.4 secondary_0.6; do
  "$BIN" restore --model "$OUT/domain.unspin" --jsonl "$OUT/spun_$set.jsonl" \
    >"$OUT/domain_restored_$set.jsonl"
  row "${set/_/ rate }, domain LM" "$OUT/pairs_$set.jsonl" "$OUT/domain_restored_$set.jsonl" \
    --model "$OUT/domain.unspin"
done
"$BIN" restore --model "$OUT/domain.unspin" --jsonl --dict "$OUT/learned.tsv" "$OUT/test_spun.jsonl" \
  >"$OUT/domain_restored_learned.jsonl"
row "primary 0.6, learned, domain LM" "$OUT/test_pairs.jsonl" "$OUT/domain_restored_learned.jsonl" \
  --model "$OUT/domain.unspin" --dict "$OUT/learned.tsv"
"$BIN" restore --model "$OUT/domain.unspin" --jsonl "$OUT/clean.jsonl" >"$OUT/domain_restored_clean.jsonl"
"$BIN" eval restore --model "$OUT/domain.unspin" --pairs "$OUT/pairs_primary_0.6.jsonl" \
  --restored "$OUT/domain_restored_primary_0.6.jsonl" --clean "$OUT/clean.jsonl" \
  --clean-restored "$OUT/domain_restored_clean.jsonl" --no-coverage --json |
  python3 -c "import json, sys; j = json.load(sys.stdin); print('clean text, domain LM: %.2f edits per 1,000 words' % j['clean_edits_per_1000_words'])" | report

# Short texts (a sentence sent to the HTTP API, a pasted paragraph): the same
# documents restored sentence by sentence, each on its own, then joined.
for set in primary_0.4 secondary_0.4; do
  python3 scripts/by_sentence.py split "$OUT/spun_$set.jsonl" >"$OUT/sentences_$set.jsonl"
  "$BIN" restore --jsonl "$OUT/sentences_$set.jsonl" >"$OUT/sentences_restored_$set.jsonl"
  python3 scripts/by_sentence.py join "$OUT/sentences_restored_$set.jsonl" >"$OUT/restored_by_sentence_$set.jsonl"
  row "${set/_/ rate }, by sentence" "$OUT/pairs_$set.jsonl" "$OUT/restored_by_sentence_$set.jsonl" --no-coverage
done
python3 scripts/by_sentence.py split "$OUT/clean.jsonl" >"$OUT/sentences_clean.jsonl"
"$BIN" restore --jsonl "$OUT/sentences_clean.jsonl" >"$OUT/sentences_restored_clean.jsonl"
python3 -c "
import json, sys
edits = sum(len(json.loads(l)['edits']) for l in open(sys.argv[1]))
texts = [json.loads(l)['text'] for l in open(sys.argv[2])]
words = sum(len(t.split()) for t in texts)
print('clean text sentence by sentence (%d sentences, %.0f words on average): %.2f edits per 1,000 words' % (len(texts), words / len(texts), 1000.0 * edits / words))
" "$OUT/sentences_restored_clean.jsonl" "$OUT/sentences_clean.jsonl" | report

# Detection with the pack's calibration (data/detector.json, fitted on the
# disjoint training split by scripts/fit_detector.sh), against clean text.
detect_header "detect (calibration: data/detector.json; clean: the 300 clean documents)"
"$BIN" detect --jsonl "$OUT/clean.jsonl" >"$OUT/detected_clean.jsonl"
for spinner in primary secondary; do
  for rate in 0.2 0.4 0.6; do
    "$BIN" detect --jsonl "$OUT/spun_${spinner}_${rate}.jsonl" >"$OUT/detected_${spinner}_${rate}.jsonl"
    detect_row "$spinner rate $rate" "$OUT/pairs_${spinner}_${rate}.jsonl" \
      "$OUT/detected_${spinner}_${rate}.jsonl" "$OUT/detected_clean.jsonl"
  done
done

for spinner in primary secondary; do
  for rate in 0.2 0.4; do
    set="consistent_${spinner}_${rate}"
    "$BIN" detect --jsonl "$OUT/spun_$set.jsonl" >"$OUT/detected_$set.jsonl"
    detect_row "$spinner $rate consistent" "$OUT/pairs_$set.jsonl" "$OUT/detected_$set.jsonl" \
      "$OUT/detected_clean.jsonl"
  done
done

# The domain-LM pack of the restore rows: its detector reads its evidence with
# the LM it was fitted with (Debian's, kept in the pack), so detection holds.
"$BIN" detect --model "$OUT/domain.unspin" --jsonl "$OUT/clean.jsonl" >"$OUT/domain_detected_clean.jsonl"
for set in primary_0.2 secondary_0.2; do
  "$BIN" detect --model "$OUT/domain.unspin" --jsonl "$OUT/spun_$set.jsonl" \
    >"$OUT/domain_detected_$set.jsonl"
  detect_row "${set/_/ }, domain LM" "$OUT/pairs_$set.jsonl" "$OUT/domain_detected_$set.jsonl" \
    "$OUT/domain_detected_clean.jsonl"
done

# Text in today's style: the dev bodies and the clean documents with
# Reuters' house abbreviations written out ("pct" -> "percent", "mln" ->
# "million": scripts/house_style.py), spun as above. A detector that learned
# 1987 wire copy's style reads today's clean news as spun (Detect, "Today's
# style").
detect_header "detect, today's style (Reuters' abbreviations written out; clean: the 300 clean documents so written)"
python3 scripts/house_style.py all "$OUT/reuters_dev.jsonl" >"$OUT/today_dev.jsonl"
python3 scripts/house_style.py all "$OUT/clean.jsonl" >"$OUT/today_clean.jsonl"
"$BIN" detect --jsonl "$OUT/today_clean.jsonl" >"$OUT/detected_today_clean.jsonl"
python3 -c "
import json, sys
reports = [json.loads(l) for l in open(sys.argv[1])]
print('clean documents so written: %d of %d flagged, highest score %.3f' % (
    sum(r['spun'] for r in reports), len(reports), max(r['score'] for r in reports)))
" "$OUT/detected_today_clean.jsonl" | report
spin_and_detect today today

# Another genre: technical prose from Debian's manuals (scripts/make_genre_sets.py).
# genre_dev: 200 scikit-learn and statsmodels documents the fit did not read,
# spun as above; clean: 200 SciPy documents (a package the fit never read).
# The clean lines count flagged documents and restore's edits on those and on
# 450 documents of the Octave, R and Python manuals (never read either).
detect_header "detect, technical prose (scikit-learn/statsmodels dev documents; clean: 200 SciPy documents)"
for set in dev other more; do
  "$BIN" detect --jsonl "$OUT/genre_$set.jsonl" >"$OUT/detected_genre_${set}_as_clean.jsonl"
  "$BIN" restore --jsonl "$OUT/genre_$set.jsonl" >"$OUT/restored_genre_${set}_as_clean.jsonl"
done
cp "$OUT/detected_genre_other_as_clean.jsonl" "$OUT/detected_genre_clean.jsonl"
spin_and_detect genre technical
for spinner in primary secondary; do
  set="genre_${spinner}_0.4"
  "$BIN" restore --jsonl "$OUT/spun_$set.jsonl" >"$OUT/restored_$set.jsonl"
  restore_line "$spinner rate 0.4, technical" "$OUT/pairs_$set.jsonl" "$OUT/restored_$set.jsonl"
done
for set in dev other more; do
  name=scikit-learn/statsmodels
  [ $set = other ] && name=SciPy
  [ $set = more ] && name="Octave, R and Python manual"
  "$BIN" eval restore --pairs "$OUT/pairs_genre_primary_0.4.jsonl" \
    --restored "$OUT/restored_genre_primary_0.4.jsonl" --clean "$OUT/genre_$set.jsonl" \
    --clean-restored "$OUT/restored_genre_${set}_as_clean.jsonl" --no-coverage --json | python3 -c "
import json, sys
j = json.load(sys.stdin)
reports = [json.loads(l) for l in open(sys.argv[1])]
print('clean %s documents: %d of %d flagged; restore: %.2f edits per 1,000 words' % (
    sys.argv[2], sum(r['spun'] for r in reports), len(reports), j['clean_edits_per_1000_words']))
" "$OUT/detected_genre_${set}_as_clean.jsonl" "$name" | report
done

# Tortured phrases in context: the genre dev documents with every phrase of
# the tortured-phrase dev list they hold swapped for its tortured form
# (scripts/torture.py), as a paper mill's tool leaves them, a few in a
# document; detected against the SciPy documents and restored, without and
# with the list itself as --fingerprints (what a screener with the list gets).
python3 scripts/torture.py "$SHARED/tortured_dev.tsv" "$OUT/genre_dev.jsonl" \
  >"$OUT/pairs_tortured_context.jsonl" 2>"$OUT/tortured_context.txt"
spun_only "$OUT/pairs_tortured_context.jsonl" >"$OUT/spun_tortured_context.jsonl"
detect_header "tortured phrases in context ($(sed 's/^torture: //' "$OUT/tortured_context.txt"); clean: 200 SciPy documents)"
"$BIN" detect --jsonl "$OUT/spun_tortured_context.jsonl" >"$OUT/detected_tortured_context.jsonl"
detect_row "tortured" "$OUT/pairs_tortured_context.jsonl" "$OUT/detected_tortured_context.jsonl" \
  "$OUT/detected_genre_clean.jsonl"
"$BIN" detect --jsonl --fingerprints "$SHARED/tortured_dev.tsv" "$OUT/genre_other.jsonl" \
  >"$OUT/detected_genre_clean_fingerprints.jsonl"
"$BIN" detect --jsonl --fingerprints "$SHARED/tortured_dev.tsv" "$OUT/spun_tortured_context.jsonl" \
  >"$OUT/detected_tortured_context_fingerprints.jsonl"
detect_row "tortured, fingerprints" "$OUT/pairs_tortured_context.jsonl" \
  "$OUT/detected_tortured_context_fingerprints.jsonl" "$OUT/detected_genre_clean_fingerprints.jsonl"
for with in none list; do
  flags=()
  [ $with = list ] && flags=(--fingerprints "$SHARED/tortured_dev.tsv")
  "$BIN" restore --jsonl "${flags[@]}" "$OUT/spun_tortured_context.jsonl" >"$OUT/restored_tortured_context_$with.jsonl"
  restore_line "tortured in context, $([ $with = list ] && echo 'the list as --fingerprints' || echo 'no list')" \
    "$OUT/pairs_tortured_context.jsonl" "$OUT/restored_tortured_context_$with.jsonl"
done

# Short texts as users send them (paragraphs, abstracts): runs of whole
# sentences of 40-120 words cut from the dev bodies and clean documents
# (scripts/by_sentence.py pieces), each spun on its own; the pack scores texts
# under 150 words with its short-text calibration (Detect, "Short texts").
detect_header "detect, short texts (runs of sentences of 40-120 words; clean: pieces of the 300 clean documents)"
python3 scripts/by_sentence.py pieces 40 120 "$OUT/reuters_dev.jsonl" >"$OUT/pieces_dev.jsonl"
python3 scripts/by_sentence.py pieces 40 120 "$OUT/clean.jsonl" >"$OUT/pieces_clean.jsonl"
"$BIN" detect --jsonl "$OUT/pieces_clean.jsonl" >"$OUT/detected_pieces_clean.jsonl"
spin_and_detect pieces short

# Very short texts (comments, titles, fragments): runs of 1-40 words cut from
# the clean documents and from the primary's copies at 0.4
# (scripts/word_windows.py); the share called spun at each length (Detect,
# "Very short texts": no verdict from the wording under 8 words, a higher
# bar up to about 30).
python3 scripts/word_windows.py "$OUT/clean.jsonl" 1,3,5,8,12,20,30,40 7 >"$OUT/windows_clean.jsonl"
spun_only "$OUT/pairs_primary_0.4.jsonl" >"$OUT/windows_source.jsonl"
python3 scripts/word_windows.py "$OUT/windows_source.jsonl" 1,3,5,8,12,20,30,40 7 \
  >"$OUT/windows_primary_0.4.jsonl"
for kind in clean primary_0.4; do
  "$BIN" detect --jsonl "$OUT/windows_$kind.jsonl" >"$OUT/detected_windows_$kind.jsonl"
done
python3 - "$OUT/detected_windows_clean.jsonl" "$OUT/detected_windows_primary_0.4.jsonl" <<'PY' | report
import collections, json, sys
def shares(path):
    n, spun = collections.Counter(), collections.Counter()
    for line in open(path):
        j = json.loads(line)
        k = int(j["id"].rsplit("#", 1)[1])
        n[k] += 1
        spun[k] += j["spun"]
    return {k: (spun[k] / n[k], n[k]) for k in n}
clean, copies = shares(sys.argv[1]), shares(sys.argv[2])
print()
print("detect, very short texts (runs of K words; share called spun)")
print("%-26s" % "words" + "".join("%7d" % k for k in sorted(clean)))
print("%-26s" % "clean documents" + "".join("%7.3f" % clean[k][0] for k in sorted(clean)))
print("%-26s" % "primary 0.4 copies" + "".join("%7.3f" % copies[k][0] for k in sorted(copies)))
PY

# How far detect and restore carry to a phrase spinner the detector was not
# fitted on: the primary dictionary split in two by line; a detector fitted
# by scripts/train_detector.sh, the recipe of the shipped one, but on copies
# spun with half A, reads dev copies spun with half B, and restore gated by it
# restores them (the gate's settings are the shipped detector's).
awk 'NR % 2 == 0' "$PRIMARY" >"$OUT/primary_half_a.dat"
awk 'NR % 2 == 1' "$PRIMARY" >"$OUT/primary_half_b.dat"
GENRE_BODIES=$OUT/genre_train.jsonl GENRE_CLEAN=$OUT/genre_clean_train.jsonl \
  ./scripts/train_detector.sh "$OUT/primary_half_a.dat" "$SECONDARY" "$OUT/reuters_train.jsonl" \
  "$OUT/clean_train.jsonl" "$OUT/half_a" "$OUT/half_a.unspin" 2>>"$OUT/log.txt"
echo | report
{
  echo "held out (detector fitted on half A of the primary dictionary; copies spun with half B)"
  printf '%-12s %7s %7s %7s %7s %7s %7s\n' "set" "P" "R" "F0.5" "AUC" "FPR" "tok-F1"
} | report
"$BIN" detect --jsonl --model "$OUT/half_a.unspin" "$OUT/clean.jsonl" >"$OUT/half_a_detected_clean.jsonl"
for rate in 0.2 0.4; do
  pairs="$OUT/pairs_half_b_$rate.jsonl"
  "$BIN" spin --jsonl --dict "$OUT/primary_half_b.dat" --rate "$rate" --seed 7 "$OUT/reuters_dev.jsonl" >"$pairs"
  spun_only "$pairs" >"$OUT/spun_half_b_$rate.jsonl"
  "$BIN" detect --jsonl --model "$OUT/half_a.unspin" "$OUT/spun_half_b_$rate.jsonl" >"$OUT/detected_half_b_$rate.jsonl"
  "$BIN" restore --jsonl --model "$OUT/half_a.unspin" "$OUT/spun_half_b_$rate.jsonl" >"$OUT/restored_half_b_$rate.jsonl"
  r=$("$BIN" eval restore --pairs "$pairs" --restored "$OUT/restored_half_b_$rate.jsonl" --no-coverage --json)
  d=$("$BIN" eval detect --pairs "$pairs" --detected "$OUT/detected_half_b_$rate.jsonl" \
    --clean-detected "$OUT/half_a_detected_clean.jsonl" --json)
  python3 -c "
import json, sys
r, d = json.loads(sys.argv[1]), json.loads(sys.argv[2])
print('%-12s %7.3f %7.3f %7.3f %7.4f %7.4f %7.3f' % ('half B $rate', r['precision'], r['recall'], r['f05'], d['auc'],
      d['false_positive_rate'], d['token_f1']))" "$r" "$d" | report
done
# The same with detect --decoder-evidence (the parameters restore's gate reads).
"$BIN" detect --jsonl --decoder-evidence --model "$OUT/half_a.unspin" "$OUT/clean.jsonl" \
  >"$OUT/half_a_decoded_clean.jsonl"
for rate in 0.2 0.4; do
  "$BIN" detect --jsonl --decoder-evidence --model "$OUT/half_a.unspin" "$OUT/spun_half_b_$rate.jsonl" \
    >"$OUT/detected_decoded_half_b_$rate.jsonl"
  "$BIN" eval detect --pairs "$OUT/pairs_half_b_$rate.jsonl" --detected "$OUT/detected_decoded_half_b_$rate.jsonl" \
    --clean-detected "$OUT/half_a_decoded_clean.jsonl" --json | python3 -c "
import json, sys
d = json.load(sys.stdin)
print('%-36s %7.4f %7.4f %7.3f' % ('half B $rate, --decoder-evidence', d['auc'], d['false_positive_rate'], d['token_f1']))" | report
done
rm -f "$OUT/half_a.unspin"

# A third spinner family, never fitted on: a crude thesaurus spinner that
# replaces a word by any synonym of any of its meanings in Debian's Aiksaurus
# (Moby-derived; scripts/aiksaurus_dict.py), half B of its headwords (half A
# is kept for fitting). Most of its substitutions are outside the pack's
# lexicon ("company" -> "phalanx"): the rows show what detect and restore do
# with a spinner unlike the training ones, not a target.
python3 scripts/aiksaurus_dict.py b "$OUT/reuters_dev.jsonl" >"$OUT/aiksaurus_b.txt"
echo | report
{
  echo "crude thesaurus spinner (Aiksaurus, half B; never fitted on)"
  printf '%-12s %7s %7s %7s %7s %7s %7s %7s %7s\n' "set" "words" "P" "R" "F0.5" "AUC" "FPR" "recall" "tok-F1"
} | report
for rate in 0.4 0.8; do
  pairs="$OUT/pairs_crude_$rate.jsonl"
  "$BIN" spin --jsonl --dict "$OUT/aiksaurus_b.txt" --rate "$rate" --seed 7 "$OUT/reuters_dev.jsonl" >"$pairs"
  spun_only "$pairs" >"$OUT/spun_crude_$rate.jsonl"
  "$BIN" detect --jsonl "$OUT/spun_crude_$rate.jsonl" >"$OUT/detected_crude_$rate.jsonl"
  "$BIN" restore --jsonl "$OUT/spun_crude_$rate.jsonl" >"$OUT/restored_crude_$rate.jsonl"
  r=$("$BIN" eval restore --pairs "$pairs" --restored "$OUT/restored_crude_$rate.jsonl" --no-coverage --json)
  d=$("$BIN" eval detect --pairs "$pairs" --detected "$OUT/detected_crude_$rate.jsonl" \
    --clean-detected "$OUT/detected_clean.jsonl" --json)
  python3 -c "
import json, sys
r, d = json.loads(sys.argv[1]), json.loads(sys.argv[2])
pairs = [json.loads(l) for l in open(sys.argv[3], encoding='utf-8')]
share = sum(len(p['edits']) for p in pairs) / max(1, sum(len(p['original'].split()) for p in pairs))
print('%-12s %7.3f %7.3f %7.3f %7.3f %7.4f %7.4f %7.3f %7.3f' % ('crude $rate', share, r['precision'], r['recall'],
      r['f05'], d['auc'], d['false_positive_rate'], d['doc_recall'], d['token_f1']))" "$r" "$d" "$pairs" | report
done
echo "words: share of the originals' words the spinner replaced" | report

# Trace: the dev copies against an index of all of Reuters-21578 and the CNN
# sample; unrelated documents (the CNN articles) against a Reuters-only index.
echo | report
printf '%-22s %9s %9s %9s\n' "trace" "recall@1" "recall@10" "MRR" | report
for spinner in primary secondary; do
  for rate in 0.2 0.4 0.6; do
    "$BIN" trace --jsonl --index "$OUT/index" "$OUT/spun_${spinner}_${rate}.jsonl" >"$OUT/traced_${spinner}_${rate}.jsonl"
    "$BIN" eval trace --pairs "$OUT/pairs_${spinner}_${rate}.jsonl" --traced "$OUT/traced_${spinner}_${rate}.jsonl" --json |
      python3 -c "
import json, sys
j = json.load(sys.stdin)
print('%-22s %9.3f %9.3f %9.3f' % ('$spinner rate $rate', j['recall_at_1'], j['recall_at_10'], j['mrr']))" | report
  done
done
grep -v '"id": "cnn-' "$OUT/corpus.jsonl" >"$OUT/corpus_reuters.jsonl"
grep '"id": "cnn-' "$OUT/corpus.jsonl" >"$OUT/cnn.jsonl"
rm -rf "$OUT/index_reuters"
"$BIN" index build --out "$OUT/index_reuters" "$OUT/corpus_reuters.jsonl" 2>>"$OUT/log.txt"
unrelated_row() {  # unrelated_row LABEL INDEX [trace flags]: the CNN articles
  # against a Reuters-only index; --threshold 0 shows how close the best
  # unrelated source comes to the default threshold (0.2)
  local label=$1 index=$2
  shift 2
  "$BIN" trace --jsonl --threshold 0 --top 1 "$@" --index "$index" "$OUT/cnn.jsonl" | python3 -c "
import json, sys
rows = [json.loads(l) for l in sys.stdin]
scores = [r['matches'][0]['score'] if r['matches'] else 0.0 for r in rows]
print('%s: %d at or above the threshold 0.2; best score %.3f' % (sys.argv[1], sum(s >= 0.2 for s in scores), max(scores or [0])))" "$label" | report
}
unrelated_row "unrelated (100 CNN articles vs a Reuters-only index)" "$OUT/index_reuters"
# Indexes that also hold each document's passages (index build --passages).
rm -rf "$OUT/index_passages" "$OUT/index_reuters_passages"
"$BIN" index build --passages --out "$OUT/index_passages" "$OUT/corpus.jsonl" 2>>"$OUT/log.txt"
"$BIN" index build --passages --out "$OUT/index_reuters_passages" "$OUT/corpus_reuters.jsonl" \
  2>>"$OUT/log.txt"

# Patchwork copies: three half-copies in one text (scripts/mosaic.py), traced
# whole and with --passages (README, Trace, "Patchwork copies").
python3 scripts/mosaic.py "$OUT/pairs_primary_0.4.jsonl" 100 3 >"$OUT/mosaic.jsonl"
for mode in whole passages indexed; do
  flags="" index="$OUT/index"
  [ "$mode" != whole ] && flags="--passages"
  [ "$mode" = indexed ] && index="$OUT/index_passages"
  # shellcheck disable=SC2086  # flags is empty or one flag
  "$BIN" trace --jsonl --top 5 $flags --index "$index" "$OUT/mosaic.jsonl" 2>>"$OUT/log.txt" | python3 -c "
import json, sys
gold = {json.loads(l)['id']: set(json.loads(l)['sources']) for l in open(sys.argv[1], encoding='utf-8')}
found = top = 0
for l in sys.stdin:
    j = json.loads(l)
    ids = [m['id'] for m in j['matches']]
    found += len(gold[j['id']] & set(ids[:3]))
    top += bool(gold[j['id']] & set(ids[:1]))
print('patchwork, %-9s (100 texts of three half-copies, primary 0.4): sources in the top 3 %.3f, top match a source %.3f'
      % (sys.argv[2], found / (3 * len(gold)), top / len(gold)))" "$OUT/mosaic.jsonl" "$mode" | report
done
echo "(indexed: --passages against an index built with --passages)" | report
unrelated_row "unrelated with --passages" "$OUT/index_reuters" --passages
unrelated_row "unrelated, indexed" "$OUT/index_reuters_passages" --passages

# The clean documents as pairs whose original is the text itself, for the
# rows that read them in another form (disguised, web pages).
python3 scripts/clean_as_pairs.py <"$OUT/clean.jsonl" >"$OUT/pairs_clean.jsonl"

# Copies disguised with look-alike letters and zero-width spaces.
echo | report
./scripts/eval_disguised.sh "$BIN" "$OUT" | report

# Copies published as web pages, read as text and with --html.
echo | report
./scripts/eval_html.sh "$BIN" "$OUT" | report

echo | report
echo "tortured-phrase dev list (4,599 pairs): lexicon coverage" | report
"$BIN" eval coverage "$SHARED/tortured_dev.tsv" | report
echo | report
echo "columns: edits = gold edits; P/R/F0.5 = edit precision/recall/F0.5 (score.py); WER after restore;" | report
echo "cover = share of gold edits whose original the lexicon can reach (the ceiling on recall)" | report

# Tortured phrases: each restored on its own; exact when the output equals
# the expected phrase (or one of its " / " alternatives), case aside.
python3 -c "
import json, sys
rows = [l.rstrip('\n').split('\t') for l in open(sys.argv[1], encoding='utf-8')][1:]
for i, (t, e) in enumerate(r for r in rows if len(r) == 2):
    print(json.dumps({'id': i, 'text': t, 'expected': e}))" "$SHARED/tortured_dev.tsv" >"$OUT/tortured.jsonl"
"$BIN" restore --jsonl "$OUT/tortured.jsonl" >"$OUT/tortured_restored.jsonl"
python3 -c "
import json, sys
exp = [json.loads(l) for l in open(sys.argv[1])]
out = [json.loads(l) for l in open(sys.argv[2])]
ok = sum(o['text'].strip().lower() in [a.strip().lower() for a in e['expected'].split(' / ')]
         for e, o in zip(exp, out))
changed = sum(bool(o['edits']) for o in out)
print('tortured phrases restored exactly: %d of %d (%.1f%%); %d changed at all' % (ok, len(exp), 100.0 * ok / len(exp), changed))
" "$OUT/tortured.jsonl" "$OUT/tortured_restored.jsonl" | report

# Spintax left in a text: each substitution of the 0.4 sets written back as a
# group of the original and the spinner's phrase, the original first (as
# spinning tools write templates) or last (only the LM can find it).
for set in primary_0.4 secondary_0.4; do
  for order in first last; do
    python3 scripts/spintax_sets.py make "$OUT/pairs_$set.jsonl" "$order" >"$OUT/spintax_${set}_$order.jsonl"
    "$BIN" restore --jsonl "$OUT/spintax_${set}_$order.jsonl" >"$OUT/spintax_restored_${set}_$order.jsonl"
    python3 scripts/spintax_sets.py score "$OUT/spintax_${set}_$order.jsonl" \
      "$OUT/spintax_restored_${set}_$order.jsonl" "spintax ${set/_/ }, original $order" | report
  done
done

# The detector (data/detector.json: its word model and calibration) is refitted
# on a training split disjoint from these dev sets by ./scripts/fit_detector.sh.
