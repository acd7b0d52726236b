#!/usr/bin/env bash
# End-to-end tests of the unspin binary: help, output formats, exit codes.
# Usage: cli_test.sh path/to/unspin   (run by ctest)
set -u
BIN="$(cd "$(dirname "$1")" && pwd)/$(basename "$1")"
ROOT="$(cd "$(dirname "$0")/../.." && pwd)"
SHARED="$ROOT/../shared/data"
# shellcheck source=tests/cli/check_lib.sh
. "$ROOT/tests/cli/check_lib.sh"

run() {  # run EXPECTED_EXIT CMD...: stdout to $TMP/out, stderr to $TMP/err
  local want="$1"
  shift
  "$@" >"$TMP/out" 2>"$TMP/err" </dev/null
  local got=$?
  [ "$got" -eq "$want" ] || { echo "  exit $got, wanted $want: $*" >&2; head -3 "$TMP/err" >&2; return 1; }
}

# --help on every subcommand.
for cmd in "" "lm" "lm convert" "lm info" "lm score" "lm build" "tokenize" "model" "model build" \
  "model info" "candidates" "eval" "eval coverage" "eval restore" "eval detect" "eval trace" \
  "spin" "restore" "detect" "detect train" "check" "index" "index build" "index add" \
  "index info" "trace" "learn" "serve"; do
  # shellcheck disable=SC2086
  check "help: $cmd" run 0 "$BIN" $cmd --help
  check "help text: $cmd" grep -qi "usage" "$TMP/out"
done

# Usage errors exit 2 with one line on stderr.
check "no subcommand" run 2 "$BIN"
check "unknown flag" run 2 "$BIN" lm score --bogus
check "one-line error" test "$(wc -l <"$TMP/err")" -eq 1

# Default model discovery and scoring format.
MODEL="$(dirname "$BIN")/en-us.ulm"
check "default model exists" test -f "$MODEL"
check "lm score default model" run 0 "$BIN" lm score "$SHARED/lm/reference/sentences.txt"
check "300 score lines + perplexity" test "$(grep -c $'^[0-9]*\t[0-9]*\t-[0-9.]*$' "$TMP/out")" -eq 300
check "perplexity matches reference" awk '/^# perplexity/ { d = $3 - 895.082366; exit !(d < 0.001 && d > -0.001) }' "$TMP/out"
check "stdin input" run 0 sh -c "echo 'the company said' | '$BIN' lm score --model '$MODEL'"
check "stdin line" grep -q $'^3\t0\t' "$TMP/out"
check "empty input" run 0 sh -c "'$BIN' lm score --model '$MODEL' < /dev/null"
check "empty input prints perplexity" grep -q '^# perplexity' "$TMP/out"

# Missing default model: a clear error, exit 2.
cp "$BIN" "$TMP/unspin"
check "no default model" run 2 env UNSPIN_LM= "$TMP/unspin" lm score "$SHARED/lm/reference/sentences.txt"
check "says how to build it" grep -q "build_model.sh" "$TMP/err"

# Corrupt and missing model files: exit 2, message names the file.
head -c 1000000 "$MODEL" >"$TMP/cut.ulm"
check "truncated model" run 2 "$BIN" lm info "$TMP/cut.ulm"
check "names the file" grep -q "cut.ulm" "$TMP/err"
head -c 5000 /dev/urandom >"$TMP/junk.lm"
check "junk model" run 2 "$BIN" lm score --model "$TMP/junk.lm" "$SHARED/lm/reference/sentences.txt"
head -c 3000000 /usr/share/pocketsphinx/model/en-us/en-us.lm.bin >"$TMP/cut.lm.bin"
check "truncated sphinx model" run 2 "$BIN" lm score --model "$TMP/cut.lm.bin" "$SHARED/lm/reference/sentences.txt"
check "sphinx error says truncated" grep -q "cut.lm.bin.*truncated" "$TMP/err"
printf '\\data\\\nngram 1=2\n\n\\1-grams:\n-1 <s>\n' >"$TMP/cut.arpa"
check "truncated arpa model" run 2 "$BIN" lm info "$TMP/cut.arpa"
check "arpa error says truncated" grep -q "cut.arpa.*truncated" "$TMP/err"
check "missing model" run 2 "$BIN" lm info "$TMP/nope.ulm"
check "missing input" run 2 "$BIN" lm score --model "$MODEL" "$TMP/nope.txt"

# convert + info --verify; output written atomically (no temp files left).
printf '\\data\\\nngram 1=3\n\n\\1-grams:\n-1 <s>\n-0.5 </s>\n-0.25 a\n\n\\end\\\n' >"$TMP/u.arpa"
check "convert arpa" run 0 "$BIN" lm convert "$TMP/u.arpa" "$TMP/u.ulm"
check "info verify" run 0 "$BIN" lm info --verify "$TMP/u.ulm"
check "info fields" grep -q $'^verify\tok' "$TMP/out"
check "no temp files" test "$(ls "$TMP" | grep -c '\.tmp\.')" -eq 0
check "convert to missing dir" run 2 "$BIN" lm convert "$TMP/u.arpa" "$TMP/no/dir/u.ulm"

# lm build: a domain LM from text, alone (stdin) and mixed with a base; the
# mixture knows both vocabularies and scores the domain's phrases higher.
printf '{"id":"1","text":"Output rose 5 pct, the company said."}\n{"id":"2","text":"Sales fell 3 pct."}\n' \
  >"$TMP/domain.jsonl"
check "lm build alone" run 0 sh -c "'$BIN' lm build --no-base -o '$TMP/d.arpa' < '$TMP/domain.jsonl'"
check "lm build arpa header" grep -q '^ngram 3=' "$TMP/d.arpa"
check "lm build reads pct" grep -q $'\tpct\t' "$TMP/d.arpa"
check "lm build mixed" run 0 "$BIN" lm build --base "$TMP/u.arpa" -o "$TMP/m.ulm" "$TMP/domain.jsonl"
check "lm build mixed loads" run 0 "$BIN" lm info --verify "$TMP/m.ulm"
check "lm build mixed scores" run 0 sh -c "printf 'a\nsales fell 3 pct\n' | '$BIN' lm score --model '$TMP/m.ulm'"
check "mixture knows both" test "$(awk -F'\t' 'NR <= 2 && $2 == 0' "$TMP/out" | wc -l)" -eq 2
check "lm build no words" run 2 sh -c "'$BIN' lm build --no-base -o '$TMP/e.ulm' < /dev/null"
check "lm build no words says so" grep -q "no words" "$TMP/err"
check "lm build no output left" test ! -e "$TMP/e.ulm"
check "lm build compact base refused" run 2 "$BIN" lm build --base "$TMP/u.ulm" -o "$TMP/e.ulm" "$TMP/domain.jsonl"
check "lm build bad corpus" run 2 sh -c "echo 'not json' | '$BIN' lm build --no-base -o '$TMP/e.ulm'"
check "lm build bad corpus names line" grep -q ":1:" "$TMP/err"
check "lm build weight range" run 2 "$BIN" lm build --domain-weight 1 -o "$TMP/e.ulm" "$TMP/domain.jsonl"
check "lm build prune" run 0 "$BIN" lm build --no-base --prune 2 -o "$TMP/p.arpa" "$TMP/domain.jsonl"
check "pruned: fewer trigrams" test "$(grep -c '^ngram 3=' "$TMP/p.arpa")" -eq 1 -a \
  "$(sed -n 's/^ngram 3=//p' "$TMP/p.arpa")" -lt "$(sed -n 's/^ngram 3=//p' "$TMP/d.arpa")"
check "lm build prune range" run 2 "$BIN" lm build --prune 0 -o "$TMP/e.ulm" "$TMP/domain.jsonl"
check "lm build to a missing folder" run 2 "$BIN" lm build --no-base -o "$TMP/no/such/m.ulm" "$TMP/domain.jsonl"
check "lm build names the folder" grep -q "no/such.*does not exist" "$TMP/err"

# A pack on a domain LM keeps the LM its detector was fitted with: detect reads
# its evidence with it, and restore's gate takes that detector's P(spun).
python3 -c "
import json, sys
for f in sys.argv[1:]:
    print(json.dumps({'id': f, 'text': open(f).read()}))" "$ROOT/data/examples/news_original.txt" \
  "$ROOT/data/examples/lm_sentences.txt" >"$TMP/archive.jsonl"
check "domain lm" run 0 "$BIN" lm build -o "$TMP/news.ulm" "$TMP/archive.jsonl"
check "domain pack" run 0 "$BIN" model build -q --lm "$TMP/news.ulm" --out "$TMP/news.unspin"
check "domain pack keeps the detector's LM" run 0 "$BIN" model info "$TMP/news.unspin"
check "model info says so" grep -q "its own LM" "$TMP/out"
{ head -n 3 "$ROOT/data/examples/news_original.txt"; tail -n 3 "$ROOT/data/examples/news_spun.txt"; } \
  >"$TMP/part_spun.txt"
