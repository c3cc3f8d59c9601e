#!/usr/bin/env bash
# Build benchmark: topichub build (with its search index) against Hugo on the
# same content with equivalent minimal templates, plus Pagefind indexing
# Hugo's output, in one run.
#
#   bench/build/run.sh [--reps 5] [--reps-6x 3] [--disk-reps 3] [--times 6]
#                      [--sites "medquad medquad-6x"] [--synthetic N]
#                      [--disk-sites medquad] [--skip-disk] [--no-build]
#                      [--out DIR] [--shm /dev/shm] [--disk /tmp] [--keep]
#
# 1. installs Hugo (Debian package) and Pagefind (bench/build/node, from its
#    lockfile) if missing; builds topichub under the team's build lock and
#    times a private copy of the binary;
# 2. lays out, in /dev/shm, the MedQuAD site (../shared/tools/medquad-site)
#    and its Hugo twin (--hugo), a --times copy of both
#    (bench/replicate_site.py), and with --synthetic N a generated site of N
#    articles and its twin (synthetic_site.py);
# 3. per site, --reps times (--reps-6x for the copy), alternating engines:
#    topichub, Hugo, Pagefind into fresh output folders in /dev/shm, then the
#    same three again over their previous output (rebuild: the editor's
#    normal case, a folder already rebuilt into before, so one untimed
#    rebuild by topichub and Hugo comes first); old trees are deleted between
#    repetitions, outside the timed part;
# 4. the same on disk (--disk-sites, --disk-reps times) into a fresh folder
#    under --disk: all fresh runs, then all rebuilds; a file-system probe
#    before and after, nothing deleted until the end, and before every run
#    `sync` and a wait until the disk is idle (measure.py settle);
# 5. prints the tables (measure.py table): medians, spread, ratios, targets.
# Every figure printed is measured in this run. The raw JSON lines, each
# command's output and report.txt are kept in --out.
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
shared=${TOPICHUB_SHARED:-$root/../shared}
build=${TOPICHUB_BUILD_DIR:-$root/build}
reps=5
reps_6x=3
disk_reps=3
times=6
sites="medquad medquad-6x"
synthetic=0
disk_sites="medquad"
do_disk=1
do_build=1
out=""
shm=/dev/shm
disk=/tmp
keep=0
while [ $# -gt 0 ]; do
  case "$1" in
    --reps) reps=$2; shift 2 ;;
    --reps-6x) reps_6x=$2; shift 2 ;;
    --disk-reps) disk_reps=$2; shift 2 ;;
    --times) times=$2; shift 2 ;;
    --sites) sites=$2; shift 2 ;;
    --synthetic) synthetic=$2; shift 2 ;;
    --disk-sites) disk_sites=$2; shift 2 ;;
    --skip-disk) do_disk=0; shift ;;
    --no-build) do_build=0; shift ;;
    --out) out=$2; shift 2 ;;
    --shm) shm=$2; shift 2 ;;
    --disk) disk=$2; shift 2 ;;
    --keep) keep=1; shift ;;
    -h|--help) awk 'NR > 1 && /^#/ { print; next } NR > 1 { exit }' "$0"; exit 0 ;;
    *) echo "run.sh: unknown argument $1" >&2; exit 2 ;;
  esac
