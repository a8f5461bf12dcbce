"""Drives the running API with wrk and the database with pgbench, endpoint by endpoint, while sampling
the memory of gunicorn's workers."""

import itertools
import json
import os
import re
import subprocess
import tempfile
import threading
import time
import urllib.request
from pathlib import Path

import psutil
import psycopg

from cruddur.db.loader import SQL_DIR
from cruddur.services.discovery import SEARCH_WINDOW

from . import photos, purge, timelines
from .seed import crud_uuid, top_level_author

WRK_SCRIPT = Path(__file__).with_name("wrk.lua")
FIRST_PAGE = {"before_created_at": "infinity", "before_uuid": "ffffffff-ffff-ffff-ffff-ffffffffffff", "limit": 20}
CONVERSATIONS = 10
WRK_THREADS = 2


def api_call(api, method, path, token, body=None):
    request = urllib.request.Request(
        api + path,
        method=method,
        data=json.dumps(body).encode() if body else None,
        headers={"Authorization": f"Bearer {token}", "Content-Type": "application/json"},
    )
    with urllib.request.urlopen(request, timeout=30) as response:
        return json.load(response)


def start_conversations(api, session):
    """user1 writes to user2.. through the API, so the messaging endpoints read and write DynamoDB."""
    token = session["token"]
    groups = [
        api_call(api, "POST", "/api/messages", token, {"handle": f"user{n}", "message": "Hi from the bench"})[
            "message_group_uuid"
        ]
        for n in range(2, 2 + CONVERSATIONS)
    ]
    return groups[0]


def search_endpoint(word):
    return {
        "paths": [f"/api/activities/search?term={word}"],
        "sql": (
            "activities/search_words",
            {"words": word, "hashtags": "{}", "before_rank": "Infinity", "window": SEARCH_WINDOW, **FIRST_PAGE},
        ),
    }


def endpoints(session, message_group_uuid):
    """What each endpoint's wrk run sends, and the SQL pgbench runs as that endpoint's database limit."""
    users, top_level = session["users"], session["cruds"] * 9 // 10
    token = session["token"]
    # Crud 1 is live and has about a hundredth of the replies (seed.sql).
    crud_page = f"/api/activities/@user{top_level_author(1, users)}/status/{crud_uuid(1)}"
    live_cruds = [crud_uuid(n) for n in range(1, min(top_level, 2000)) if n % 5]
    return {
        "health-check": {"paths": ["/api/health-check"]},
        "home anonymous": {"paths": ["/api/activities/home"], "sql": ("activities/explore", FIRST_PAGE)},
        # Read from the viewers' home timelines (cruddur/timelines): the first read rebuilds each one.
        **{
            f"home follows {count}": {"paths": ["/api/activities/home"], "token": home_token}
            for count, home_token in sorted(session["home_tokens"].items(), key=lambda item: int(item[0]))
        },
        "home follows 500": {"paths": ["/api/activities/home"], "token": token},
        "explore": {"paths": ["/api/activities/explore"], "sql": ("activities/explore", FIRST_PAGE)},
        "profile": {
            "paths": ["/api/activities/@user2"],
            "sql": ("activities/by_user", {"user_uuid": session["other_uuid"], **FIRST_PAGE}),
        },
        "crud page": {
            "paths": [crud_page],
            "sql": (
                "activities/replies",
                {
                    "activity_uuid": crud_uuid(1),
                    "limit": 20,
                    "after_created_at": "-infinity",
                    "after_uuid": "00000000-0000-0000-0000-000000000000",
                },
            ),
        },
        "search": search_endpoint("coffee"),
        # A word in a tenth of the cruds older than 17 days and in none newer (seed.sql).
        "search (old word)": search_endpoint("espresso"),
        "create crud": {
            "method": "POST",
            "paths": ["/api/activities"],
            "token": token,
            "body": {"message": "Benchmark crud #bench", "ttl": "1-hour"},
        },
        # Each crud is liked once; later rounds over the same crud take the idempotent path.
        "like": {"method": "POST", "paths": [f"/api/activities/{uuid}/like" for uuid in live_cruds], "token": token},
        "message groups": {"paths": ["/api/message_groups"], "token": token},
        "send message": {
            "method": "POST",
            "paths": ["/api/messages"],
            "token": token,
            "body": {"message": "Benchmark message", "message_group_uuid": message_group_uuid},
        },
    }


