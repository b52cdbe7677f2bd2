"""Small builders for the OpenAPI document's pieces, shared by the device, catalog and connector APIs."""

from __future__ import annotations

JSON = "application/json"
PROBLEM_JSON = "application/problem+json"


def ref(name: str) -> dict:
    """A reference to a schema of the document's components."""
    return {"$ref": f"#/components/schemas/{name}"}


def json_content(schema: dict, description: str) -> dict:
    """A response (or body) holding JSON of this schema."""
    return {"description": description, "content": {JSON: {"schema": schema}}}


def problem_responses(texts: dict[str, str], *statuses: str) -> dict:
    """problem+json responses for these statuses, described by `texts`."""
    return {s: {"description": texts[s], "content": {PROBLEM_JSON: {"schema": ref("Problem")}}} for s in statuses}


def operation(operation_id: str, summary: str, responses: dict, *, body: dict | None = None, params=(),
              secured: bool = True, tags=("sync",)) -> dict:
    """One operation; `secured` ones need the bearer token."""
    result = {"operationId": operation_id, "summary": summary, "tags": list(tags), "responses": responses}
    if body is not None:
        result["requestBody"] = {"required": True, "content": {JSON: {"schema": body}}}
    if params:
        result["parameters"] = list(params)
    result["security"] = [{"bearer": []}] if secured else []
    return result


def param(name: str, where: str, schema: dict, description: str, required: bool = False) -> dict:
    """A query or path parameter (path parameters are always required)."""
    return {"name": name, "in": where, "required": required or where == "path", "schema": schema,
            "description": description}
