#!/usr/bin/env bash
# Builds the libFuzzer targets with AddressSanitizer and runs each for a while.
#   scripts/fuzz.sh [SECONDS-PER-TARGET] [TARGET …]     (default 600 s; FuzzPlan FuzzRubric FuzzStaffing)
# Seeds come from the shipped examples; new corpus entries go to out/fuzz/<target>/corpus,
# crashes to out/fuzz/<target>/crash-*. Only Swift code is instrumented, not the system libxml2.
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${1:-600}
shift || true
targets=("$@")
[ ${#targets[@]} -gt 0 ] || targets=(FuzzPlan FuzzRubric FuzzStaffing)
export TRAINPLAN_FUZZ=1
# Swift's backtracer would hang on the first crash inside libFuzzer, so the fuzzers run with
# SWIFT_BACKTRACE=enable=no. Only they do: with it set during `swift build`, the build came
# out without coverage counters in all seven builds tried (third session; before, this showed
# up as counters that went missing "now and then", and it is why the check below exists).
scratch=${FUZZ_SCRATCH:-.build-fuzz}
# Build a target and check that libFuzzer sees its coverage counters; relink, recompile or
# build from scratch if not.
build() {
  local target=$1
  for attempt in 1 2 3 4 5; do
    rm -f "$scratch/x86_64-unknown-linux-gnu/release/$target"
    # Later attempts recompile the target, then the library, before linking again; the last
    # builds from a clean folder (an incremental build has been seen to lose the counters).
    [ "$attempt" = 3 ] && touch "Sources/$target/$target.swift"
    [ "$attempt" = 4 ] && touch Sources/TrainPlanReview/Reviewer.swift
    [ "$attempt" = 5 ] && rm -rf "$scratch"
    swift build -c release --product "$target" --sanitize=fuzzer --sanitize=address --scratch-path "$scratch" 2>&1 \
      | tail -n 1
    # Captured first: `… | grep -q` would close the pipe at the first match, and under
    # pipefail the fuzzer's SIGPIPE would count as a failed check.
    local probe
    probe=$(SWIFT_BACKTRACE=enable=no "$scratch/release/$target" -runs=0 SessionPlans 2>&1 || true)
    if grep -q "INITED cov:" <<< "$probe"; then return 0; fi
    echo "fuzz: $target has no coverage counters after build $attempt; relinking" >&2
  done
  echo "fuzz: ERROR: $target still has no coverage counters; libFuzzer would run blind" >&2
  exit 1
}
for target in "${targets[@]}"; do
  [ "${FUZZ_NO_BUILD:-0}" = 1 ] || build "$target"
  dir=out/fuzz/$target
  mkdir -p "$dir/corpus" "$dir/seeds"
  case "$target" in
    FuzzPlan) cp SessionPlans/*.xml Tests/TrainPlanTests/Fixtures/Hostile/*.xml "$dir/seeds/" 2>/dev/null || true ;;
    FuzzRubric) cp Rubrics/*.xml "$dir/seeds/" ;;
    FuzzStaffing) cp Rosters/*.xml "$dir/seeds/"; [ -f out/assignments.xml ] && cp out/assignments.xml "$dir/seeds/" || true ;;
  esac
  echo "fuzz: $target for $seconds s"
  SWIFT_BACKTRACE=enable=no "$scratch/release/$target" "$dir/corpus" "$dir/seeds" -max_total_time="$seconds" -max_len=65536 -dict=scripts/fuzz.dict \
    -timeout=10 -rss_limit_mb=4096 -artifact_prefix="$dir/" -print_final_stats=1 2>&1 \
    | grep -E "(DONE|stat::number_of_executed_units|stat::peak_rss_mb|==[0-9]+==ERROR|SUMMARY|artifact_prefix|Test unit written)" || true
  ls "$dir" | grep -E "^(crash|leak|timeout|oom)-" && echo "fuzz: $target FOUND PROBLEMS (see $dir)" || echo "fuzz: $target no findings"
done
