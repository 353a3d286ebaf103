-- wrk script for bench/load.py: every request is the next line of a request list, each
-- line its own page, path and session cookie (so each request is a different real user),
-- and every response is timed and logged by page and status.
--
-- Environment: LOAD_REQUESTS (the list: "page<TAB>path<TAB>cookie" per line) and
-- LOAD_OUT (written at the end: one "page<TAB>status<TAB>microseconds" line per response).
-- Run with as many threads as connections (-tN -cN): with one connection per thread,
-- request() and response() strictly alternate, so the thread can time each request itself;
-- wrk's own histogram has no per-page split.

local ffi = require("ffi")
ffi.cdef([[
typedef struct { long tv_sec; long tv_nsec; } lms_timespec;
int clock_gettime(int clk_id, lms_timespec *tp);
]])
local clock = ffi.new("lms_timespec")
local CLOCK_MONOTONIC = 1

local function now_us()
  ffi.C.clock_gettime(CLOCK_MONOTONIC, clock)
  return tonumber(clock.tv_sec) * 1000000 + tonumber(clock.tv_nsec) / 1000
end

-- Main state: keep the threads to collect their logs in done().
local threads = {}

function setup(thread)
  thread:set("id", #threads)
  table.insert(threads, thread)
end

-- Thread state.
local lines = {}
local position, current, started
log = {} -- global: done() reads it through thread:get

function init(args)
  for line in io.lines(os.getenv("LOAD_REQUESTS")) do
    local page, path, cookie = line:match("^([^\t]*)\t([^\t]*)\t?(.*)$")
    local headers = { ["User-Agent"] = "bench/load.lua" }
    if cookie ~= "" then
      headers["Cookie"] = cookie
    end
    table.insert(lines, { page = page, request = wrk.format("GET", path, headers) })
  end
  -- Threads start at different places in the list, so they do not walk it in step.
  position = (id * 7919) % #lines
end

function request()
  position = position % #lines + 1
  current = lines[position]
  started = now_us()
  return current.request
end

function response(status, headers, body)
  table.insert(log, current.page .. "\t" .. status .. "\t" .. math.floor(now_us() - started))
end

function done(summary, latency, requests)
  local out = assert(io.open(os.getenv("LOAD_OUT"), "w"))
  local e = summary.errors
  out:write(
    string.format(
      "#\t%d\t%d\t%d\t%d\t%d\t%d\t%d\n",
      summary.duration,
      summary.requests,
      e.connect,
      e.read,
      e.write,
      e.status,
      e.timeout
    )
  )
  for _, thread in ipairs(threads) do
    for _, entry in ipairs(thread:get("log")) do
      out:write(entry, "\n")
    end
  end
  out:close()
end
