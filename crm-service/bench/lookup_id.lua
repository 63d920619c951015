-- GET /crm/users/{id} with ids sampled from the seeded tenant (bench/ids.txt, written by run.sh).
local ids = {}
for line in io.lines(os.getenv("BENCH_IDS")) do ids[#ids + 1] = line end
wrk.headers["X-Internal-Token"] = os.getenv("BENCH_TOKEN")
request = function()
  return wrk.format("GET", "/crm/users/" .. ids[math.random(#ids)])
end
