#!/usr/bin/env bash
# Load test of `topichub serve` with wrk: 100 connections for LOAD_SECONDS
# (default 30) against a hub page, an article and /api/search, one after the
# other. Fails on any error (connect, read, write, timeout, status other than
# 200); prints requests per second and latency percentiles for each.
#   tests/serve/load_test.sh path/to/topichub
set -euo pipefail
binary="$1"
seconds="${LOAD_SECONDS:-30}"
connections="${LOAD_CONNECTIONS:-100}"
here="$(cd "$(dirname "$0")" && pwd)"
site="$here/../../examples/leg-cramps"
log="$(mktemp)"

"$binary" serve "$site" --port 0 --no-live-reload 2>"$log" &
server=$!
trap 'kill $server 2>/dev/null; wait $server 2>/dev/null; rm -f "$log"' EXIT
port=""
for _ in $(seq 1 300); do
  port="$(sed -n 's|^serving .* on http://[^:]*:\([0-9]*\)/.*|\1|p' "$log")"
  [ -n "$port" ] && break
  sleep 0.1
done
[ -n "$port" ] || { echo "load: server did not start"; cat "$log"; exit 1; }

failed=0
printf '%-28s %9s %9s %9s %9s %9s %7s\n' path requests req/s p50_ms p99_ms max_ms errors
for path in /topics/leg-cramps-at-night/ /articles/restless-legs-syndrome-guide/ "/api/search?q=charley+horse+at+night"; do
  status="$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$port$path")"
  [ "$status" = 200 ] || { echo "load: $path answers $status before the test"; exit 1; }
  line="$(wrk -t2 -c"$connections" -d"${seconds}s" --timeout 5s -s "$here/load_report.lua" "http://127.0.0.1:$port$path" | grep '^LOAD ')"
  declare -A r=()
  for field in ${line#LOAD }; do r[${field%%=*}]="${field#*=}"; done
  errors=$(( r[connect_errors] + r[read_errors] + r[write_errors] + r[timeouts] + r[bad_status] ))
  printf '%-28s %9s %9s %9s %9s %9s %7s\n' "${path:0:28}" "${r[requests]}" "${r[rps]}" "${r[p50_ms]}" "${r[p99_ms]}" "${r[max_ms]}" "$errors"
  if [ "$errors" -ne 0 ] || [ "${r[requests]}" -eq 0 ]; then echo "load: FAILED on $path: $line"; failed=1; fi
done
kill -TERM $server
wait $server || { echo "load: server exited with status $?"; failed=1; }
trap 'rm -f "$log"' EXIT
exit $failed
