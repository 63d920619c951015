#!/usr/bin/env python3
"""A tiny MCP server for tests: JSON-RPC 2.0 over stdio, one message per line (MCP's stdio transport), standard
library only. It offers one tool, order_status, backed by a fixed table of orders."""
import json
import sys

ORDERS = {
    "A-1001": "Order A-1001 shipped on 2026-01-03 with tracking number 1Z999 and arrives by 2026-01-06.",
    "A-1002": "Order A-1002 is being packed and ships tomorrow.",
}

TOOLS = [{
    "name": "order_status",
    "description": "Status and tracking of a customer's order by its order number.",
    "inputSchema": {
        "type": "object",
        "properties": {"order_id": {"type": "string", "description": "The order number, e.g. A-1001"}},
        "required": ["order_id"],
    },
}]


def result(request_id, value):
    return {"jsonrpc": "2.0", "id": request_id, "result": value}


def handle(message):
    method = message.get("method")
    request_id = message.get("id")
    if request_id is None:  # a notification (notifications/initialized, ...): no answer
        return None
    if method == "initialize":
        return result(request_id, {
            "protocolVersion": message.get("params", {}).get("protocolVersion", "2024-11-05"),
            "capabilities": {"tools": {"listChanged": False}},
            "serverInfo": {"name": "orders-test-server", "version": "1.0"},
        })
    if method == "ping":
        return result(request_id, {})
    if method == "tools/list":
        return result(request_id, {"tools": TOOLS})
    if method == "tools/call":
        params = message.get("params", {})
        if params.get("name") != "order_status":
            return {"jsonrpc": "2.0", "id": request_id, "error": {"code": -32602, "message": "Unknown tool"}}
        order_id = str(params.get("arguments", {}).get("order_id", ""))
        if order_id in ORDERS:
            return result(request_id, {"content": [{"type": "text", "text": ORDERS[order_id]}], "isError": False})
        return result(request_id, {"content": [{"type": "text", "text": "No order " + order_id}], "isError": True})
    return {"jsonrpc": "2.0", "id": request_id, "error": {"code": -32601, "message": "Method not found: " + str(method)}}


def main():
    for line in sys.stdin:
        line = line.strip()
        if not line:
            continue
        answer = handle(json.loads(line))
        if answer is not None:
            sys.stdout.write(json.dumps(answer) + "\n")
            sys.stdout.flush()


if __name__ == "__main__":
    main()
