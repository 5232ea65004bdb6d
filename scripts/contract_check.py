#!/usr/bin/env python3
"""Validates recorded Atlas Admin API exchanges against the OpenAPI subset.

Usage: contract_check.py SPEC.yaml EXCHANGES.jsonl
Each line of EXCHANGES.jsonl is one exchange as `spsh serve` records it with SPSH_CONTRACT_LOG:
  {"request": {"method": "GET", "path": "/api/atlas/v2/...", "query": {"pageNum": "1"},
               "headers": {"accept": "...", "content-type": "..."}, "body": <JSON or null>},
   "response": {"status": 200, "contentType": "...", "body": <JSON or null>}}

Every response must match the spec. A response whose status the operation does not declare (406 for a wrong
API version, 404 for a path no operation has) must be an `ApiError` body. Every request must match the spec,
except one the server itself rejected as malformed (400, 401 digest challenge, 404 RESOURCE_NOT_FOUND, 406,
415): tests send those on purpose, and libcurl sends a digest challenge round without the body.

Prints one line per exchange that does not match (operation, what and why) and a summary; exits 1 if any
failed or the log is empty.
"""
import json
import sys
import warnings

import yaml
from openapi_core import Config, OpenAPI
from openapi_core.templating.paths.exceptions import PathError
from openapi_core.templating.responses.exceptions import ResponseNotFound
from openapi_core.testing import MockRequest, MockResponse
from openapi_schema_validator import OAS30Validator

# Statuses with which the server says the request itself was malformed.
REJECTED_AS_MALFORMED = {400, 401, 406, 415}


def apply_errata(spec):
    """Known errors of the published spec, corrected here (and only here), each with its reason.

    - `StreamsProcessorWithStats.stats`: the spec declares every stats value an object
      (`additionalProperties: {type: object}`), but Atlas answers numbers and strings
      (`{"inputMessageCount": 0, "status": "running", ...}`, reference/atlas-api.md "stats keys"; mongosh's
      `sp.<name>.stats()` prints them as such). The values are left free-form.
    """
    stats = spec["components"]["schemas"]["StreamsProcessorWithStats"]["properties"]["stats"]
    stats["additionalProperties"] = {}
    return ["StreamsProcessorWithStats.stats values are free-form (the spec says objects; Atlas sends numbers)"]


def media_types(spec):
    found = set()

    def walk(node):
        if isinstance(node, dict):
            content = node.get("content")
            if isinstance(content, dict):
                found.update(content.keys())
            for value in node.values():
                walk(value)
        elif isinstance(node, list):
            for value in node:
                walk(value)

    walk(spec)
    return found


def describe(error):
    return "; ".join(str(e) for e in getattr(error, "schema_errors", []) or [error])


def main(spec_path, log_path):
    warnings.filterwarnings("ignore", message="Unsupported scheme type")  # DigestAuth: not checked here
    with open(spec_path) as f:
        spec = yaml.safe_load(f)
    errata = apply_errata(spec)
    deserializers = {m: json.loads for m in media_types(spec) if m.endswith("json")}
    openapi = OpenAPI.from_dict(spec, config=Config(extra_media_type_deserializers=deserializers))
    api_error = OAS30Validator({"$ref": "#/components/schemas/ApiError", "components": spec["components"]})
    failures = total = malformed = undeclared = 0
    with open(log_path) as f:
        for number, line in enumerate(f, 1):
            if not line.strip():
                continue
            total += 1
            exchange = json.loads(line)
            req, res = exchange["request"], exchange["response"]
            headers = {k: v for k, v in (req.get("headers") or {}).items() if v is not None}
            content_type = headers.get("Content-Type") or headers.get("content-type") or "application/json"
            query = req.get("query") or {}
            if isinstance(query, str):  # "a=1&b=2"
                query = dict(pair.split("=", 1) for pair in query.split("&") if "=" in pair)
            body = req.get("body")
            request = MockRequest(
                "https://cloud.mongodb.com",  # the spec's server: requests are matched by path
                req["method"].lower(),
                req["path"],
                args=query,
                headers=headers,
                data=None if body is None else json.dumps(body).encode(),
                content_type=content_type,
            )
            response_body = res.get("body")
            status = res["status"]
            response = MockResponse(
                b"" if response_body is None else json.dumps(response_body).encode(),
                status_code=status,
                content_type=res.get("contentType") or "application/json",
            )
            label = f"line {number}: {req['method']} {req['path']} -> {status}"
            problems = []
            try:
                openapi.validate_response(request, response)
            except (PathError, ResponseNotFound) as error:
                # No such operation, or a status it does not declare: the body must still be Atlas's error.
                undeclared += 1
                if status < 400:
                    problems.append(f"response is not in the spec: {type(error).__name__}: {describe(error)}")
                else:
                    found = [e.message for e in api_error.iter_errors(response_body)]
                    if response_body is None or found or response_body.get("error") != status:
                        problems.append(f"error response is not an ApiError with error={status}: {found}")
            except Exception as error:  # every validation error: report and go on
                # 204 No Content: the spec lists a media type without a schema; HTTP forbids a body.
                if not (status == 204 and response_body is None and type(error).__name__ == "MissingData"):
                    problems.append(f"response does not match the spec: {type(error).__name__}: {describe(error)}")
            rejected = status in REJECTED_AS_MALFORMED or (
                status == 404 and isinstance(response_body, dict)
                and response_body.get("errorCode") == "RESOURCE_NOT_FOUND")
            try:
                openapi.validate_request(request)
            except Exception as error:
                if rejected:
                    malformed += 1
                else:
                    problems.append(f"request does not match the spec: {type(error).__name__}: {describe(error)}")
            for problem in problems:
                failures += 1
                print(f"{label}: {problem}")
    for erratum in errata:
        print(f"spec erratum applied: {erratum}")
    print(f"{total} exchanges checked, {failures} mismatches "
          f"({malformed} malformed requests rejected by the server as such, "
          f"{undeclared} error answers checked as ApiError only)")
    return 1 if failures or total == 0 else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1], sys.argv[2]))
