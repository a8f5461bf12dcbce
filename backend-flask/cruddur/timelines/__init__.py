"""Home timelines built on write: each signed-in person's home as a Redis sorted set of the cruds and reposts
of the people they follow (and their own), filled by the fan-out process (`python -m cruddur.fanout`) as
cruds and reposts are written, and read a page at a time by the API.

The store is a cache that may be lost: a timeline that is missing, cold or of an older generation is rebuilt
from PostgreSQL on its next read; every page read from it is checked against PostgreSQL (live, still followed,
still reposted) before it is answered, so an entry that went stale (an unfollow, an unrepost, a deletion,
an expiry) is skipped rather than shown. See store.py for the key shapes and cruddur/fanout for the writer."""
