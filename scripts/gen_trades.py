#!/usr/bin/env python3
"""Writes N stock trades as JSON Lines (about 130 bytes each) for the stream-engine benchmark.

Each line: {"side","quantity","symbol","price","account","userid","ts":{"$date":"…"}}, symbols from 10 tickers,
event time starting at 2024-01-01T00:00:00Z and advancing 1 ms per trade (1000 trades per second), so a
30-second tumbling window holds 30,000 trades. Deterministic for a given seed.

Usage: scripts/gen_trades.py N [OUT] [--seed S]   (OUT defaults to standard output)
"""
import argparse
import datetime
import random
import sys

SYMBOLS = ["ZBZX", "ZJZZT", "ZTEST", "ZVV", "ZVZZT", "ZWZZT", "ZXZZT", "ZAAPL", "ZMSFT", "ZNVDA"]
ACCOUNTS = ["ABC123", "LMN456", "XYZ789"]
SIDES = ["BUY", "SELL"]
START = datetime.datetime(2024, 1, 1, tzinfo=datetime.timezone.utc)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("count", type=int)
    parser.add_argument("out", nargs="?", default="-")
    parser.add_argument("--seed", type=int, default=42)
    args = parser.parse_args()
    rng = random.Random(args.seed)
    out = sys.stdout.buffer if args.out == "-" else open(args.out, "wb")
    chunk = 1000  # one second of event time per chunk
    written = 0
    second = 0
    while written < args.count:
        n = min(chunk, args.count - written)
        prefix = (START + datetime.timedelta(seconds=second)).strftime("%Y-%m-%dT%H:%M:%S.")
        sides = rng.choices(SIDES, k=n)
        quantities = rng.choices(range(1, 5000), k=n)
        symbols = rng.choices(SYMBOLS, k=n)
        cents = rng.choices(range(500, 100000), k=n)
        accounts = rng.choices(ACCOUNTS, k=n)
        users = rng.choices(range(1, 10), k=n)
        lines = [
            f'{{"side":"{sides[i]}","quantity":{quantities[i]},"symbol":"{symbols[i]}",'
            f'"price":{cents[i] // 100}.{cents[i] % 100:02d},"account":"{accounts[i]}","userid":"User_{users[i]}",'
            f'"ts":{{"$date":"{prefix}{i:03d}Z"}}}}\n'
            for i in range(n)
        ]
        out.write("".join(lines).encode())
        written += n
        second += 1
    out.flush()


if __name__ == "__main__":
    main()
