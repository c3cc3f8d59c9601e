-- wrk script: counts every response that is not 200 as an error and prints
-- one machine-readable summary line at the end (read by load_test.sh).
local bad_status = 0

response = function(status, headers, body)
  if status ~= 200 then bad_status = bad_status + 1 end
end

done = function(summary, latency, requests)
  local e = summary.errors
  io.write(string.format(
    "LOAD requests=%d seconds=%.2f rps=%.0f p50_ms=%.3f p99_ms=%.3f max_ms=%.3f " ..
    "connect_errors=%d read_errors=%d write_errors=%d timeouts=%d bad_status=%d\n",
    summary.requests, summary.duration / 1e6, summary.requests / (summary.duration / 1e6),
    latency:percentile(50) / 1000, latency:percentile(99) / 1000, latency.max / 1000,
    e.connect, e.read, e.write, e.timeout, bad_status))
end
