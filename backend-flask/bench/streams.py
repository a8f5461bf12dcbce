"""`bin/bench --streams N`: how many open streams one stream process (cruddur/stream) holds, at what cost.

Method, in one client process (asyncio, aiohttp), separate from the stream process and the API:
1. People: PEOPLE accounts in the local Cognito, each made known to the API by one GET /api/users/me.
2. Idle: the stream process's RSS, and the rate of its health check under wrk (-c16) for `duration` s.
3. N streams opened (N / PEOPLE per person, as a person's tabs and devices would), read all along.
4. With them open and idle (pings only): its RSS and its health check's rate again. Steps 2 and 4 are
   repeated HEALTH_ROUNDS times (the streams closed and opened again between), and once more idle at the end:
   the ratio is the median rate with streams open to the median idle rate, so that the changing load of the
   machine's other users weighs less.
5. Latency: cruds posted through the API (POST /api/activities, gunicorn) at `rate`/s, open loop, by the
   people in turn; each goes as a `home` event to its author's N / PEOPLE streams, by way of the fan-out
   (python -m cruddur.fanout), which hears of it at commit and announces who got it on Redis. A delivery's
   latency is the time from the POST's answer reaching the client to the event's arrival on a stream (one
   monotonic clock, one process); negative when the event came first (commit comes before the answer).
wrk, the client, the API, PostgreSQL, Redis, the fan-out and the stream process share this machine's cores.
"""

import asyncio
import json
import os
import statistics
import subprocess
import time
from concurrent.futures import ThreadPoolExecutor

import aiohttp
import orjson
import psutil
import requests

from .accounts import sign_up_and_in
from .load import run_wrk

PEOPLE = 100
OPEN_AT_ONCE = 50
HEALTH_ROUNDS = 3
# After the last write, how long stragglers are waited for.
DRAIN_SECONDS = 3.0


def make_people(api, count, password):
    """`count` people with access tokens, known to the API; answers their tokens."""
    stamp = f"{int(time.time()) % 100000}"

    def make(n):
        handle = f"streams{stamp}_{n}"
        _, token = sign_up_and_in(f"streams{stamp}.{n}@example.com", handle, f"Streamer {n}", password)
        answer = requests.get(f"{api}/api/users/me", headers={"Authorization": f"Bearer {token}"}, timeout=30)
        answer.raise_for_status()
        return token

    with ThreadPoolExecutor(8) as threads:
        return list(threads.map(make, range(count)))


def rss_mb(pid):
    return psutil.Process(pid).memory_info().rss / 2**20


class Streams:
    """The client's open streams: each read to its end, arrivals of `home` events noted by crud uuid."""

    def __init__(self, session, url):
        self.session = session
        self.url = url
        self.readers = []
        self.open = 0
        self.pings = 0
        self.failed = 0
        self.arrivals = {}  # crud uuid -> [monotonic arrival on each stream]

    async def open_one(self, token):
        response = await self.session.get(self.url, headers={"Authorization": f"Bearer {token}"})
        if response.status != 200:
            self.failed += 1
            response.release()
            return
        self.open += 1
        self.readers.append(asyncio.create_task(self._read(response)))

    async def _read(self, response):
        content = response.content
        try:
            while True:
                chunk = await content.readuntil(b"\n\n")
                if not chunk:
                    break
                if chunk.startswith(b": ping"):
                    self.pings += 1
                    continue
                arrived = time.monotonic()
                head, _, data = chunk.partition(b"\ndata: ")
                if b"event: home" in head:
                    uuid = orjson.loads(data)["crud"]["uuid"]
                    self.arrivals.setdefault(uuid, []).append(arrived)
        except (aiohttp.ClientError, asyncio.IncompleteReadError, ValueError):
            pass
        finally:
            self.open -= 1
            response.release()

    async def close(self):
        for reader in self.readers:
            reader.cancel()
        await asyncio.gather(*self.readers, return_exceptions=True)


async def health_rate(stream_base, duration):
    """wrk against the stream process's health check, off the event loop so the streams keep being read."""
    return await asyncio.to_thread(run_wrk, stream_base, {"paths": ["/api/stream/health-check"]}, duration, 16)


async def write_load(session, api, tokens, rate, duration):
    """POSTs cruds at `rate`/s for `duration` s (open loop); answers {uuid: monotonic answer time}, errors."""
    answered, errors = {}, []
    started = time.monotonic()
    total = int(rate * duration)

    async def post(n):
        token = tokens[n % len(tokens)]
        try:
            async with session.post(
                f"{api}/api/activities",
                json={"message": f"Streams bench crud {n}", "ttl": "1-hour"},
                headers={"Authorization": f"Bearer {token}"},
            ) as response:
                body = await response.read()
                at = time.monotonic()
                if response.status != 201:
                    errors.append(response.status)
                    return
                answered[orjson.loads(body)["uuid"]] = at
        except aiohttp.ClientError as exc:
            errors.append(exc.__class__.__name__)

    posts = []
    for n in range(total):
        delay = started + n / rate - time.monotonic()
        if delay > 0:
            await asyncio.sleep(delay)
        posts.append(asyncio.create_task(post(n)))
    await asyncio.gather(*posts)
    return answered, errors, time.monotonic() - started


def percentile(values, fraction):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(fraction * len(ordered)))]


async def open_streams(session, url, owners):
    streams = Streams(session, url)
    for start in range(0, len(owners), OPEN_AT_ONCE):
        await asyncio.gather(*(streams.open_one(token) for token in owners[start : start + OPEN_AT_ONCE]))
    return streams


