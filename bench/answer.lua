-- wrk script of bench/answer-load.sh: PUT an answer for one of the prepared responses per
-- request, in turn. Each line of the file given after `--` is `id token question value-json`.
local answers = {}
local i = 0

function init(args)
  for line in io.lines(args[1]) do
    local id, token, key, value = line:match("^(%S+) (%S+) (%S+) (.+)$")
    answers[#answers + 1] = {
      path = "/api/v1/responses/" .. id .. "/answers/" .. key,
      headers = { ["Content-Type"] = "application/json", ["X-Response-Token"] = token },
      body = '{"value":' .. value .. '}',
    }
  end
  -- Threads start at different places, so they do not answer in lockstep.
  i = math.random(#answers)
end

function request()
  i = i % #answers + 1
  local a = answers[i]
  return wrk.format("PUT", a.path, a.headers, a.body)
end

function done(summary, latency, requests)
  local seconds = summary.duration / 1e6
  local e = summary.errors
  io.write(string.format(
    "RESULT rps=%.0f p50_ms=%.2f p99_ms=%.2f requests=%d non2xx=%d socket_errors=%d\n",
    summary.requests / seconds, latency:percentile(50) / 1000, latency:percentile(99) / 1000,
    summary.requests, e.status, e.connect + e.read + e.write + e.timeout))
end
