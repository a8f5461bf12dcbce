"""The OpenAPI document and the routes say the same thing."""

import re

import yaml
from openapi_spec_validator import validate

METHODS = {"get", "post", "put", "patch", "delete"}


def documented(document):
    """The operations the Flask API serves (not those of the stream process, `x-served-by: stream`)."""
    return {
        (method.upper(), path)
        for path, item in document["paths"].items()
        if item.get("x-served-by") != "stream"
        for method in item
        if method in METHODS
    }


def routed(app):
    return {
        (method, re.sub(r"<(?:\w+:)?(\w+)>", r"{\1}", rule.rule).replace("{activity_uuid}", "{uuid}"))
        for rule in app.url_map.iter_rules()
        for method in rule.methods - {"HEAD", "OPTIONS"}
    }


def test_document_is_valid_openapi_and_served(client):
    response = client.get("/api/openapi.yaml")
    assert response.status_code == 200
    assert response.mimetype == "application/yaml"
    validate(yaml.safe_load(response.data))


def test_every_route_is_documented_and_every_documented_operation_exists(app, client):
    document = yaml.safe_load(client.get("/api/openapi.yaml").data)
    assert routed(app) == documented(document)


def test_documented_crud_fields_match_what_the_api_answers(client, auth):
    document = yaml.safe_load(client.get("/api/openapi.yaml").data)
    crud = client.post("/api/activities", json={"message": "hi", "ttl": "1-hour"}, headers=auth.headers("fay")).json
    schemas = document["components"]["schemas"]
    signed_in_crud = {"liked", "reposted"}
    assert set(schemas["Crud"]["required"]) | signed_in_crud == set(crud)
    assert set(crud) <= set(schemas["Crud"]["properties"])
    profile = client.get("/api/activities/@fay", headers=auth.headers("gus")).json["profile"]
    assert set(schemas["Profile"]["required"]) | {"following", "is_me"} == set(profile)
    assert set(profile) <= set(schemas["Profile"]["properties"])
