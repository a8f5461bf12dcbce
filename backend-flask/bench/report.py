"""The bench's table, its JSON, and the change between two runs."""

import json


def print_table(result):
    rows = result["endpoints"]
    ceiling = rows["health-check"]["requests_per_second"] if "health-check" in rows else None
    print(
        f"\n{result['cruds']:,} cruds, {result['duration_seconds']} s per endpoint, "
        f"wrk -c{result['connections']} (machine: {result['machine']})"
    )
    header = (
        f"{'endpoint':<20}{'req/s':>9}{'p50 ms':>9}{'p99 ms':>9}{'errors':>8}{'bytes':>8}"
        f"{'x health':>10}{'pgbench q/s':>13}{'x pgbench':>11}"
        f"{'api ms':>8}{'db ms':>7}{'redis ms':>9}{'fan-out ms':>11}{'busiest':>9}  spread"
    )
    print(header)
    print("-" * len(header))
    for name, row in rows.items():
        rate = row["requests_per_second"]
        pgbench = row.get("pgbench_per_second")
        print(
            f"{name:<20}{rate:>9.0f}{row['p50_ms']:>9.1f}{row['p99_ms']:>9.1f}{row['errors']:>8}"
            f"{row['bytes_per_response']:>8.0f}"
            f"{(rate / ceiling if ceiling else 0):>10.2f}"
            f"{(f'{pgbench:.0f}' if pgbench else '-'):>13}"
            f"{(f'{rate / pgbench:.3f}' if pgbench else '-'):>11}"
            f"{_cpu_ms(row, 'api'):>8}{_cpu_ms(row, 'db'):>7}{_cpu_ms(row, 'redis'):>9}{_cpu_ms(row, 'fanout'):>11}"
            f"{_share(row):>9}  {_spread(row)}"
        )
    print(
        "\npeak RSS per worker (MB): "
        + ", ".join(
            f"pid {pid}: {w['peak_mb']:.0f} (first {w['first_mb']:.0f}, last {w['last_mb']:.0f})"
            for pid, w in result["workers"].items()
        )
    )
    print(
        "api ms, db ms, redis ms, fan-out ms: CPU milliseconds per request in the API's workers, PostgreSQL, Redis"
        " and the fan-out to home timelines (wrk takes the rest of the cores)"
    )
    if any(row.get("skewed") for row in rows.values()):
        print(
            "\n* skewed: one gunicorn worker took most of the CPU time (wrk's connections landed on it), so the row"
            " reads low for a Python-bound endpoint; run it again (--only, --repeat)"
        )
    print_timelines(result.get("timelines"))
    print_purge(result.get("purge"))


def print_purge(figures):
    if not figures:
        return
    keeps_up = f"{figures['keeps_up_with']:.1f} × the create crud rate" if figures["keeps_up_with"] else "-"
    print(
        f"\npurge: {figures['deleted']:,} of {figures['expired_before']:,} expired cruds in "
        f"{figures['purge_seconds']:.1f} s ({figures['purge_per_second']:.0f}/s, {keeps_up}); profile reads meanwhile "
        f"p99 {figures['read_p99_ms_during']:.1f} ms against {figures['read_p99_ms_without']:.1f} ms without "
        f"({figures['read_rate_during']:.0f} against {figures['read_rate_without']:.0f} req/s; the purge ran for "
        f"{figures['purge_share_of_read']:.0%} of that read)"
    )


def _cpu_ms(row, part):
    """CPU milliseconds per request spent by that part of the servers."""
    ms = row.get(f"{part}_cpu_ms")
    return "-" if ms is None else f"{ms:.2f}"


def _share(row):
    """The busiest worker's share of the workers' CPU time in the row's run; * when skewed."""
    share = row.get("busiest_worker_share")
    return "-" if share is None else f"{share:.0%}{'*' if row.get('skewed') else ''}"


def _spread(row):
    """Every run's rate, lowest first, when the row was run more than once (--repeat)."""
    runs = row.get("runs")
    return " ".join(f"{run['requests_per_second']:.0f}{'*' if run['skewed'] else ''}" for run in runs) if runs else ""


def print_timelines(figures):
    if not figures:
        return
    print(
        f"\nhome timelines: fan-out lag for an author with {figures['followers']} followers over {figures['cruds']}"
        f" cruds p50 {figures['lag_p50_ms']:.1f} ms, p99 {figures['lag_p99_ms']:.1f} ms; "
        f"{figures['entries_per_crud_seeded']:.0f} timeline entries per crud (followers + 1, seeded authors); "
        f"Redis {figures['redis_bytes_per_million_entries'] / 2**20:.0f} MB per million entries "
        f"({figures['timeline_entries']:,} held)"
    )


def compare(before_path, after_path):
    with open(before_path) as f:
        before = json.load(f)
    with open(after_path) as f:
        after = json.load(f)
    print(f"{before_path} ({before['cruds']:,} cruds) -> {after_path} ({after['cruds']:,} cruds)")
    header = f"{'endpoint':<20}{'req/s':>20}{'change':>9}{'p50 ms':>16}{'p50 x':>8}{'p99 ms':>16}"
    print(header)
    print("-" * len(header))
    for name, new in after["endpoints"].items():
        old = before["endpoints"].get(name)
        if old is None:
            continue
        old_rate, new_rate = old["requests_per_second"], new["requests_per_second"]
        print(
            f"{name:<20}{old_rate:>9.0f} -> {new_rate:>7.0f}"
            f"{(new_rate / old_rate - 1) * 100 if old_rate else 0:>+8.0f}%"
            f"{old['p50_ms']:>7.1f} -> {new['p50_ms']:>5.1f}"
            f"{(new['p50_ms'] / old['p50_ms'] if old['p50_ms'] else 0):>8.2f}"
            f"{old['p99_ms']:>7.1f} -> {new['p99_ms']:>5.1f}"
        )
