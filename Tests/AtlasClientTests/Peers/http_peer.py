#!/usr/bin/env python3
"""Loopback HTTP peer for CurlTransportTests: echoes each request as JSON
{"method", "path", "headers": [[name, value], ...], "body", "challenges": digest challenges sent so far}. Paths under /digest require HTTP Digest
(RFC 7616, MD5, qop=auth) with the user and password given as argv[1] and argv[2]; /status/<n> answers
status n with an Atlas-style error body. Binds 127.0.0.1 on a free port and prints the port on the first line.
Test-only; stops when stdin closes."""
import hashlib
import json
import secrets
import sys
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

USER, PASSWORD = sys.argv[1], sys.argv[2]
REALM = "spsh-test"
NONCES = set()
CHALLENGES = [0]  # digest challenges sent so far


def md5(text):
    return hashlib.md5(text.encode()).hexdigest()


def parse_digest(header):
    fields = {}
    for part in header[len("Digest "):].split(","):
        if "=" in part:
            key, value = part.strip().split("=", 1)
            fields[key] = value.strip('"')
    return fields


class Handler(BaseHTTPRequestHandler):
    def log_message(self, *args):
        pass

    def handle_any(self):
        length = int(self.headers.get("Content-Length") or 0)
        body = self.rfile.read(length).decode("utf-8", "replace") if length else ""
        if self.path.startswith("/digest") and not self.authorized():
            nonce = secrets.token_hex(16)
            NONCES.add(nonce)
            CHALLENGES[0] += 1
            self.send_response(401)
            self.send_header("WWW-Authenticate", f'Digest realm="{REALM}", qop="auth", nonce="{nonce}", algorithm=MD5')
            self.send_header("Content-Type", "application/json")
            payload = b'{"error":401,"errorCode":"USER_UNAUTHORIZED","detail":"You are not authorized for this resource."}'
            self.send_header("Content-Length", str(len(payload)))
            self.end_headers()
            self.wfile.write(payload)
            return
        status = 200
        if self.path.startswith("/status/"):
            status = int(self.path.split("/")[2])
        echo = {"method": self.command, "path": self.path, "headers": [[k, v] for k, v in self.headers.items()],
                "body": body, "challenges": CHALLENGES[0]}
        payload = json.dumps(echo).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("X-Peer", "spsh-test")
        self.send_header("Content-Length", str(len(payload)))
        self.end_headers()
        self.wfile.write(payload)

    def authorized(self):
        header = self.headers.get("Authorization") or ""
        if not header.startswith("Digest "):
            return False
        f = parse_digest(header)
        if f.get("username") != USER or f.get("nonce") not in NONCES or f.get("uri") != self.path:
            return False
        ha1 = md5(f"{USER}:{REALM}:{PASSWORD}")
        ha2 = md5(f"{self.command}:{f['uri']}")
        expected = md5(f"{ha1}:{f['nonce']}:{f.get('nc')}:{f.get('cnonce')}:{f.get('qop')}:{ha2}")
        return secrets.compare_digest(expected, f.get("response", ""))

    do_GET = do_POST = do_PATCH = do_DELETE = handle_any


server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
print(server.server_address[1], flush=True)
threading.Thread(target=server.serve_forever, daemon=True).start()
sys.stdin.read()
server.shutdown()
