"""Cruddur past one machine: what 10k, 100k and 1M daily active people (DAU) need on AWS, worked out from the
rates `bin/bench` measured and a stated request mix, and whether an environment's CloudFormation parameters
hold the tier it is sized for (deploy_lint.py stacks calls `problems`).

    python3 bin/lib/capacity.py          prints the README's "Past one machine" tables (between its markers)

Only the standard library: the deploy lint runs it with the tools venv's Python, the README check with any.
"""

import json
import math
import sys
from dataclasses import dataclass, replace
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
README = REPO / "README.md"
README_START = "<!-- capacity tables: python3 bin/lib/capacity.py writes what follows -->"
README_END = "<!-- end of capacity tables -->"

# ---------------------------------------------------------------------------------------------------------
# Measured. The 1M-crud run of backend-flask/bench/README.md ("Results"): 2 cores shared by wrk, gunicorn
# (2 workers x 4 threads), PostgreSQL, Redis and moto; requests/s of each row, and pgbench's queries/s on the
# row's SQL at the same concurrency on the same 2 cores.
BENCH_CORES = 2
BENCH_ROWS = {
    # row: (requests/s, pgbench queries/s or None)
    "health-check": (2525, None),
    "home signed in": (570, 1308),
    "profile": (1621, 34909),
    "crud page": (1684, 35778),
    "search": (711, 1663),
    "create crud": (664, None),
    "like": (559, None),
    "message groups": (98, None),
    "send message": (141, None),
}
# `bin/bench --only purge` (10k cruds): the API's purge deleted 1,998 expired cruds a second on the 2 cores.
PURGE_PER_SECOND = 1998
# `bin/bench --streams 2000` (README, Real time): one stream process held 2,000 streams (RSS 118 MB idle, 157
# MB with them) and delivered 100 writes/s x 20 streams = 2,000 events/s, p99 10.8 ms. Neither is a ceiling:
# nothing more was asked of it. The process is one asyncio thread, so it had at most one core of the two.
STREAMS_MEASURED = 2000
DELIVERIES_MEASURED = 2000
# The fan-out bench (bench/README, fan-out): 120 timeline entries per crud over the seeded authors; Redis holds
# 163 MB (171,367,877 bytes) per million entries; a crud reaches 500 followers' timelines in 5.5 ms (p50), one
# crud at a time.
TIMELINE_ENTRY_BYTES = 171
FANOUT_SECONDS_PER_CRUD = 0.0055
TIMELINE_ENTRIES = 400  # the newest appearances a timeline keeps (services/home_timeline.py)
# The seeded bench database (10,000 people, 10,000 cruds, pg_total_relation_size): activities 8 MB, likes 1 MB,
# notifications 3 MB for 10,000 cruds; follows 311 MB for 1,151,048 rows.
BYTES_PER_CRUD = 1200
BYTES_PER_FOLLOW = 283
FOLLOWS_PER_PERSON = 115  # the seeded mean: 1,151,048 / 10,000

# ---------------------------------------------------------------------------------------------------------
# From the code. The fan-out's announcement of who got a crud (TimelineStore.publish_home, channel
# `timelines:home`): JSON of 68 bytes and 40 a viewer named (a quoted uuid and its separator), at most HOME_CHUNK
# viewers a message. Redis copies each message to every subscriber: one connection per stream task.
HOME_MESSAGE_BYTES = 68
HOME_BYTES_PER_VIEWER = 40
HOME_VIEWERS_PER_MESSAGE = 1000

# ---------------------------------------------------------------------------------------------------------
# Stated (not measured): what a daily active person asks for in a day, and how the day is shaped.
# request: (per person per day, the bench row that prices it, what it reads or writes: "primary", "replica" (a
# read that could stand a replica's lag; on the primary all the same, as there is none), "DynamoDB" or None)
MIX = {
    "home": (20, "home signed in", "primary"),
    "profile": (4, "profile", "replica"),
    "crud page": (6, "crud page", "replica"),
    "search": (2, "search", "replica"),
    "notifications": (4, "profile", "primary"),  # no row of its own: a per-viewer indexed page, like a profile
    "conversations": (3, "message groups", "DynamoDB"),
    "create crud": (2, "create crud", "primary"),
    "like": (8, "like", "primary"),
    "follow": (0.5, "like", "primary"),  # no row of its own: a row and a notification, like a like
    "send message": (4, "send message", "DynamoDB"),  # and one pg_notify, left out
    "other": (5, "health-check", None),  # /api/config, presigns and the like, priced as the health check
}
PEAK_TO_AVERAGE = 3  # the busiest hour's requests/s over the day's mean
ONLINE_AT_PEAK = 0.05  # of the day's people, with the app open in the busiest hour
STREAMS_PER_ONLINE = 1.2  # tabs
WEEKLY_PER_DAILY = 2  # people active in the last 7 days per daily one: timelines unread for 7 days are dropped
PEOPLE_PER_DAILY = 3  # accounts per daily active person: their follows take storage
CRUD_DAYS_KEPT = 30  # the longest ttl; every crud is deleted when it expires, so deletes/s = cruds/s
DELETED_LIVE = 0.02  # of cruds, deleted while they live (by their author, or by cascade)
# Of cruds, those written by the very-followed (over very_followed_threshold(), 10,000 followers), whose followers
# the fan-out does not name: each stream task probes the follows of every viewer it holds (followers_among.sql).
VERY_FOLLOWED_CRUD_SHARE = 0.01
FOLLOWS_PROBE_CORE_MS = 0.005  # one primary-key probe of follows, in memory (stated, not measured)
RATE_LIMIT_BYTES_PER_ONLINE = 300  # a few counters per client per window

