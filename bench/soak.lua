-- Stops each wrk thread after its share of the total request count (wrk itself only knows durations).
local total = tonumber(os.getenv("SOAK_REQUESTS") or "100000")
local threads = tonumber(os.getenv("SOAK_THREADS") or "2")
local done = 0
function response(status, headers, body)
  done = done + 1
  if done >= total / threads then wrk.thread:stop() end
end
