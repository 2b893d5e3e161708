-- Shared by the wrk scripts: per-thread status counts and one parsable RESULT line from done().
-- A script that wants status counts sets count_statuses = true before including this file.
local threads = {}

function setup(thread)
  thread:set("tid", #threads + 1)
  table.insert(threads, thread)
end

statuses = {}

if count_statuses then
  function response(status, headers, body)
    statuses[status] = (statuses[status] or 0) + 1
  end
end

function lines_of(path)
  local lines = {}
  for line in io.lines(path) do
    if line ~= "" then lines[#lines + 1] = line end
  end
  assert(#lines > 0, "no lines in " .. path)
  return lines
end

function done(summary, latency, requests)
  local counts, keys = {}, {}
  for _, thread in ipairs(threads) do
    for status, n in pairs(thread:get("statuses") or {}) do
      if counts[status] == nil then keys[#keys + 1] = status end
      counts[status] = (counts[status] or 0) + n
    end
  end
  table.sort(keys)
  local parts = {}
  for _, status in ipairs(keys) do parts[#parts + 1] = status .. ":" .. counts[status] end
  local e = summary.errors
  io.write(string.format(
    "RESULT requests=%d seconds=%.3f rps=%.1f p50_ms=%.3f p90_ms=%.3f p99_ms=%.3f max_ms=%.3f mean_ms=%.3f " ..
    "errors_connect=%d errors_read=%d errors_write=%d errors_timeout=%d non_2xx_3xx=%d statuses=%s\n",
    summary.requests, summary.duration / 1e6, summary.requests / (summary.duration / 1e6),
    latency:percentile(50) / 1000, latency:percentile(90) / 1000, latency:percentile(99) / 1000,
    latency.max / 1000, latency.mean / 1000,
    e.connect, e.read, e.write, e.timeout, e.status, table.concat(parts, ",")))
end
