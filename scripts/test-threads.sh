#!/usr/bin/env bash
# Builds topichub with ThreadSanitizer into build-tsan/ and builds whole sites
# with it: every parallel stage (load, link, curate, render, the writer, the
# search index and its second thread) runs on thousands of pages, where the
# unit tests' small sites rarely make threads meet. Any report fails it.
# Each site is built three times into the same folder (fresh, a rebuild
# linking from the previous site, a rebuild into the spare), and the last
# output must equal a fresh build's, byte for byte.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
cmake -S . -B build-tsan -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DTOPICHUB_TSAN=ON -DTOPICHUB_BENCH=OFF \
  -DBUILD_TESTING=OFF >/dev/null
cmake --build build-tsan --target topichub
topichub=build-tsan/topichub
export TSAN_OPTIONS="halt_on_error=1 exitcode=66"

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
python3 bench/build/synthetic_site.py 3000 "$work/synthetic" >/dev/null
for site in examples/leg-cramps "$work/synthetic"; do
  name=$(basename "$site")
  for build in 1 2 3; do
    "$topichub" build "$site" --out "$work/out-$name" >/dev/null
  done
  "$topichub" build "$site" --out "$work/fresh-$name" >/dev/null
  diff -r -x .topichub-output "$work/out-$name" "$work/fresh-$name"
  "$topichub" search "$site" "leg cramps" --index "$work/out-$name/_search/index.bin" >/dev/null
  echo "test-threads: $name built three times and searched under ThreadSanitizer, no report"
done