check "domain pack detect" run 0 "$BIN" detect --json --model "$TMP/news.unspin" "$TMP/part_spun.txt"
detect_score=$(python3 -c "import json, sys; print(json.load(sys.stdin)['score'])" <"$TMP/out")
check "domain pack restore" run 0 "$BIN" restore --json --explain --model "$TMP/news.unspin" \
  "$TMP/part_spun.txt"
check "restore edits" python3 -c "import json, sys; sys.exit(not json.load(sys.stdin)['edits'])" <"$TMP/out"
check "restore's gate reads detect's score" python3 -c "
import json, sys
scores = {e['window_score'] for e in json.load(sys.stdin)['edits']}
sys.exit(scores != {float(sys.argv[1])})" "$detect_score" <"$TMP/out"

# tokenize: tokens with offsets; invalid UTF-8 passes with a warning.
check "tokenize" run 0 sh -c "printf 'Mr. Smith said no. The U.S. agreed.' | '$BIN' tokenize --sentences"
check "two sentences" test "$(wc -l <"$TMP/out")" -eq 2
check "tokenize invalid utf8" run 0 sh -c "printf 'ok \377 bad' | '$BIN' tokenize"
check "warns about invalid bytes" grep -q "invalid UTF-8" "$TMP/err"
check "tokenize jsonl" run 0 sh -c "printf 'It’s' | '$BIN' tokenize --jsonl"
check "jsonl norm folds apostrophe" grep -q '"norm":"it'"'"'s"' "$TMP/out"

# Model pack: the default one is found without flags; info, candidates, coverage.
PACK="$(dirname "$BIN")/en-us.unspin"
check "default pack exists" test -f "$PACK"
check "model info default" run 0 "$BIN" model info
check "model info sources" grep -q $'^source\tmythes' "$TMP/out"
check "model info json" run 0 "$BIN" model info --json "$PACK"
check "model info json parses" python3 -c "import json,sys; j=json.load(open('$TMP/out')); assert j['replace_rate'] > 0"
check "candidates" run 0 "$BIN" candidates stated
check "candidates offers said" grep -q " said " "$TMP/out"
check "candidates row 0 is identity" grep -q "^0 .*stated.*identity" "$TMP/out"
check "candidates keeps title case" run 0 "$BIN" candidates Related --top 50
check "Associated" grep -q " Associated " "$TMP/out"
check "candidates phrase json" run 0 "$BIN" candidates --json due to the fact that
check "json because" python3 -c "import json; j=json.load(open('$TMP/out')); assert 'because' in [c['text'] for c in j['candidates']]"
printf 'airplane\tsky boat\n' >"$TMP/learned.tsv"
check "candidates --dict" run 0 "$BIN" candidates --dict "$TMP/learned.tsv@2" sky boat
check "dict candidate shown" grep -q "airplane.*learned.tsv" "$TMP/out"
# Read backwards at the pack's weight, flagged (a learned pair goes both ways).
check "dict read backwards" run 0 "$BIN" candidates --json --dict "$TMP/learned.tsv" airplane
check "json reversed flag" python3 -c "import json; j=json.load(open('$TMP/out')); c=[c for c in j['candidates'] if c['text']=='sky boat']; assert c and c[0]['reversed'] and 'reversed' in c[0]['match'] and not c[0]['two_hop']"
check "candidates bad dict" run 2 "$BIN" candidates --dict "$TMP/none.tsv" stated
check "candidates bad dict one line" test "$(wc -l <"$TMP/err")" -eq 1
check "candidates needs a word" run 2 "$BIN" candidates "  "
printf 'tortured\texpected\ncounterfeit consciousness\tartificial intelligence\nstated\tsaid\n' >"$TMP/pairs.tsv"
check "eval coverage" run 0 "$BIN" eval coverage "$TMP/pairs.tsv"
check "coverage counts pairs" grep -q $'^pairs\t2' "$TMP/out"
check "eval coverage json" run 0 "$BIN" eval coverage --json "$TMP/pairs.tsv"
check "coverage json parses" python3 -c "import json; j=json.load(open('$TMP/out')); assert j['pairs'] == 2"
check "eval coverage bad file" run 2 "$BIN" eval coverage "$TMP/nope.tsv"

# Pack errors: missing, damaged, not a pack; $UNSPIN_MODEL is honoured.
check "missing pack via env" run 2 env UNSPIN_MODEL="$TMP/none.unspin" "$BIN" candidates stated
check "missing pack names it" grep -q "none.unspin.*build" "$TMP/err"
check "no default pack" run 2 env UNSPIN_MODEL= "$TMP/unspin" candidates stated
check "no default pack says how" grep -q "build_model.sh" "$TMP/err"
head -c 20000000 "$PACK" >"$TMP/cut.unspin"
check "truncated pack" run 2 "$BIN" model info "$TMP/cut.unspin"
check "truncated pack says so" grep -q "truncated" "$TMP/err"
check "lm file is not a pack" run 2 "$BIN" candidates --model "$MODEL" stated
check "says not a pack" grep -q "not an unspin model pack" "$TMP/err"
check "lm score accepts a pack" run 0 "$BIN" lm score --model "$PACK" "$SHARED/lm/reference/sentences.txt"
check "pack lm perplexity" awk '/^# perplexity/ { d = $3 - 895.082366; exit !(d < 0.001 && d > -0.001) }' "$TMP/out"

# model build from small files; written atomically, usable at once.
printf 'UTF-8\nhappy|1\n(adj)|glad|content\n' >"$TMP/th.dat"
printf '\\data\\\nngram 1=4\n\n\\1-grams:\n-1 <s>\n-0.5 </s>\n-0.25 happy\n-0.3 glad\n\n\\end\\\n' >"$TMP/small.arpa"
check "model build" run 0 "$BIN" model build --lm "$TMP/small.arpa" --thesaurus "$TMP/th.dat" --no-phrases --out "$TMP/small.unspin"
check "build report" grep -q "reverse index" "$TMP/err"
check "built pack works" run 0 "$BIN" candidates --model "$TMP/small.unspin" glad
check "built pack candidate" grep -q " happy " "$TMP/out"
check "model build bad thesaurus" run 2 "$BIN" model build --lm "$TMP/small.arpa" --thesaurus "$TMP/none.dat" --out "$TMP/x.unspin"
check "failed build leaves no file" test ! -e "$TMP/x.unspin"
check "model build bad rate" run 2 "$BIN" model build --replace-rate 2 --out "$TMP/x.unspin"

# spin: plain, --json alignment, --jsonl pairs; deterministic.
printf 'said|stated|reported\nnew york|big apple\n' >"$TMP/spin.dat"
printf 'New York said hello.\n' >"$TMP/spin.txt"
check "spin plain" run 0 "$BIN" spin --dict "$TMP/spin.dat" --rate 1 "$TMP/spin.txt"
check "spin replaced" grep -q "^Big apple \(stated\|reported\) hello\.$" "$TMP/out"
cp "$TMP/out" "$TMP/spin1"
check "spin again" run 0 "$BIN" spin --dict "$TMP/spin.dat" --rate 1 "$TMP/spin.txt"
check "spin deterministic" cmp -s "$TMP/out" "$TMP/spin1"
check "spin rate 0 identity" run 0 "$BIN" spin --dict "$TMP/spin.dat" --rate 0 "$TMP/spin.txt"
check "spin rate 0 bytes" cmp -s "$TMP/out" "$TMP/spin.txt"
python3 -c "print('He said it. ' * 40)" >"$TMP/said.txt"
check "spin consistent" run 0 "$BIN" spin --consistent --dict "$TMP/spin.dat" --rate 1 "$TMP/said.txt"
check "spin consistent: one form" sh -c "[ \$(grep -o 'He [a-z]*' '$TMP/out' | sort -u | wc -l) -eq 1 ]"
check "spin json" run 0 "$BIN" spin --json --dict "$TMP/spin.dat" --rate 1 "$TMP/spin.txt"
check "spin json offsets" python3 -c "
import json; j = json.load(open('$TMP/out')); src = open('$TMP/spin.txt').read().encode()
assert len(j['edits']) == 2
for e in j['edits']:
    assert src[e['start']:e['end']].decode() == e['from']
    assert j['text'].encode()[e['spun_start']:e['spun_end']].decode() == e['to']"
printf '{"id": "d1", "text": "They said so."}\n{"id": 2, "text": "New York."}\n' >"$TMP/docs.jsonl"
check "spin jsonl" run 0 "$BIN" spin --jsonl --dict "$TMP/spin.dat" --rate 1 "$TMP/docs.jsonl"
check "spin jsonl pairs" python3 -c "
import json; rows = [json.loads(l) for l in open('$TMP/out')]
assert [r['id'] for r in rows] == ['d1', 2] and rows[1]['spun'] == 'Big apple.' and rows[0]['original'] == 'They said so.'"
cp "$TMP/out" "$TMP/pairs.jsonl"
check "spin default pack" run 0 "$BIN" spin --rate 1 "$TMP/spin.txt"
check "spin default pack changed text" test "$(cat "$TMP/out")" != "$(cat "$TMP/spin.txt")"
check "spin bad jsonl" run 2 sh -c "echo 'not json' | '$BIN' spin --jsonl --dict '$TMP/spin.dat'"
check "spin bad jsonl names line" grep -q ":1: expected a JSON object" "$TMP/err"