def run_wrk(api, endpoint, duration, connections):
    env = {
        **os.environ,
        "BENCH_METHOD": endpoint.get("method", "GET"),
        "BENCH_TOKEN": endpoint.get("token", ""),
        "BENCH_PATHS": " ".join(endpoint["paths"]),
        "BENCH_BODY": json.dumps(endpoint["body"]) if "body" in endpoint else "",
        "BENCH_BODIES_FILE": endpoint.get("bodies_file", ""),
        "BENCH_THREADS": str(WRK_THREADS),
    }
    command = ["wrk", f"-t{WRK_THREADS}", f"-c{connections}", f"-d{duration}s", "--timeout", "10s"]
    out = subprocess.run(
        [*command, "-s", str(WRK_SCRIPT), api],
        env=env,
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    figures = json.loads(out.split("BENCH_RESULT ", 1)[1])
    requests = max(figures["requests"], 1)
    return {
        "requests_per_second": figures["requests"] / (figures["duration_us"] / 1e6),
        "p50_ms": figures["p50_us"] / 1000,
        "p99_ms": figures["p99_us"] / 1000,
        "errors": figures["non_2xx"] + figures["socket_errors"],
        "bytes_per_response": figures["bytes"] / requests,
    }


def run_pgbench(pgbench, database_url, query, params, duration, connections):
    """Transactions per second of the query at the same concurrency, prepared (as psycopg prepares a
    statement that repeats)."""
    text = "\n".join(
        line for line in (SQL_DIR / f"{query}.sql").read_text().splitlines() if not line.lstrip().startswith("--")
    )
    with tempfile.NamedTemporaryFile("w", suffix=".sql") as script:
        script.write(text)
        script.flush()
        defines = [f"-D{name}={value}" for name, value in params.items()]
        out = subprocess.run(
            [
                pgbench,
                "-n",
                "-M",
                "prepared",
                f"-c{connections}",
                "-j2",
                f"-T{duration}",
                *defines,
                "-f",
                script.name,
                database_url,
            ],
            capture_output=True,
            text=True,
            check=True,
        ).stdout
    return float(re.search(r"tps = ([\d.]+)", out).group(1))


class WorkerMemory(threading.Thread):
    """Samples the resident memory of each gunicorn worker (the master's children) twice a second."""

    def __init__(self, master_pid):
        super().__init__(daemon=True)
        self.master = psutil.Process(master_pid)
        self.samples = {}
        self.stopping = threading.Event()

    def run(self):
        while not self.stopping.wait(0.5):
            for worker in self.master.children():
                try:
                    self.samples.setdefault(worker.pid, []).append(worker.memory_info().rss / 2**20)
                except psutil.NoSuchProcess:
                    pass

    def summary(self):
        self.stopping.set()
        self.join()
        return {
            str(pid): {"peak_mb": max(mb), "first_mb": mb[0], "last_mb": mb[-1]} for pid, mb in self.samples.items()
        }


# wrk's keep-alive connections are accepted by whichever gunicorn worker is first; when one worker gets nearly
# all of them, a Python-bound row reads up to half speed. Above this share of the workers' CPU time in one
# worker, a row is flagged as skewed.
SKEW_SHARE = 0.75


class ServerCpu:
    """CPU time of the processes serving a row, by part: the API's gunicorn workers, PostgreSQL (the postmaster
    and its backends), Redis and the fan-out to home timelines. Divided by a row's requests, it says where a
    request's cost goes — the reason a row reads the ratio it does on a machine whose cores every part shares."""

    def __init__(self, api_pid, database_url, redis_port):
        self.api = psutil.Process(api_pid)
        with psycopg.connect(database_url) as conn:
            # The backend is the postmaster's child only while this connection lasts.
            self.postmaster = psutil.Process(conn.execute("SELECT pg_backend_pid()").fetchone()[0]).parent()
        self.redis = next(
            (
                process
                for process in psutil.process_iter(["name", "cmdline"])
                if process.info["name"] == "redis-server" and _serves_port(process.info["cmdline"], redis_port)
            ),
            None,
        )
        backend_dir = str(Path(__file__).resolve().parent.parent)
        self.fanout = [
            process
            for process in psutil.process_iter(["cmdline", "cwd"])
            if "cruddur.fanout" in " ".join(process.info["cmdline"] or ()) and process.info["cwd"] == backend_dir
        ]

    @staticmethod
    def _seconds(processes):
        seconds = {}
        for process in processes:
            try:
                times = process.cpu_times()
                seconds[process.pid] = times.user + times.system
            except psutil.NoSuchProcess:
                pass
        return seconds

    def sample(self):
        return {
            "api": self._seconds(self.api.children()),
            "db": self._seconds([self.postmaster, *self.postmaster.children()]),
            "redis": self._seconds([self.redis] if self.redis else []),
            "fanout": self._seconds(self.fanout),
        }


def _serves_port(cmdline, port):
    """Whether a redis-server's command line names this port: as its title ("redis-server 127.0.0.1:6479")
    or its --port argument. Exact, so that another helper's server on 16479 is not taken for ours on 6479."""
    words = " ".join(cmdline or ()).split()
    return any(word.endswith(f":{port}") for word in words) or any(
        word == "--port" and following == str(port) for word, following in itertools.pairwise(words)
    )


def _spent(before, after):
    """CPU seconds per process between two samples of one part (processes in both)."""
    return [after[pid] - before[pid] for pid in after if pid in before]


def measured_row(api, cpu, endpoint, duration, connections):
    """One wrk run of the endpoint, with each part's CPU milliseconds per request and the share of the workers'
    CPU time its busiest worker took."""
    before = cpu.sample()
    row = run_wrk(api, endpoint, duration, connections)
    after = cpu.sample()
    requests = max(row["requests_per_second"] * duration, 1)
    for part in before:
        row[f"{part}_cpu_ms"] = 1000 * sum(_spent(before[part], after[part])) / requests
    workers = _spent(before["api"], after["api"])
    share = max(workers) / sum(workers) if len(workers) > 1 and sum(workers) > 0 else None
    row["busiest_worker_share"] = share
    row["skewed"] = share is not None and share > SKEW_SHARE
    return row


def repeated_row(api, cpu, endpoint, duration, connections, repeat):
    """The run with the median rate of `repeat` runs, with every run's rate (`runs`) to show the spread."""
    runs = [measured_row(api, cpu, endpoint, duration, connections) for _ in range(repeat)]
    runs.sort(key=lambda row: row["requests_per_second"])
    median = dict(runs[len(runs) // 2])
    if repeat > 1:
        median["runs"] = [{"requests_per_second": row["requests_per_second"], "skewed": row["skewed"]} for row in runs]
    return median


def run(session, api, api_pid, redis_port, database_url, pgbench, duration, connections, only=(), repeat=1):
    workdir = tempfile.mkdtemp(prefix="cruddur-bench-")
    every = endpoints(session, start_conversations(api, session))
    # Last: the photos they put on the viewer's home page are not in the rows before.
    every.update(
        photos.endpoints(
            session,
            database_url,
            duration,
            lambda: api_call(api, "GET", "/api/activities/home", session["token"]),
            workdir,
        )
    )
    unknown = set(only) - set(every) - {"fan-out", "purge"}
    if unknown:
        raise SystemExit(f"unknown endpoints {sorted(unknown)}; known: {', '.join(every)}")
    memory = WorkerMemory(api_pid)
    memory.start()
    cpu = ServerCpu(api_pid, database_url, redis_port)
    rows = {}
    for name, endpoint in every.items():
        if only and name not in only and name != "health-check":
            continue
        print(f"  {name} ...", flush=True)
        if "prepare" in endpoint:
            endpoint = {**endpoint, **(endpoint["prepare"]() or {})}
        rows[name] = repeated_row(api, cpu, endpoint, duration, connections, repeat)
        if "sql" in endpoint:
            rows[name]["pgbench_per_second"] = run_pgbench(
                pgbench, database_url, *endpoint["sql"], duration, connections
            )
    timeline_figures = None
    if os.environ.get("TIMELINES_URL") and (not only or "fan-out" in only):
        print("  fan-out lag ...", flush=True)
        timeline_figures = timelines.measure(database_url, os.environ["TIMELINES_URL"])
    purge_figures = None
    if not only or "purge" in only:
        # Last of all: it deletes the expired fifth. Readers are the profile row's.
        print("  purge ...", flush=True)
        purge_figures = purge.measure(
            database_url,
            lambda: run_wrk(api, every["profile"], duration, connections),
            duration,
            rows.get("create crud", {}).get("requests_per_second"),
        )
    return {
        "cruds": session["cruds"],
        "timelines": timeline_figures,
        "purge": purge_figures,
        "duration_seconds": duration,
        "connections": connections,
        "repeat": repeat,
        "machine": f"{os.cpu_count()} cores, load average {os.getloadavg()[0]:.1f}",
        "finished_at": time.strftime("%Y-%m-%dT%H:%M:%S%z"),
        "endpoints": rows,
        "workers": memory.summary(),
    }