# ---------------------------------------------------------------------------------------------------------
# Headroom and AWS figures.
DATABASE_CPU_TARGET = 0.6  # of the instance's vCPUs at peak (the monitoring stack alarms at 80%)
MEMORY_FOR_DATA = 0.75  # of an instance's memory, for the hot data (RDS page cache; ElastiCache reserves 25%)
STREAM_HEADROOM = 0.5  # of the measured streams and deliveries per process: a lost task's streams move over
FANOUT_HEADROOM = 0.5
DYNAMODB_ON_DEMAND_TABLE_LIMIT = 40000  # write request units a second, an on-demand table's default quota
# A message's put, and the stream Lambda's update of both members' conversation entries, each written to the
# local secondary index too: about 6 write units (a first message's transaction of 4 puts, 8, is rarer).
WRITE_UNITS_PER_MESSAGE = 6
SUPERUSER_RESERVED = 3
# RDS's default max_connections is DBInstanceClassMemory / 9,531,392, and DBInstanceClassMemory is about 85%
# of the nominal memory on these classes (db.t4g.small derives about 190; the data template says so too).
RDS_MEMORY_PER_CONNECTION = 9531392
RDS_CLASS_MEMORY_SHARE = 0.85
RDS_MAX_CONNECTIONS_CAP = 5000
# RDS classes, cheapest first (on-demand, PostgreSQL): (vCPUs, GiB, burstable baseline share or None).
RDS_CLASSES = {
    "db.t4g.small": (2, 2, 0.20),
    "db.t4g.medium": (2, 4, 0.20),
    "db.t4g.large": (2, 8, 0.30),
    "db.m6g.large": (2, 8, None),
    "db.r6g.large": (2, 16, None),
    "db.t4g.xlarge": (4, 16, 0.40),
    "db.m6g.xlarge": (4, 16, None),
    "db.r6g.xlarge": (4, 32, None),
    "db.m6g.2xlarge": (8, 32, None),
    "db.r6g.2xlarge": (8, 64, None),
    "db.r6g.4xlarge": (16, 128, None),
    "db.r6g.8xlarge": (32, 256, None),
}
# ElastiCache (Valkey) node types, cheapest first: (GiB, baseline network Gbit/s: what a burstable node keeps up
# without its network credits, from ElastiCache's table of supported node types).
CACHE_NODES = {
    "cache.t4g.micro": (0.5, 0.064),
    "cache.t4g.small": (1.37, 0.128),
    "cache.t4g.medium": (3.09, 0.256),
    "cache.r7g.large": (13.07, 0.937),
    "cache.r7g.xlarge": (26.32, 1.876),
    "cache.r7g.2xlarge": (52.82, 3.75),
    "cache.r7g.4xlarge": (105.81, 7.5),
    "cache.r7g.8xlarge": (209.55, 15),
    "cache.r7g.12xlarge": (317.77, 22.5),
    "cache.r7g.16xlarge": (419.09, 30),
}
CACHE_NETWORK_HEADROOM = 0.5  # of the baseline, for the home events (the timelines' reads and writes use it too)
GIB = 2**30
DAY = 86400
TIERS = (10_000, 100_000, 1_000_000)
# The daily active people each environment's parameters files are sized for, by environment: the deploy lint
# holds them to it.
TIERS_FILE = "capacity-tiers.json"


def environment_tiers(cfn=REPO / "aws" / "cfn"):
    return json.loads((cfn / TIERS_FILE).read_text())


def request_cost(row):
    """(API core-ms, database core-ms) of one request priced by a bench row. The row's rate used both cores
    for everything; pgbench's rate on the row's SQL is the database's part of it, and the rest is charged to
    the API (wrk's, Redis's and moto's share too: an upper bound). A write has no pgbench figure: its whole
    cost is charged to the API and again to the database, an upper bound on each."""
    rate, pgbench = BENCH_ROWS[row]
    whole = 1000 * BENCH_CORES / rate
    if pgbench is None:
        return whole, whole
    database = 1000 * BENCH_CORES / pgbench
    return whole - database, database


