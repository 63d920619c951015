-- GET /crm/users/{external id}: a random one of ext-1 .. ext-1000000.
wrk.headers["X-Internal-Token"] = os.getenv("BENCH_TOKEN")
request = function()
  return wrk.format("GET", "/crm/users/ext-" .. math.random(1000000))
end
