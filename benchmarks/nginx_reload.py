"""nginx buffering of PHP responses: cut short by graceful reloads? a PHP worker held by a slow client?

    .venv/bin/python benchmarks/nginx_reload.py [--reloads N] [--page BYTES] [--candidates a,b] [--only reloads|slow]

For each candidate configuration of the PHP location (and, for some, of nginx's main config) this
starts its own nginx and php-fpm on free 127.0.0.1 ports, with the config Aegir renders
(``render_main``, ``render_vhost``, ``render_phpfpm``) and only the candidate's buffering lines put in
place of the renderer's own (``rendered`` keeps the renderer's), then measures two things:

1. **Reloads.** Three client threads request a PHP page (``--page``, 52 kB by default, written in
   small pieces with short pauses, as WordPress does) over and over while nginx is sent N graceful
   reloads (SIGHUP, every 0.25 s). Every response is checked: complete (HTTP 200, the whole chunked
   body, the end marker) or truncated; the "left in connection" alerts of retired workers are counted.
2. **Slow readers.** php-fpm gets ``pm.max_children = 2``. Two clients ask for a PHP page of 512 kB,
   then of 4 MB, and read it slowly (4 kB every 0.2 s). After 3 s: has the page's PHP script ended
   (it writes a marker file as its last act)? A third client asks for a tiny PHP page after 1 s: is
   it served (within 5 s) while the slow clients still read, i.e. is a php-fpm worker free? Then the
   slow clients read the rest: is their page complete? nginx listens with ``sndbuf=64k`` here, the
   send buffer of a distant client: on loopback Linux autotunes it up to 4 MB, which would absorb
   pages below that whatever nginx does.

Prints one line per candidate with the counts. Needs nginx and php-fpm8.2 (Debian packages); as
root the pool runs as www-data. Every process it starts is stopped by its PID. About a minute per
candidate with 100 reloads.
"""

from __future__ import annotations

import argparse
import http.client
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from attrs import frozen

from aegir.backends.local.nginx_conf import MainConfig, VhostTarget, render_main, render_vhost
from aegir.backends.local.phpfpm_conf import PhpFpmConfig, render_phpfpm
from aegir.core.app import WebRules
from aegir.core.backend import Vhost

DOMAIN = "bench.test"
AS_ROOT = os.geteuid() == 0
WEB_USER = "www-data" if AS_ROOT else None
PAGE_BYTES = 52_000
SLOW_SIZES = (512_000, 4_000_000)
SNDBUF = "64k"
SLOW_CHUNK, SLOW_PAUSE, SLOW_HOLD = 4096, 0.2, 3.0
MAX_CHILDREN = 2

# the buffering directives the renderer may emit; a candidate replaces all of them
_BUFFERING = re.compile(
    r"^\s*fastcgi_(buffering|buffers|buffer_size|busy_buffers_size|max_temp_file_size|"
    r"temp_file_write_size|request_buffering)\b.*\n",
    re.MULTILINE,
)

PAGE_PHP = """<?php
// n bytes in small echoes, with short pauses, as a CMS renders a page
$line = str_repeat('x', 99) . "\\n";
$lines = intdiv((int) ($_GET['n'] ?? 0), 100);
for ($i = 0; $i < $lines; $i++) {
    echo $line;
    if ($i % 40 == 0) { usleep(300); }
}
echo "END-OF-PAGE\\n";
"""

BIG_PHP = """<?php
$id = preg_replace('/[^a-z0-9]/', '', $_GET['id'] ?? 'x');
$n = (int) ($_GET['n'] ?? 0);
$chunk = str_repeat('y', 8191) . "\\n";
for ($i = 0; $i < intdiv($n, 8192); $i++) { echo $chunk; }
echo "END-OF-PAGE\\n";
flush();
file_put_contents(__DIR__ . '/../done/' . $id, 'done');
"""

HELLO_PHP = "<?php echo 'hello';"


