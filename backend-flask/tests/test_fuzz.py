"""Schemathesis against our own OpenAPI document, every operation, anonymous and signed in: no 5xx, every
response as documented (status, content type, schema), error bodies in the contract's shape."""

import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_headers_conformance,
    response_schema_conformance,
    status_code_conformance,
)

# Not in `bin/test quick`: schemathesis over every operation.
pytestmark = pytest.mark.slow

EXAMPLES_PER_OPERATION = 25
# What the contract promises. Schema-valid values the API still refuses on their meaning (an unknown uuid,
# a cursor it never handed out) are not failures, so "positive data must be accepted" is not among them.
CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_schema_conformance,
    response_headers_conformance,
]


@pytest.fixture
def operations(app):
    schema = schemathesis.openapi.from_wsgi("/api/openapi.yaml", app)
    # The stream process serves /api/stream (tests/test_stream.py), not this app.
    every = [result.ok() for result in schema.get_all_operations()]
    return [operation for operation in every if not operation.path.startswith("/api/stream")]


@pytest.fixture
def signed_in(client, auth):
    headers = auth.headers("fuzzer")
    client.get("/api/users/me", headers=headers)
    return headers


def fuzz(operation, headers, tally):
    @given(case=operation.as_strategy())
    @settings(
        max_examples=EXAMPLES_PER_OPERATION,
        deadline=None,
        derandomize=True,
        database=None,
        suppress_health_check=list(HealthCheck),
    )
    def run(case):
        tally.append(operation.label)
        case.call_and_validate(headers=headers, checks=CHECKS)

    run()


@pytest.mark.parametrize("caller", ["anonymous", "signed_in"])
def test_every_operation(request, operations, caller):
    headers = request.getfixturevalue("signed_in") if caller == "signed_in" else None
    tally = []
    for operation in operations:
        fuzz(operation, headers, tally)
    print(f"fuzzed {len(tally)} cases over {len(operations)} operations as {caller}")
    assert len(set(tally)) == len(operations)