# eval restore/detect/trace score a system's outputs.
python3 -c "
import json
for l in open('$TMP/pairs.jsonl'):
    j = json.loads(l); print(json.dumps({'id': j['id'], 'text': j['original']}))" >"$TMP/perfect.jsonl"
check "eval restore perfect" run 0 "$BIN" eval restore --pairs "$TMP/pairs.jsonl" --restored "$TMP/perfect.jsonl" --no-coverage --json
check "perfect F0.5 is 1" python3 -c "import json; j = json.load(open('$TMP/out')); assert j['f05'] == 1 and j['wer_after'] == 0"
check "eval restore table" run 0 "$BIN" eval restore --pairs "$TMP/pairs.jsonl" --restored "$TMP/perfect.jsonl"
check "table has coverage" grep -q "^coverage" "$TMP/out"
head -n 1 "$TMP/perfect.jsonl" >"$TMP/partial.jsonl"
check "eval restore missing id" run 2 "$BIN" eval restore --pairs "$TMP/pairs.jsonl" --restored "$TMP/partial.jsonl" --no-coverage
check "missing id named" grep -q "no restored text for id 2" "$TMP/err"
printf '{"id": "d1", "score": 0.9, "spun": true, "spans": [{"start": 5, "end": 9}]}\n{"id": 2, "score": 0.2, "spun": false, "spans": []}\n' >"$TMP/det.jsonl"
printf '{"id": "c", "score": 0.1, "spun": false}\n' >"$TMP/cdet.jsonl"
check "eval detect" run 0 "$BIN" eval detect --pairs "$TMP/pairs.jsonl" --detected "$TMP/det.jsonl" --clean-detected "$TMP/cdet.jsonl" --json
check "detect auc" python3 -c "import json; j = json.load(open('$TMP/out')); assert j['auc'] == 1.0 and j['false_positive_rate'] == 0 and j['doc_recall'] == 0.5"
printf '{"id": "d1", "matches": [{"id": "d1"}]}\n{"id": 2, "matches": [{"id": 7}, {"id": 2}]}\n' >"$TMP/trace.jsonl"
check "eval trace" run 0 "$BIN" eval trace --pairs "$TMP/pairs.jsonl" --traced "$TMP/trace.jsonl" --json
check "trace mrr" python3 -c "import json; j = json.load(open('$TMP/out')); assert j['recall_at_1'] == 0.5 and j['mrr'] == 0.75"

# restore: byte-identical outside edits, JSON offsets, batch order, errors.
EX="$ROOT/data/examples/news_spun.txt"
check "restore file" run 0 "$BIN" restore "$EX"
check "restored Interior" grep -q "The Interior Ministry said" "$TMP/out"
check "restored Associated" grep -q "told The Associated Press" "$TMP/out"
check "restore keeps line count" test "$(wc -l <"$TMP/out")" -eq "$(wc -l <"$EX")"
check "restore stdin" run 0 sh -c "'$BIN' restore < '$EX'"
# Disguised words (Cyrillic look-alikes, a zero-width space): check marks
# them, restore writes them undisguised unless asked to keep them.
printf 'The Interior Ministry s\u0430id on Tuesday th\u0430t f\u043eur people were\u200b arrested in the city of Karachi after protests.\n' >"$TMP/disguised.txt"
check "check disguised" run 0 "$BIN" check "$TMP/disguised.txt"
check "disguised verdict" grep -q "^verdict: SPUN" "$TMP/out"
check "disguised marked" grep -q "\[s.id -> said (disguised)\]" "$TMP/out"
check "disguised note" grep -q "4 words are disguised" "$TMP/out"
check "restore disguised" run 0 "$BIN" restore "$TMP/disguised.txt"
check "undisguised" grep -q "said on Tuesday that four people were arrested" "$TMP/out"
check "restore keep disguises" run 0 "$BIN" restore --keep-disguises "$TMP/disguised.txt"
check "kept disguised" cmp -s "$TMP/out" "$TMP/disguised.txt"
# Web pages (--html, or a FILE named *.html): the text a reader sees is
# judged, restored and traced; the page is written back with only the edited
# words changed; offsets are the page's bytes.
python3 - "$EX" "$TMP/story.html" <<'PY'
import html, sys
paragraphs = [p.strip() for p in open(sys.argv[1]).read().split('\n\n') if p.strip()]
body = ''.join('<p class="story">%s</p>\n' % html.escape(p, quote=False) for p in paragraphs)
body = body.replace('Related Press', '<b>Related</b> Press')
open(sys.argv[2], 'w').write('<!DOCTYPE html><html><head><title>News</title><script>var stated = "Inside";</script>'
    '<style>p { color: red }</style></head><body><nav><a href="/">Home</a> | <a href="/n">News</a></nav>\n'
    + body + '<footer>&copy; 2026 Example &amp; Co.</footer></body></html>\n')
PY
check "restore page" run 0 "$BIN" restore "$TMP/story.html"
check "page restored" grep -q "The Interior Ministry said" "$TMP/out"
check "page markup kept" python3 -c "
import re
a, b = open('$TMP/story.html').read(), open('$TMP/out').read()
tags = lambda s: re.findall(r'<[^>]*>', s)
assert tags(a) == tags(b) and '<b>Associated</b> Press' in b and 'var stated = \"Inside\"' in b, b"
check "page as text" run 0 "$BIN" restore --html --json "$TMP/story.html"
check "page edits in page bytes" python3 -c "
import json; j = json.load(open('$TMP/out')); page = open('$TMP/story.html', 'rb').read()
assert len(j['edits']) >= 5
for e in j['edits']:
    assert page[e['start']:e['end']].decode() == e['from'], e"
cp "$TMP/out" "$TMP/cli_restore_html.json"
printf '<p>The Inside Ministry \xff stated it.</p>' >"$TMP/invalid.html"
check "restore page with invalid UTF-8" run 0 "$BIN" restore "$TMP/invalid.html"
check "invalid page byte kept" python3 -c "
out = open('$TMP/out', 'rb').read()
assert b'\\xff stated' in out or b'\\xff said' in out, out"
check "invalid page warns" grep -q "1 invalid UTF-8 bytes (first at byte 23)" "$TMP/err"
check "detect page" run 0 "$BIN" detect --json "$TMP/story.html"
check "page spans in page bytes, none in markup" python3 -c "
import json; j = json.load(open('$TMP/out')); page = open('$TMP/story.html', 'rb').read()
assert j['spun'] and j['spans']
for s in j['spans']:
    assert page[s['start']:s['end']].decode() == s['text'], s
    assert s['text'] not in ('script', 'style', 'title', 'Home', 'class', 'story'), s"
cp "$TMP/story.html" "$TMP/story_page.txt"
check "a .txt page is text" run 0 "$BIN" detect --json "$TMP/story_page.txt"
check "page read as text sees markup" python3 -c "
import json; j = json.load(open('$TMP/out'))
assert any(s['text'] in ('script', 'style', 'title', 'class', 'story', 'p') for s in j['spans']), j['spans']"
check "check page" run 0 "$BIN" check "$TMP/story.html"
check "check page shows text" grep -q "^The \[Inside -> Interior\] Ministry" "$TMP/out"
python3 -c "
import json; print(json.dumps({'id': 'p1', 'text': open('$TMP/story.html').read()}))" >"$TMP/pages.jsonl"
check "restore pages jsonl" run 0 "$BIN" restore --jsonl --html "$TMP/pages.jsonl"
check "pages jsonl as the file" python3 -c "
import json; j = json.loads(open('$TMP/out').readline()); want = json.load(open('$TMP/cli_restore_html.json'))
assert j['id'] == 'p1' and j['text'] == want['text'] and len(j['edits']) == len(want['edits']), j"
# --jsonl over a folder: its .txt and .html files in name order, each file's
# name its id, a .html file read as a page; other files and subfolders skipped.
mkdir -p "$TMP/folder/sub"
cp "$EX" "$TMP/folder/b.txt"
cp "$TMP/story.html" "$TMP/folder/a.html"
echo "not read" >"$TMP/folder/notes.md"
cp "$EX" "$TMP/folder/sub/c.txt"
check "restore jsonl folder" run 0 "$BIN" restore --jsonl "$TMP/folder"
check "folder: ids, pages and texts as the files" python3 -c "
import json, subprocess; rows = [json.loads(l) for l in open('$TMP/out')]
assert [r.pop('id') for r in rows] == ['a.html', 'b.txt'], rows
assert rows[0] == json.load(open('$TMP/cli_restore_html.json')), rows[0]
one = subprocess.run(['$BIN', 'restore', '--json', '$EX'], capture_output=True, check=True)
assert rows[1] == json.loads(one.stdout), rows[1]"
check "detect jsonl folder" run 1 "$BIN" detect --jsonl --exit-code "$TMP/folder"
check "folder: detect as the files" python3 -c "
import json, subprocess
rows = [json.loads(l) for l in open('$TMP/out')]
assert [r.pop('id') for r in rows] == ['a.html', 'b.txt'], rows
for row, f in zip(rows, ['a.html', 'b.txt']):
    one = subprocess.run(['$BIN', 'detect', '--json', '$TMP/folder/' + f], capture_output=True, check=True)
    assert row == json.loads(one.stdout), (row, one.stdout)"
