import datetime
import uuid

from cruddur.api.json_provider import FastJSONProvider


def test_timestamps_uuids_and_big_integers(app):
    provider = FastJSONProvider(app)
    moment = datetime.datetime(2026, 11, 27, 13, 0, 5, 120000, tzinfo=datetime.UTC)
    crud = uuid.UUID("12345678-1234-5678-1234-567812345678")
    assert (
        provider.dumps({"at": moment, "uuid": crud, "n": 3})
        == '{"at":"2026-11-27T13:00:05.120000+00:00","uuid":"12345678-1234-5678-1234-567812345678","n":3}'
    )
    assert provider.loads(provider.dumps({"size": 10**30})) == {"size": 10**30}


def test_responses_keep_key_order_and_iso_timestamps(client, auth):
    me = client.get("/api/users/me", headers=auth.headers("ann")).json
    assert list(me)[:2] == ["uuid", "handle"]
    assert datetime.datetime.fromisoformat(me["created_at"]).utcoffset() == datetime.timedelta(0)
