#!/usr/bin/env bash
# Where a build's time goes, stage by stage: builds topichub with frame
# pointers (in build-prof/), records `perf record -g` of one build of SITE into
# a fresh folder under /dev/shm, and prints the share of samples per stage
# (stage_profile.py), and of the top symbols of the stage given with --stage.
#
#   bench/build/profile.sh SITE [--stage render] [--top 25] [--out DIR]
#
# Needs perf (Debian linux-perf); not part of setup.sh, as no test uses it.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
site=${1:?usage: profile.sh SITE [--stage NAME] [--top N] [--out DIR]}
shift
stage_args=()
out=$(mktemp -d /tmp/topichub-profile.XXXXXX)
while [ $# -gt 0 ]; do
  case "$1" in
    --stage|--top) stage_args+=("$1" "$2"); shift 2 ;;
    --out) out=$2; mkdir -p "$out"; shift 2 ;;
    *) echo "unknown option $1" >&2; exit 2 ;;
  esac
done
command -v perf >/dev/null || { echo "profile.sh: needs perf (apt-get install linux-perf)" >&2; exit 1; }
cmake -S "$root" -B "$root/build-prof" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo \
  -DCMAKE_CXX_FLAGS="-fno-omit-frame-pointer -mno-omit-leaf-frame-pointer" >/dev/null
flock /tmp/topichub-build.lock cmake --build "$root/build-prof" --target topichub >/dev/null
target=$(mktemp -d /dev/shm/topichub-profile.XXXXXX)
perf record -F 4000 -g -o "$out/perf.data" "$root/build-prof/topichub" build "$site" --out "$target/site" --timings \
  2> "$out/build.log" >/dev/null
rm -rf "$target"
grep -E '^  [a-z ]+:' "$out/build.log" || true
perf script -F comm,tid,ip,sym -i "$out/perf.data" 2>/dev/null | python3 "$here/stage_profile.py" "${stage_args[@]}"
echo "(perf.data and the build's --timings in $out)"