for c in detect restore check; do
  check "$c of a folder without --jsonl" run 2 "$BIN" $c "$TMP/folder"
  check "$c of a folder: says --jsonl" grep -q "folder: is a folder; --jsonl reads" "$TMP/err"
done
check "a folder as --dict" run 2 "$BIN" detect --dict "$TMP/folder" "$EX"
check "a folder as --dict: says so" grep -q "folder: is a folder, not a file" "$TMP/err"
printf 'PK\003\004\000binary' >"$TMP/folder/c.txt"
check "folder with a binary file" run 2 "$BIN" detect --jsonl "$TMP/folder"
check "folder: the error names the file" grep -q "folder/c.txt: binary data" "$TMP/err"
check "folder: the texts before it are written" test "$(wc -l <"$TMP/out")" -eq 2
check "restore json" run 0 "$BIN" restore --json "$EX"
check "json edits replay to text" python3 -c "
import json; j = json.load(open('$TMP/out')); src = open('$EX', 'rb').read()
out, at = b'', 0
for e in j['edits']:
    assert src[e['start']:e['end']].decode() == e['from'] and 0 < e['confidence'] <= 1
    out += src[at:e['start']] + e['to'].encode(); at = e['end']
assert (out + src[at:]).decode() == j['text'] and len(j['edits']) >= 8"
check "restore nan threshold" run 2 "$BIN" restore --threshold nan "$EX"
check "restore nan says which flag" grep -q -- "--threshold: must be a finite number, not nan" "$TMP/err"
check "restore inf gate" run 2 "$BIN" restore --gate-offset inf "$EX"
check "restore nan short window offset" run 2 "$BIN" restore --short-window-offset nan "$EX"
# A sentence sent on its own asks --short-window-offset more of the gate.
head -n 1 "$EX" >"$TMP/sentence.txt"
check "short window offset 0 edits a spun sentence" sh -c \
  "'$BIN' restore --short-window-offset 0 '$TMP/sentence.txt' | cmp -s - '$TMP/sentence.txt'; [ \$? = 1 ]"
check "short window offset 1000 leaves it" sh -c \
  "'$BIN' restore --short-window-offset 1000 '$TMP/sentence.txt' | cmp -s - '$TMP/sentence.txt'"
# Every other float flag refuses non-finite values too (CLI11's Range lets nan through).
check "spin nan rate" run 2 "$BIN" spin --rate nan "$EX"
check "spin nan says which flag" grep -q -- "--rate: must be a finite number, not nan" "$TMP/err"
check "detect inf span margin" run 2 "$BIN" detect --span-margin inf "$EX"
check "restore nan replace rate" run 2 "$BIN" restore --replace-rate nan "$EX"
check "restore nan inventory weight" run 2 "$BIN" restore --inventory-weight nan "$EX"
check "restore nan support probability" run 2 "$BIN" restore --support-probability nan "$EX"
check "trace nan threshold" run 2 "$BIN" trace --threshold nan --index "$TMP/no-index" "$EX"
check "detect train nan max fpr" run 2 "$BIN" detect train --max-fpr nan --spun "$EX" --clean "$EX"
check "model build nan phrases weight" run 2 "$BIN" model build --phrases-weight nan --out "$TMP/x.unspin"
check "restore explain" run 0 "$BIN" restore --json --explain "$EX"
check "explain alternatives" python3 -c "
import json; j = json.load(open('$TMP/out'))
assert all(e['alternatives'][0]['text'] == e['from'].lower() for e in j['edits'] if ' ' not in e['from'])
assert all(0 <= e['support'] <= 1 and 0 <= e['window_score'] <= 1 for e in j['edits'])
assert all(e['lm_log10'] <= 0 and 'channel_log10' in e for e in j['edits'])"
check "restore explain stderr" run 0 "$BIN" restore --explain "$EX"
check "explain on stderr only" grep -q "margin" "$TMP/err"
check "restore text unchanged by explain" grep -q "The Interior Ministry said" "$TMP/out"
python3 -c "
import json
for i in range(40):
    print(json.dumps({'id': 'doc%d' % i, 'text': 'Officials instructed The Related Press it was over. %d' % i}))" >"$TMP/batch.jsonl"
check "restore jsonl threads" run 0 "$BIN" restore --jsonl --threads 2 "$TMP/batch.jsonl"
check "jsonl in order" python3 -c "
import json; rows = [json.loads(l) for l in open('$TMP/out')]
assert [r['id'] for r in rows] == ['doc%d' % i for i in range(40)]
assert all('Associated Press' in r['text'] and r['edits'] for r in rows)"
# A progress line on stderr when it is a terminal (script(1) gives the
# command one), none in a pipe; stdout is the same either way.
for _ in $(seq 300); do cat "$EX"; echo; done >"$TMP/big.txt"
check "restore progress on a terminal" script -q -e -c \
  "'$BIN' restore '$TMP/big.txt' > '$TMP/tty_restored.txt'" /dev/null >"$TMP/tty"
check "the line shows what was read" grep -q "restore: [0-9.]* of [0-9.]* MB ([0-9]*%)" "$TMP/tty"
check "restore in a pipe" run 0 "$BIN" restore "$TMP/big.txt"
check "no progress in a pipe" test ! -s "$TMP/err"
check "the same text either way" cmp -s "$TMP/out" "$TMP/tty_restored.txt"
check "detect --jsonl progress on a terminal" script -q -e -c \
  "'$BIN' detect --jsonl '$TMP/batch.jsonl' > /dev/null" /dev/null >"$TMP/tty"
check "the batch line counts documents" grep -q "detect: 40 documents, [0-9]* words/s" "$TMP/tty"

check "restore empty input" run 0 sh -c "'$BIN' restore < /dev/null"
check "empty output" test ! -s "$TMP/out"
check "restore invalid utf8" run 0 sh -c "printf 'caf\377 stated it.\n' | '$BIN' restore"
check "invalid bytes kept" grep -q $'caf\377' "$TMP/out"
check "invalid utf8 warning" grep -q "invalid UTF-8" "$TMP/err"
# Binary data and UTF-16 are refused before anything is written.
head -c 3000 /dev/urandom >"$TMP/junk.bin"
printf 'x\0y' >>"$TMP/junk.bin"
printf '\377\376h\000i\000' >"$TMP/u16.txt"
for cmd in "restore" "restore --json" "detect" "check" "tokenize" "spin"; do
  # shellcheck disable=SC2086
  check "binary refused: $cmd" run 2 "$BIN" $cmd "$TMP/junk.bin"
  check "binary: one line, no output ($cmd)" test "$(wc -l <"$TMP/err")" -eq 1 -a ! -s "$TMP/out"
  check "binary named ($cmd)" grep -q "junk.bin: binary data, not text" "$TMP/err"
done
check "binary on stdin" run 2 sh -c "'$BIN' restore < '$TMP/junk.bin'"
check "binary stdin named" grep -q "^unspin: error: stdin: binary data" "$TMP/err"
check "utf-16 refused" run 2 "$BIN" detect "$TMP/u16.txt"
check "utf-16 says how to convert" grep -q "iconv -f UTF-16 -t UTF-8" "$TMP/err"
check "check warns invalid utf8" run 0 sh -c "printf 'caf\377 stated it.\n' | '$BIN' check"
check "check's warning" grep -q "stdin: 1 invalid UTF-8 bytes" "$TMP/err"
check "restore --json warns invalid utf8" run 0 sh -c "printf 'caf\377 stated it.\n' | '$BIN' restore --json"
check "restore --json's warning" grep -q "invalid UTF-8" "$TMP/err"
check "restore bad jsonl" run 2 sh -c "printf '{\"id\": 1}\n' | '$BIN' restore --jsonl"
check "restore bad jsonl line" grep -q ":1: expected a JSON object" "$TMP/err"
check "restore missing pack" run 2 "$BIN" restore --model "$TMP/none.unspin" "$EX"
check "restore missing file" run 2 "$BIN" restore "$TMP/none.txt"
check "restore high threshold" run 0 "$BIN" restore --threshold 1000 "$EX"
check "nothing restored" cmp -s "$TMP/out" "$EX"
check "restore --dict" run 0 sh -c "printf 'the parliament\tthe talking shop\n' >'$TMP/p.tsv'; echo 'Officials of the talking shop said it was over.' | '$BIN' restore --no-detector-gate --gate-density 0 --dict '$TMP/p.tsv'"
check "dict used" grep -q "the parliament" "$TMP/out"

