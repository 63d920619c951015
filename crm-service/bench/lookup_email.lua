-- GET /crm/users?email=...: a random one of user1@bench.example .. user1000000@bench.example (any case).
wrk.headers["X-Internal-Token"] = os.getenv("BENCH_TOKEN")
request = function()
  return wrk.format("GET", "/crm/users?active_only=false&email=User" .. math.random(1000000) .. "@Bench.example")
end