@dataclass(frozen=True)
class Config:
    """What sizes an environment: its parameters files over the templates' defaults, and the templates'
    fixed figures. Names as in the templates; the defaults are prod's, which the plans start from."""

    BackendCpu: int = 512
    BackendMinTasks: int = 2
    BackendMaxTasks: int = 6
    BackendWorkers: int = 2
    BackendPoolSize: int = 5
    RequestsPerTargetPerMinute: int = 600
    StreamMinTasks: int = 2
    StreamMaxTasks: int = 3
    StreamLookupThreads: int = 2
    DatabaseInstanceClass: str = "db.t4g.small"
    DatabaseMaxConnections: int = 180
    DatabaseConnectionsForLambdas: int = 40
    CacheNodeType: str = "cache.t4g.medium"
    # From the templates, not parameters:
    backend_cpu_target: float = 0.6  # BackendCpuScaling's TargetValue / 100
    stream_cpu: int = 256  # StreamTaskDefinition's Cpu
    max_storage_gib: int = 200  # the database's MaxAllocatedStorage
    messages_billing: str = "PAY_PER_REQUEST"
    # Since migration 0020_stream_live_deletes the purge's deletions are not announced, only those of live cruds;
    # True is the code before it, when every expired crud was a `delete` event on every stream.
    expiry_deletes_streamed: bool = False

    @property
    def task_capacity(self):
        """Cores of API work one task takes at its CPU target."""
        return self.BackendCpu / 1024 * self.backend_cpu_target

    @property
    def streams_per_task(self):
        return STREAMS_MEASURED * STREAM_HEADROOM

    @property
    def deliveries_per_task(self):
        """The measured deliveries had up to a core; a stream task has stream_cpu/1024 of one."""
        return DELIVERIES_MEASURED * min(1, self.stream_cpu / 1024) * STREAM_HEADROOM


@dataclass
class Load:
    """What `dau` daily active people ask for at the busiest hour (cores, bytes, counts, per second)."""

    dau: int
    peak_requests: float = 0
    api_cores_mean: float = 0
    api_cores_peak: float = 0
    primary_cores_peak: float = 0
    hot_bytes: float = 0
    storage_bytes: float = 0
    cache_bytes: float = 0
    streams: float = 0
    deliveries: float = 0
    fanout_per_second: float = 0
    dynamodb_write_units: float = 0
    events_per_stream: float = 0
    follows_probes: float = 0
    home_messages: float = 0
    home_bytes: float = 0

    def home_bytes_out(self, stream_tasks):
        """What the cache sends of the home announcements: each one to every stream task."""
        return self.home_bytes * stream_tasks


def per_person_day():
    """Core-ms a daily active person costs the API, the primary and the replicas in a day, and requests."""
    api = primary = replica = requests = 0.0
    for per_day, row, where in MIX.values():
        api_ms, database_ms = request_cost(row)
        requests += per_day
        api += per_day * api_ms
        if where == "primary":
            primary += per_day * database_ms
        elif where == "replica":
            replica += per_day * database_ms
    cruds = MIX["create crud"][0]
    # Each crud later: its purge, the fan-out's statement naming its followers, and a lookup in each stream
    # process where a follower the fan-out named is online, at most one per online follower (statements like a
    # profile's and a crud page's). The very-followed writers' lookups grow with the people online: load().
    primary += cruds * (1000 * BENCH_CORES / PURGE_PER_SECOND)
    primary += cruds * request_cost("profile")[1]
    primary += cruds * FOLLOWS_PER_PERSON * ONLINE_AT_PEAK * request_cost("crud page")[1]
    return api, primary, replica, requests