# detect and check.
ORIG="$ROOT/data/examples/news_original.txt"
check "detect spun" run 0 "$BIN" detect "$EX"
check "detect says spun" grep -q "^spun [01]\.[0-9][0-9]$" "$TMP/out"
check "--exit-code: spun exits 1" run 1 "$BIN" detect --exit-code "$EX"
check "--exit-code: clean exits 0" run 0 "$BIN" detect --exit-code "$ROOT/data/examples/news_original.txt"
check "--exit-code: check spun exits 1" run 1 "$BIN" check --exit-code "$EX"
check "--exit-code: errors still exit 2" run 2 "$BIN" detect --exit-code "$TMP/none.txt"
python3 -c "
import json, sys
for i, name in enumerate(sys.argv[1:]):
    print(json.dumps({'id': i, 'text': open(name).read()}))" "$ROOT/data/examples/news_original.txt" "$EX" >"$TMP/verdicts.jsonl"
check "--exit-code: a batch with a spun text exits 1" run 1 "$BIN" detect --jsonl --exit-code "$TMP/verdicts.jsonl"
check "--exit-code: the batch is written whole" test "$(wc -l <"$TMP/out")" -eq 2
head -1 "$TMP/verdicts.jsonl" >"$TMP/clean_only.jsonl"
check "--exit-code: a clean batch exits 0" run 0 "$BIN" detect --jsonl --exit-code "$TMP/clean_only.jsonl"
check "detect clean" run 0 "$BIN" detect "$ORIG"
check "detect says clean" grep -q "^clean 0\.[0-9][0-9]$" "$TMP/out"
check "detect json" run 0 "$BIN" detect --json "$EX"
check "detect json fields" python3 -c "
import json; j = json.load(open('$TMP/out')); src = open('$EX', 'rb').read()
assert j['spun'] and 0 <= j['score'] <= 1 and 0 < j['threshold'] < 1 and j['words'] > 90
for s in j['spans']:
    assert src[s['start']:s['end']].decode() == s['text'] and s['reason'] in ('decoder', 'context') and isinstance(s['suggestion'], str)"
check "detect explain" run 0 "$BIN" detect --json --explain "$EX"
check "detect explain evidence" python3 -c "
import json; j = json.load(open('$TMP/out'))
assert len(j['words_evidence']) == j['words'] and len(j['document_evidence']) == 23
assert all(0 <= w['p'] <= 1 and len(w['evidence']) == 23 and w['start'] < w['end'] for w in j['words_evidence'])"
printf 'tortured\texpected\nhelped lengthy\thelped long\n' >"$TMP/fp.tsv"
check "detect fingerprints" run 0 sh -c "echo 'It was a helped lengthy day.' | '$BIN' detect --json --fingerprints '$TMP/fp.tsv'"
check "fingerprint span" python3 -c "
import json; j = json.load(open('$TMP/out')); assert any(s['reason'] == 'fingerprint' and s['text'] == 'helped lengthy' for s in j['spans']) and 'note' in j"
check "detect bad fingerprints" run 2 "$BIN" detect --fingerprints "$TMP/none.tsv" "$EX"
check "restore fingerprints" run 0 sh -c "echo 'It was a helped lengthy day.' | '$BIN' restore --fingerprints '$TMP/fp.tsv'"
check "restore puts the expected phrase" grep -q "^It was a helped long day\.$" "$TMP/out"
check "restore bad fingerprints" run 2 "$BIN" restore --fingerprints "$TMP/none.tsv" "$EX"
printf 'counterfeit consciousness\tartificial intelligence\n' >"$TMP/fp2.tsv"
check "several fingerprint lists" run 0 sh -c "echo 'It was a helped lengthy day of counterfeit consciousness.' | '$BIN' restore --fingerprints '$TMP/fp.tsv' --fingerprints '$TMP/fp2.tsv'"
check "both lists read" grep -q "^It was a helped long day of artificial intelligence\.$" "$TMP/out"
check "a list then a file" run 0 "$BIN" detect --fingerprints "$TMP/fp.tsv" "$EX"
check "the file is the input" grep -q "^spun " "$TMP/out"
check "check --json" run 0 "$BIN" check --json "$EX"
check "check --json holds both reports" python3 -c "
import json; j = json.load(open('$TMP/out')); assert j['detect']['spun'] is True and j['restore']['edits']
src = open('$EX', 'rb').read()
assert all(src[e['start']:e['end']].decode() == e['from'] for e in j['restore']['edits'])
marks = j['marks']
assert marks and all(src[m['start']:m['end']].decode() == m['text'] for m in marks)
out, at = b'', 0
for m in marks:
    out += src[at:m['start']] + (m['suggestion'].encode() if m['restored'] else src[m['start']:m['end']])
    at = m['end']
assert (out + src[at:]).decode() == j['restore']['text']"
check "check fingerprints" run 0 sh -c "echo 'It was a helped lengthy day.' | '$BIN' check --fingerprints '$TMP/fp.tsv'"
check "check restores the fingerprint" grep -q "^It was a helped long day\.$" "$TMP/out"
check "check spintax" run 0 sh -c "echo 'Officials {stated|said} it was {quick|fast}, not {x | x > 0}.' | '$BIN' check"
check "check spintax verdict" grep -q "^verdict: SPUN" "$TMP/out"
check "check marks spintax" grep -qF "[{stated|said} -> said]" "$TMP/out"
check "check restores spintax" grep -qx "Officials said it was quick, not {x | x > 0}." "$TMP/out"
check "detect jsonl" run 0 "$BIN" detect --jsonl --threads 2 "$TMP/batch.jsonl"
check "detect jsonl ids" python3 -c "
import json; rows = [json.loads(l) for l in open('$TMP/out')]
assert [r['id'] for r in rows] == ['doc%d' % i for i in range(40)] and all('score' in r for r in rows)"
check "check jsonl" run 0 "$BIN" check --jsonl --threads 2 "$TMP/batch.jsonl"
check "check jsonl lines are check --json's" python3 -c "
import json, subprocess
rows = [json.loads(l) for l in open('$TMP/out')]
assert [r.pop('id') for r in rows] == ['doc%d' % i for i in range(40)]
texts = [json.loads(l)['text'] for l in open('$TMP/batch.jsonl')]
for k in (0, 39):
    one = subprocess.run(['$BIN', 'check', '--json'], input=texts[k].encode(), capture_output=True, check=True)
    assert rows[k] == json.loads(one.stdout), (rows[k], one.stdout)
assert all(r['marks'] and r['restore']['edits'] for r in rows)"
check "--exit-code: check jsonl spun exits 1" run 1 "$BIN" check --jsonl --exit-code "$TMP/batch.jsonl"
check "check report" run 0 "$BIN" check "$EX"
check "check verdict" grep -q "^verdict: SPUN" "$TMP/out"
check "check marks spans" grep -q "\[Inside -> Interior\]" "$TMP/out"
check "check restored section" grep -q "^--- restored" "$TMP/out"
check "check marks agree with the restored text" python3 -c "
import re
out = open('$TMP/out').read()
marked = out.split('--- text, suspicious spans marked')[1].split('\\n', 2)[2].split('\\n--- restored')[0]
restored = out.split('--- restored')[1].split('\\n', 2)[2]
def take(m):
    span, arrow, sugg = m.group(1).partition(' -> ')
    return sugg if arrow and not sugg.endswith('?') else span
assert marked.count('[') >= 3, marked
assert re.sub(r'\\[([^]]*)\\]', take, marked).strip() == restored.strip(), (marked, restored)"
check "check html report" run 0 "$BIN" check --html-report "$EX"
check "html report: a page whose text and marks are the text report's" python3 -c "
import html, html.parser, re, subprocess
page = open('$TMP/out').read()
class Tags(html.parser.HTMLParser):
    def __init__(self):
        super().__init__(); self.open = []; self.bad = 0; self.marks = 0
    def handle_starttag(self, tag, attrs):
        self.marks += tag == 'mark'
        if tag != 'meta': self.open.append(tag)
    def handle_endtag(self, tag):
        if self.open and self.open[-1] == tag: self.open.pop()
        else: self.bad += 1
