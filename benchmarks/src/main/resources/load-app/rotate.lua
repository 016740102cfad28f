-- wrk script for the load benchmark's closed-loop phase: the owner id rotates, no pause.
local counter = 0

function request()
  counter = counter + 1
  return wrk.format("GET", "/owners/" .. (counter % 1000 + 1))
end
