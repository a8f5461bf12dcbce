"""AWS X-Ray: the SDK's Flask middleware with subsegments for SQL statements, boto3 calls and outgoing HTTP,
sent to the daemon (a sidecar on ECS). On when AWS_XRAY_DAEMON_ADDRESS is set."""

from contextlib import contextmanager

from aws_xray_sdk.core import patch, xray_recorder
from aws_xray_sdk.ext.flask.middleware import XRayMiddleware


@contextmanager
def sql_subsegment(name):
    """A subsegment per SQL file run; the query's name stands for its text, which is never sent."""
    with xray_recorder.in_subsegment(name, namespace="remote") as subsegment:
        if subsegment is not None:
            subsegment.set_sql({"database_type": "PostgreSQL", "sanitized_query": name})
        yield


def init_xray(app, config):
    """After the database exists, whose statements it wraps."""
    if not config.xray_daemon_address:
        return
    xray_recorder.configure(
        service=config.otel_service_name,
        daemon_address=config.xray_daemon_address,
        sampling_rules=config.xray_sampling_rules,
        # Background work (the purge) runs outside any request: no segment there is normal.
        context_missing="IGNORE_ERROR",
    )
    patch(("botocore", "requests"))
    XRayMiddleware(app, xray_recorder)
    app.extensions["db"].around_statement = sql_subsegment
    app.extensions["xray_recorder"] = xray_recorder
