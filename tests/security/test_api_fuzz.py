"""A bounded fuzz of the whole API from its own OpenAPI document: for every operation, requests
built from the operation's schemas (valid ones, which reach the services with far dates, huge
numbers and odd text; and ones with a field swapped for junk), a few hundred in all. Whatever
is sent, the answer is never a server error, and an error is JSON with a `detail`.

`tests/api/test_openapi_fuzz.py` throws junk at every path; this one follows the schemas, so
the requests get past the shape checks into the code behind them."""

from __future__ import annotations

import json
import os
import re

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

pytestmark = pytest.mark.django_db

CASES = 300
JUNK = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-(10**12), 10**12),
    st.floats(allow_nan=True, allow_infinity=True),
    st.text(max_size=40),
    st.lists(st.integers(), max_size=3),
    st.dictionaries(st.text(max_size=5), st.text(max_size=5), max_size=2),
)


def document(client) -> dict:  # type: ignore[no-untyped-def]
    return client.get("/api/v1/openapi.json").json()


def schema_of(doc: dict, schema: dict) -> st.SearchStrategy:
    """Values valid for `schema`, a JSON schema of the document (`$ref`s into its components).

    The kinds the API's schemas use: objects (required and optional properties, or a map),
    arrays, strings (dates, bounded text), whole numbers and numbers within their bounds,
    booleans, null, enums and `anyOf`. Dates range over every year, far ones included."""
    if "$ref" in schema:
        return schema_of(doc, doc["components"]["schemas"][schema["$ref"].rsplit("/", 1)[-1]])
    if "anyOf" in schema:
        return st.one_of([schema_of(doc, option) for option in schema["anyOf"]])
    if "enum" in schema:
        return st.sampled_from(schema["enum"])
    kind = schema.get("type")
    if kind == "object":
        properties = schema.get("properties", {})
        if not properties:
            values = schema_of(doc, schema.get("additionalProperties") or {"type": "string"})
            return st.dictionaries(st.text(max_size=30), values, max_size=5)
        required = set(schema.get("required", []))
        return st.fixed_dictionaries(
            {k: schema_of(doc, v) for k, v in properties.items() if k in required},
            optional={k: schema_of(doc, v) for k, v in properties.items() if k not in required},
        )
    if kind == "array":
        items = schema_of(doc, schema.get("items", {"type": "string"}))
        return st.lists(items, max_size=min(schema.get("maxItems", 6), 6))
    if kind == "string" and schema.get("format") == "date":
        return st.dates().map(lambda d: d.isoformat())
    if kind == "string":
        return st.text(max_size=schema.get("maxLength", 200))
    if kind == "integer":
        return st.integers(schema.get("minimum", -(2**63)), schema.get("maximum", 2**63))
    if kind == "number":
        low, high = schema.get("minimum"), schema.get("maximum")
        return st.floats(low, high, allow_nan=False, allow_infinity=False)
    if kind == "boolean":
        return st.booleans()
    if kind == "null":
        return st.none()
    return JUNK


def with_junk(valid: st.SearchStrategy) -> st.SearchStrategy:
    """A valid body, or the same with one field's value (or the whole body) swapped for junk."""

    @st.composite
    def spoiled(draw):  # type: ignore[no-untyped-def]
        body = draw(valid)
        if isinstance(body, dict) and body and draw(st.booleans()):
            key = draw(st.sampled_from(sorted(body)))
            return body | {key: draw(JUNK)}
        return draw(JUNK)

    return st.one_of(valid, spoiled())


def requests_for(doc: dict, path: str, method: str, operation: dict) -> st.SearchStrategy:
    """(method, url, query, body) for one operation."""
    parts: dict[str, st.SearchStrategy] = {}
    query: dict[str, st.SearchStrategy] = {}
    for parameter in operation.get("parameters", []):
        values = st.one_of(schema_of(doc, parameter["schema"]), JUNK)
        if parameter["in"] == "path":
            parts[parameter["name"]] = values
        else:
            query[parameter["name"]] = values
    body_schema = (
        operation.get("requestBody", {}).get("content", {}).get("application/json", {})
    ).get("schema")
    body = with_junk(schema_of(doc, body_schema)) if body_schema else st.none()

    @st.composite
    def request(draw):  # type: ignore[no-untyped-def]
        url = path
        for name, values in parts.items():
            url = url.replace("{" + name + "}", _text(draw(values)) or "x")
        params = {
            name: _text(draw(values)) for name, values in query.items() if draw(st.booleans())
        }
        return method, url, params, draw(body)

    return request()


def _text(value: object) -> str:
    """A parameter as it travels in a URL."""
    if isinstance(value, bool):
        return str(value).lower()
    if value is None:
        return ""
    return re.sub(r"[/?#%]", "_", str(value))[:60]


def test_requests_built_from_the_schemas_never_make_a_server_error(as_alice) -> None:
    doc = document(as_alice)
    operations = [
        requests_for(doc, path, method, operation)
        for path, item in doc["paths"].items()
        for method, operation in item.items()
    ]
    assert len(operations) >= 20
    answered: list[tuple[str, int]] = []

    @settings(
        max_examples=CASES,
        derandomize=os.environ.get("CI", "").lower() in {"1", "true", "yes"},
        deadline=None,
        suppress_health_check=list(HealthCheck),
        database=None,
    )
    @given(request=st.one_of(operations))
    def call(request) -> None:  # type: ignore[no-untyped-def]
        method, url, params, body = request
        if method == "get":
            response = as_alice.get(url, params)
        else:
            payload = json.dumps(body, allow_nan=True)
            response = as_alice.generic(
                method.upper(), url, payload, content_type="application/json"
            )
        answered.append((method, response.status_code))
        assert response.status_code < 500, (method, url, params, body, response.content[:300])
        if response.status_code >= 400:
            assert response["Content-Type"].startswith("application/json"), (method, url)
            assert "detail" in response.json(), (method, url, response.content[:300])

    call()
    # The schemas let requests through to the services, not only to the shape checks.
    assert any(method == "post" and status in (200, 201) for method, status in answered)
    assert any(method == "post" and status == 400 for method, status in answered)
