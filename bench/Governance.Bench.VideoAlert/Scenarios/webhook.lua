-- wrk (Debian's wrk) as analytics boxes posting single alarms to the webhook, each request a new event: camera and kind
-- taken in turn as the SIP flood takes them (camera 1 + i % cameras, kind by i / cameras % 2), eventId "wrk-<run>-<i>".
-- Arguments after "--": run, API key, cameras. done() prints one line the bench reads:
-- "wrk-result <requests> <microseconds> <non-2xx> <socket errors>".
local run, key, cameras
local i = -1
local kinds = { "intrusion", "abandoned_object" }

function init(args)
  run, key, cameras = args[1], args[2], tonumber(args[3])
end

function request()
  i = i + 1
  local camera = string.format("632801000013200%05d", 1 + i % cameras)
  local kind = kinds[1 + math.floor(i / cameras) % 2]
  local body = string.format(
    '{"cameraId":"%s","eventId":"wrk-%s-%d","kind":"%s","priority":2,"occurredAt":"%s"}',
    camera, run, i, kind, os.date("!%Y-%m-%dT%H:%M:%SZ"))
  return wrk.format("POST", "/api/videoalert/webhook/alarms",
    { ["Content-Type"] = "application/json", ["X-Api-Key"] = key }, body)
end

function done(summary, latency, requests)
  local e = summary.errors
  io.write(string.format("wrk-result %d %d %d %d\n", summary.requests, summary.duration, e.status,
    e.connect + e.read + e.write + e.timeout))
end