t = Tags(); t.feed(page)
assert page.startswith('<!DOCTYPE html>') and not t.open and not t.bad, (t.open, t.bad)
text = subprocess.run(['$BIN', 'check', '$EX'], capture_output=True, check=True).stdout.decode()
marked = text.split('--- text, suspicious spans marked')[1].split('\\n', 2)[2].split('--- restored')[0]
assert t.marks == marked.count('[') >= 3, (t.marks, marked)
restored = text.split('--- restored')[1].split('\\n', 2)[2]
body = page.split('<h2>Restored')[1].split('<div class=\"text\">')[1].split('</div>')[0]
assert html.unescape(body).strip() == restored.strip()"
printf 'The <script>alert(1)</script> company stated \377 its profit & loss rose.\n' >"$TMP/markup.txt"
check "html report escapes the text" run 0 "$BIN" check --html-report "$TMP/markup.txt"
check "no markup from the text" python3 -c "
page = open('$TMP/out', encoding='utf-8').read()
assert '<script>' not in page and '&lt;script&gt;' in page and '&amp; loss' in page and '\ufffd' in page"
check "check clean" run 0 "$BIN" check "$ORIG"
check "check clean verdict" grep -q "^verdict: clean" "$TMP/out"
python3 -c "
import json
j = json.load(open('$ROOT/data/detector.json'))
j.pop('short_texts', None)
j['weights'] = [0] * len(j['weights']); j['bias'] = 1.0; j['threshold'] = 0.9  # every text scores 0.73
json.dump(j, open('$TMP/borderline.json', 'w'))"
check "check borderline" run 0 "$BIN" check --detector "$TMP/borderline.json" "$ORIG"
check "check borderline verdict" grep -q "^verdict: clean, borderline (score 0.73, threshold 0.90" "$TMP/out"
python3 -c "
import json
print(json.dumps({'id': 1, 'spun': open('$EX').read()}))
print(json.dumps({'id': 2, 'spun': open('$EX').read().replace('Inside', 'Interior')}))" >"$TMP/tspun.jsonl"
python3 -c "
import json
print(json.dumps({'id': 1, 'text': open('$ORIG').read()}))
print(json.dumps({'id': 2, 'text': 'The company said its profit rose in the quarter on strong sales.'}))" >"$TMP/tclean.jsonl"
check "detect train" run 0 "$BIN" detect train --spun "$TMP/tspun.jsonl" --clean "$TMP/tclean.jsonl" --out "$TMP/det.json" --into "$TMP/trained.unspin"
check "trained params" python3 -c "import json; j = json.load(open('$TMP/det.json')); assert len(j['weights']) == 23 and 0 < j['threshold'] < 1 and 'words' not in j"
python3 -c "
import json
for i in range(4):
    print(json.dumps({'id': i, 'spun': open('$EX').read(), 'original': open('$ORIG').read()}))" >"$TMP/tpairs.jsonl"
check "detect train word model" run 0 "$BIN" detect train --threads 1 --spun "$TMP/tpairs.jsonl" --clean "$TMP/tclean.jsonl" --out "$TMP/detw.json"
check "word model fitted" python3 -c "import json; j = json.load(open('$TMP/detw.json')); assert j['words']['trees'] and 0 < j['words']['threshold'] < 1"
check "short-text calibration fitted" python3 -c "import json; j = json.load(open('$TMP/detw.json'))['short_texts']; assert j['words'] == 150 and 0 < j['threshold'] < 1 and len(j['weights']) == 23"
check "detect train --short-words 0" run 0 "$BIN" detect train --threads 1 --short-words 0 --spun "$TMP/tpairs.jsonl" --clean "$TMP/tclean.jsonl" --out "$TMP/detw0.json"
check "one calibration for all lengths" python3 -c "import json; assert 'short_texts' not in json.load(open('$TMP/detw0.json'))"
check "word model used" run 0 "$BIN" detect --json --detector "$TMP/detw.json" "$EX"
check "detect train trees and learning rate" run 0 "$BIN" detect train --threads 1 --trees 7 --depth 3 --learning-rate 0.3 --spun "$TMP/tpairs.jsonl" --clean "$TMP/tclean.jsonl" --out "$TMP/detw7.json"
check "word model of 7 trees" python3 -c "import json; j = json.load(open('$TMP/detw7.json')); assert len(j['words']['trees']) == 7"
check "detect train decoder evidence" run 0 "$BIN" detect train --threads 1 --trees 7 --decoder-evidence --spun "$TMP/tpairs.jsonl" --clean "$TMP/tclean.jsonl" --out "$TMP/detd.json"
check "detect train carries decoded" run 0 "$BIN" detect train --threads 1 --trees 7 --decoded "$TMP/detd.json" --spun "$TMP/tpairs.jsonl" --clean "$TMP/tclean.jsonl" --out "$TMP/detld.json"
check "evidence of each" python3 -c "
import json; j = json.load(open('$TMP/detld.json'))
assert j['evidence'] == 'local' and j['decoded']['evidence'] == 'decoder' and len(j['decoded']['words']['trees']) == 7"
check "decoded must be decoder evidence" run 2 "$BIN" detect train --threads 1 --trees 7 --decoded "$TMP/detw7.json" --spun "$TMP/tpairs.jsonl" --clean "$TMP/tclean.jsonl" --out "$TMP/bad.json"
check "says which file and flag" grep -q "detw7.json.*--decoder-evidence" "$TMP/err"
check "detect --decoder-evidence" run 0 "$BIN" detect --json --decoder-evidence "$EX"
check "decoder spans" python3 -c "import json; j = json.load(open('$TMP/out')); assert j['spun'] and any(s['reason'] == 'decoder' for s in j['spans'])"
check "--decoder-evidence needs them" run 2 "$BIN" detect --decoder-evidence --detector "$TMP/detw7.json" "$EX"
check "learning rate out of range" run 2 "$BIN" detect train --learning-rate 0 --spun "$TMP/tpairs.jsonl" --clean "$TMP/tclean.jsonl"
check "detect train some originals" run 2 sh -c "(cat '$TMP/tpairs.jsonl'; head -n 1 '$TMP/tspun.jsonl') >'$TMP/mixed.jsonl'; '$BIN' detect train --spun '$TMP/mixed.jsonl' --clean '$TMP/tclean.jsonl'"
check "trained pack works" run 0 "$BIN" detect --model "$TMP/trained.unspin" "$EX"
check "trained pack info" run 0 "$BIN" model info "$TMP/trained.unspin"
check "trained pack has detector" grep -q $'^detector\tcalibrated' "$TMP/out"
check "detect train bad input" run 2 "$BIN" detect train --spun "$TMP/none.jsonl" --clean "$TMP/tclean.jsonl"

# index, trace, learn: the learning loop end to end on the bundled story.
python3 -c "
import json
print(json.dumps({'id': 'story', 'text': open('$ORIG').read()}))
print(json.dumps({'id': 'other', 'text': 'Wheat futures in Chicago fell 12 cents as rain in Kansas and Nebraska improved the outlook, traders at Cargill said.'}))" >"$TMP/corpus.jsonl"
check "index build" run 0 "$BIN" index build --out "$TMP/ix" "$TMP/corpus.jsonl"
check "index manifest" test -f "$TMP/ix/MANIFEST"
check "index build one thread" run 0 "$BIN" index build --threads 1 --out "$TMP/ix1" "$TMP/corpus.jsonl"
check "index same on one thread" cmp -s "$TMP/ix/seg-000001.useg" "$TMP/ix1/seg-000001.useg"
check "index build refuses existing" run 2 "$BIN" index build --out "$TMP/ix" "$TMP/corpus.jsonl"
check "index build in small segments" run 0 "$BIN" index build --segment-docs 1 --out "$TMP/ixs" "$TMP/corpus.jsonl"
check "small segments: both documents" run 0 "$BIN" index info "$TMP/ixs"
check "small segments: documents 2" grep -q $'^documents\t2' "$TMP/out"
check "segment size must be positive" run 2 "$BIN" index build --segment-docs 0 --out "$TMP/ix0" "$TMP/corpus.jsonl"
check "index build --passages" run 0 "$BIN" index build --passages --out "$TMP/ixp" "$TMP/corpus.jsonl"
check "index add to a passage index" run 0 "$BIN" index add "$TMP/ixp" "$TMP/corpus.jsonl"
check "passage index info" run 0 "$BIN" index info "$TMP/ixp"
check "passage index says so" grep -q $'^passage_words\t75' "$TMP/out"
check "passage index documents" grep -q $'^documents\t4' "$TMP/out"
check "index info" run 0 "$BIN" index info "$TMP/ix"
check "index info documents" grep -q $'^documents\t2' "$TMP/out"
check "plain index has no passages" grep -q $'^passage_words\t0' "$TMP/out"
check "trace" run 0 "$BIN" trace --index "$TMP/ix" "$EX"
check "trace finds the story" grep -q $'^story\t' "$TMP/out"
# A folder of pages and texts indexed; a page traced to its source.
mkdir -p "$TMP/site"
cp "$ORIG" "$TMP/site/story.txt"
printf '<html><body><nav>Home</nav><p>Wheat futures in Chicago fell 12 cents as rain in Kansas improved the outlook.</p></body></html>' >"$TMP/site/wheat.html"
check "index a folder of pages" run 0 "$BIN" index build --out "$TMP/ixsite" "$TMP/site"
check "index info pages" run 0 "$BIN" index info "$TMP/ixsite"
check "pages indexed" grep -q $'^documents\t2' "$TMP/out"
check "trace a page" run 0 "$BIN" trace --json --index "$TMP/ixsite" "$TMP/story.html"
check "page traced, offsets in its bytes" python3 -c "
import json; j = json.load(open('$TMP/out')); page = open('$TMP/story.html', 'rb').read()
m = j['matches'][0]
assert m['id'] == 'story.txt' and m['substitutions'], j
import re
words = lambda t: re.sub(r'<[^>]*>', ' ', t).split()
within = [s for s in m['substitutions'] if '\\n\\n' not in s['spun']]  # within one block
assert len(within) >= 5, m
for s in within:
    assert words(page[s['spun_start']:s['spun_end']].decode()) == words(s['spun']), s"