@frozen
class Candidate:
    name: str
    location: tuple[str, ...] = ()  # lines put in the PHP location in place of the renderer's
    main: tuple[str, ...] = ()  # lines at the top of nginx.conf
    http: tuple[str, ...] = ()  # lines at the top of the http block
    as_rendered: bool = False  # the renderer's own lines, untouched


CANDIDATES = {
    c.name: c
    for c in [
        Candidate("rendered", as_rendered=True),
        Candidate("off", ("fastcgi_buffering off;",)),
        Candidate("on-default", ("fastcgi_buffering on;",)),
        Candidate("on-no-temp", ("fastcgi_buffering on;", "fastcgi_max_temp_file_size 0;")),
        Candidate(
            "on-big-buffers",
            ("fastcgi_buffering on;", "fastcgi_buffers 64 16k;", "fastcgi_busy_buffers_size 256k;"),
        ),
        *(
            Candidate(
                f"on-buffers-{size}",
                (
                    "fastcgi_buffering on;",
                    f"fastcgi_buffer_size {size};",
                    f"fastcgi_buffers 8 {size};",
                    f"fastcgi_busy_buffers_size {size};",
                ),
            )
            for size in ("256k", "1m")
        ),
        Candidate("on-shutdown-timeout", ("fastcgi_buffering on;",), main=("worker_shutdown_timeout 30s;",)),
        Candidate(
            "on-send-lingering",
            ("fastcgi_buffering on;",),
            http=("send_timeout 10s;", "lingering_close always;", "lingering_timeout 5s;"),
        ),
        Candidate("off-send-timeout", ("fastcgi_buffering off;",), http=("send_timeout 10s;",)),
        # unbuffered, nginx reads the response into one buffer of fastcgi_buffer_size; the busy
        # size must be at least that, and below all of fastcgi_buffers less one (unused unbuffered)
        *(
            Candidate(
                f"off-buffer-{size}",
                (
                    "fastcgi_buffering off;",
                    f"fastcgi_buffer_size {size};",
                    f"fastcgi_buffers 4 {size};",
                    f"fastcgi_busy_buffers_size {size};",
                ),
            )
            for size in ("256k", "1m")
        ),
    ]
}


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@frozen
class Stack:
    dir: Path
    port: int
    nginx_conf: Path
    nginx_pid: Path
    php_pid: Path
    error_log: Path


def _nginx_main(c: Candidate, main: str) -> str:
    extra = list(c.main)
    head, _, rest = main.partition("\n")
    main = "\n".join([head, *extra, rest])
    return main.replace("http {\n", "http {\n" + "".join(f"    {line}\n" for line in c.http), 1)


def _vhost(c: Candidate, text: str) -> str:
    if c.as_rendered:
        return text
    text = _BUFFERING.sub("", text)
    lines = "".join(f"        {line}\n" for line in c.location)
    return text.replace("        fastcgi_pass ", lines + "        fastcgi_pass ", 1)


def _write_site(base: Path) -> Path:
    web = base / "site" / "web"
    web.mkdir(parents=True)
    (base / "site" / "done").mkdir()
    (base / "site" / "done").chmod(0o777)
    (web / "page.php").write_text(PAGE_PHP)
    (web / "big.php").write_text(BIG_PHP)
    (web / "hello.php").write_text(HELLO_PHP)
    return web


def _wait_for(path: Path, seconds: float = 10.0) -> int:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            return int(path.read_text().strip())
        except (OSError, ValueError):
            time.sleep(0.02)
    raise RuntimeError(f"no pid in {path}")


