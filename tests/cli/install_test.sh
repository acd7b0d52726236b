#!/usr/bin/env bash
# `cmake --install` into a temporary prefix: the installed binary runs and
# finds the installed pack and data without flags or environment.
# Usage: install_test.sh BUILD_DIR   (run by ctest, after build_model.sh)
set -u
BUILD="$(cd "$1" && pwd)"
ROOT="$(cd "$(dirname "$0")/../.." && pwd)"
# shellcheck source=tests/cli/check_lib.sh
. "$ROOT/tests/cli/check_lib.sh"
PREFIX="$TMP/prefix"
check "cmake --install" cmake --install "$BUILD" --prefix "$PREFIX" >"$TMP/install.log"
check "binary installed" test -x "$PREFIX/bin/unspin"
check "library installed" test -f "$PREFIX/lib/libunspin.a"
check "public headers installed" test -f "$PREFIX/include/unspin/restorer.h"
check "data installed" test -f "$PREFIX/share/unspin/spinner_phrases.tsv" \
  -a -f "$PREFIX/share/unspin/detector.json"
# The manual pages (scripts/make_man.sh): the program's, with its exit status,
# and one per subcommand, holding that subcommand's options.
MAN="$PREFIX/share/man/man1"
check "man page installed" grep -q '^\.SH "EXIT STATUS"' "$MAN/unspin.1"
check "man page lists the subcommands' pages" grep -q "unspin-detect" "$MAN/unspin.1"
check "subcommand man page" grep -q 'exit\\-code' "$MAN/unspin-detect.1"
pages=("$MAN"/unspin-*.1)
check "a page per subcommand" test "${#pages[@]}" -eq \
  "$("$PREFIX/bin/unspin" --help | sed -n '/^Subcommands:/,$p' | grep -c '^  [a-z]')"
if command -v man >/dev/null; then
  check "man renders the page" sh -c "man -l '$MAN/unspin-restore.1' 2>/dev/null | grep -q -- '--threshold'"
fi
if [ -f "$BUILD/en-us.unspin" ]; then
  check "pack installed" cmp -s "$BUILD/en-us.unspin" "$PREFIX/share/unspin/en-us.unspin"
  # Run from elsewhere, with no variable pointing at a model.
  (cd "$TMP" && env -u UNSPIN_MODEL -u UNSPIN_LM "$PREFIX/bin/unspin" detect \
    "$ROOT/data/examples/news_spun.txt" >"$TMP/out" 2>"$TMP/err")
  check "installed binary finds its pack" grep -q "^spun " "$TMP/out"
  (cd "$TMP" && env -u UNSPIN_MODEL "$PREFIX/bin/unspin" model info >"$TMP/info" 2>&1)
  check "model info names the installed pack" grep -q "^path.$PREFIX/share/unspin/en-us.unspin$" \
    "$TMP/info"
fi
finish install