mkdir -p "$TMP/badsite"
cp "$ORIG" "$TMP/badsite/story.txt"
cp "$TMP/junk.bin" "$TMP/badsite/junk.txt"
check "a binary file in a folder is refused" run 2 "$BIN" index build --out "$TMP/ixbad" "$TMP/badsite"
check "binary file named" grep -q "badsite/junk.txt: binary data" "$TMP/err"
check "nothing published" test ! -e "$TMP/ixbad/MANIFEST"
check "trace json" run 0 "$BIN" trace --json --index "$TMP/ix" "$EX"
check "trace json substitutions" python3 -c "
import json; j = json.load(open('$TMP/out')); m = j['matches'][0]; src = open('$ORIG', 'rb').read(); spun = open('$EX', 'rb').read()
assert m['id'] == 'story' and len(m['substitutions']) >= 10
for s in m['substitutions']:
    assert spun[s['spun_start']:s['spun_end']].decode() == s['spun'] and src[s['source_start']:s['source_end']].decode() == s['source']"
# --passages (the patchwork behaviour is tested in trace_test.cc): a text
# under 300 words is traced whole, with the same JSON.
check "trace passages" run 0 "$BIN" trace --json --passages --index "$TMP/ix" "$EX"
check "passages: a short text traced whole" python3 -c "
import json; m = json.load(open('$TMP/out'))['matches'][0]; assert m['id'] == 'story' and 'passages' not in m"
check "trace unrelated" run 0 sh -c "echo 'Manchester United beat Arsenal 3-1 at Old Trafford, Rooney scoring twice.' | '$BIN' trace --json --index '$TMP/ix'"
check "no match" grep -q '"matches":\[\]' "$TMP/out"
python3 -c "
import json; print(json.dumps({'id': 'q1', 'text': open('$EX').read()}))" >"$TMP/queries.jsonl"
check "trace jsonl" run 0 "$BIN" trace --jsonl --index "$TMP/ix" "$TMP/queries.jsonl"
cp "$TMP/out" "$TMP/traced.jsonl"
check "learn" run 0 "$BIN" learn --out "$TMP/learned.tsv" "$TMP/traced.jsonl"
check "learned said<-stated" grep -q $'^said\tstated\t' "$TMP/learned.tsv"
check "restore with learned dict" run 0 "$BIN" restore --dict "$TMP/learned.tsv" "$EX"
cp "$TMP/out" "$TMP/restored_learned_default.txt"
# Restore reads a dictionary 'unspin learn' wrote as the learning loop was
# tuned (at @4, the pack's inventory at 0.1); check's restore reads it so too.
check "restore reads a learned dict at @4, inventory 0.1" run 0 "$BIN" restore --dict "$TMP/learned.tsv@4" --inventory-weight 0.1 "$EX"
check "the learned reading is the default" cmp -s "$TMP/out" "$TMP/restored_learned_default.txt"
check "read plainly it restores otherwise" run 0 "$BIN" restore --dict "$TMP/learned.tsv@1" --inventory-weight 1 "$EX"
check "the plain reading differs" test -n "$(cmp "$TMP/out" "$TMP/restored_learned_default.txt")"
check "candidates read a learned dict as restore does" python3 -c "
import json, subprocess
def said(*flags):
    out = subprocess.run(['$BIN', 'candidates', '--json', *flags, 'stated'], capture_output=True, check=True).stdout
    return [c['channel_log10'] for c in json.loads(out)['candidates'] if c['text'] == 'said'][0]