@contextmanager
def stack(c: Candidate, *, max_children: int, sndbuf: str | None = None) -> Iterator[Stack]:
    base = Path(tempfile.mkdtemp(prefix="aegir-nginx-bench-"))
    base.chmod(0o755)
    started: list[int] = []
    try:
        web = _write_site(base)
        for d in ("logs", "tmp", "sites", "maint"):
            (base / d).mkdir()
        port = free_port()
        sock = base / "php.sock"
        (base / "php-fpm.conf").write_text(
            render_phpfpm(
                PhpFpmConfig(
                    server="bench",
                    pid_file=str(base / "php.pid"),
                    error_log=str(base / "logs" / "php.log"),
                    listen=str(sock),
                    user=WEB_USER,
                    group=WEB_USER,
                    listen_owner=WEB_USER,
                    max_children=max_children,
                )
            )
        )
        main = render_main(
            MainConfig(
                server="bench",
                address="127.0.0.1",
                port=port,
                pid_file=str(base / "nginx.pid"),
                error_log=str(base / "logs" / "error.log"),
                access_log=str(base / "logs" / "access.log"),
                temp_dir=str(base / "tmp"),
                vhosts_dir=str(base / "sites"),
                user=WEB_USER,
            )
        )
        if sndbuf:  # a remote client's send buffer, not loopback's (autotuned up to 4 MB)
            main = main.replace(
                f"127.0.0.1:{port} default_server;", f"127.0.0.1:{port} default_server sndbuf={sndbuf};"
            )
        (base / "nginx.conf").write_text(_nginx_main(c, main))
        maint_page = base / "maint.html"
        maint_page.write_text("down")
        target = VhostTarget("127.0.0.1", port, str(base / "maint"), str(maint_page), f"unix:{sock}")
        (base / "sites" / f"{DOMAIN}.conf").write_text(
            _vhost(c, render_vhost(Vhost(DOMAIN, str(web), WebRules()), target))
        )
        _run(["php-fpm8.2", "--fpm-config", str(base / "php-fpm.conf"), "-D"])
        started.append(_wait_for(base / "php.pid"))
        _run(["nginx", "-c", str(base / "nginx.conf"), "-e", str(base / "logs" / "error.log")])
        started.append(_wait_for(base / "nginx.pid"))
        deadline = time.monotonic() + 10
        while not sock.exists() and time.monotonic() < deadline:
            time.sleep(0.02)
        yield Stack(
            base, port, base / "nginx.conf", base / "nginx.pid", base / "php.pid", base / "logs" / "error.log"
        )
    finally:
        for pid in reversed(started):
            _stop(pid)
        shutil.rmtree(base, ignore_errors=True)


def _run(argv: list[str]) -> None:
    result = subprocess.run(argv, check=False, capture_output=True, text=True, timeout=30)
    if result.returncode != 0:
        raise RuntimeError(f"{argv[0]} did not start: {result.stderr.strip()}")


def _children(pid: int) -> list[int]:
    try:
        return [int(p) for p in Path(f"/proc/{pid}/task/{pid}/children").read_text().split()]
    except OSError:
        return []


def _stop(pid: int) -> None:
    family = [pid, *_children(pid)]
    try:
        os.kill(pid, signal.SIGTERM)
    except ProcessLookupError:
        return
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline and any(_alive(p) for p in family):
        time.sleep(0.05)
    for p in family:
        if _alive(p):
            os.kill(p, signal.SIGKILL)


def _alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except (OSError, IndexError):
        return False
    return state != "Z"


def get(port: int, path: str, timeout: float = 10.0) -> tuple[int, bytes]:
    """One request on a new connection; raises on a truncated body."""
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=timeout)
    try:
        conn.request("GET", path, headers={"Host": f"{DOMAIN}:{port}"})
        response = conn.getresponse()
        return response.status, response.read()
    finally:
        conn.close()


def reloads(s: Stack, count: int, page: int = PAGE_BYTES, clients: int = 3) -> dict[str, int]:
    """Complete and truncated responses of the PHP page while nginx reloads ``count`` times."""
    counts = {"complete": 0, "truncated": 0, "other": 0}
    lock = threading.Lock()
    done = threading.Event()

    def poll() -> None:
        while not done.is_set():
            try:
                status, body = get(s.port, f"/page.php?n={page}")
                ok = status == 200 and body.endswith(b"END-OF-PAGE\n") and len(body) > page // 100 * 100
                key = "complete" if ok else "truncated" if status == 200 else "other"
            except (http.client.IncompleteRead, ConnectionResetError):
                key = "truncated"
            except (OSError, http.client.HTTPException):
                key = "other"
            with lock:
                counts[key] += 1

    threads = [threading.Thread(target=poll) for _ in range(clients)]
    for t in threads:
        t.start()
    master = int(s.nginx_pid.read_text())
    try:
        for _ in range(count):
            time.sleep(0.25)
            os.kill(master, signal.SIGHUP)
        time.sleep(0.5)
    finally:
        done.set()
        for t in threads:
            t.join()
    counts["left_in_connection"] = s.error_log.read_text().count("left in connection")
    return counts


