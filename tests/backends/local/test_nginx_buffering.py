"""How a managed server's nginx hands PHP responses on, with real nginx and php-fpm.

A PHP-FPM pool with a single worker: a client that reads a large page slowly must not hold that
worker (nginx takes the page and the worker serves the next request), and pages written in small
pieces must arrive whole while nginx reloads again and again (every publish reloads it).
"""

from __future__ import annotations

import socket
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

from aegir.backends.local import LocalBackend
from aegir.core.app import WebRules
from aegir.core.backend import BackendEnv, Vhost
from aegir.core.errors import BackendError
from aegir.core.model import Server, Service, ServiceType
from ports import free_port

from ._support import running

pytestmark = pytest.mark.services

DOMAIN = "buffers.test"
#: larger than every buffer between PHP and a client on loopback: the Unix socket to php-fpm
#: (about 200 kB) and the TCP send buffer nginx writes to (autotuned up to tcp_wmem's 4 MB)
BIG = 16 << 20
#: a page under the size the vhost's buffers keep safe from reloads (see nginx_conf._php_lines)
STREAMED = 400_000
END = b"END-OF-PAGE\n"

BIG_PHP = f"""<?php
$chunk = str_repeat('y', 65535) . "\\n";
for ($i = 0; $i < {BIG // 65536}; $i++) {{ echo $chunk; }}
echo "END-OF-PAGE\\n";
"""

# small echoes with short pauses, as a CMS renders a page: nginx reads it piece by piece
STREAMED_PHP = f"""<?php
$line = str_repeat('x', 99) . "\\n";
for ($i = 0; $i < {STREAMED // 100}; $i++) {{
    echo $line;
    if ($i % 40 == 0) {{ usleep(200); }}
}}
echo "END-OF-PAGE\\n";
"""


@pytest.fixture(scope="module")
def backend(env: BackendEnv) -> Iterator[LocalBackend]:
    services = [
        Service(ServiceType.NGINX, free_port()),
        Service(ServiceType.PHP_FPM, options={"max_children": "1"}),
    ]
    with running(Server("buf1", "local", services), env) as b:
        root = Path(b.sites_root()) / DOMAIN / "web"
        root.mkdir(parents=True)
        (root / "big.php").write_text(BIG_PHP)
        (root / "streamed.php").write_text(STREAMED_PHP)
        (root / "hello.php").write_text("<?php echo 'hello';")
        b.publish_site(Vhost(DOMAIN, str(root), WebRules()))
        yield b


class SlowReader:
    """A client that asks for a page and then reads nothing until told to."""

    def __init__(self, port: int, path: str) -> None:
        self.sock = socket.socket()
        # a small window from the start, so the page cannot pile up in this client's buffers
        self.sock.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 4096)
        self.sock.settimeout(60)
        self.sock.connect(("127.0.0.1", port))
        request = f"GET {path} HTTP/1.0\r\nHost: {DOMAIN}:{port}\r\n\r\n"
        self.sock.sendall(request.encode())
        self.received = self.sock.recv(4096)  # the response has started: PHP is running

    def read_rest(self) -> bytes:
        data = bytearray(self.received)
        while chunk := self.sock.recv(1 << 20):
            data += chunk
        return bytes(data)

    def close(self) -> None:
        self.sock.close()


def test_a_slow_reader_of_a_large_page_does_not_hold_the_only_php_worker(backend: LocalBackend) -> None:
    port = backend.server.services[0].port or 0
    reader = SlowReader(port, "/big.php")
    try:
        assert reader.received.startswith(b"HTTP/1.1 200")
        # the pool's one worker is free for the next request while the first client still has
        # almost all of its page to read
        result = backend.http_get(DOMAIN, "/hello.php", timeout=20)
        assert (result.status, result.body) == (200, "hello")
        page = reader.read_rest()
    finally:
        reader.close()
    body = page.partition(b"\r\n\r\n")[2]
    assert len(body) == BIG // 65536 * 65536 + len(END) and body.endswith(END)  # whole, from nginx's buffers


def test_streamed_pages_arrive_whole_while_nginx_reloads(backend: LocalBackend) -> None:
    truncated: list[str] = []
    complete = 0
    done = threading.Event()
    lock = threading.Lock()

    def poll() -> None:
        nonlocal complete
        while not done.is_set():
            try:
                result = backend.http_get(DOMAIN, "/streamed.php", timeout=20)
                whole = result.status == 200 and result.body.endswith(END.decode())
                problem = None if whole else f"HTTP {result.status}, {len(result.body)} bytes"
            except BackendError as e:
                problem = str(e)
            with lock:
                if problem:
                    truncated.append(problem)
                else:
                    complete += 1

    pollers = [threading.Thread(target=poll) for _ in range(2)]
    for t in pollers:
        t.start()
    try:
        for i in range(12):  # each publish of another site is a graceful reload of nginx
            root = Path(backend.sites_root()) / f"reload{i}.test" / "web"
            root.mkdir(parents=True, exist_ok=True)
            backend.publish_site(Vhost(f"reload{i}.test", str(root), WebRules(php=False)))
    finally:
        done.set()
        for t in pollers:
            t.join()
    assert truncated == []
    assert complete > 12