def load(dau, config=None):
    config = config or Config()
    api, primary, replica, requests = per_person_day()
    per_second_at_peak = dau / DAY * PEAK_TO_AVERAGE
    cruds_per_second = dau * MIX["create crud"][0] / DAY
    streams = dau * ONLINE_AT_PEAK * STREAMS_PER_ONLINE
    # Each stream hears of its followed people's cruds, its notifications and every crud deleted while it lives
    # (Explore shows everyone's); before migration 0020, every crud, as every crud is deleted when it expires.
    per_stream = MIX["create crud"][0] * FOLLOWS_PER_PERSON / DAY * PEAK_TO_AVERAGE
    per_stream += MIX["like"][0] / DAY * PEAK_TO_AVERAGE
    per_stream += cruds_per_second * (1 if config.expiry_deletes_streamed else DELETED_LIVE)
    timelines = dau * WEEKLY_PER_DAILY
    cruds_at_peak = cruds_per_second * PEAK_TO_AVERAGE
    # A very-followed writer's crud: every stream task probes each viewer it holds (at most one a stream).
    follows_probes = cruds_at_peak * VERY_FOLLOWED_CRUD_SHARE * streams
    viewers_named = FOLLOWS_PER_PERSON + 1  # the followers and the author
    home_messages = cruds_at_peak * math.ceil(viewers_named / HOME_VIEWERS_PER_MESSAGE)
    return Load(
        dau=dau,
        peak_requests=requests * per_second_at_peak,
        api_cores_mean=api / 1000 * dau / DAY,
        api_cores_peak=api / 1000 * per_second_at_peak,
        # No read replicas: the reads one could take are a few percent of the database's time (README).
        primary_cores_peak=(primary + replica) / 1000 * per_second_at_peak
        + follows_probes * FOLLOWS_PROBE_CORE_MS / 1000,
        # The day's cruds and the follows of the day's people are what the reads touch.
        hot_bytes=dau * (MIX["create crud"][0] * BYTES_PER_CRUD + FOLLOWS_PER_PERSON * BYTES_PER_FOLLOW),
        storage_bytes=dau * MIX["create crud"][0] * CRUD_DAYS_KEPT * BYTES_PER_CRUD
        + dau * PEOPLE_PER_DAILY * FOLLOWS_PER_PERSON * BYTES_PER_FOLLOW,
        cache_bytes=timelines * TIMELINE_ENTRIES * TIMELINE_ENTRY_BYTES
        + dau * ONLINE_AT_PEAK * RATE_LIMIT_BYTES_PER_ONLINE,
        streams=streams,
        deliveries=streams * per_stream,
        fanout_per_second=cruds_per_second * PEAK_TO_AVERAGE,
        dynamodb_write_units=MIX["send message"][0] * per_second_at_peak * WRITE_UNITS_PER_MESSAGE,
        events_per_stream=per_stream,
        follows_probes=follows_probes,
        home_messages=home_messages,
        # Every crud priced as one with the mean followers (a very-followed writer's names only the writer).
        home_bytes=home_messages * HOME_MESSAGE_BYTES + cruds_at_peak * viewers_named * HOME_BYTES_PER_VIEWER,
    )


def rds_usable_cores(instance_class):
    vcpus, _, baseline = RDS_CLASSES[instance_class]
    return vcpus * (baseline if baseline is not None else DATABASE_CPU_TARGET)


