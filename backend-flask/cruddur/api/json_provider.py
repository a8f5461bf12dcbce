"""Responses serialized by orjson: a page of cruds is encoded in C, not value by value in Python.
Timestamps come out as ISO 8601 with their offset, uuids as strings, as the contract says."""

import orjson
from flask.json.provider import DefaultJSONProvider


def _other_types(value):
    if hasattr(value, "isoformat"):
        return value.isoformat()
    raise TypeError(f"{type(value).__name__} is not JSON serializable")


class FastJSONProvider(DefaultJSONProvider):
    """Only encoding changes; request bodies are still parsed by the standard library."""

    sort_keys = False
    default = staticmethod(_other_types)

    def dumps(self, obj, **kwargs):
        try:
            return orjson.dumps(obj, default=_other_types).decode()
        except orjson.JSONEncodeError:
            # What orjson refuses (integers past 64 bits) the standard library still writes.
            return super().dumps(obj, **kwargs)
