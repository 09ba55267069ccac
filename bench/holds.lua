-- wrk script for bench/holds.py: POST a random hold to /api/v1/reservations.
--
-- Each request picks an accommodation in 1..ACCOMMODATIONS, a check-in between today+1 and
-- today+HORIZON days (UTC date; the property's local date is never later), 1-3 nights and
-- 2 guests. Responses are counted per thread by status (201 / 409 / other) and printed by
-- done() as machine-readable "BENCH ..." lines that holds.py parses, plus p50/p95/p99
-- latency (wrk's own --latency table has no p95).
--
-- With a HOT share (third argument, e.g. 0.3), that share of the requests goes to one of the
-- first HOT_CABINS (fourth argument, default 3) accommodations within the next 30 days: the
-- contention mix. 503 answers are counted apart (goal: none).
--
-- Run: wrk -t2 -c50 -d15s --latency -s bench/holds.lua http://127.0.0.1:PORT [-- 100 700 0.3 3]

local ACCOMMODATIONS = 100
local HORIZON = 700
local HOT = 0
local HOT_CABINS = 3
local DAY = 86400
local HEADERS = { ["Content-Type"] = "application/json" }
local BODY = '{"accommodation_id": %d, "check_in": "%s", "check_out": "%s", '
    .. '"guests": 2, "guest_name": "Bench"}'

local threads = {}

-- Runs in the main Lua state once per thread, before it starts.
function setup(thread)
    thread:set("id", #threads + 1)
    table.insert(threads, thread)
end

-- Runs in each thread's own Lua state; globals here are that thread's counters.
function init(args)
    ACCOMMODATIONS = tonumber(args[1]) or ACCOMMODATIONS
    HORIZON = tonumber(args[2]) or HORIZON
    HOT = tonumber(args[3]) or HOT
    HOT_CABINS = tonumber(args[4]) or HOT_CABINS
    created, conflicts, busy, other = 0, 0, 0, 0
    math.randomseed(os.time() * 1000 + id)
    today = os.time()
end

function request()
    local cabin, start
    if math.random() < HOT then
        cabin, start = math.random(1, HOT_CABINS), today + math.random(1, 30) * DAY
    else
        cabin, start = math.random(1, ACCOMMODATIONS), today + math.random(1, HORIZON) * DAY
    end
    local nights = math.random(1, 3)
    local body = string.format(
        BODY, cabin,
        os.date("!%Y-%m-%d", start), os.date("!%Y-%m-%d", start + nights * DAY)
    )
    return wrk.format("POST", "/api/v1/reservations", HEADERS, body)
end

function response(status, headers, body)
    if status == 201 then
        created = created + 1
    elseif status == 409 then
        conflicts = conflicts + 1
    elseif status == 503 then
        busy = busy + 1
    else
        other = other + 1
    end
end

function done(summary, latency, requests)
    local c, k, b, o = 0, 0, 0, 0
    for _, thread in ipairs(threads) do
        local tc, tk = thread:get("created"), thread:get("conflicts")
        local tb, to = thread:get("busy"), thread:get("other")
        print(string.format("BENCH thread %d: 201=%d 409=%d 503=%d other=%d",
                            thread:get("id"), tc, tk, tb, to))
        c, k, b, o = c + tc, k + tk, b + tb, o + to
    end
    print(string.format("BENCH status 201=%d 409=%d 503=%d other=%d", c, k, b, o))
    print(string.format("BENCH latency_us p50=%d p95=%d p99=%d",
                        latency:percentile(50), latency:percentile(95), latency:percentile(99)))
    local e = summary.errors
    print(string.format("BENCH summary duration_us=%d requests=%d connect=%d read=%d "
                        .. "write=%d timeout=%d status=%d",
                        summary.duration, summary.requests, e.connect, e.read, e.write,
                        e.timeout, e.status))
end
