-- Conditional GETs: each line is "path<TAB>etag", sent with If-None-Match: etag, so a current
-- validator is answered 304 (counted in the RESULT line's statuses).
-- wrk -s bench/lua/revalidate.lua URL -- PATH_ETAG_FILE
count_statuses = true
dofile((os.getenv("BENCH_DIR") or "bench") .. "/lua/report.lua")

local requests = {}

function init(args)
  for _, line in ipairs(lines_of(args[1])) do
    local path, etag = line:match("^(%S+)\t(%S+)$")
    requests[#requests + 1] = wrk.format("GET", path, { ["If-None-Match"] = etag })
  end
end

function request()
  return requests[math.random(#requests)]
end
