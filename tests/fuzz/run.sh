#!/usr/bin/env bash
# Runs every fuzz target for SECONDS from its seed corpus: tests/fuzz/run.sh BUILD_DIR SEEDS_DIR SECONDS.
# New inputs go to BUILD_DIR/corpus/<target> (the seeds in git stay as written); a crash, a leak or a
# sanitizer report stops that target, is saved under BUILD_DIR/crashes/, and fails the run.
set -uo pipefail
build=$1 seeds=$2 seconds=$3
mkdir -p "$build/corpus" "$build/crashes"
failed=()
for seed_dir in "$seeds"/*/; do
  name=$(basename "$seed_dir")
  target="$build/${name}_fuzz"
  [ -x "$target" ] || { echo "fuzz: no target $target for the corpus $seed_dir" >&2; failed+=("$name"); continue; }
  mkdir -p "$build/corpus/$name"
  log="$build/crashes/$name.log"
  # -timeout: an input taking 10 s is a hang; -rss_limit_mb: one growing past 2 GiB is a leak or a bomb.
  if "$target" "$build/corpus/$name" "$seed_dir" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 \
    -max_len=16384 -artifact_prefix="$build/crashes/$name-" >"$log" 2>&1; then
    printf 'fuzz: %-8s %s\n' "$name" "$(grep -Eo '#[0-9]+[[:space:]]+DONE[[:space:]]+cov: [0-9]+' "$log" | tail -1 | tr -s '\t ' ' ')"
  else
    echo "fuzz: $name FAILED; its report:" >&2
    grep -E 'ERROR|SUMMARY|broken promise|Test unit written|^ *#[0-9]+ 0x' "$log" | head -40 >&2
    echo "fuzz: reproduce with $target <the file named above>; full log in $log" >&2
    failed+=("$name")
  fi
done
if [ ${#failed[@]} -gt 0 ]; then
  echo "fuzz: failed: ${failed[*]}" >&2
  exit 1
fi
echo "fuzz: every target ran ${seconds}s with no crash, leak or sanitizer report"
