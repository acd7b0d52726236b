#!/usr/bin/env bash
# Writes the manual pages from the binary's own --help (GNU help2man, Debian's
# `help2man`): OUT/unspin.1 for the program and its list of subcommands, and
# OUT/unspin-SUB.1 for each subcommand (its options and its own subcommands).
# Run by the build (CMake target `man`); `cmake --install` puts them in
# share/man/man1, so `man unspin` and `man unspin-detect` work.
#   scripts/make_man.sh BINARY OUT_DIR
set -euo pipefail
[ $# -eq 2 ] || { echo "usage: make_man.sh BINARY OUT_DIR" >&2; exit 2; }
BIN="$(cd "$(dirname "$1")" && pwd)/$(basename "$1")"
OUT="$2"
command -v help2man >/dev/null || { echo "make_man: help2man not found (scripts/setup.sh installs it)" >&2; exit 1; }
VERSION="$("$BIN" --version | sed -n 's/^unspin //p')"
[ -n "$VERSION" ] || { echo "make_man: $BIN --version printed no version" >&2; exit 1; }
mkdir -p "$OUT"
WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT

# The program as help2man runs it: `unspin [SUB] --help`, named "unspin" in
# the usage lines rather than by the build path.
wrap() {  # wrap NAME [SUB]: an executable $WORK/NAME running `unspin SUB "$@"`
  printf '#!/usr/bin/env bash\nexec -a unspin %q %s "$@"\n' "$BIN" "${2:-}" >"$WORK/$1"
  chmod +x "$WORK/$1"
}
# The subcommands and their one-line descriptions, from the "Subcommands:"
# list of the top-level help.
"$BIN" --help | sed -n '/^Subcommands:/,$p' | sed '1d' |
  sed -n 's/^  \([a-z][a-z-]*\)  *\(.*\)$/\1\t\2/p' >"$WORK/subcommands.tsv"
[ -s "$WORK/subcommands.tsv" ] || { echo "make_man: no subcommands in $BIN --help" >&2; exit 1; }

{
  echo "[SEE ALSO]"
  echo "Each subcommand has its own page:"
  cut -f1 "$WORK/subcommands.tsv" | sed 's/^/.BR unspin-/; s/$/ (1),/' | sed '$ s/,$//'
  echo ".PP"
  echo "The README of the unspin repository: the method, the model pack, quality and performance."
} >"$WORK/see_also.h2m"

page() {  # page FILE NAME DESCRIPTION [SUB [INCLUDE]]
  local file="$1" name="$2" description="$3" sub="${4:-}" include=()
  [ -n "${5:-}" ] && include=(--include="$5")
  wrap "$name" "$sub"
  help2man --no-info --no-discard-stderr --version-string="$VERSION" \
    --name="$description" --section=1 --source="unspin $VERSION" \
    --manual="unspin manual" --include="$WORK/see_also.h2m" "${include[@]}" \
    --output="$WORK/$file.tmp" "$WORK/$name"
  mv "$WORK/$file.tmp" "$OUT/$file"
}

# The program's page adds examples, exit status and environment.
page unspin.1 unspin "detect, restore and trace machine-spun text" "" \
  "$(cd "$(dirname "$0")/.." && pwd)/docs/man/unspin.h2m"
while IFS=$'\t' read -r sub description; do
  page "unspin-$sub.1" "unspin-$sub" "$description" "$sub"
done <"$WORK/subcommands.tsv"
echo "make_man: $(($(wc -l <"$WORK/subcommands.tsv") + 1)) pages in $OUT"