def rds_derived_max_connections(instance_class):
    memory = RDS_CLASSES[instance_class][1] * GIB * RDS_CLASS_MEMORY_SHARE
    return min(RDS_MAX_CONNECTIONS_CAP, int(memory // RDS_MEMORY_PER_CONNECTION))


def api_tasks(cores, config):
    return math.ceil(cores / config.task_capacity)


def stream_tasks(demand, config):
    by_streams = math.ceil(demand.streams / config.streams_per_task)
    return max(2, by_streams, math.ceil(demand.deliveries / config.deliveries_per_task))


def connections_needed(config, backend_tasks, streams):
    """The connection budget as check_connection_budget counts it (cruddur/db/database.py: two pools per
    worker; a stream task's two pools and its LISTEN; the fan-out's two)."""
    api = backend_tasks * config.BackendWorkers * 2 * config.BackendPoolSize
    return api + streams * (2 * config.StreamLookupThreads + 1) + 2


# ---------------------------------------------------------------------------------------------------------
# What a set of parameters holds, resource by resource: (resource, the parameter that sizes it, whether
# `demand` fits, the value `demand` requires). The lint's messages and the first bottleneck come from here.


def fits(config, demand):
    _, rds_gib, _ = RDS_CLASSES.get(config.DatabaseInstanceClass, (0, 0, None))
    rds_ok = config.DatabaseInstanceClass in RDS_CLASSES
    cache_gib, cache_gbit = CACHE_NODES.get(config.CacheNodeType, (0, 0))
    tasks_peak = api_tasks(demand.api_cores_peak, config)
    tasks_mean = api_tasks(demand.api_cores_mean, config)
    streams = stream_tasks(demand, config)
    available = config.DatabaseMaxConnections - SUPERUSER_RESERVED - config.DatabaseConnectionsForLambdas
    peak_per_minute = demand.peak_requests * 60
    per_task_per_minute = config.task_capacity / (demand.api_cores_peak / demand.peak_requests) * 60
    yield ("API CPU", "BackendMaxTasks", config.BackendMaxTasks >= max(2, tasks_peak), max(2, tasks_peak))
    yield ("API tasks off-peak", "BackendMinTasks", config.BackendMinTasks >= max(2, tasks_mean), max(2, tasks_mean))
    yield (
        "request-count scaling",
        "RequestsPerTargetPerMinute",
        config.RequestsPerTargetPerMinute * config.BackendMaxTasks >= peak_per_minute,
        math.ceil(peak_per_minute / config.BackendMaxTasks),
    )
    yield (
        "request-count scaling past the CPU target",
        "RequestsPerTargetPerMinute",
        config.RequestsPerTargetPerMinute <= per_task_per_minute,
        f"at most {int(per_task_per_minute)}",
    )
    yield (
        "database CPU",
        "DatabaseInstanceClass",
        rds_ok and rds_usable_cores(config.DatabaseInstanceClass) >= demand.primary_cores_peak,
        pick_rds(demand),
    )
    yield (
        "database memory",
        "DatabaseInstanceClass",
        rds_gib * GIB * MEMORY_FOR_DATA >= demand.hot_bytes,
        pick_rds(demand),
    )
    yield (
        "database connections",
        "DatabaseMaxConnections",
        rds_ok and config.DatabaseMaxConnections <= rds_derived_max_connections(config.DatabaseInstanceClass),
        f"at most {rds_derived_max_connections(config.DatabaseInstanceClass) if rds_ok else '?'} on "
        f"{config.DatabaseInstanceClass}",
    )
    needed = connections_needed(config, tasks_peak, streams)
    yield (
        "database connection budget",
        "DatabaseMaxConnections",
        needed <= available,
        needed + SUPERUSER_RESERVED + config.DatabaseConnectionsForLambdas,
    )
    yield (
        "database storage",
        "MaxAllocatedStorage (data template)",
        demand.storage_bytes <= config.max_storage_gib * GIB,
        math.ceil(demand.storage_bytes / GIB),
    )
    yield (
        "cache memory (timelines)",
        "CacheNodeType",
        cache_gib * GIB * MEMORY_FOR_DATA >= demand.cache_bytes,
        pick_cache(demand, config.StreamMaxTasks),
    )
    yield (
        "cache network (home events)",
        "CacheNodeType",
        demand.home_bytes_out(config.StreamMaxTasks) <= cache_network_bytes(cache_gbit),
        pick_cache(demand, config.StreamMaxTasks),
    )
    yield (
        "stream connections",
        "StreamMaxTasks",
        config.StreamMaxTasks >= math.ceil(demand.streams / config.streams_per_task),
        streams,
    )
    yield (
        "stream deliveries",
        "StreamMaxTasks",
        config.StreamMaxTasks >= math.ceil(demand.deliveries / config.deliveries_per_task),
        streams,
    )
    yield ("stream tasks off-peak", "StreamMinTasks", config.StreamMinTasks >= 2, 2)
    yield (
        "fan-out (one task)",
        "the fanout service's one task",
        demand.fanout_per_second <= FANOUT_HEADROOM / FANOUT_SECONDS_PER_CRUD,
        "a fan-out split by author",
    )
    yield (
        "DynamoDB writes",
        "MessagesTable BillingMode",
        config.messages_billing == "PAY_PER_REQUEST" and demand.dynamodb_write_units <= DYNAMODB_ON_DEMAND_TABLE_LIMIT,
        "PAY_PER_REQUEST",
    )


def pick_rds(demand):
    """The cheapest class whose CPU and memory hold `demand`; connections past its max_connections are RDS
    Proxy's to take (a resource of their own in `fits`)."""
    for name, (_, gib, _) in RDS_CLASSES.items():
        if rds_usable_cores(name) >= demand.primary_cores_peak and gib * GIB * MEMORY_FOR_DATA >= demand.hot_bytes:
            return name
    return "more than " + list(RDS_CLASSES)[-1]


def cache_network_bytes(gbit):
    """Bytes a second of a node's baseline the home events may take."""
    return gbit * 1e9 / 8 * CACHE_NETWORK_HEADROOM


def pick_cache(demand, stream_tasks):
    """The cheapest node that holds the timelines and sends the home events to `stream_tasks` subscribers."""
    for name, (gib, gbit) in CACHE_NODES.items():
        if gib * GIB * MEMORY_FOR_DATA >= demand.cache_bytes and (
            demand.home_bytes_out(stream_tasks) <= cache_network_bytes(gbit)
        ):
            return name
    return "cluster mode (more than one " + list(CACHE_NODES)[-1] + ")"


def problems(config, dau):
    """The parameters that do not hold `dau`: (resource, parameter, required value)."""
    return [
        (resource, parameter, required)
        for resource, parameter, ok, required in fits(config, load(dau, config))
        if not ok
    ]


def holds_up_to(config, resource):
    """The most daily active people `config` holds for one resource (searched: needs grow with DAU, the
    streams' deliveries with its square)."""
    low, high = 0, 10**9

    def ok(dau):
        return all(fine for name, _, fine, _ in fits(config, load(max(dau, 1), config)) if name == resource)

    if ok(high):
        return high
    while high - low > max(1, low // 1000):
        middle = (low + high) // 2
        low, high = (middle, high) if ok(middle) else (low, middle)
    return low


# What takes each resource when it runs out.
REMEDIES = {
    "API CPU": "ECS autoscaling: BackendMaxTasks (CPU target 60%)",
    "request-count scaling": "ECS autoscaling: RequestsPerTargetPerMinute",
    "database CPU": "a larger DatabaseInstanceClass; read replicas only take search, profile and crud pages",
    "database memory": "a larger DatabaseInstanceClass (memory-optimised r6g)",
    "database connection budget": "RDS Proxy in front of the API's pools (the LISTEN connections stay direct)",
    "database storage": "MaxAllocatedStorage (storage autoscaling)",
    "cache memory (timelines)": "a larger CacheNodeType, then cluster mode (timelines shard by viewer)",
    "cache network (home events)": "a larger CacheNodeType, then announcing only to the stream tasks holding the "
    "viewers (a code change)",
    "stream connections": "ECS autoscaling: StreamMaxTasks",
    "stream deliveries": "ECS autoscaling: StreamMaxTasks (the live cruds' deletions go to every stream)",
    "fan-out (one task)": "fan-out tasks each taking a share of the authors (a code change)",
    "DynamoDB writes": "DynamoDB on-demand (already), then a quota raise",
}
GROWTH_RESOURCES = [name for name in REMEDIES if name != "request-count scaling"]


# The parameters as they stood before this model (prod's and rehearsal's files): the first step starts there.
BEFORE = Config(CacheNodeType="cache.t4g.micro")


@dataclass
class Plan:
    dau: int
    demand: Load
    config: Config
    # What runs out, in order, as the people grow from the step before (its plan) to this tier: (DAU, resource).
    runs_out: list


def plan(dau, start=BEFORE, base=None):
    """The smallest parameters that hold `dau`; and, from `start` (the step before), what runs out on the way.
    `base` is the code's fixed figures (Config's defaults unless given)."""
    config = base or Config()
    demand = load(dau, config)
    streams = stream_tasks(demand, config)
    config = replace(
        config,
        BackendMinTasks=max(2, api_tasks(demand.api_cores_mean, config)),
        BackendMaxTasks=max(2, api_tasks(demand.api_cores_peak, config)),
        StreamMaxTasks=streams,
        CacheNodeType=pick_cache(demand, streams),
    )
    # A target that lets the request-count policy reach the peak within the max, rounded up to 100.
    target = math.ceil(demand.peak_requests * 60 / config.BackendMaxTasks / 100) * 100
    database = pick_rds(demand)
    derived = rds_derived_max_connections(database) if database in RDS_CLASSES else RDS_MAX_CONNECTIONS_CAP
    config = replace(
        config, RequestsPerTargetPerMinute=target, DatabaseInstanceClass=database, DatabaseMaxConnections=derived
    )
    start = replace(start, expiry_deletes_streamed=config.expiry_deletes_streamed)
    limits = sorted((holds_up_to(start, resource), resource) for resource in GROWTH_RESOURCES)
    return Plan(dau, demand, config, [(limit, resource) for limit, resource in limits if limit < dau])


def plans(base=None):
    made, start = [], BEFORE
    for dau in TIERS:
        made.append(plan(dau, start, base))
        start = made[-1].config
    return made


# ---------------------------------------------------------------------------------------------------------
# The README's tables.


def per_second_bytes(n):
    return f"{n / 10**6:,.{0 if n >= 10**7 else 1}f} MB/s" if n >= 10**6 else f"{n / 1000:,.1f} kB/s"


def people(n):
    """A head count to two significant figures: 18k, 250k, 1.2M."""
    rounded = float(f"{n:.2g}")
    if rounded >= 10**6:
        return f"{rounded / 10**6:g}M"
    return f"{rounded / 1000:g}k" if rounded >= 1000 else f"{rounded:g}"


SHOWN_WHERE = {"primary": "primary", "replica": "primary; a replica could", "DynamoDB": "DynamoDB", None: "–"}


def markdown():
    api, primary, replica, requests = per_person_day()
    made = plans()
    lines = [
        "| | " + " | ".join(f"{people(p.dau)} DAU" for p in made) + " |",
        "|---|" + "---|" * len(made),
    ]

    def row(label, cells):
        lines.append(f"| {label} | " + " | ".join(cells) + " |")

    def connections(p):
        needed = connections_needed(p.config, p.config.BackendMaxTasks, p.config.StreamMaxTasks)
        needed += SUPERUSER_RESERVED + p.config.DatabaseConnectionsForLambdas
        listening = p.config.StreamMaxTasks + 1 + SUPERUSER_RESERVED + p.config.DatabaseConnectionsForLambdas
        if needed <= p.config.DatabaseMaxConnections:
            return f"{needed:,} of {p.config.DatabaseMaxConnections:,}"
        # A LISTEN connection is pinned to its server connection, so a proxy multiplexes only the rest.
        beyond = "RDS Proxy" if listening <= p.config.DatabaseMaxConnections else "more than any class allows"
        return f"{needed:,} of {p.config.DatabaseMaxConnections:,} ({beyond})"

    def runs_out(p):
        return "; ".join(f"{resource} at {people(limit)}" for limit, resource in p.runs_out) or "nothing"

    def home_events(p):
        out = p.demand.home_messages * p.config.StreamMaxTasks
        baseline = CACHE_NODES[p.config.CacheNodeType][1] * 1e9 / 8
        return (
            f"{p.demand.home_messages:,.1f} → {out:,.{0 if out >= 10 else 1}f}; "
            f"{per_second_bytes(p.demand.home_bytes_out(p.config.StreamMaxTasks))} of {per_second_bytes(baseline)}"
        )

    row("requests/s at peak", [f"{p.demand.peak_requests:,.0f}" for p in made])
    row("API tasks (0.5 vCPU): min–max", [f"{p.config.BackendMinTasks}–{p.config.BackendMaxTasks}" for p in made])
    row("RequestsPerTargetPerMinute", [f"{p.config.RequestsPerTargetPerMinute:,}" for p in made])
    row("RDS class (Multi-AZ)", [p.config.DatabaseInstanceClass for p in made])
    row("read replicas", ["none" for _ in made])
    row("connections at max tasks, of max_connections", [connections(p) for p in made])
    row("ElastiCache node (primary + replica)", [p.config.CacheNodeType for p in made])
    row(
        "home events on the cache at peak: messages/s in → out; bytes out of the node's baseline",
        [home_events(p) for p in made],
    )
    row("stream tasks (0.25 vCPU)", [f"{p.config.StreamMaxTasks:,}" for p in made])
    row("DynamoDB", ["on-demand" for _ in made])
    lines += [
        "",
        "What runs out first on the way to each tier, from the step before (the first step from prod's parameters as "
        "they were), in order, at how many people:",
        "",
        "| step | what runs out |",
        "|---|---|",
    ]
    start = "prod before"
    for p in made:
        lines.append(f"| {start} → {people(p.dau)} | {runs_out(p)} |")
        start = people(p.dau)
    lines += ["", "| what runs out | what takes it |", "|---|---|"]
    lines += [f"| {resource} | {remedy} |" for resource, remedy in REMEDIES.items() if resource in GROWTH_RESOURCES]
    lines.append("")
    lines.append(
        f"How each figure is derived (per daily active person unless said; peak = day's mean × {PEAK_TO_AVERAGE}):"
    )
    lines.append("")
    lines.append("| request | a day | bench row (1M run) | API core-ms | database core-ms | reads or writes |")
    lines.append("|---|---|---|---|---|---|")
    for name, (per_day, bench_row, where) in MIX.items():
        api_ms, database_ms = request_cost(bench_row)
        shown_database = f"{database_ms:.2f}" if where in ("primary", "replica") else "–"
        lines.append(
            f"| {name} | {per_day:g} | {bench_row} ({BENCH_ROWS[bench_row][0]:,}/s) | {api_ms:.2f} | "
            f"{shown_database} | {SHOWN_WHERE[where]} |"
        )
    lines.append("")
    small, _, large = (p.demand for p in made)
    largest = made[-1].config
    per_timeline = TIMELINE_ENTRIES * TIMELINE_ENTRY_BYTES
    task = Config()
    before_0020 = plans(replace(Config(), expiry_deletes_streamed=True))
    viewers_named = FOLLOWS_PER_PERSON + 1
    lines += [
        f"- **API**: {requests:g} requests and {api:.0f} API core-ms a person a day. At 10k: {api:.0f} ms × 10,000 "
        f"÷ 86,400 s × {PEAK_TO_AVERAGE} = {small.api_cores_peak:.3f} cores at peak; a 0.5 vCPU task at the 60% CPU "
        f"target takes {task.task_capacity:g}, so {max(2, api_tasks(small.api_cores_peak, task))} tasks (two zones "
        "at least). Each tier is 10 × the last, so 10 × the cores.",
        f"- **Database CPU**: {primary:.0f} core-ms a person a day on the primary (the reads above, and per crud its "
        f"purge at {PURGE_PER_SECOND:,}/s, the fan-out's follower statement and the stream lookups); {replica:.1f} of "
        f"them are reads a replica could take. A very-followed writer's crud ({VERY_FOLLOWED_CRUD_SHARE:.0%} of them) "
        f"costs a follows probe per open stream ({FOLLOWS_PROBE_CORE_MS * 1000:g} µs each), which grows with the "
        f"square of the people: {large.follows_probes:,.0f} probes/s at 1M, "
        f"{large.follows_probes * FOLLOWS_PROBE_CORE_MS / 1000:.2f} cores. At 1M: {large.primary_cores_peak:.2f} "
        "cores at peak, against 60% of the vCPUs (a burstable class: its baseline share).",
        f"- **Database memory**: the day's cruds and the day's people's follows stay hot: "
        f"{MIX['create crud'][0]:g} × {BYTES_PER_CRUD:,} B + {FOLLOWS_PER_PERSON} × {BYTES_PER_FOLLOW} B = "
        f"{small.hot_bytes / small.dau / 1000:.1f} kB a person, in 75% of the memory (1M: "
        f"{large.hot_bytes / GIB:.1f} GiB, so 64 GiB). Storage: {CRUD_DAYS_KEPT} days of cruds and "
        f"{PEOPLE_PER_DAILY} accounts' follows a person, {large.storage_bytes / GIB:.0f} GiB at 1M (the template "
        "lets storage grow to 200 GiB).",
        f"- **Cache**: a timeline for each person active in the week ({WEEKLY_PER_DAILY} × DAU) × "
        f"{TIMELINE_ENTRIES} entries × {TIMELINE_ENTRY_BYTES} B = {WEEKLY_PER_DAILY * per_timeline / 1000:.0f} kB a "
        f"person, in 75% of a node (10k: {small.cache_bytes / GIB:.2f} GiB); the rate-limit counters are "
        "kilobytes. It also carries the fan-out's home announcements (pub/sub `timelines:home`): a crud's followers "
        f"and author, {viewers_named} viewers × {HOME_BYTES_PER_VIEWER} B + {HOME_MESSAGE_BYTES} B = "
        f"{viewers_named * HOME_BYTES_PER_VIEWER + HOME_MESSAGE_BYTES:,} B in one message (up to "
        f"{HOME_VIEWERS_PER_MESSAGE:,} viewers a message), copied to every stream task: at 1M "
        f"{large.home_messages:.0f} messages/s in and {per_second_bytes(large.home_bytes_out(largest.StreamMaxTasks))} "
        f"out, held to {CACHE_NETWORK_HEADROOM:.0%} of the node's baseline bandwidth.",
        f"- **Streams**: {ONLINE_AT_PEAK:.0%} of the day's people online at peak × {STREAMS_PER_ONLINE} tabs; a task "
        f"takes {task.streams_per_task:,.0f} streams (half the 2,000 measured) and {task.deliveries_per_task:.0f} "
        "events/s (half the measured 2,000/s, scaled from the core the bench's process had to a task's 0.25 vCPU). "
        "Each stream gets its followed people's cruds, its notifications and every crud deleted while it lives "
        f"({DELETED_LIVE:.0%} of cruds): 1M DAU make {large.events_per_stream:.2f} events/s per stream × "
        f"{large.streams:,.0f} streams = {large.deliveries:,.0f}/s, ÷ {task.deliveries_per_task:.0f} = "
        f"{math.ceil(large.deliveries / task.deliveries_per_task)} tasks; the deletions grow with the square of the "
        "people. Before migration 0020 every expired crud went to every stream too: "
        + ", ".join(f"{p.config.StreamMaxTasks:,} tasks at {people(p.dau)}" for p in before_0020)
        + ".",
        f"- **Fan-out**: one task, {FANOUT_SECONDS_PER_CRUD * 1000:g} ms a crud (measured lag, 500 followers), half "
        f"of it headroom: {FANOUT_HEADROOM / FANOUT_SECONDS_PER_CRUD:.0f} cruds/s; 1M post "
        f"{large.fanout_per_second:.0f}/s at peak.",
        f"- **DynamoDB**: {MIX['send message'][0]:g} messages × {WRITE_UNITS_PER_MESSAGE} write units: "
        f"{large.dynamodb_write_units:,.0f} units/s at 1M's peak, against an on-demand table's default "
        f"{DYNAMODB_ON_DEMAND_TABLE_LIMIT:,}.",
    ]
    return "\n".join(lines)


def readme_tables():
    text = README.read_text()
    start, end = text.find(README_START), text.find(README_END)
    if start < 0 or end < start:
        return None
    return text[start + len(README_START) : end].strip()


def write_readme():
    text = README.read_text()
    start, end = text.find(README_START), text.find(README_END)
    if start < 0 or end < start:
        raise SystemExit(f"README.md has no {README_START!r} … {README_END!r}")
    README.write_text(text[: start + len(README_START)] + "\n\n" + markdown() + "\n\n" + text[end:])


if __name__ == "__main__":
    if sys.argv[1:] == ["--write-readme"]:
        write_readme()
    else:
        print(markdown())