done
copy=medquad-${times}x
sites=${sites//medquad-6x/$copy}
disk_sites=${disk_sites//medquad-6x/$copy}
[ "$synthetic" -gt 0 ] && sites="$sites synthetic-$synthetic"

step() { echo "== $(date +%H:%M:%S) $*" >&2; }
started=$(date +%s)

# --- tools -------------------------------------------------------------------
if ! command -v hugo >/dev/null; then
  step "installing hugo (apt-get)"
  apt-get install -y hugo >&2 || { apt-get update >&2 && apt-get install -y hugo >&2; }
fi
if [ ! -x "$here/node/node_modules/.bin/pagefind" ]; then
  step "installing pagefind (npm ci in bench/build/node)"
  npm ci --prefix "$here/node" --no-audit --no-fund >&2
fi

locked() { if command -v flock >/dev/null; then flock /tmp/topichub-build.lock "$@"; else "$@"; fi; }
if [ "$do_build" = 1 ]; then
  step "building topichub (waiting for the build lock)"
  [ -f "$build/build.ninja" ] || [ -f "$build/Makefile" ] || locked cmake -S "$root" -B "$build" -G Ninja >&2
  locked cmake --build "$build" --target topichub >&2
fi

work=$(mktemp -d "$shm/topichub-build-bench.XXXXXX")
disk_work=""
cleanup() {
  if [ "$keep" = 0 ]; then
    rm -rf "$work"
    [ -z "$disk_work" ] || rm -rf "$disk_work"
  else
    echo "(sites and outputs kept in $work${disk_work:+ and $disk_work})" >&2
  fi
}
trap cleanup EXIT
out=${out:-$(mktemp -d /tmp/topichub-build-bench-results.XXXXXX)}
mkdir -p "$out/logs"
log=$out/runs.jsonl
: > "$log"
# Time a private copy, so that a colleague relinking build/topichub cannot change it mid-run.
mkdir -p "$work/bin"
locked cp "$build/topichub" "$work/bin/topichub"
topichub=$work/bin/topichub
measure() { python3 "$here/measure.py" "$@"; }

# --- sites -------------------------------------------------------------------
site_dir=$work/sites
mkdir -p "$site_dir" "$work/out"
lay_out() {  # lay_out NAME: NAME (topichub's layout) and NAME-hugo (Hugo's)
  local name=$1
  [ -d "$site_dir/$name" ] && return 0
  case "$name" in
    medquad)
      step "laying out MedQuAD and its Hugo twin"
      python3 "$shared/tools/medquad-site" "$site_dir/medquad" --jsonl "$shared/corpora/medquad/medquad.jsonl.gz" >&2
      python3 "$shared/tools/medquad-site" "$site_dir/medquad-hugo" --hugo --jsonl "$shared/corpora/medquad/medquad.jsonl.gz" >&2 ;;
    medquad-*x)
      lay_out medquad
      step "laying out a ${times}x copy of MedQuAD and of its Hugo twin"
      python3 "$root/bench/replicate_site.py" "$site_dir/medquad" "$site_dir/$name" --times "$times" >&2
      python3 "$root/bench/replicate_site.py" "$site_dir/medquad-hugo" "$site_dir/$name-hugo" --times "$times" >&2 ;;
    synthetic-*)
      step "generating a synthetic site of ${name#synthetic-} articles and its Hugo twin"
      python3 "$here/synthetic_site.py" "${name#synthetic-}" "$site_dir/$name" >&2
      python3 "$here/synthetic_site.py" "${name#synthetic-}" "$site_dir/$name-hugo" --hugo >&2 ;;
    *) echo "run.sh: unknown site $name (medquad, $copy, or --synthetic N)" >&2; exit 2 ;;
  esac
  measure site --log "$log" "$name" "$site_dir/$name"
}
all_sites=$sites
[ "$do_disk" = 1 ] && all_sites="$all_sites $disk_sites"
for name in $all_sites; do lay_out "$name"; done

# --- timing ------------------------------------------------------------------
# The build commands, set in the array `cmd`: topichub_cmd SITE OUT, hugo_cmd SITE OUT.
topichub_cmd() { cmd=("$topichub" build "$site_dir/$1" -o "$2"); }
hugo_cmd() { cmd=(hugo --source "$site_dir/$1-hugo" --destination "$2" --layoutDir "$here/hugo/layouts" --quiet); }
# run_engine SITE PLACE CASE ENGINE REP BASE: one timed run.
run_engine() {
  local site=$1 place=$2 case=$3 engine=$4 rep=$5 base=$6
  local th=$base/$site-topichub-$rep hu=$base/$site-hugo-$rep
  # On disk: wait until the disk is idle, so no run pays for the previous one's write-back or deletions.
  [ "$place" != disk ] || measure settle --log "$log" "$base"
  local common=(--log "$log" --site "$site" --place "$place" --case "$case" --engine "$engine" --rep "$rep"
                --cmd-log "$out/logs/$site-$place-$case-$engine-$rep.log")
  case "$engine" in
    topichub) topichub_cmd "$site" "$th"; measure run "${common[@]}" --out "$th" -- "${cmd[@]}" ;;
    hugo) hugo_cmd "$site" "$hu"; measure run "${common[@]}" --out "$hu" --exclude pagefind -- "${cmd[@]}" ;;
    pagefind) measure run "${common[@]}" --out "$hu/pagefind" --cwd "$here/node" -- npx pagefind --site "$hu" ;;
  esac
}

