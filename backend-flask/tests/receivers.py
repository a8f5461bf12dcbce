"""Loopback stand-ins for the places telemetry goes: an HTTP collector (OTLP, Rollbar) and the X-Ray
daemon's UDP port. They record what arrives; the tests read it. LoopbackHttpServer serves other
stand-ins too."""

import gzip
import socket
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


class LoopbackHttpServer:
    """Serves a request handler class on a free loopback port from a thread, until `close()`."""

    def __init__(self, handler):
        self.server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
        self.url = f"http://127.0.0.1:{self.server.server_port}"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def close(self):
        self.server.shutdown()
        self.server.server_close()


class HttpCollector(LoopbackHttpServer):
    def __init__(self):
        self.requests = []
        collector = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self):
                body = self.rfile.read(int(self.headers.get("Content-Length", 0)))
                if self.headers.get("Content-Encoding") == "gzip":
                    body = gzip.decompress(body)
                collector.requests.append((self.path, dict(self.headers), body))
                self.send_response(200)
                self.send_header("Content-Type", "application/json")
                self.end_headers()
                self.wfile.write(b'{"err": 0, "result": {}}')

            def log_message(self, *args):
                pass

        super().__init__(Handler)


class UdpListener:
    def __init__(self):
        self.socket = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
        self.socket.bind(("127.0.0.1", 0))
        self.socket.settimeout(0.2)
        self.address = f"127.0.0.1:{self.socket.getsockname()[1]}"

    def datagrams(self, seconds):
        deadline, received = time.monotonic() + seconds, []
        while time.monotonic() < deadline:
            try:
                received.append(self.socket.recv(65536))
            except TimeoutError:
                if received:
                    break
        return received

    def close(self):
        self.socket.close()


def wait_until(predicate, seconds=10):
    """Polls a bounded time for something that arrives asynchronously."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if predicate():
            return True
        time.sleep(0.05)
    return predicate()