async def measure(api, stream_base, stream_pid, tokens, count, rate, duration):
    result = {"streams_wanted": count, "people": len(tokens), "rate_wanted": rate, "duration_seconds": duration}
    url = f"{stream_base}/api/stream"
    owners = [tokens[n % len(tokens)] for n in range(count)]
    await health_rate(stream_base, 2)  # warm-up, not counted
    result["rss_idle_mb"] = rss_mb(stream_pid)
    idle_rates, open_rates = [], []

    connector = aiohttp.TCPConnector(limit=0)
    timeout = aiohttp.ClientTimeout(total=None, sock_connect=30, sock_read=None)
    async with aiohttp.ClientSession(connector=connector, timeout=timeout) as session:
        for round_ in range(HEALTH_ROUNDS):
            idle_rates.append(await health_rate(stream_base, duration))
            opening = time.monotonic()
            streams = await open_streams(session, url, owners)
            if round_ == 0:
                result["open_seconds"] = time.monotonic() - opening
                result["streams_open"] = streams.open
                result["streams_refused"] = streams.failed
                await asyncio.sleep(2)
                result["rss_with_streams_mb"] = rss_mb(stream_pid)
            open_rates.append(await health_rate(stream_base, duration))
            if round_ < HEALTH_ROUNDS - 1:
                await streams.close()
                await asyncio.sleep(2)

        answered, errors, took = await write_load(session, api, tokens, rate, duration)
        await asyncio.sleep(DRAIN_SECONDS)
        per_person = count // len(tokens)
        latencies, missing = [], 0
        for uuid, answer_at in answered.items():
            arrivals = streams.arrivals.get(uuid, [])
            missing += max(0, per_person - len(arrivals))
            latencies.extend((arrival - answer_at) * 1000 for arrival in arrivals)
        result["writes"] = len(answered)
        result["write_errors"] = len(errors)
        result["write_rate"] = len(answered) / took
        result["deliveries"] = len(latencies)
        result["deliveries_missing"] = missing
        if latencies:
            result["latency_ms"] = {
                "p50": statistics.median(latencies),
                "p99": percentile(latencies, 0.99),
                "max": max(latencies),
                "min": min(latencies),
            }
        result["rss_after_writes_mb"] = rss_mb(stream_pid)
        result["streams_open_at_end"] = streams.open
        result["pings"] = streams.pings
        await streams.close()
    await asyncio.sleep(2)
    idle_rates.append(await health_rate(stream_base, duration))
    result["health_idle"] = idle_rates
    result["health_with_streams"] = open_rates
    result["health_idle_rps"] = statistics.median(run["requests_per_second"] for run in idle_rates)
    result["health_with_streams_rps"] = statistics.median(run["requests_per_second"] for run in open_rates)
    result["health_ratio"] = result["health_with_streams_rps"] / result["health_idle_rps"]
    return result


def print_table(result):
    idle = ", ".join(f"{run['requests_per_second']:.0f}" for run in result["health_idle"])
    loaded = ", ".join(f"{run['requests_per_second']:.0f}" for run in result["health_with_streams"])
    latency = result.get("latency_ms", {})
    print(
        f"\nstreams: {result['streams_open']:,} open of {result['streams_wanted']:,} "
        f"({result['people']} people, opened in {result['open_seconds']:.1f} s; "
        f"machine: {result['machine']})"
    )
    header = f"{'measure':<44}{'figure':>14}{'target':>12}"
    print(header)
    print("-" * len(header))
    rows = [
        ("stream process RSS, idle (MB)", f"{result['rss_idle_mb']:.0f}", ""),
        ("stream process RSS, streams open (MB)", f"{result['rss_with_streams_mb']:.0f}", "<= 200"),
        ("stream process RSS, after the writes (MB)", f"{result['rss_after_writes_mb']:.0f}", "<= 200"),
        ("its health check, idle, median (req/s)", f"{result['health_idle_rps']:.0f}", ""),
        ("its health check, streams open, median (req/s)", f"{result['health_with_streams_rps']:.0f}", ""),
        ("  streams open x idle", f"{result['health_ratio']:.2f}", ">= 0.90"),
        (f"writes answered (POST /api/activities, {result['rate_wanted']}/s)", f"{result['write_rate']:.0f}/s", ""),
        ("deliveries (home events on streams)", f"{result['deliveries']:,}", ""),
        ("deliveries missing", f"{result['deliveries_missing']:,}", "0"),
        ("latency answer -> stream p50 (ms)", f"{latency.get('p50', float('nan')):.1f}", "<= 50"),
        ("latency answer -> stream p99 (ms)", f"{latency.get('p99', float('nan')):.1f}", "<= 500"),
        ("streams still open at the end", f"{result['streams_open_at_end']:,}", ""),
    ]
    for name, figure, target in rows:
        print(f"{name:<44}{figure:>14}{target:>12}")
    print(f"health check rounds, idle: {idle}; streams open: {loaded} (req/s)")
    print(f"write errors: {result['write_errors']}; pings read: {result['pings']:,}")


def run(api, stream_base, stream_pid, count, rate, duration, password, out):
    tokens = make_people(api, PEOPLE, password)
    result = asyncio.run(measure(api, stream_base, stream_pid, tokens, count, rate, duration))
    result["machine"] = f"{os.cpu_count()} cores, load average {os.getloadavg()[0]:.1f}"
    result["finished_at"] = time.strftime("%Y-%m-%dT%H:%M:%S%z")
    commit = subprocess.run(["git", "rev-parse", "--short", "HEAD"], capture_output=True, text=True)
    result["git"] = commit.stdout.strip()
    with open(out, "w") as f:
        json.dump(result, f, indent=2)
    print_table(result)
    print(f"\nwritten to {out}")