# warm_up SITE REP BASE: one untimed rebuild by topichub and Hugo, so that the
# timed rebuild is a rebuild of a folder rebuilt before (topichub writes into
# the site from two builds ago, its spare, which the first rebuild lacks).
warm_up() {
  local site=$1 rep=$2 base=$3
  topichub_cmd "$site" "$base/$site-topichub-$rep"; "${cmd[@]}" > /dev/null 2>&1
  hugo_cmd "$site" "$base/$site-hugo-$rep"; "${cmd[@]}" > /dev/null 2>&1
}

# bench SITE PLACE REPS BASE
# In /dev/shm each repetition runs fresh then rebuild and deletes its trees.
# On disk nothing is deleted, and all fresh runs come before all rebuilds:
# on ext4, creating many files within a minute or so of a large deletion
# costs seconds of kernel CPU in the creating process.
bench() {
  local site=$1 place=$2 n=$3 base=$4 rep case engine
  if [ "$place" = shm ]; then
    for rep in $(seq 1 "$n"); do
      step "$site into $place: repetition $rep of $n"
      for case in fresh rebuild; do
        [ "$case" = fresh ] || warm_up "$site" "$rep" "$base"
        for engine in topichub hugo pagefind; do
          run_engine "$site" "$place" "$case" "$engine" "$rep" "$base"
        done
      done
      # Outside the timed part; tmpfs deletes are quick, still pause.
      rm -rf "$base/$site-topichub-$rep" "$base/.$site-topichub-$rep.topichub-spare" "$base/$site-hugo-$rep"
      sleep 2
    done
  else
    for case in fresh rebuild; do
      for rep in $(seq 1 "$n"); do
        step "$site into $place: $case, repetition $rep of $n"
        [ "$case" = fresh ] || warm_up "$site" "$rep" "$base"
        for engine in topichub hugo pagefind; do
          run_engine "$site" "$place" "$case" "$engine" "$rep" "$base"
        done
      done
    done
  fi
}

describe() {
  echo "topichub build benchmark — $(date -u '+%Y-%m-%d %H:%M UTC'), topichub $(git -C "$root" rev-parse --short HEAD 2>/dev/null || echo '?')$(git -C "$root" diff --quiet HEAD -- src templates 2>/dev/null || echo '+changes')"
  echo "machine: $(nproc) cores ($(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs)), $(awk '/MemTotal/ {printf "%.0f GiB", $2/1048576}' /proc/meminfo) RAM; load average at start $(cut -d' ' -f1-3 /proc/loadavg)"
  echo "engines: $(hugo version | cut -d' ' -f1-2) with bench/build/hugo/layouts; pagefind $(cd "$here/node" && npx pagefind --version | awk '{print $2}') (npx pagefind --site HUGO_OUT); topichub build SITE -o OUT"
  echo "runs: /dev/shm: median of $reps ($reps_6x for $copy); disk ($disk under $(df --output=source "$disk" | tail -1)): median of $disk_reps"
}
describe > "$out/header.txt"

step "file-system probe on $shm"
measure probe --log "$log" --place shm --remove "$work/probe"
sleep 2
for site in $sites; do
  n=$reps
  [ "$site" = "$copy" ] && n=$reps_6x
  bench "$site" shm "$n" "$work/out"
done

if [ "$do_disk" = 1 ]; then
  disk_work=$(mktemp -d "$disk/topichub-build-bench-disk.XXXXXX")
  step "file-system probe on disk ($disk_work)"
  measure settle --log "$log" "$disk_work"
  measure probe --log "$log" --place disk "$disk_work/probe-before"
  for site in $disk_sites; do bench "$site" disk "$disk_reps" "$disk_work"; done
  measure settle --log "$log" "$disk_work"
  measure probe --log "$log" --place disk "$disk_work/probe-after"
fi

{
  cat "$out/header.txt"
  echo "finished $(date -u '+%H:%M UTC') after $(( ($(date +%s) - started) / 60 )) min; load average at end $(cut -d' ' -f1-3 /proc/loadavg)"
  echo
  measure table "$log"
} | tee "$out/report.txt"
echo "(raw runs in $log, command output in $out/logs, report in $out/report.txt)" >&2
