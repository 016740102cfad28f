-- wrk script for the load benchmark's paced phase: every connection waits PACE_DELAY_MS between
-- requests (so the rate is about connections * 1000 / delay per second), and the owner id rotates.
local delay_ms = tonumber(os.getenv("PACE_DELAY_MS") or "2")
local counter = 0

function request()
  counter = counter + 1
  return wrk.format("GET", "/owners/" .. (counter % 1000 + 1))
end

function delay()
  return delay_ms
end
