#!/usr/bin/env bash
# Builds topichub with AddressSanitizer and UndefinedBehaviorSanitizer into
# build-sanitize/ and runs the whole test suite there; any report fails it.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
cmake -S . -B build-sanitize -G Ninja -DCMAKE_BUILD_TYPE=Debug -DTOPICHUB_SANITIZE=ON -DTOPICHUB_BENCH=OFF >/dev/null
cmake --build build-sanitize
export ASAN_OPTIONS="detect_leaks=1:abort_on_error=1:strict_string_checks=1"
export UBSAN_OPTIONS="print_stacktrace=1:halt_on_error=1"
# The wrk load test (label "load") measures the release build only.
ctest --test-dir build-sanitize --output-on-failure -j2 --label-exclude load
