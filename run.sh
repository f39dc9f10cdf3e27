#!/usr/bin/env bash
# The project's two commands (see README):  ./run.sh main [flags]   |   ./run.sh test [nbdev_test flags]
# Each creates .venv/ (or $SKIKD_VENV) and installs what it needs on first use.
set -euo pipefail
cd "$(dirname "$0")"
VENV=${SKIKD_VENV:-.venv}
TORCH=${SKIKD_TORCH:-torch==2.13.0}   # pinned: an unpinned torch pulls a multi-GB CUDA build

setup() {
  [ -x "$VENV/bin/python" ] || python3 -m venv "$VENV"
  local stamp="$VENV/.skikd-installed"
  if [ ! -f "$stamp" ] || [ settings.ini -nt "$stamp" ] || [ setup.py -nt "$stamp" ]; then
    echo "installing into $VENV ..." >&2
    # SKIKD_TORCH_INDEX: an index serving CPU wheels, for machines where the pinned version would resolve to a CUDA build
    "$VENV/bin/pip" install -q --disable-pip-version-check ${SKIKD_TORCH_INDEX:+--index-url "$SKIKD_TORCH_INDEX"} "$TORCH"
    "$VENV/bin/pip" install -q --disable-pip-version-check -e ".[dev]"
    touch "$stamp"
  fi
}

run_tests() {
  local log; log=$(mktemp)
  set +e
  "$VENV/bin/nbdev_test" --do_print --timing "$@" 2>&1 | tee "$log"
  local rc=${PIPESTATUS[0]}
  set -e
  local total failed
  total=$(grep -c '^Starting ' "$log" || true)
  failed=$(awk '/nbdev Tests Failed On The Following Notebooks/{f=1; next} f && /^\t/{n++} END{print n+0}' "$log")
  local raised; raised=$(grep -oE '^[A-Za-z_.]*(Error|Exception|Interrupt|Exit)[A-Za-z_]* in .*\.ipynb:$' "$log" | sed 's/.* in //' | sort -u | wc -l || true)
  [ "$raised" -gt "$failed" ] && failed=$raised                # notebooks that raised, when nbdev_test died before its list
  [ "$rc" -ne 0 ] && [ "$failed" -eq 0 ] && failed=1          # it failed without naming a notebook: never report a green count
  local listed skipped
  listed=$(grep -cE "^[^ ]+\.ipynb: [0-9]+ secs$" "$log" || true)
  skipped=$(( listed > total ? listed - total : 0 ))   # skip_exec notebooks are listed but never started
  rm -f "$log"
  echo "$((total - failed)) passed, $failed failed, $skipped skipped"
  return "$rc"
}

cmd=${1:-}; [ $# -gt 0 ] && shift
case "$cmd" in
  main)  setup; exec "$VENV/bin/skikd" run "$@" ;;
  test)  setup; run_tests "$@" ;;
  setup) setup ;;
  *) echo "usage: ./run.sh main [--source PATH] [--out DIR] | ./run.sh test [--path NOTEBOOK]" >&2; exit 2 ;;
esac
