-- GET /crm/users?page=P&per_page=N. BENCH_PAGE: a page number, "random" (uniform over all pages) or "middle"
-- (the deepest offset the list ever skips: pages past the middle are read from the other end).
wrk.headers["X-Internal-Token"] = os.getenv("BENCH_TOKEN")
local per_page = tonumber(os.getenv("BENCH_PER_PAGE") or "10")
local active = os.getenv("BENCH_ACTIVE_ONLY") or "true"
local total = tonumber(os.getenv("BENCH_TOTAL"))
local pages = math.ceil(total / per_page)
local mode = os.getenv("BENCH_PAGE") or "1"
request = function()
  local page
  if mode == "random" then page = math.random(pages)
  elseif mode == "middle" then page = math.floor(pages / 2)
  elseif mode == "last" then page = pages
  else page = tonumber(mode) end
  return wrk.format("GET", "/crm/users?page=" .. page .. "&per_page=" .. per_page .. "&active_only=" .. active)
end
