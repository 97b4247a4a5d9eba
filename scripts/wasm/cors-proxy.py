#!/usr/bin/env python3
"""A deliberately broken CORS front for Keystone, for the browser suite.

    cors-proxy.py UPSTREAM PORTFILE

Listens on 127.0.0.1 (a free port, written to PORTFILE) and serves:
  /noexpose/<path>  forwarded to UPSTREAM/<path>, minus Access-Control-Expose-Headers
                    (the page can no longer read X-Subject-Token);
  /nocors/<path>    forwarded, minus every Access-Control-* header (the browser blocks it);
  /slow?id=X        answers after 5 s, or notes that the client hung up (aborted) first;
  /slow-status?id=X {"aborted": true|false} for a /slow request.
"""
import http.client
import json
import select
import sys
import threading
import time
import urllib.parse
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

UPSTREAM = urllib.parse.urlsplit(sys.argv[1])
ABORTED = {}
LOCK = threading.Lock()
HOP = {"connection", "keep-alive", "transfer-encoding", "te", "trailer", "upgrade", "content-length", "host"}


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, fmt, *args):
        sys.stderr.write("cors-proxy: " + (fmt % args) + "\n")

    def _reply(self, status, body, headers=()):
        self.send_response(status)
        for k, v in headers:
            self.send_header(k, v)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def _slow(self, query):
        rid = query.get("id", [""])[0]
        with LOCK:
            ABORTED[rid] = False
        sock = self.connection
        for _ in range(50):
            readable, _, _ = select.select([sock], [], [], 0.1)
            if readable:
                try:
                    gone = sock.recv(1, 2) == b""  # MSG_PEEK
                except OSError:
                    gone = True
                if gone:
                    with LOCK:
                        ABORTED[rid] = True
                    self.close_connection = True
                    return
        self._reply(200, b'{"slow": true}', [("Access-Control-Allow-Origin", "*"), ("Content-Type", "application/json")])

    def _forward(self, mode, rest):
        length = int(self.headers.get("Content-Length") or 0)
        body = self.rfile.read(length) if length else None
        conn = http.client.HTTPConnection(UPSTREAM.hostname, UPSTREAM.port or 80, timeout=60)
        headers = {k: v for k, v in self.headers.items() if k.lower() not in HOP}
        conn.request(self.command, UPSTREAM.path.rstrip("/") + "/" + rest, body=body, headers=headers)
        resp = conn.getresponse()
        data = resp.read()
        out = []
        for k, v in resp.getheaders():
            low = k.lower()
            if low in HOP:
                continue
            if mode == "noexpose" and low == "access-control-expose-headers":
                continue
            if mode == "nocors" and low.startswith("access-control-"):
                continue
            out.append((k, v))
        conn.close()
        self._reply(resp.status, data, out)

    def _route(self):
        url = urllib.parse.urlsplit(self.path)
        query = urllib.parse.parse_qs(url.query)
        parts = url.path.lstrip("/").split("/", 1)
        head, rest = parts[0], (parts[1] if len(parts) > 1 else "")
        if url.query and head in ("noexpose", "nocors"):
            rest += "?" + url.query
        if head == "slow":
            return self._slow(query)
        if head == "slow-status":
            with LOCK:
                aborted = ABORTED.get(query.get("id", [""])[0], False)
            body = json.dumps({"aborted": aborted}).encode()
            return self._reply(200, body, [("Access-Control-Allow-Origin", "*"), ("Content-Type", "application/json")])
        if head in ("noexpose", "nocors"):
            return self._forward(head, rest)
        self._reply(404, b"not found")

    do_GET = do_POST = do_PUT = do_DELETE = do_PATCH = do_HEAD = do_OPTIONS = _route


def main():
    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.daemon_threads = True
    with open(sys.argv[2], "w") as f:
        f.write(str(server.server_address[1]))
    server.serve_forever()


if __name__ == "__main__":
    main()
