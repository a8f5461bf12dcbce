"""The real-time stream: `GET /api/stream` answers text/event-stream with the caller's events (message,
notification, home, delete), served by an asyncio (aiohttp) process of its own so that open streams hold
none of the API's request threads. `python -m cruddur.stream` runs it.

How an event travels: a write commits in PostgreSQL and a trigger (migration 0015) or the API's message send
path (services/realtime.py) calls pg_notify on 'cruddur_events' with a small JSON payload. Each stream
process holds one LISTEN connection (broker.py) for messages, notifications and deletions; `home` events come
from the fan-out (cruddur/fanout), which announces on the timelines' Redis who got each crud and repost
(home_events.py subscribes). The hub (hub.py) looks each event's object up once, only if one of its streams
wants it, and hands it to those streams (server.py writes them out).

No Flask here (an import-linter contract in pyproject.toml says so): the objects are presented by
cruddur/presentation.py, as the API presents them."""