class SlowReader:
    """A client that asks for the big page and reads it 4 kB at a time."""

    def __init__(self, port: int, ident: str, size: int) -> None:
        self.size = size
        # a small receive buffer, set before connecting so the window is small from the start
        self.sock = socket.socket()
        self.sock.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 4096)
        self.sock.settimeout(30)
        self.sock.connect(("127.0.0.1", port))
        self.sock.sendall(
            f"GET /big.php?id={ident}&n={size} HTTP/1.1\r\nHost: {DOMAIN}:{port}\r\nConnection: close\r\n\r\n".encode()
        )
        self.data = bytearray()
        self.stop_slow = threading.Event()
        self.thread = threading.Thread(target=self._read)
        self.thread.start()

    def _read(self) -> None:
        while True:
            if not self.stop_slow.is_set():
                time.sleep(SLOW_PAUSE)
            chunk = self.sock.recv(SLOW_CHUNK if not self.stop_slow.is_set() else 1 << 20)
            if not chunk:
                return
            self.data += chunk

    def finish(self) -> bool:
        self.stop_slow.set()
        self.thread.join(60)
        self.sock.close()
        return self.data.endswith(b"END-OF-PAGE\n\r\n0\r\n\r\n")


def slow_readers(s: Stack, size: int, readers: int = MAX_CHILDREN) -> dict[str, int]:
    slow = [SlowReader(s.port, f"r{i}", size) for i in range(readers)]
    time.sleep(1.0)
    served = 0
    try:
        status, body = get(s.port, "/hello.php", timeout=5)
        served = int(status == 200 and body == b"hello")
    except (OSError, http.client.HTTPException):
        served = 0
    time.sleep(max(0.0, SLOW_HOLD - 1.0))
    php_done = sum((s.dir / "site" / "done" / f"r{i}").exists() for i in range(readers))
    still_reading = sum(len(r.data) < size for r in slow)
    complete = sum(r.finish() for r in slow)
    return {
        "php_done_while_slow": php_done,
        "slow_readers": readers,
        "still_reading": still_reading,
        "normal_served": served,
        "slow_complete": complete,
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n\n")[0])
    parser.add_argument("--reloads", type=int, default=100)
    parser.add_argument("--candidates", default=",".join(CANDIDATES))
    parser.add_argument("--only", choices=["reloads", "slow"])
    parser.add_argument(
        "--page", type=int, default=PAGE_BYTES, help="bytes of the page polled during reloads"
    )
    args = parser.parse_args(argv)
    print(
        f"nginx {args.reloads} graceful reloads under load, PHP page of {args.page} B; "
        f"{MAX_CHILDREN} slow readers, pm.max_children = {MAX_CHILDREN}, listen sndbuf={SNDBUF}"
    )
    for name in args.candidates.split(","):
        c = CANDIDATES[name]
        parts = [f"{name:22}"]
        if args.only != "slow":
            with stack(c, max_children=8) as s:
                r = reloads(s, args.reloads, args.page)
            parts.append(
                f"reloads: {r['complete']} complete, {r['truncated']} truncated, {r['other']} failed, "
                f"{r['left_in_connection']} 'left in connection'"
            )
        if args.only != "reloads":
            for size in SLOW_SIZES:
                with stack(c, max_children=MAX_CHILDREN, sndbuf=SNDBUF) as s:
                    w = slow_readers(s, size)
                parts.append(
                    f"{size // 1000} kB: PHP script ended {w['php_done_while_slow']}/{w['slow_readers']}, "
                    f"other request {'served' if w['normal_served'] else 'NOT served'}, "
                    f"{w['slow_complete']}/{w['slow_readers']} complete"
                )
        print(" | ".join(parts), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
