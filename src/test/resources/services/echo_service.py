"""A small service for the services endpoint's tests: it answers with its replica number and the headers it got.

GET  /ready        the readiness path: 503 for the first NOT_READY_FOR seconds on replica NOT_READY_REPLICA
GET  /stream?n=&ms=  n lines, one every ms milliseconds (chunked), each flushed as it is written
GET  /events?n=&ms=  the same as Server-Sent Events
POST /upload       reads the (possibly chunked) body and answers with its length
GET  /ws           a WebSocket that echoes text frames
anything else      {"replica": N, "submission": "...", "path": "...", "headers": {...}, "early": bool}
"early" is true when the request came while this replica's readiness path still said 503, "late" when it came
more than 50 ms after the replica got SIGTERM (with SERVE_AFTER_TERM=s it serves s seconds more, then exits): both
are requests the endpoint should never have sent.
"""
import base64, hashlib, json, os, signal, socketserver, struct, sys, threading, time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

REPLICA = os.environ.get("RUNPLANE_REPLICA", "?")
STARTED = time.monotonic()
NOT_READY_REPLICA = os.environ.get("NOT_READY_REPLICA", "")
NOT_READY_FOR = float(os.environ.get("NOT_READY_FOR", "0"))
# the first submission of replica 0 turns unhealthy this many seconds after it started (0: never)
UNHEALTHY_AFTER = float(os.environ.get("UNHEALTHY_AFTER", "0"))
SERVE_AFTER_TERM = float(os.environ.get("SERVE_AFTER_TERM", "0"))
TERMINATED_AT = None


def on_term(signum, frame):
    global TERMINATED_AT
    if TERMINATED_AT is None:
        TERMINATED_AT = time.monotonic()
        threading.Timer(SERVE_AFTER_TERM, lambda: os._exit(0)).start()


if SERVE_AFTER_TERM > 0:
    signal.signal(signal.SIGTERM, on_term)


def late(arrived):
    return TERMINATED_AT is not None and arrived - TERMINATED_AT > 0.05


def not_ready():
    return REPLICA == NOT_READY_REPLICA and time.monotonic() - STARTED < NOT_READY_FOR


def unhealthy():
    return UNHEALTHY_AFTER > 0 and REPLICA == "0" and MARKER_ABSENT() and time.monotonic() - STARTED > UNHEALTHY_AFTER


def MARKER_ABSENT():
    # the first replica 0 leaves a marker when it starts; its replacement finds it and stays healthy
    return FIRST_REPLICA_0


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, *args):
        pass

    def answer(self, status, body, content_type="application/json"):
        data = body.encode()
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def params(self):
        from urllib.parse import urlparse, parse_qs
        q = parse_qs(urlparse(self.path).query)
        return int(q.get("n", ["5"])[0]), int(q.get("ms", ["100"])[0])

    def do_GET(self):
        arrived = time.monotonic()
        if self.path.startswith("/ready"):
            if unhealthy():
                return self.answer(500, "unhealthy", "text/plain")
            return self.answer(503 if not_ready() else 200, "not yet" if not_ready() else "ready", "text/plain")
        if self.path.startswith("/ws"):
            return self.websocket()
        if self.path.startswith("/stream") or self.path.startswith("/events"):
            return self.stream(self.path.startswith("/events"))
        self.answer(200, json.dumps({"replica": REPLICA, "path": self.path, "early": not_ready(), "late": late(arrived),
                                     "headers": {k.lower(): v for k, v in self.headers.items()}}))

    def do_POST(self):
        total = 0
        if self.headers.get("Transfer-Encoding", "").lower() == "chunked":
            while True:
                size = int(self.rfile.readline().strip().split(b";")[0], 16)
                if size == 0:
                    self.rfile.readline()
                    break
                total += len(self.rfile.read(size))
                self.rfile.readline()
        else:
            total = len(self.rfile.read(int(self.headers.get("Content-Length", "0"))))
        self.answer(200, json.dumps({"replica": REPLICA, "received": total}))

    def stream(self, sse):
        n, ms = self.params()
        self.send_response(200)
        self.send_header("Content-Type", "text/event-stream" if sse else "text/plain")
        self.send_header("Transfer-Encoding", "chunked")
        self.end_headers()
        for i in range(n):
            line = ("data: %d\n\n" % i) if sse else ("line %d from replica %s\n" % (i, REPLICA))
            data = line.encode()
            self.wfile.write(b"%x\r\n%s\r\n" % (len(data), data))
            self.wfile.flush()
            time.sleep(ms / 1000)
        self.wfile.write(b"0\r\n\r\n")
        self.wfile.flush()

    def websocket(self):
        key = self.headers["Sec-WebSocket-Key"]
        accept = base64.b64encode(hashlib.sha1((key + "258EAFA5-E914-47DA-95CA-C5AB0DC85B11").encode()).digest())
        self.send_response(101)
        self.send_header("Upgrade", "websocket")
        self.send_header("Connection", "Upgrade")
        self.send_header("Sec-WebSocket-Accept", accept.decode())
        self.end_headers()
        self.wfile.flush()
        while True:
            head = self.rfile.read(2)
            if len(head) < 2:
                return
            opcode, length = head[0] & 0x0F, head[1] & 0x7F
            if length == 126:
                length = struct.unpack(">H", self.rfile.read(2))[0]
            elif length == 127:
                length = struct.unpack(">Q", self.rfile.read(8))[0]
            mask = self.rfile.read(4) if head[1] & 0x80 else b"\0\0\0\0"
            payload = bytes(b ^ mask[i % 4] for i, b in enumerate(self.rfile.read(length)))
            if opcode == 8:
                self.wfile.write(b"\x88\x00")
                self.wfile.flush()
                return
            if opcode == 1:
                reply = ("replica %s: %s" % (REPLICA, payload.decode())).encode()
                self.wfile.write(bytes([0x81, len(reply)]) + reply if len(reply) < 126
                                 else bytes([0x81, 126]) + struct.pack(">H", len(reply)) + reply)
                self.wfile.flush()


MARKER = os.environ.get("MARKER_FILE", "")
FIRST_REPLICA_0 = bool(MARKER) and REPLICA == "0" and not os.path.exists(MARKER)
if FIRST_REPLICA_0:
    open(MARKER, "w").close()

ThreadingHTTPServer.daemon_threads = True
ThreadingHTTPServer.allow_reuse_address = True
ThreadingHTTPServer(("127.0.0.1", int(os.environ["PORT"])), Handler).serve_forever()
