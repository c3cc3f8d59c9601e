#!/usr/bin/env bash
# Search evaluation and latency benchmark: topichub against SQLite FTS5 and
# Xapian, over the same documents and queries, in one run.
#
#   bench/search/run.sh [--runs 3] [--repeat 5] [--out DIR] [--no-build] [--skip-latency]
#
# 1. lays out the MedQuAD site (../shared/tools/medquad-site) and a 6x copy
#    (bench/replicate_site.py) in a temporary folder;
# 2. builds topichub, search_baselines and search_latency;
# 3. quality: runs the MedQuAD known-item set and the hand-judged leg-cramps
#    set through topichub (full, and with --no-synonyms --no-typos
#    --no-prefix), FTS5 and Xapian, and scores them (score.py);
# 4. latency: times typical 1-4 word queries on MedQuAD and the 6x copy,
#    each engine in its own process, --runs times, and prints the medians
#    side by side (latency_table.py).
# Every figure printed is measured in this run. Run files, reports and the
# per-query listings are kept in --out (default: a folder under /tmp).
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
shared=${TOPICHUB_SHARED:-$root/../shared}
build=${TOPICHUB_BUILD_DIR:-$root/build}
runs=3
repeat=5
out=""
do_build=1
do_latency=1
while [ $# -gt 0 ]; do
  case "$1" in
    --runs) runs=$2; shift 2 ;;
    --repeat) repeat=$2; shift 2 ;;
    --out) out=$2; shift 2 ;;
    --no-build) do_build=0; shift ;;
    --skip-latency) do_latency=0; shift ;;
    -h|--help) sed -n '2,19p' "$0"; exit 0 ;;
    *) echo "run.sh: unknown argument $1" >&2; exit 2 ;;
  esac
done

work=$(mktemp -d /tmp/topichub-search-bench.XXXXXX)
trap 'rm -rf "$work/medquad" "$work/medquad-6x"' EXIT
out=${out:-$work/results}
mkdir -p "$out"
step() { echo "== $*" >&2; }

# Builds share the machine with other work: take the team's build lock.
locked() { if command -v flock >/dev/null; then flock /tmp/topichub-build.lock "$@"; else "$@"; fi; }

if [ "$do_build" = 1 ]; then
  step "building"
  [ -f "$build/build.ninja" ] || [ -f "$build/Makefile" ] || locked cmake -S "$root" -B "$build" -G Ninja >&2
  locked cmake --build "$build" --target topichub search_baselines search_latency >&2
fi
topichub=$build/topichub
baselines=$build/bench/search_baselines
latency=$build/bench/search_latency

step "laying out MedQuAD and a 6x copy in $work"
python3 "$shared/tools/medquad-site" "$work/medquad" --jsonl "$shared/corpora/medquad/medquad.jsonl.gz" >&2
python3 "$root/bench/replicate_site.py" "$work/medquad" "$work/medquad-6x" --times 6 >&2

# evaluate NAME SITE QUERIES: one TREC run file per engine in $out/NAME/.
evaluate() {
  local name=$1 site=$2 queries=$3 dir=$out/$1
  mkdir -p "$dir"
  step "quality: $name"
  "$topichub" search "$site" --queries "$queries" --limit 100 > "$dir/topichub.run"
  "$topichub" search "$site" --queries "$queries" --limit 100 --no-synonyms --no-typos --no-prefix |
    sed 's/ topichub$/ topichub-plain/' > "$dir/topichub-plain.run"
  "$baselines" "$site" --engine fts5 --queries "$queries" --limit 100 > "$dir/fts5.run"
  "$baselines" "$site" --engine xapian --queries "$queries" --limit 100 > "$dir/xapian.run"
}
runs_of() { echo "$out/$1/topichub.run" "$out/$1/topichub-plain.run" "$out/$1/fts5.run" "$out/$1/xapian.run"; }

evaluate known-item "$work/medquad" "$here/known-item/queries.tsv"
evaluate leg-cramps "$root/examples/leg-cramps" "$here/leg-cramps/queries.tsv"

if [ "$do_latency" = 1 ]; then
  queries=$here/latency-queries.tsv
  : > "$out/latency-medquad.txt"
  : > "$out/latency-medquad-6x.txt"
  for run in $(seq 1 "$runs"); do
    for site in medquad medquad-6x; do
      step "latency: $site, run $run of $runs"
      report=$out/latency-$site.txt
      "$latency" "$work/$site" --latency "$queries" --repeat "$repeat" >> "$report"
      "$latency" "$work/$site" --latency "$queries" --repeat "$repeat" --plain >> "$report"
      "$baselines" "$work/$site" --engine fts5 --latency "$queries" --repeat "$repeat" >> "$report"
      "$baselines" "$work/$site" --engine xapian --xapian-backend glass --latency "$queries" --repeat "$repeat" >> "$report"
      "$baselines" "$work/$site" --engine xapian --xapian-backend inmemory --latency "$queries" --repeat "$repeat" >> "$report"
    done
  done
fi

{
  echo "topichub search benchmark — $(date -u '+%Y-%m-%d %H:%M UTC'), $(git -C "$root" rev-parse --short HEAD 2>/dev/null || echo '?')$(git -C "$root" diff --quiet 2>/dev/null || echo '+changes'), $(nproc) cores: $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs)"
  echo
  echo "## MedQuAD known-item set ($(grep -vc '^#' "$here/known-item/queries.tsv") queries; one target article each; [misspelled]: the queries with a typo)"
  # shellcheck disable=SC2046
  python3 "$here/score.py" "$here/known-item/qrels.txt" $(runs_of known-item) \
    --subset "misspelled=$here/known-item/misspelled.txt"
  echo
  echo "## leg-cramps hand-judged set (graded: 2 best, 1 also relevant)"
  # shellcheck disable=SC2046
  python3 "$here/score.py" "$here/leg-cramps/qrels.txt" $(runs_of leg-cramps) \
    --best-in-top 3 --per-query --queries "$here/leg-cramps/queries.tsv"
  if [ "$do_latency" = 1 ]; then
    echo
    echo "## latency: $(grep -vc '^#' "$here/latency-queries.tsv") typical 1-4 word queries, 10 hits each, one thread; median of $runs runs x $repeat passes"
    python3 "$here/latency_table.py" "medquad=$out/latency-medquad.txt" "medquad-6x=$out/latency-medquad-6x.txt"
  fi
} | tee "$out/report.txt"
echo "(run files and reports kept in $out)" >&2
