#!/usr/bin/env python3
"""Fills a tenant's knowledge base with N short passages through the gateway (POST /v1/ingestion/text), for the turn
latency benchmark. Passages: the texts of ../shared/datasets/banking77/train.csv (customer-support sentences).
Usage: seed_passages.py GATEWAY_URL API_KEY [N] [THREADS]"""
import csv, json, sys, time, urllib.request
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

url, key = sys.argv[1], sys.argv[2]
n = int(sys.argv[3]) if len(sys.argv) > 3 else 10000
threads = int(sys.argv[4]) if len(sys.argv) > 4 else 4
data = Path(__file__).resolve().parents[3] / "shared" / "datasets" / "banking77" / "train.csv"
with open(data, newline="") as f:
    texts = [row[0] for row in csv.reader(f)][1:]
passages = [f"{texts[i % len(texts)]} (passage {i})" for i in range(n)]

def post(i):
    body = json.dumps({"text": passages[i], "metadata": {"source": "banking77", "title": f"passage {i}"},
                       "collection_name": "bench"}).encode()
    req = urllib.request.Request(url + "/v1/ingestion/text", data=body, method="POST",
                                 headers={"Content-Type": "application/json", "X-API-Key": key})
    with urllib.request.urlopen(req, timeout=60) as r:
        return r.status

start = time.time()
with ThreadPoolExecutor(threads) as pool:
    statuses = list(pool.map(post, range(n)))
ok = sum(1 for s in statuses if s == 200)
print(f"{ok}/{n} passages ingested in {time.time() - start:.1f} s")
