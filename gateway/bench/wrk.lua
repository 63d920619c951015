-- wrk script for the gateway benchmark.
--   API_KEY   sent as X-API-Key when set (the gateway run)
--   DELAY_MS  per-connection pause between requests, to hold a steady rate (connections * 1000 / DELAY_MS)
-- Prints one machine-readable line at the end: RESULT requests_per_s p50_ms p99_ms non2xx errors
local api_key = os.getenv("API_KEY")
local delay_ms = tonumber(os.getenv("DELAY_MS") or "0")

request = function()
    local headers = {}
    if api_key and api_key ~= "" then
        headers["X-API-Key"] = api_key
    end
    return wrk.format("GET", wrk.path, headers)
end

if delay_ms > 0 then
    delay = function()
        return delay_ms
    end
end

done = function(summary, latency, requests)
    local seconds = summary.duration / 1000000
    local errors = summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout
    io.write(string.format("RESULT %.0f %.2f %.2f %d %d\n",
        summary.requests / seconds,
        latency:percentile(50) / 1000,
        latency:percentile(99) / 1000,
        summary.errors.status,
        errors))
end
