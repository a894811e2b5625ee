-- wrk script of the provisioning boot storm (run by ProvisioningBootStormBench; see ../README.md#benchmark).
--
-- args: <request file> <threads> <once|loop>
-- The request file has one line per request, "device<TAB>path<TAB>User-Agent<TAB>Authorization", each device's
-- files consecutive and in its boot order. Device d belongs to thread d % threads; a thread sends its devices'
-- requests in file order over its connections (one request in flight per connection).
-- loop: walk the list round and round until wrk's duration ends (the warm passes).
-- once: walk it once (the cold pass: every device's first boot after a cache flush), count the statuses, note when
--       this thread had as many responses as it has requests, print BOOTSTORM-THREAD-DONE and stop the thread; the
--       bench interrupts wrk (SIGINT) once every thread is done.
local ffi = require("ffi")
ffi.cdef [[
typedef struct { long tv_sec; long tv_nsec; } bootstorm_timespec;
int clock_gettime(int clock, bootstorm_timespec *ts);
]]
local clock = ffi.new("bootstorm_timespec")

local function now_us()
  ffi.C.clock_gettime(1, clock) -- CLOCK_MONOTONIC: the same clock in every thread
  return tonumber(clock.tv_sec) * 1000000 + math.floor(tonumber(clock.tv_nsec) / 1000)
end

local threads = {}

function setup(thread)
  thread:set("id", #threads)
  table.insert(threads, thread)
end

function init(args)
  local file, nthreads, mode = args[1], tonumber(args[2]), args[3]
  requests = {}
  for line in io.lines(file) do
    local device, path, agent, auth = line:match("^(%d+)\t([^\t]+)\t([^\t]*)\t([^\t]*)$")
    if device == nil then
      error("bad request line: " .. line)
    end
    if tonumber(device) % nthreads == id then
      local headers = { ["User-Agent"] = agent }
      if auth ~= "" then
        headers["Authorization"] = auth
      end
      requests[#requests + 1] = wrk.format("GET", path, headers)
    end
  end
  total, next_index = #requests, 0
  first_us, done_us, responses, ok, not_found, other = 0, 0, 0, 0, 0, 0
  if mode == "once" then
    -- defined only here: wrk parses headers for Lua only when the script has a response function
    response = function(status)
      responses = responses + 1
      if status == 200 then
        ok = ok + 1
      elseif status == 404 then
        not_found = not_found + 1
      else
        other = other + 1
      end
      if responses == total then
        done_us = now_us()
        io.write("BOOTSTORM-THREAD-DONE\n")
        io.flush()
        wrk.thread:stop()
      end
    end
  end
end

function request()
  if first_us == 0 then
    first_us = now_us()
  end
  next_index = next_index % total + 1
  return requests[next_index]
end

function done(summary, latency)
  local first, last, counted = nil, 0, { ok = 0, not_found = 0, other = 0, total = 0 }
  for _, t in ipairs(threads) do
    local f, d = t:get("first_us"), t:get("done_us")
    if f > 0 and (first == nil or f < first) then first = f end
    if d == 0 then last = -1 elseif last >= 0 and d > last then last = d end
    for k, _ in pairs(counted) do
      counted[k] = counted[k] + (k == "total" and t:get("total") or t:get(k))
    end
  end
  local e = summary.errors
  io.write(string.format("BOOTSTORM-RESULT requests=%d duration_us=%d listed=%d p50_us=%d p99_us=%d max_us=%d "
      .. "non2xx=%d connect=%d read=%d write=%d timeout=%d walk_us=%d ok=%d not_found=%d other=%d\n",
    summary.requests, summary.duration, counted.total, latency:percentile(50), latency:percentile(99), latency.max,
    e.status, e.connect, e.read, e.write, e.timeout, (last > 0 and first ~= nil) and (last - first) or -1,
    counted.ok, counted.not_found, counted.other))
end
