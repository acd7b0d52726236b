# Shared by the shell tests (sourced): a temporary directory $TMP removed on
# exit, and check NAME CONDITION... counting passes and failures, which
# finish NAME reports (its status: whether all passed).
TMP="$(mktemp -d)"
trap 'rm -rf "$TMP"' EXIT
pass=0
fail=0

check() {  # check NAME CONDITION...
  local name="$1"
  shift
  if "$@"; then pass=$((pass + 1)); else fail=$((fail + 1)); echo "FAIL: $name" >&2; fi
}

finish() {  # finish NAME: the summary line; fails when any check failed
  echo "$1: $pass passed, $fail failed"
  [ "$fail" -eq 0 ]
}
