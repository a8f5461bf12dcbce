"""The home timelines in Redis.

Keys, under the current generation (`timelines:generation`, raised by the fan-out process whenever it may have
missed events, which makes every timeline cold at once):
- `timeline:{generation}:{viewer_uuid}`: a sorted set of appearances, member `{crud_uuid}|{reposter_uuid}`
  (nothing after the bar for the crud itself), score the appearance's time in microseconds since the epoch
  (exact in a double until the year 2255). Equal scores sort by member, so by crud uuid, as the SQL feeds do.
- `timeline:{generation}:{viewer_uuid}:state`: `building:{token}` while a rebuild runs, then the time (same
  unit) above which the timeline holds every appearance, or `-inf` when it holds all there are.
A timeline holds at most TIMELINE_SIZE appearances; trimming moves its complete-above time up. Both keys
expire after TIMELINE_IDLE_SECONDS without a read, so people who stopped coming back cost nothing.

Who got each appearance is published on the channel `timelines:home` (publish_home), for the stream processes
(cruddur/stream) to send `home` events: JSON {"uuid": crud, "by": reposter or null, "to": [viewer uuids]}, at
most HOME_CHUNK viewers a message (a crud of someone with thousands of followers is several messages), and
for a very-followed writer, whose followers are not fanned out, {"followers_of": writer} too ("to" is then the
writer alone): each stream process finds those followers among its own viewers.
"""

import json
import math
import re
import secrets
from datetime import UTC, datetime

import redis

TIMELINE_SIZE = 400
TIMELINE_IDLE_SECONDS = 7 * 86400
# A rebuild that has not finished by then (its process died) lets the next read start another.
REBUILD_SECONDS = 30
GENERATION_KEY = "timelines:generation"
HOME_CHANNEL = "timelines:home"
# Viewers a `timelines:home` message names at most (~37 bytes each).
HOME_CHUNK = 1000
EPOCH = datetime(1970, 1, 1, tzinfo=UTC)

# Every script finds its keys from the generation it reads, so a raise of the generation is seen atomically.
_KEY = "local key = 'timeline:' .. (redis.call('GET', KEYS[1]) or '0') .. ':' .. ARGV[1]\n"

# ARGV: viewer, highest score, count, idle seconds -> nil while cold, else {state, size, lowest, entries}, the
# entries as one string "member score member score ..." (one reply to parse rather than two per entry).
_READ = (
    _KEY
    + """
local state = redis.call('GET', key .. ':state')
if not state or string.sub(state, 1, 9) == 'building:' then return nil end
redis.call('EXPIRE', key, ARGV[4])
redis.call('EXPIRE', key .. ':state', ARGV[4])
local lowest = redis.call('ZRANGE', key, 0, 0, 'WITHSCORES')[2] or '-inf'
local entries = redis.call('ZRANGE', key, ARGV[2], '-inf', 'BYSCORE', 'REV', 'LIMIT', 0, ARGV[3], 'WITHSCORES')
return {state, redis.call('ZCARD', key), lowest, table.concat(entries, ' ')}
"""
)

# ARGV: member, score, size, viewer... -> how many timelines took it. Cold timelines are left to their rebuild.
_ADD = """
local generation = redis.call('GET', KEYS[1]) or '0'
local added = 0
for i = 4, #ARGV do
  local key = 'timeline:' .. generation .. ':' .. ARGV[i]
  if redis.call('EXISTS', key .. ':state') == 1 then
    redis.call('ZADD', key, ARGV[2], ARGV[1])
    local size = redis.call('ZCARD', key)
    if size > tonumber(ARGV[3]) then redis.call('ZREMRANGEBYRANK', key, 0, size - tonumber(ARGV[3]) - 1) end
    added = added + 1
  end
end
return added
"""

# ARGV: viewer, token, seconds a rebuild may take -> 1 if this caller rebuilds, 0 if another one already does
# (or it is warm): one rebuild at a time, however many of the viewer's requests find it cold. From here on the
# fan-out adds to this timeline; what it held is dropped.
_START = (
    _KEY
    + """
if redis.call('EXISTS', key .. ':state') == 1 then return 0 end
redis.call('DEL', key)
redis.call('SET', key .. ':state', 'building:' .. ARGV[2], 'EX', ARGV[3])
return 1
"""
)

# ARGV: viewer, token, idle seconds, complete above, score, member, score, member... The snapshot is added only
# if this rebuild is still the timeline's (no forget, no later rebuild, no new generation came between).
_FINISH = (
    _KEY
    + """
if redis.call('GET', key .. ':state') ~= 'building:' .. ARGV[2] then return 0 end
if #ARGV > 4 then redis.call('ZADD', key, unpack(ARGV, 5)) end
redis.call('SET', key .. ':state', ARGV[4], 'EX', ARGV[3])
redis.call('EXPIRE', key, ARGV[3])
return 1
"""
)

_FORGET = _KEY + "return redis.call('DEL', key, key .. ':state')\n"


def score(moment):
    """Microseconds since the epoch of a datetime, or of a position's timestamp text ('infinity' is the top)."""
    if moment == "infinity":
        return "+inf"
    if isinstance(moment, str):
        moment = datetime.fromisoformat(moment)
    delta = moment - EPOCH
    return (delta.days * 86400 + delta.seconds) * 1_000_000 + delta.microseconds


