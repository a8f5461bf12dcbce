"""What the signed-in viewer did to the cruds they are shown."""


def with_viewer_state(db, rows, viewer_uuid):
    """Adds liked/reposted for a signed-in viewer; anonymous views carry neither."""
    if viewer_uuid is None or not rows:
        return rows
    state = {
        r["uuid"]: r
        for r in db.all(
            "activities/viewer_state", viewer_uuid=viewer_uuid, activity_uuids=[row["uuid"] for row in rows]
        )
    }
    return [{**row, "liked": state[row["uuid"]]["liked"], "reposted": state[row["uuid"]]["reposted"]} for row in rows]
