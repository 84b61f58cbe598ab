-- wrk script for bench/mixed.sh: 80 % metadata GETs of existing files, 15 % folder listings, 5 % PUTs of 4 KiB
-- new files through the REST API. Environment: STRATA_AUTH (Basic credentials, base64), FILES, FOLDERS, RUN (a
-- name that keeps this run's uploads apart). Answers come back in no fixed order across a thread's connections, so
-- they are counted by status: 201 is a PUT that created its file, anything but 200 and 201 an error.
local auth = "Basic " .. os.getenv("STRATA_AUTH")
local files = tonumber(os.getenv("FILES"))
local folders = tonumber(os.getenv("FOLDERS"))
local run = os.getenv("RUN")
local body = string.rep("x", 4096)
local threads = {}
local id = 0

function setup(thread)
  id = id + 1
  thread:set("tid", id)
  table.insert(threads, thread)
end

function init()
  puts, put_ok, bad, seq = 0, 0, 0, 0
  math.randomseed(tid * 7919 + os.time())
end

function request()
  local r = math.random()
  local headers = { ["Authorization"] = auth }
  if r < 0.80 then
    local n = math.random(0, files - 1)
    return wrk.format("GET", string.format("/api/v1/fs/Shared/Mixed/d%03d/f%05d.txt", n % folders, n), headers)
  elseif r < 0.95 then
    return wrk.format("GET", string.format("/api/v1/fs/Shared/Mixed/d%03d", math.random(0, folders - 1)), headers)
  end
  seq = seq + 1
  puts = puts + 1
  headers["Content-Type"] = "application/octet-stream"
  return wrk.format("PUT", string.format("/api/v1/fs-content/Shared/Mixed/new/%s-%d-%d.bin", run, tid, seq), headers, body)
end

function response(status)
  if status == 201 then
    put_ok = put_ok + 1
  elseif status ~= 200 then
    bad = bad + 1
  end
end

function done(summary, latency)
  local p, ok, b = 0, 0, 0
  for _, t in ipairs(threads) do
    p = p + t:get("puts"); ok = ok + t:get("put_ok"); b = b + t:get("bad")
  end
  io.write(string.format("mixed.requests_per_s=%.0f\n", summary.requests / (summary.duration / 1e6)))
  for _, q in ipairs({ 50, 90, 99 }) do
    io.write(string.format("mixed.p%d_ms=%.2f\n", q, latency:percentile(q) / 1000))
  end
  io.write(string.format("mixed.puts_sent=%d\nmixed.puts_created=%d\nmixed.errors=%d\n", p, ok, b))
end