def moment(score_value):
    micros = int(float(score_value))
    return datetime.fromtimestamp(micros // 1_000_000, UTC).replace(microsecond=micros % 1_000_000)


_UUID = "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}"
# A member as member() writes it, checked before its uuids reach SQL.
_MEMBER = re.compile(rf"{_UUID}\|(?:{_UUID})?")


def _finite(text):
    """The number a score's text reads, or None when it reads no finite number."""
    try:
        value = float(text)
    except ValueError:
        return None
    return value if math.isfinite(value) else None


def member(activity_uuid, reposter_uuid=None):
    return f"{activity_uuid}|{reposter_uuid or ''}"


class TimelineUnavailable(Exception):
    """Redis did not answer: the caller reads PostgreSQL instead."""


class Timelines:
    """The home timelines of every viewer in one Redis (ElastiCache on AWS, redis-server locally)."""

    def __init__(self, client, size=TIMELINE_SIZE, idle_seconds=TIMELINE_IDLE_SECONDS):
        self.client = client
        self.size = size
        self.idle_seconds = idle_seconds
        self._read = client.register_script(_READ)
        self._add = client.register_script(_ADD)
        self._start = client.register_script(_START)
        self._finish = client.register_script(_FINISH)
        self._forget = client.register_script(_FORGET)

    @classmethod
    def from_url(cls, url, **settings):
        # Short timeouts: a Redis that does not answer costs a read a fraction of its time, then PostgreSQL answers.
        return cls(redis.Redis.from_url(url, socket_timeout=0.25, socket_connect_timeout=0.25), **settings)

    def _call(self, script, args):
        try:
            return script(keys=[GENERATION_KEY], args=args)
        except redis.RedisError as error:
            raise TimelineUnavailable(str(error)) from error

    def read(self, viewer_uuid, before_score, count):
        """(complete_above, [(activity_uuid, feed_at, reposter_uuid), ...] newest first from before_score
        inclusive) or None while the timeline is cold. complete_above is a score or None for "all"."""
        reply = self._call(self._read, [str(viewer_uuid), before_score, count, self.idle_seconds])
        if reply is None:
            return None
        parsed = self._parsed(*(part.decode() if isinstance(part, bytes) else part for part in reply))
        if parsed is None:
            # Only our scripts write here, so this is a damaged store: rebuilt on the next read.
            self.forget(viewer_uuid)
        return parsed

    def _parsed(self, state, size, lowest, joined):
        """read()'s answer from the script's reply; None when the reply is not what the scripts write (a member
        with a space in it shifts every score after it; a score or state may not be a finite number)."""
        flat = joined.split(" ") if joined else []
        if len(flat) % 2:
            return None
        bounds = []
        if state != "-inf":
            bounds.append(_finite(state))
        if int(size) >= self.size and lowest != "-inf":
            bounds.append(_finite(lowest))
        entries = []
        for index in range(0, len(flat), 2):
            entry_score = _finite(flat[index + 1])
            if _MEMBER.fullmatch(flat[index]) is None or entry_score is None:
                return None
            activity_uuid, reposter_uuid = flat[index].split("|")
            entries.append((activity_uuid, entry_score, reposter_uuid or None))
        if None in bounds:
            return None
        return (max(bounds) if bounds else None), entries

    def add(self, activity_uuid, reposter_uuid, feed_at, viewer_uuids):
        """Puts one appearance on the timelines of viewer_uuids that are warm; answers how many took it."""
        args = [member(activity_uuid, reposter_uuid), score(feed_at), self.size, *map(str, viewer_uuids)]
        return self._call(self._add, args)

    def start_rebuild(self, viewer_uuid):
        """A token for finish_rebuild, or None when another rebuild of this timeline is under way."""
        token = secrets.token_hex(8)
        return token if self._call(self._start, [str(viewer_uuid), token, REBUILD_SECONDS]) else None

    def finish_rebuild(self, viewer_uuid, token, entries):
        """entries: (activity_uuid, feed_at, reposter_uuid) newest first, at most self.size of them."""
        complete_above = "-inf" if len(entries) < self.size else str(score(entries[-1][1]))
        args = [str(viewer_uuid), token, self.idle_seconds, complete_above]
        for activity_uuid, feed_at, reposter_uuid in entries:
            args += [score(feed_at), member(activity_uuid, reposter_uuid)]
        return bool(self._call(self._finish, args))

    def forget(self, viewer_uuid):
        """Makes one timeline cold (someone followed someone: the next read rebuilds it with their cruds)."""
        self._call(self._forget, [str(viewer_uuid)])

    def publish_home(self, activity_uuid, reposter_uuid, viewer_uuids, followers_of=None):
        """Tells the stream processes who got one appearance (see the module's docstring), in one round trip."""
        viewers = [str(viewer) for viewer in viewer_uuids]
        common = {"uuid": str(activity_uuid), "by": str(reposter_uuid) if reposter_uuid else None}
        if followers_of is not None:
            common["followers_of"] = str(followers_of)
        pipeline = self.client.pipeline(transaction=False)
        for start in range(0, len(viewers), HOME_CHUNK):
            pipeline.publish(HOME_CHANNEL, json.dumps({**common, "to": viewers[start : start + HOME_CHUNK]}))
        try:
            pipeline.execute()
        except redis.RedisError as error:
            raise TimelineUnavailable(str(error)) from error

    def new_generation(self):
        """Makes every timeline cold: the fan-out process may have missed events while it was not listening."""
        try:
            return self.client.incr(GENERATION_KEY)
        except redis.RedisError as error:
            raise TimelineUnavailable(str(error)) from error
