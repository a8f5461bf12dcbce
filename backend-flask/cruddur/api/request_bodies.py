"""Request bodies checked against their one declaration, the request schemas of openapi.yaml: which fields
there are, which are required and of what type. What a value means (a message's length after trimming, a
ttl or a content type) is the services' to say, so those keywords are not checked here. A field sent as
null counts as not sent."""

import re
from functools import cache

import yaml
from flask import request
from jsonschema import Draft4Validator, validators

from cruddur_shared.text import TextRejected, check_storable

from ..errors import Invalid
from .openapi import OPENAPI_FILE
from .parsing import json_body

# Only what says how a body is built; the rest of JSON Schema's keywords are the services' rules.
_STRUCTURE = ("type", "properties", "required")
_Structure = validators.create(
    meta_schema=Draft4Validator.META_SCHEMA,
    validators={keyword: Draft4Validator.VALIDATORS[keyword] for keyword in _STRUCTURE},
    # Draft 4's types: a whole number is an integer, not 5.0, and true is no number at all.
    type_checker=Draft4Validator.TYPE_CHECKER,
)
_TYPE_NAMES = {
    "string": "a string",
    "integer": "a whole number",
    "object": "an object",
    "boolean": "true or false",
    "array": "a list",
}
_PLACEHOLDER = re.compile(r"<[^>]+>|\{[^}]+\}")


def _inlined(node, document):
    """The schema with its $refs (to components) replaced by what they point at."""
    if isinstance(node, dict):
        if "$ref" in node:
            target = document
            for part in node["$ref"].removeprefix("#/").split("/"):
                target = target[part]
            return _inlined(target, document)
        return {key: _inlined(value, document) for key, value in node.items()}
    if isinstance(node, list):
        return [_inlined(item, document) for item in node]
    return node


@cache
def _declared_bodies():
    """{(METHOD, path with every parameter as {}): the request body's schema}."""
    document = yaml.safe_load(OPENAPI_FILE.read_text())
    return {
        (method.upper(), _PLACEHOLDER.sub("{}", path)): _inlined(
            operation["requestBody"]["content"]["application/json"]["schema"], document
        )
        for path, operations in document["paths"].items()
        for method, operation in operations.items()
        if isinstance(operation, dict) and "requestBody" in operation
    }


def _refusal(error, body):
    field = error.path[0] if error.path else None
    if error.validator == "required":
        field = next(name for name in error.validator_value if name not in body)
        return Invalid("missing_field", f"{field} is required", field)
    expected = error.validator_value if error.validator == "type" else None
    return Invalid("invalid_type", f"{field} must be {_TYPE_NAMES.get(expected, expected)}", field)


def request_body():
    """The request's JSON object, as its route's declaration in openapi.yaml says it is built; 400 naming the
    field otherwise (missing_field, invalid_type, or invalid_characters for text that cannot be stored)."""
    body = {name: value for name, value in json_body().items() if value is not None}
    schema = _declared_bodies()[(request.method, _PLACEHOLDER.sub("{}", request.url_rule.rule))]
    error = min(_Structure(schema).iter_errors(body), key=lambda e: (list(e.path), e.validator), default=None)
    if error is not None:
        raise _refusal(error, body)
    for name, value in body.items():
        if isinstance(value, str):
            try:
                check_storable(value)
            except TextRejected as exc:
                raise Invalid(exc.reason, f"{name}: {exc.message}", name) from exc
    return body
