-- GET requests over a list of paths (one per line, picked at random), all pre-formatted so the
-- ping ceiling and the measured endpoint cost wrk the same per request.
-- wrk -s bench/lua/get.lua URL -- PATHS_FILE
dofile((os.getenv("BENCH_DIR") or "bench") .. "/lua/report.lua")

local requests = {}

function init(args)
  for _, path in ipairs(lines_of(args[1])) do
    requests[#requests + 1] = wrk.format("GET", path)
  end
end

function request()
  return requests[math.random(#requests)]
end
