import time

import psycopg

from cruddur.db.purge import PurgeRunner, purge_expired


def crud_messages(sql):
    return sorted(row[0] for row in sql("SELECT message FROM activities"))


def test_purge_deletes_only_expired_rows_in_batches(app, sql):
    sql("expired_and_live.sql")
    assert purge_expired(app.extensions["db"], batch_size=2) == 5
    assert crud_messages(sql) == ["live", "live reply"]


def test_only_one_runner_at_a_time(app, sql, database_url):
    sql("expired_and_live.sql")
    with psycopg.connect(database_url, autocommit=True) as other_runner:
        other_runner.execute("SELECT pg_advisory_lock(hashtext('cruddur.purge_expired'))")
        assert purge_expired(app.extensions["db"], batch_size=10) is None
        assert len(crud_messages(sql)) == 7
        other_runner.execute("SELECT pg_advisory_unlock(hashtext('cruddur.purge_expired'))")
    assert purge_expired(app.extensions["db"], batch_size=10) == 5


def test_background_runner_purges(app, sql):
    sql("expired_and_live.sql")
    runner = PurgeRunner(app.extensions["db"], interval_seconds=0.05, batch_size=100).start()
    try:
        for _ in range(100):
            if crud_messages(sql) == ["live", "live reply"]:
                break
            time.sleep(0.05)
        assert crud_messages(sql) == ["live", "live reply"]
    finally:
        runner.stop()
        runner.thread.join(5)


def test_avatar_uploads_go_after_a_day(app, sql, auth, client):
    client.get("/api/users/me", headers=auth.headers("ana"))
    [[ana]] = sql("SELECT uuid FROM users")
    sql(
        "INSERT INTO avatar_uploads (upload_id, user_uuid, created_at) "
        "SELECT md5(n::text), %s, now() - make_interval(hours => n) FROM generate_series(1, 50) AS n",
        (ana,),
    )
    purge_expired(app.extensions["db"], batch_size=7)
    assert sql("SELECT count(*) FROM avatar_uploads") == [(23,)]  # those under a day old: 1 to 23 hours


def test_each_round_logs_how_late_it_is(app, sql, caplog):
    # The purge-lag alarm (monitoring stack) reads this line: seconds since the longest-expired crud expired.
    sql("expired_and_live.sql")
    sql("UPDATE activities SET expires_at = now() - interval '1 hour' WHERE expires_at <= now()")
    with caplog.at_level("INFO", logger="cruddur.db.purge"):
        purge_expired(app.extensions["db"], batch_size=10)
        purge_expired(app.extensions["db"], batch_size=10)
    lags = [
        r.fields["purge_lag_seconds"] for r in caplog.records if getattr(r, "fields", {}).get("event") == "purge_lag"
    ]
    assert len(lags) == 2 and 3599 <= lags[0] <= 3700 and lags[1] == 0
