-- wrk script for scripts/bench/signals-wrk.sh: POST /api/v1/signals at a fixed rate per connection with a share of
-- duplicate signal ids (re-sent earlier signals, byte for byte, as an at-least-once outbox would).
-- Environment (read by wrk's LuaJIT through os.getenv):
--   DUP_RATIO   share of requests that re-send an earlier signal (default 0.2)
--   RATE        requests per second over all threads, paced on the wall clock (open loop: a slow answer does not
--               lower the offered rate as long as connections are free)
--   THREADS     wrk's -t (the rate is split evenly among threads)
--   ACK_DIR     folder where each thread writes the ids incident-service acknowledged (202 or 200), one per line
--   DOWN_RATIO  share of new signals with state DOWN (default 0.5: every service flaps all the time, the worst case
--               for outage changes; 0 never opens an outage)
--   TARGETS     distinct targets (default 200), spread over SERVICES services (default 20) and 3 regions
--   TID_BASE    added to the thread number in the ids (the warm-up uses 100 so its ids never mix with the run's)
--   TOKEN       bearer token (role prober) when incident-service requires one
local dup_ratio = tonumber(os.getenv("DUP_RATIO") or "0.2")
local down_ratio = tonumber(os.getenv("DOWN_RATIO") or "0.5")
local rate = tonumber(os.getenv("RATE") or "1000")
local ack_dir = os.getenv("ACK_DIR")
local ffi = require("ffi")
ffi.cdef [[
  typedef struct { long tv_sec; long tv_nsec; } timespec_t;
  int clock_gettime(int clk_id, timespec_t *tp);
]]
local ts = ffi.new("timespec_t")
local function now_ms()
  ffi.C.clock_gettime(1, ts) -- CLOCK_MONOTONIC
  return tonumber(ts.tv_sec) * 1000 + tonumber(ts.tv_nsec) / 1e6
end
local targets = tonumber(os.getenv("TARGETS") or "200")
local services = tonumber(os.getenv("SERVICES") or "20")
local token = os.getenv("TOKEN") or ""
local regions = { "us-east-1", "eu-west-1", "ap-southeast-1" }

local threads = {}
local thread_no = 0

function setup(thread)
  thread_no = thread_no + 1
  thread:set("tid", thread_no + tonumber(os.getenv("TID_BASE") or "0"))
  table.insert(threads, thread)
end

function init(args)
  sent_new = 0
  sent_dup = 0
  history = {}
  thread_rate = rate / tonumber(os.getenv("THREADS") or "2")
  next_slot = nil
  acked = 0
  if ack_dir then
    ack_file = io.open(string.format("%s/acked-%d.txt", ack_dir, tid), "w")
    ack_file:setvbuf("line") -- wrk ends threads without closing their Lua state: nothing may wait in a buffer
  end
  math.randomseed(os.time() * 1000 + tid)
  wrk.method = "POST"
  wrk.headers["Content-Type"] = "application/json"
  if token ~= "" then
    wrk.headers["Authorization"] = "Bearer " .. token
  end
end

local function iso(ms)
  local s = math.floor(ms / 1000)
  return os.date("!%Y-%m-%dT%H:%M:%S", s) .. string.format(".%03dZ", ms % 1000)
end

-- pacing: every request takes the next slot of this thread's schedule (1000 / thread_rate ms apart)
function delay()
  local now = now_ms()
  if next_slot == nil then
    next_slot = now
  end
  next_slot = next_slot + 1000 / thread_rate
  local wait = next_slot - now
  if wait < 0 then
    return 0
  end
  return math.floor(wait)
end

function response(status, headers, body)
  if (status == 202 or status == 200) and ack_file then
    local id = string.match(body, '"id":"([^"]+)"')
    if id then
      ack_file:write(id, "\n")
      acked = acked + 1
    end
  end
end

function request()
  local body
  if #history > 0 and math.random() < dup_ratio then
    body = history[math.random(#history)]
    sent_dup = sent_dup + 1
  else
    sent_new = sent_new + 1
    -- the id encodes thread and sequence number: ids sent = sum over threads of sent_new
    local id = string.format("00000000-%04x-4000-8000-%012x", tid, sent_new)
    local t = math.random(targets)
    local region = regions[math.random(3)]
    local state = (math.random() < down_ratio) and "DOWN" or "UP"
    -- confirmedAt strictly increases per (target, region) within a thread: wall clock plus sequence
    local now_ms = os.time() * 1000 - 60000 + (sent_new % 60000)
    body = string.format(
      '{"id":"%s","region":"%s","target":"bench-t%d","service":"bench-s%d","kind":"evm-node","state":"%s",' ..
      '"reason":"%s","evidence":{"blockNumber":%d},"observedAt":"%s","confirmedAt":"%s"}',
      id, region, t, t % services, state, state == "DOWN" and "head_stale" or "ok", sent_new, iso(now_ms - 1000), iso(now_ms))
    if #history < 1000 then
      table.insert(history, body)
    else
      history[math.random(1000)] = body
    end
  end
  return wrk.format(nil, "/api/v1/signals", nil, body)
end

function done(summary, latency, requests)
  local new, dup = 0, 0
  for _, thread in ipairs(threads) do
    new = new + thread:get("sent_new")
    dup = dup + thread:get("sent_dup")
  end
  io.write(string.format("LUA unique_ids=%d duplicates=%d\n", new, dup))
  io.write(string.format("LUA p50_ms=%.2f p95_ms=%.2f p98_ms=%.2f p99_ms=%.2f p99.9_ms=%.2f max_ms=%.2f\n",
    latency:percentile(50) / 1000, latency:percentile(95) / 1000, latency:percentile(98) / 1000,
    latency:percentile(99) / 1000, latency:percentile(99.9) / 1000, latency.max / 1000))
  io.write(string.format("LUA requests=%d non2xx=%d errors_connect=%d errors_read=%d errors_write=%d errors_timeout=%d\n",
    summary.requests, summary.errors.status, summary.errors.connect, summary.errors.read, summary.errors.write,
    summary.errors.timeout))
end
