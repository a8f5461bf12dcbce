from datetime import UTC, datetime, timedelta

from cruddur.api.public_pages import PublicPages

NOW = datetime(2026, 11, 27, 12, 0, tzinfo=UTC)


class Clock:
    def __init__(self):
        self.seconds = 100.0

    def __call__(self):
        return self.seconds


def reads_of_a_page_expiring_in(seconds):
    """A loader whose page (one crud expiring in `seconds`) is labelled with how many times it was read."""
    reads = []

    def load():
        reads.append(1)
        return {
            "items": [{"label": f"read {len(reads)}", "expires_at": NOW + timedelta(seconds=seconds)}],
            "next_cursor": None,
        }

    return load


def test_a_page_is_kept_for_its_moment_then_read_again():
    clock = Clock()
    pages = PublicPages(1000, clock=clock, now=lambda: NOW)
    load = reads_of_a_page_expiring_in(3600)
    assert pages.get("k", load)["items"][0]["label"] == "read 1"
    clock.seconds += 0.9
    assert pages.get("k", load)["items"][0]["label"] == "read 1"
    clock.seconds += 0.2
    assert pages.get("k", load)["items"][0]["label"] == "read 2"
    assert pages.get("other", load)["items"][0]["label"] == "read 3"


def test_a_page_goes_when_its_first_crud_expires():
    clock = Clock()
    pages = PublicPages(60_000, clock=clock, now=lambda: NOW)
    load = reads_of_a_page_expiring_in(2)
    pages.get("k", load)
    clock.seconds += 1.9
    assert pages.get("k", load)["items"][0]["label"] == "read 1"
    clock.seconds += 0.2
    assert pages.get("k", load)["items"][0]["label"] == "read 2"


def test_zero_keeps_nothing():
    loads = []
    pages = PublicPages(0)
    for _ in range(3):
        pages.get("k", lambda: loads.append(1) or {"items": []})
    assert len(loads) == 3


def test_anonymous_first_pages_are_kept_and_nothing_else_is(make_app, auth):
    client = make_app(public_page_cache_ms=60_000).test_client()
    ann = auth.headers("ann")

    def post(message):
        return client.post("/api/activities", json={"message": message, "ttl": "1-day"}, headers=ann).json

    first = post("before the page was kept")
    kept_home = client.get("/api/activities/home").json
    kept_explore = client.get("/api/activities/explore").json
    second = post("after the page was kept")
    assert client.get("/api/activities/home").json == kept_home == kept_explore
    assert [c["uuid"] for c in kept_home["items"]] == [first["uuid"]]
    # Signed-in views, other page sizes and later pages are read each time.
    assert [c["uuid"] for c in client.get("/api/activities/home", headers=ann).json["items"]] == [
        second["uuid"],
        first["uuid"],
    ]
    assert len(client.get("/api/activities/explore?limit=5").json["items"]) == 2
