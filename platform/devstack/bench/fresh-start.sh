#!/usr/bin/env bash
# Times `./devstack.sh --fresh` on clean clones of two revisions, alternating, with a warm Maven cache of its own
# (a copy of ~/.m2, so the clones' installs never touch the developer's), from the command to "Telops is up".
# Usage: platform/devstack/bench/fresh-start.sh BEFORE_REV [AFTER_REV (default HEAD)] [ROUNDS (default 2)]
# Prints one line per run and the after/before ratio of the medians; the machine's load average is printed
# beside each run because a shared 2-core machine is noisy.
set -euo pipefail
repo="$(cd "$(dirname "$0")/../../.." && pwd)"
before=$(git -C "$repo" rev-parse --short "${1:?usage: fresh-start.sh BEFORE_REV [AFTER_REV] [ROUNDS]}")
after=$(git -C "$repo" rev-parse --short "${2:-HEAD}")
rounds=${3:-2}
work=${TMPDIR:-/tmp}/devstack-fresh-bench
mkdir -p "$work"
if [ ! -d "$work/m2" ]; then
  echo "copying ~/.m2/repository to $work/m2 (warm cache of the bench's own)"
  cp -a "$HOME/.m2/repository" "$work/m2"
fi

run_once() { # rev -> prints seconds to "Telops is up", or fails
  local rev=$1 dir="$work/clone-$1" log="$work/run-$1.log"
  rm -rf "$dir" "$log" && git clone -q "$repo" "$dir" && git -C "$dir" checkout -q "$rev"
  local start=$SECONDS
  (cd "$dir" && MAVEN_OPTS="-Dmaven.repo.local=$work/m2" setsid ./devstack.sh --fresh > "$log" 2>&1) &
  local pid=$!
  local up=""
  while kill -0 "$pid" 2>/dev/null; do
    if grep -qs "Telops is up" "$log"; then up=$((SECONDS - start)); break; fi
    sleep 1
  done
  # SIGTERM: a background job's SIGINT is ignored, and the JVM runs devstack's shutdown hook on SIGTERM too
  pkill -TERM -f "telops.root=$dir" 2>/dev/null || true
  wait "$pid" 2>/dev/null || true
  pkill -KILL -f "$dir" 2>/dev/null || true
  if [ -z "$up" ]; then echo "$rev did not come up; see $log" >&2; return 1; fi
  echo "$up"
}

declare -a tb ta
for r in $(seq 1 "$rounds"); do
  for rev in "$before" "$after"; do
    s=$(run_once "$rev")
    printf 'round %d  %-9s %4d s   load %s\n' "$r" "$rev" "$s" "$(cut -d' ' -f1-3 /proc/loadavg)"
    if [ "$rev" = "$before" ]; then tb+=("$s"); else ta+=("$s"); fi
  done
done
median() { printf '%s\n' "$@" | sort -n | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }
mb=$(median "${tb[@]}"); ma=$(median "${ta[@]}")
awk -v b="$mb" -v a="$ma" -v rb="$before" -v ra="$after" \
  'BEGIN { printf "median before %s: %s s, after %s: %s s, ratio after/before %.2f\n", rb, b, ra, a, a / b }'