assert said('--dict', '$TMP/learned.tsv') == said('--dict', '$TMP/learned.tsv@4', '--inventory-weight', '0.1')
assert said('--dict', '$TMP/learned.tsv') > said('--dict', '$TMP/learned.tsv@1', '--inventory-weight', '1')"
check "check with the learned dict" run 0 "$BIN" check --dict "$TMP/learned.tsv" "$EX"
check "check restores as restore does" python3 -c "
out = open('$TMP/out').read().split('--- restored')[1].split('\\n', 2)[2]
assert out == open('$TMP/restored_learned_default.txt').read(), out"
check "learn with the copies' texts" run 0 "$BIN" learn --out "$TMP/learned4.tsv" --texts "$TMP/queries.jsonl" "$TMP/traced.jsonl"
check "learned occurrences column" grep -qE $'^said\tstated\t[0-9]+\t[0-9]+$' "$TMP/learned4.tsv"
check "learn texts of no traced copy" run 2 "$BIN" learn --out "$TMP/none4.tsv" --texts "$TMP/corpus.jsonl" "$TMP/traced.jsonl"
check "restore with the learned rates" run 0 "$BIN" restore --json --explain --dict "$TMP/learned4.tsv" "$EX"
check "an edit a learned phrase makes is backed at its rate" python3 -c "
import json
rows = [l.rstrip('\n').split('\t') for l in open('$TMP/learned4.tsv') if not l.startswith('#')]
stated = [r for r in rows if r[1] == 'stated']
rate = sum(int(r[2]) for r in stated) / (int(stated[0][3]) + 1)
edits = [e for e in json.load(open('$TMP/out'))['edits'] if e['from'].lower() == 'stated' and e['to'].lower() == 'said']
assert edits and all(e['support'] >= rate - 1e-9 for e in edits), (rate, edits)"
check "inventory weight must be positive" run 2 "$BIN" restore --inventory-weight 0 "$EX"
check "says so in a short line" grep -qx "unspin: error: --inventory-weight: must be a number above 0, not 0 (see 'unspin restore --help')" "$TMP/err"
check "a flag missing from a nested subcommand" run 2 "$BIN" index build "$EX"
check "points at that subcommand's help" grep -q "(see 'unspin index build --help')$" "$TMP/err"
check "restore trusting the learned dict" run 0 "$BIN" restore --json --inventory-weight 0.1 --dict "$TMP/learned.tsv" "$EX"
cp "$TMP/out" "$TMP/restored_learned.json"
check "restore without the learned dict" run 0 "$BIN" restore --json "$EX"
# The learned dictionary brings the text closer to the source than the pack
# alone: it makes more right edits (an edit's words replaced by the original's
# at that place), and at least 80% of its edits are right (what it learned
# from this very story can still misfire: "were -> had been", learned from
# one sentence, is undone in another whose "had been" was the original's).
check "learned restores more" python3 -c "
import difflib, json, re
orig = open('$ORIG').read()
spun = open('$EX', 'rb').read()
words = lambda t: re.findall(r\"[\\w']+|[^\\w\\s]\", t.lower())
ow = words(orig)
def right(path):
    n = 0
    for e in json.load(open(path))['edits']:
        before, after = spun[:e['start']].decode(), spun[e['end']:].decode()
        restored = words(before) + words(e['to']) + words(after)
        m = difflib.SequenceMatcher(None, restored, ow, autojunk=False)
        lo = len(words(before)); hi = lo + len(words(e['to']))
        covered = sum(max(0, min(b.a + b.size, hi) - max(b.a, lo)) for b in m.get_matching_blocks())
        n += covered == hi - lo
    return n
learned, alone = '$TMP/restored_learned.json', '$TMP/out'
made = len(json.load(open(learned))['edits'])
assert right(learned) > right(alone) and right(learned) >= 0.8 * made, (right(learned), right(alone), made)"
check "index add" run 0 "$BIN" index add "$TMP/ix" "$TMP/queries.jsonl"
check "two segments" run 0 "$BIN" index info "$TMP/ix"
check "segments 2" grep -q $'^segments\t2' "$TMP/out"
check "trace missing index" run 2 "$BIN" trace --index "$TMP/none" "$EX"
check "learn nothing" run 2 sh -c "echo '{\"id\": 1, \"matches\": []}' | '$BIN' learn --out '$TMP/x.tsv'"

# eval runs unspin's own restore, detect and trace when no outputs are given.
python3 -c "
import json
print(json.dumps({'id': 'story', 'spun': open('$EX').read(), 'original': open('$ORIG').read()}))" >"$TMP/storypair.jsonl"
check "eval restore runs restore" run 0 "$BIN" eval restore --json --pairs "$TMP/storypair.jsonl" --clean "$TMP/tclean.jsonl"
check "own restore scored" python3 -c "import json; j = json.load(open('$TMP/out')); assert j['system_edits'] > 5 and j['tp'] > 5 and 'clean_edits_per_1000_words' in j"
check "eval detect runs detect" run 0 "$BIN" eval detect --json --pairs "$TMP/storypair.jsonl" --clean "$TMP/tclean.jsonl"
check "own detect scored" python3 -c "import json; j = json.load(open('$TMP/out')); assert j['auc'] == 1.0 and j['token_f1'] > 0.3"
"$BIN" index build --out "$TMP/ix2" "$TMP/corpus.jsonl" 2>/dev/null
check "eval trace runs trace" run 0 "$BIN" eval trace --json --pairs "$TMP/storypair.jsonl" --index "$TMP/ix2"
check "own trace scored" python3 -c "import json; j = json.load(open('$TMP/out')); assert j['recall_at_1'] == 1.0"
check "eval trace needs an index" run 2 "$BIN" eval trace --pairs "$TMP/storypair.jsonl"

# serve: the HTTP API answers as the commands' --json modes do.
"$BIN" detect --json "$EX" >"$TMP/cli_detect.json"
"$BIN" restore --json "$EX" >"$TMP/cli_restore.json"
"$BIN" check --json "$EX" >"$TMP/cli_check.json"
"$BIN" trace --json --index "$TMP/ix2" "$EX" >"$TMP/cli_trace.json"
for _ in $(seq 20); do cat "$EX"; echo; done >"$TMP/long.txt"
"$BIN" detect --json "$TMP/long.txt" >"$TMP/cli_long.json"
"$BIN" trace --json --passages --index "$TMP/ix2" "$TMP/long.txt" >"$TMP/cli_trace_passages.json"
"$BIN" check --html-report "$EX" >"$TMP/cli_check_report.html"
# (--dict changes restore's lexicon, not the one /trace matches the index with.)
printf 'airplane\tsky boat\t3\n' >"$TMP/serve_dict.tsv"
"$BIN" serve --port 0 --index "$TMP/ix2" --dict "$TMP/serve_dict.tsv" --fingerprints "$TMP/fp.tsv" \
  --max-bytes 200000 2>"$TMP/serve.err" &
SERVE_PID=$!
for _ in $(seq 100); do grep -q "listening on" "$TMP/serve.err" && break; sleep 0.1; done
PORT="$(grep -o 'http://[0-9.]*:[0-9]*' "$TMP/serve.err" | sed 's/.*://')"
check "serve prints its port" test -n "$PORT"
cat >"$TMP/client.py" <<'PY'
import json, sys, urllib.request, urllib.error
port, tmp, ex = sys.argv[1], sys.argv[2], sys.argv[3]
def call(method, path, body=None, json_body=False):
    req = urllib.request.Request('http://127.0.0.1:%s%s' % (port, path), data=body, method=method)
    if json_body:
        req.add_header('Content-Type', 'application/json')
    try:
        with urllib.request.urlopen(req, timeout=60) as r:
            return r.status, json.loads(r.read())
    except urllib.error.HTTPError as e:
        return e.code, json.loads(e.read())
text = open(ex, 'rb').read()
code, j = call('GET', '/health')
assert code == 200 and j['status'] == 'ok' and j['trace'] is True, j
code, j = call('POST', '/detect', text)
assert code == 200 and j == json.load(open(tmp + '/cli_detect.json')), j
body = json.dumps({'id': 'a1', 'text': text.decode()}).encode()
want = json.load(open(tmp + '/cli_restore.json'))
code, j = call('POST', '/restore', body, json_body=True)
assert code == 200 and j.pop('id') == 'a1' and j == want, j
code, j = call('POST', '/check', text)
assert code == 200 and j['restore'] == want and j['detect']['spun'] is True, j
assert j == json.load(open(tmp + '/cli_check.json')), j
with urllib.request.urlopen(urllib.request.Request(
        'http://127.0.0.1:%s/check?report=html' % port, data=text, method='POST'), timeout=60) as r:
    assert r.headers['Content-Type'].startswith('text/html'), r.headers['Content-Type']
    assert r.read() == open(tmp + '/cli_check_report.html', 'rb').read()
# The form for people: GET / is the page, POST / its fields (form-urlencoded,
# as a browser sends them) answered with check --html-report's page and a link
# back to the form.
import urllib.parse
with urllib.request.urlopen('http://127.0.0.1:%s/' % port, timeout=60) as r:
    form = r.read().decode()
    assert r.headers['Content-Type'].startswith('text/html'), r.headers['Content-Type']
assert '<form method="post" action="/"' in form and 'name="text"' in form, form
def post_form(fields):
    req = urllib.request.Request('http://127.0.0.1:%s/' % port,
                                 data=urllib.parse.urlencode(fields).encode(), method='POST')
    try:
        with urllib.request.urlopen(req, timeout=60) as r:
            return r.status, r.read().decode()
    except urllib.error.HTTPError as e:
        return e.code, e.read().decode()
code, page = post_form({'text': text.decode()})
back = '<p><a href="/">Check another text</a></p>\n'
assert code == 200 and back in page, page
assert page.replace(back, '') == open(tmp + '/cli_check_report.html').read()
code, page = post_form({'text': 'Profits rose 5% & costs + fees fell, a=b.'})
assert code == 200 and 'Profits rose 5% &amp; costs + fees fell, a=b.' in page, page
code, page = post_form({'text': '<p>Hello <b>world</b></p>', 'html': '1'})
assert code == 200 and '<div class="text">Hello world</div>' in page, page
code, page = post_form({'text': 'a\u0000b'})
assert code == 400 and 'binary data' in page and 'href="/"' in page, page
code, j = call('POST', '/', b'{"text": "a"}', json_body=True)
assert code == 415 and 'form' in j['error'], j
code, page = post_form({'txt': 'a'})  # curl -d 'some text' / sends no field "text"
assert code == 400 and 'no field' in page, page
code, j = call('POST', '/trace', text)
assert code == 200 and j == json.load(open(tmp + '/cli_trace.json')), j
code, j = call('POST', '/trace?passages=1', open(tmp + '/long.txt', 'rb').read())
assert code == 200 and j == json.load(open(tmp + '/cli_trace_passages.json')), j
assert j['matches'] and j['matches'][0]['passages'], j
page = open(tmp + '/story.html', 'rb').read()
code, j = call('POST', '/restore?html=1', page)
assert code == 200 and j == json.load(open(tmp + '/cli_restore_html.json')), j
req = urllib.request.Request('http://127.0.0.1:%s/restore' % port, data=page, method='POST')
req.add_header('Content-Type', 'text/html; charset=utf-8')
with urllib.request.urlopen(req, timeout=60) as r:
    assert json.loads(r.read()) == json.load(open(tmp + '/cli_restore_html.json'))
code, j = call('POST', '/restore', b'{"text": ', json_body=True)
assert code == 400 and 'JSON' in j['error'], j
code, j = call('POST', '/restore', b'{"txt": "a"}', json_body=True)
assert code == 400 and 'text' in j['error'], j
code, j = call('GET', '/nowhere')
assert code == 404 and 'POST /detect' in j['error'], j
code, j = call('POST', '/detect', b'x' * 300000)
assert code == 413 and 'max-bytes' in j['error'], j
code, j = call('POST', '/detect', b'PK\x03\x04\x00\x00binary')
assert code == 400 and 'binary data' in j['error'], j
code, j = call('POST', '/detect', json.dumps({'text': 'a\u0000b'}).encode(), json_body=True)
assert code == 400 and 'binary data' in j['error'], j
code, j = call('POST', '/restore', b'')
assert code == 200 and j == {'text': '', 'edits': []}, j
code, j = call('POST', '/restore', b'It was a helped lengthy day.')
assert code == 200 and j['text'] == 'It was a helped long day.', j
# A body over 8 KiB with urllib's (and curl's) default form type is text too.
long = open(tmp + '/long.txt', 'rb').read()
assert len(long) > 8192
code, j = call('POST', '/detect', long)
assert code == 200 and j == json.load(open(tmp + '/cli_long.json')), (code, j)
print('serve: ok')
PY
check "serve answers as the commands" python3 "$TMP/client.py" "$PORT" "$TMP" "$EX"
check "serve port in use" run 2 "$BIN" serve --port "$PORT"
check "serve says so" grep -q "cannot listen" "$TMP/err"
kill -TERM "$SERVE_PID"
for _ in $(seq 100); do kill -0 "$SERVE_PID" 2>/dev/null || break; sleep 0.1; done
kill -KILL "$SERVE_PID" 2>/dev/null  # still running after 10 s: a failure below
wait "$SERVE_PID"
check "serve stops on SIGTERM with exit 0" test $? -eq 0
check "serve says it stopped" grep -q "stopped" "$TMP/serve.err"

finish cli
