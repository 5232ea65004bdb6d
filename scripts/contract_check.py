#!/usr/bin/env python3
"""Validates recorded Atlas Admin API exchanges against the OpenAPI subset.

Usage: contract_check.py SPEC.yaml EXCHANGES.jsonl
Each line of EXCHANGES.jsonl is one exchange as `spsh serve` records it with SPSH_CONTRACT_LOG:
  {"request": {"method": "GET", "path": "/api/atlas/v2/...", "query": "a=1&b=2",
               "headers": {"Accept": "...", "Content-Type": "..."}, "body": <JSON or null>},
   "response": {"status": 200, "contentType": "...", "body": <JSON or null>}}
Prints one line per exchange that does not match (operation, what and why) and exits 1 if any failed.
"""
import json
import warnings
import sys

import yaml
from openapi_core import Config, OpenAPI
from openapi_core.testing import MockRequest, MockResponse


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


def main(spec_path, log_path):
    warnings.filterwarnings("ignore", message="Unsupported scheme type")  # DigestAuth: not checked here
    with open(spec_path) as f:
        spec = yaml.safe_load(f)
    deserializers = {m: json.loads for m in media_types(spec) if m.endswith("json")}
    openapi = OpenAPI.from_file_path(spec_path, config=Config(extra_media_type_deserializers=deserializers))
    failures = 0
    total = 0
    with open(log_path) as f:
        for number, line in enumerate(f, 1):
            if not line.strip():
                continue
            total += 1
            exchange = json.loads(line)
            req, res = exchange["request"], exchange["response"]
            headers = req.get("headers") or {}
            content_type = headers.get("Content-Type") or headers.get("content-type") or "application/json"
            body = req.get("body")
            request = MockRequest(
                "https://cloud.mongodb.com",  # the spec's server: requests are matched by path
                req["method"].lower(),
                req["path"],
                args=dict(pair.split("=", 1) for pair in req.get("query", "").split("&") if "=" in pair),
                headers=headers,
                data=None if body is None else json.dumps(body).encode(),
                content_type=content_type,
            )
            response_body = res.get("body")
            response = MockResponse(
                b"" if response_body is None else json.dumps(response_body).encode(),
                status_code=res["status"],
                content_type=res.get("contentType") or "application/json",
            )
            label = f"line {number}: {req['method']} {req['path']} -> {res['status']}"
            for what, check in (("request", lambda: openapi.validate_request(request)),
                                ("response", lambda: openapi.validate_response(request, response))):
                try:
                    check()
                except Exception as error:  # every validation error: report and go on
                    failures += 1
                    detail = "; ".join(str(e) for e in getattr(error, "schema_errors", []) or [error])
                    print(f"{label}: {what} does not match the spec: {type(error).__name__}: {detail}")
    print(f"{total} exchanges checked, {failures} mismatches")
    return 1 if failures or total == 0 else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1], sys.argv[2]))
