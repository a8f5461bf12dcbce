-- One endpoint per wrk run, described by the environment: BENCH_METHOD, BENCH_PATHS (space-separated,
-- taken in turn, so writes spread over many cruds), BENCH_BODY (JSON) and BENCH_TOKEN. BENCH_BODIES_FILE
-- (one JSON body a line) gives each request a body of its own instead: wrk's BENCH_THREADS threads take
-- every BENCH_THREADS-th line from their own start, so no two requests send the same one.
local paths = {}
for path in string.gmatch(os.getenv("BENCH_PATHS") or "/", "%S+") do table.insert(paths, path) end
local next_path = 0

wrk.method = os.getenv("BENCH_METHOD") or "GET"
local body = os.getenv("BENCH_BODY") or ""
if body ~= "" then
  wrk.body = body
  wrk.headers["Content-Type"] = "application/json"
end
local token = os.getenv("BENCH_TOKEN") or ""
if token ~= "" then wrk.headers["Authorization"] = "Bearer " .. token end

local bodies = {}
local bodies_file = os.getenv("BENCH_BODIES_FILE") or ""
if bodies_file ~= "" then
  for line in io.lines(bodies_file) do table.insert(bodies, line) end
  wrk.headers["Content-Type"] = "application/json"
end
local threads = tonumber(os.getenv("BENCH_THREADS") or "1")
local started_threads = 0
-- thread_number is set in each thread's own Lua state by setup(), which runs in the main one.
thread_number = 0
setup = function(thread)
  thread:set("thread_number", started_threads)
  started_threads = started_threads + 1
end
local next_body = nil

request = function()
  next_path = next_path % #paths + 1
  if #bodies == 0 then return wrk.format(nil, paths[next_path]) end
  next_body = next_body and next_body + threads or thread_number + 1
  -- Past the last line a body is sent again, and the API refuses it: counted as an error, never unseen.
  return wrk.format(nil, paths[next_path], nil, bodies[(next_body - 1) % #bodies + 1])
end

-- The figures the bench keeps, as one JSON line (latencies in microseconds).
done = function(summary, latency, requests)
  local errors = summary.errors
  io.write(string.format(
    'BENCH_RESULT {"requests": %d, "duration_us": %d, "bytes": %d, "p50_us": %d, "p99_us": %d, ' ..
    '"non_2xx": %d, "socket_errors": %d}\n',
    summary.requests, summary.duration, summary.bytes, latency:percentile(50), latency:percentile(99),
    errors.status, errors.connect + errors.read + errors.write + errors.timeout))
end
