#!/usr/bin/env bash
# Builds the libFuzzer targets (clang) into build-fuzz/ and runs them.
#   scripts/fuzz.sh smoke              every target for FUZZ_SECONDS (default 20) — CI
#   scripts/fuzz.sh run TARGET SECONDS one target for longer
set -euo pipefail
cd "$(dirname "$0")/.."
mode="${1:-smoke}"
targets=(fuzz_content fuzz_query fuzz_request fuzz_template fuzz_yaml)
cmake -S . -B build-fuzz -G Ninja -DCMAKE_C_COMPILER=clang -DCMAKE_CXX_COMPILER=clang++ \
  -DCMAKE_BUILD_TYPE=RelWithDebInfo -DTOPICHUB_FUZZ=ON -DBUILD_TESTING=OFF -DTOPICHUB_BENCH=OFF >/dev/null
cmake --build build-fuzz --target "${targets[@]}"
export ASAN_OPTIONS="detect_leaks=1:abort_on_error=1"
export UBSAN_OPTIONS="print_stacktrace=1:halt_on_error=1"

run_target() {  # target seconds
  local target="$1" seconds="$2"
  mkdir -p "build-fuzz/corpus/$target" "build-fuzz/crashes/$target"
  echo "fuzz: $target for ${seconds}s"
  "build-fuzz/fuzz/$target" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 -max_len=65536 \
    -artifact_prefix="build-fuzz/crashes/$target/" -print_final_stats=1 \
    "build-fuzz/corpus/$target" "fuzz/corpus/${target#fuzz_}" 2>&1 | grep -E "^(#[0-9]+.*DONE|stat::number_of_executed_units|stat::peak_rss_mb|cov:)|ERROR|SUMMARY|Test unit written" | tail -4
  test "${PIPESTATUS[0]}" -eq 0
}

case "$mode" in
  smoke) for target in "${targets[@]}"; do run_target "$target" "${FUZZ_SECONDS:-20}"; done ;;
  run) run_target "$2" "${3:-1800}" ;;
  *) echo "usage: $0 smoke | run TARGET SECONDS" >&2; exit 2 ;;
esac
