import argparse
import json
import random
import secrets
import statistics
import threading
import time

import boto3
import psutil
import requests

from devstack import accounts

PASSWORD = "Soak-test-passw0rd"
READ_SHARE = 0.7
MEMORY_SAMPLE_SECONDS = 5
# Memory is "flat" when the last quarter's peak is within this of the second quarter's.
FLAT_GROWTH = 0.15


def sign_up(cognito, client_id, pool_id, handle):
    _, token = accounts.sign_up_and_in(
        cognito, pool_id, client_id, f"{handle}@example.com", handle, handle.title(), PASSWORD
    )
    return {"handle": handle, "headers": {"Authorization": f"Bearer {token}"}}


class Workload:
    """What people do: mostly read feeds, profiles and crud pages; sometimes post, reply, like, follow and
    message. Every answer must be 2xx; anything else is an error."""

    def __init__(self, url, people):
        self.url = url
        self.people = people
        self.cruds = []
        self.lock = threading.Lock()

    def _some_crud(self):
        with self.lock:
            return random.choice(self.cruds) if self.cruds else None

    def step(self, session, me):
        other = random.choice([p for p in self.people if p is not me])
        crud = self._some_crud()
        if random.random() < READ_SHARE or (crud is None and random.random() < 0.5):
            path = random.choice(
                [
                    "/api/activities/home",
                    "/api/activities/explore",
                    f"/api/activities/@{other['handle']}",
                    "/api/trends",
                    "/api/users/suggested",
                    "/api/activities/search?term=soak",
                    f"/api/activities/@{crud['handle']}/status/{crud['uuid']}" if crud else "/api/activities/home",
                ]
            )
            return session.get(f"{self.url}{path}", headers=random.choice([me["headers"], {}]), timeout=30)
        action = random.choice(["crud", "reply", "like", "follow", "message"])
        if action == "crud" or crud is None:
            response = session.post(
                f"{self.url}/api/activities",
                headers=me["headers"],
                timeout=30,
                json={"message": f"soak #soak {secrets.token_hex(4)}", "ttl": "1-hour"},
            )
            if response.status_code == 201:
                with self.lock:
                    self.cruds.append(response.json())
            return response
        if action == "reply":
            return session.post(
                f"{self.url}/api/activities/{crud['uuid']}/reply",
                headers=me["headers"],
                json={"message": "soak reply"},
                timeout=30,
            )
        if action == "like":
            method = random.choice([session.post, session.delete])
            return method(f"{self.url}/api/activities/{crud['uuid']}/like", headers=me["headers"], timeout=30)
        if action == "follow":
            method = random.choice([session.post, session.delete])
            return method(f"{self.url}/api/users/@{other['handle']}/follow", headers=me["headers"], timeout=30)
        return session.post(
            f"{self.url}/api/messages",
            headers=me["headers"],
            timeout=30,
            json={"message": "soak message", "handle": other["handle"]},
        )


def drive(workload, me, deadline, tally):
    session = requests.Session()
    while time.monotonic() < deadline:
        started = time.monotonic()
        try:
            response = workload.step(session, me)
            status = response.status_code
        except requests.RequestException as exc:
            status = type(exc).__name__
        tally.append((status, time.monotonic() - started))


def watch_memory(master_pid, deadline, samples):
    master = psutil.Process(master_pid)
    while time.monotonic() < deadline:
        samples.append({worker.pid: worker.memory_info().rss for worker in master.children()})
        time.sleep(MEMORY_SAMPLE_SECONDS)


def memory_verdict(samples):
    """Peak RSS per worker in MB, and whether it stayed flat (second quarter vs last quarter)."""
    quarter = max(len(samples) // 4, 1)
    early = max((rss for sample in samples[quarter : 2 * quarter] for rss in sample.values()), default=0)
    late = max((rss for sample in samples[-quarter:] for rss in sample.values()), default=0)
    peak = max((rss for sample in samples for rss in sample.values()), default=0)
    return peak / 2**20, early / 2**20, late / 2**20, late <= early * (1 + FLAT_GROWTH)


def main():
    parser = argparse.ArgumentParser(prog="soak")
    parser.add_argument("--url", required=True)
    parser.add_argument("--master-pid", type=int, required=True)
    parser.add_argument("--minutes", type=float, default=5)
    parser.add_argument("--clients", type=int, default=8)
    parser.add_argument("--endpoint", required=True)
    parser.add_argument("--pool-id", required=True)
    parser.add_argument("--client-id", required=True)
    parser.add_argument("--report", required=True)
    args = parser.parse_args()

    cognito = boto3.client("cognito-idp", endpoint_url=args.endpoint, region_name="us-east-1")
    run = secrets.token_hex(3)
    people = [sign_up(cognito, args.client_id, args.pool_id, f"soak_{run}_{n}") for n in range(args.clients)]
    for person in people:  # each person's row exists before anyone follows or messages them
        requests.get(f"{args.url}/api/users/me", headers=person["headers"], timeout=30).raise_for_status()
    workload = Workload(args.url, people)
    deadline = time.monotonic() + args.minutes * 60
    tally, samples = [], []
    threads = [threading.Thread(target=drive, args=(workload, me, deadline, tally)) for me in people]
    threads.append(threading.Thread(target=watch_memory, args=(args.master_pid, deadline, samples)))
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    errors = [status for status, _ in tally if not (isinstance(status, int) and 200 <= status < 300)]
    latencies = sorted(seconds for _, seconds in tally)
    peak, early, late, flat = memory_verdict(samples)
    report = {
        "minutes": args.minutes,
        "clients": args.clients,
        "requests": len(tally),
        "errors": len(errors),
        "error_kinds": sorted({str(e) for e in errors}),
        "requests_per_second": round(len(tally) / (args.minutes * 60), 1),
        "p50_ms": round(statistics.median(latencies) * 1000, 1),
        "p99_ms": round(latencies[int(len(latencies) * 0.99) - 1] * 1000, 1),
        "peak_rss_mb_per_worker": round(peak, 1),
        "rss_mb_second_quarter": round(early, 1),
        "rss_mb_last_quarter": round(late, 1),
        "memory_flat": flat,
    }
    with open(args.report, "w") as out:
        json.dump(report, out, indent=2)
    print(json.dumps(report, indent=2))
    raise SystemExit(0 if not errors and flat else 1)


if __name__ == "__main__":
    main()
