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
