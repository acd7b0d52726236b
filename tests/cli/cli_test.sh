#!/usr/bin/env bash
# End-to-end tests of the unspin binary: help, output formats, exit codes.
# Usage: cli_test.sh path/to/unspin   (run by ctest)
set -u
BIN="$(cd "$(dirname "$1")" && pwd)/$(basename "$1")"
ROOT="$(cd "$(dirname "$0")/../.." && pwd)"
SHARED="$ROOT/../shared/data"
TMP="$(mktemp -d)"
trap 'rm -rf "$TMP"' EXIT
pass=0
fail=0

check() {  # check NAME CONDITION...
  local name="$1"
  shift
  if "$@"; then pass=$((pass + 1)); else fail=$((fail + 1)); echo "FAIL: $name" >&2; fi
}

run() {  # run EXPECTED_EXIT CMD...: stdout to $TMP/out, stderr to $TMP/err
  local want="$1"
  shift
  "$@" >"$TMP/out" 2>"$TMP/err" </dev/null
  local got=$?
  [ "$got" -eq "$want" ] || { echo "  exit $got, wanted $want: $*" >&2; head -3 "$TMP/err" >&2; return 1; }
}

# --help on every subcommand.
for cmd in "" "lm" "lm convert" "lm info" "lm score" "tokenize"; do
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

# tokenize: tokens with offsets; invalid UTF-8 passes with a warning.
check "tokenize" run 0 sh -c "printf 'Mr. Smith said no. The U.S. agreed.' | '$BIN' tokenize --sentences"
check "two sentences" test "$(wc -l <"$TMP/out")" -eq 2
check "tokenize invalid utf8" run 0 sh -c "printf 'ok \377 bad' | '$BIN' tokenize"
check "warns about invalid bytes" grep -q "invalid UTF-8" "$TMP/err"
check "tokenize jsonl" run 0 sh -c "printf 'It’s' | '$BIN' tokenize --jsonl"
check "jsonl norm folds apostrophe" grep -q '"norm":"it'"'"'s"' "$TMP/out"

echo "cli: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
