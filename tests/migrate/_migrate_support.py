"""Helpers for the migration tests: a world of managed servers and WordPress codebases, a poller
that requests a site every 50 ms, and a snapshot of everything a site can leave behind."""

from __future__ import annotations

import http.client
import os
import re
import threading
import time
from pathlib import Path

import attrs

from aegir.core.model import Site, TaskStatus
from aegir.core.operations import sites
from aegir.hosting import Hosting

MARKER = re.compile(r'<meta name="aegir-codebase" content="([A-Za-z0-9-]+)"')


def marker_plugin(marker: str) -> str:
    """A must-use plugin that says in every page which codebase served it."""
    return (
        "<?php\n/*\nPlugin Name: Aegir codebase marker\nVersion: 1.0\n*/\n"
        f"add_action('wp_head', function () {{ echo '<meta name=\"aegir-codebase\" content=\"{marker}\">'; }});\n"
    )


def add_codebase(h: Hosting, name: str, marker: str, *, akismet_version: str | None = None) -> None:
    """A copy of Debian's WordPress with a marker mu-plugin (and, optionally, an older akismet)."""
    h.add_codebase(name, copy_from="/usr/share/wordpress", server="web1")
    root = Path(h.store.get_codebase(name).root)
    mu = root / "wp-content" / "mu-plugins"
    mu.mkdir(parents=True, exist_ok=True)
    (mu / "aegir-marker.php").write_text(marker_plugin(marker))
    (mu / "aegir-marker.php").chmod(0o644)
    if akismet_version:
        main = root / "wp-content" / "plugins" / "akismet" / "akismet.php"
        main.write_text(re.sub(r"Version: [0-9.]+", f"Version: {akismet_version}", main.read_text(), count=1))
    h.verify_codebase(name)


def install(h: Hosting, domain: str, codebase: str, *, title: str) -> Site:
    site = sites.new_site(h, domain, codebase, server="web1", db_server="web1", title=title)
    task = h.install_site(site)
    assert task.status is TaskStatus.SUCCEEDED, task.error
    return h.store.get_site(domain)


def web_port(h: Hosting) -> int:
    service = h.store.get_server("web1").services[0]
    assert service.port is not None
    return service.port


def get(h: Hosting, domain: str, path: str = "/") -> tuple[int, str]:
    """One request to the site through the public nginx (no Aegir code in the way)."""
    port = web_port(h)
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    try:
        conn.request("GET", path, headers={"Host": f"{domain}:{port}"})
        response = conn.getresponse()
        return response.status, response.read().decode("utf-8", errors="replace")
    finally:
        conn.close()


def codebase_marker(body: str) -> str | None:
    found = MARKER.search(body)
    return found.group(1) if found else None


class Poller:
    """Requests a site every 50 ms in a thread; records (time, status or error, codebase marker)."""

    def __init__(self, h: Hosting, domain: str, interval: float = 0.05) -> None:
        self.h, self.domain, self.interval = h, domain, interval
        self.seen: list[tuple[float, str, str | None]] = []
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True, name=f"poll {domain}")

    def _run(self) -> None:
        while not self._stop.is_set():
            started = time.monotonic()
            try:
                status, body = get(self.h, self.domain)
                self.seen.append((started, str(status), codebase_marker(body)))
            except (OSError, http.client.HTTPException) as e:
                self.seen.append((started, f"error {type(e).__name__}: {e}", None))
            self._stop.wait(max(0.0, self.interval - (time.monotonic() - started)))

    def __enter__(self) -> Poller:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join(timeout=30)

    def failures(self) -> list[tuple[float, str, str | None]]:
        """Answers that are neither the site (200) nor its maintenance page (503)."""
        return [s for s in self.seen if s[1] not in ("200", "503")]

    def statuses(self) -> list[str]:
        """The statuses in order, runs of the same one collapsed (``200 503 200``)."""
        runs: list[str] = []
        for _, status, marker in self.seen:
            label = f"{status}:{marker}" if status == "200" else status
            if not runs or runs[-1] != label:
                runs.append(label)
        return runs


def sql(h: Hosting, server: str, statement: str, database: str | None = None) -> list[tuple[str, ...]]:
    return h.backend(server).db_query(database, statement)


def listing(path: str | Path) -> list[str]:
    root = Path(path)
    return sorted(p.name for p in root.iterdir()) if root.is_dir() else []


@attrs.frozen
class Snapshot:
    """What a site can leave behind anywhere: compared before and after a rolled-back migration."""

    databases: dict[str, list[str]]
    users: dict[str, list[str]]
    vhosts: list[str]
    maintenance: list[str]
    sites_root: list[str]
    secrets: list[str]
    backups: list[str]
    site_records: list[Site]


def snapshot(h: Hosting, db_servers: tuple[str, ...] = ("web1", "db2")) -> Snapshot:
    layout = h.backend("web1").layout  # type: ignore[attr-defined]
    secrets_root = h.home / "secrets"
    return Snapshot(
        databases={s: sorted(r[0] for r in sql(h, s, "SHOW DATABASES;")) for s in db_servers},
        users={
            s: sorted(f"{r[0]}@{r[1]}" for r in sql(h, s, "SELECT user, host FROM mysql.user;"))
            for s in db_servers
        },
        vhosts=listing(layout.vhosts_dir),
        maintenance=listing(layout.maintenance_dir),
        sites_root=listing(layout.sites),
        secrets=sorted(str(p.relative_to(secrets_root)) for p in secrets_root.rglob("*") if p.is_file()),
        backups=sorted(b.id for b in h.store.list_backups()),
        site_records=sorted(h.store.list_sites(), key=lambda s: s.domain),
    )


def kill_family(pids: list[int]) -> None:
    for pid in pids:
        try:
            os.kill(pid, 0)
        except OSError:
            continue
        os.kill(pid, 9)
