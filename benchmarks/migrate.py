"""Blue-green migration against the raw floor, in the same run.

Sets up a managed web server (nginx, php-fpm, MariaDB) and a second managed MariaDB, two copies of
Debian's WordPress, and a site with about 100 MB of database (posts of hex text) and some uploads.
Each round migrates the site to the other codebase *and* the other database server while a poller
requests it every 50 ms, then finishes the migration (drops the old copy); the next round goes back.

Printed per round and as medians:

- the poller's view: how many answers were 503 (maintenance), for how long (first to last 503), and
  how many were neither 200 nor 503 (goal: none);
- the maintenance window the task log reports;
- the migration's total time (the plan run, the automatic backup included) and without the backup;
- the raw floor, measured by hand on the same data in the same round: ``mariadb-dump
  --single-transaction | mariadb`` into a fresh database on the target server, plus ``cp -a`` of the
  site directory; and the ratio (goal from issue 6: within 1.5x).

    .venv/bin/python benchmarks/migrate.py [--db-mb 100] [--files-mb 20] [--rounds 3]

Runs as root (the managed services then run PHP as www-data); needs the Debian packages nginx,
php-fpm, mariadb-server and wordpress.
"""

from __future__ import annotations

import argparse
import http.client
import os
import re
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from datetime import datetime
from pathlib import Path

from aegir.core.model import Server, Service, ServiceType, TaskStatus
from aegir.core.operations import migrate, site_context, sites
from aegir.hosting import Hosting

DOMAIN = "bench-migrate.test"
MARKER = re.compile(r'<meta name="aegir-codebase" content="([A-Z])"')


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _codebase(h: Hosting, name: str, marker: str) -> None:
    h.add_codebase(name, copy_from="/usr/share/wordpress", server="web1")
    mu = Path(h.store.get_codebase(name).root) / "wp-content" / "mu-plugins"
    mu.mkdir(parents=True, exist_ok=True)
    (mu / "marker.php").write_text(
        "<?php\n/*\nPlugin Name: codebase marker\n*/\n"
        f"add_action('wp_head', function () {{ echo '<meta name=\"aegir-codebase\" content=\"{marker}\">'; }});\n"
    )
    (mu / "marker.php").chmod(0o644)
    h.verify_codebase(name)


def _fill_database(h: Hosting, megabytes: int) -> None:
    """Posts of about 9.7 kB of hex text each (compresses about 2:1, as real text roughly does)."""
    site = h.store.get_site(DOMAIN)
    assert site.db_server and site.db_name
    content = "CONCAT_WS(' ', " + ", ".join(f"SHA2(CONCAT(seq, '-{i}'), 512)" for i in range(75)) + ")"
    rows = megabytes * 1_000_000 // 9_750
    # generated from constants only
    sql = (
        "INSERT INTO wp_posts (post_author, post_date, post_date_gmt, post_content, post_title, post_excerpt, "  # noqa: S608
        "post_status, comment_status, ping_status, post_password, post_name, to_ping, pinged, post_modified, "
        "post_modified_gmt, post_content_filtered, post_parent, guid, menu_order, post_type, post_mime_type, "
        f"comment_count) SELECT 1, NOW(), UTC_TIMESTAMP(), {content}, CONCAT('Post ', seq), '', 'publish', "
        "'open', 'open', '', CONCAT('post-', seq), '', '', NOW(), UTC_TIMESTAMP(), '', 0, "
        f"CONCAT('http://{DOMAIN}/?p=', seq), 0, 'post', '', 0 FROM seq_1_to_{rows};"
    )
    h.backend(site.db_server).db_query(site.db_name, sql)
    h.backend(site.db_server).db_query(site.db_name, "ANALYZE TABLE wp_posts;")  # fresh sizes for the report


def _fill_files(h: Hosting, megabytes: int) -> None:
    files = Path(h.backend("web1").sites_root()) / DOMAIN / "files"
    for i in range(max(1, megabytes)):
        d = files / "2024" / f"{i % 12 + 1:02d}"
        d.mkdir(parents=True, exist_ok=True)
        (d / f"upload-{i}.jpg").write_bytes(os.urandom(1_000_000))


def _db_size(h: Hosting) -> float:
    site = h.store.get_site(DOMAIN)
    assert site.db_server and site.db_name
    rows = h.backend(site.db_server).db_query(
        site.db_name,
        "SELECT SUM(data_length + index_length) FROM information_schema.tables WHERE table_schema = DATABASE();",
    )
    return int(rows[0][0]) / 1e6


class Poller:
    """GET / every 50 ms; keeps (start time, status)."""

    def __init__(self, port: int) -> None:
        self.port = port
        self.seen: list[tuple[float, str]] = []
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def _run(self) -> None:
        while not self._stop.is_set():
            started = time.monotonic()
            conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=30)
            try:
                conn.request("GET", "/", headers={"Host": f"{DOMAIN}:{self.port}"})
                response = conn.getresponse()
                response.read()
                self.seen.append((started, str(response.status)))
            except (OSError, http.client.HTTPException) as e:
                self.seen.append((started, f"error {type(e).__name__}"))
            finally:
                conn.close()
            self._stop.wait(max(0.0, 0.05 - (time.monotonic() - started)))

    def __enter__(self) -> Poller:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join()


def _backup_floor(h: Hosting) -> float:
    """The raw pipeline of a backup: ``mariadb-dump --single-transaction | zstd`` and ``tar --zstd``."""
    site = h.store.get_site(DOMAIN)
    assert site.db_server and site.db_name
    site_dir = site_context(h, site).site_dir
    out = Path(tempfile.mkdtemp(prefix="aegir-bench-backup-"))
    try:
        with h.backend(site.db_server).db_client().defaults_file() as cnf:  # type: ignore[attr-defined]
            started = time.monotonic()
            dump = subprocess.Popen(
                ["mariadb-dump", f"--defaults-file={cnf}", "--single-transaction", site.db_name],
                stdout=subprocess.PIPE,
            )
            subprocess.run(["zstd", "-q", "-o", str(out / "db.sql.zst")], stdin=dump.stdout, check=True)
            assert dump.stdout is not None
            dump.stdout.close()
            if dump.wait() != 0:
                raise SystemExit("the raw dump | zstd failed")
            subprocess.run(
                ["tar", "--zstd", "-cf", str(out / "files.tar.zst"), "-C", site_dir, "."], check=True
            )
            return time.monotonic() - started
    finally:
        shutil.rmtree(out, ignore_errors=True)


def _floor(h: Hosting, target_db: str) -> tuple[float, float]:
    """dump | load into a fresh database on the target server, and cp -a of the site directory:
    the seconds of each."""
    site = h.store.get_site(DOMAIN)
    assert site.db_server and site.db_name
    source, target = h.backend(site.db_server), h.backend(target_db)
    scratch = "bench_floor_copy"
    target.db_query(None, f"DROP DATABASE IF EXISTS {scratch}; CREATE DATABASE {scratch};")
    site_dir = site_context(h, site).site_dir
    copy = site_dir.rstrip("/") + ".floor"
    shutil.rmtree(copy, ignore_errors=True)
    with source.db_client().defaults_file() as src_cnf, target.db_client().defaults_file() as dst_cnf:  # type: ignore[attr-defined]
        started = time.monotonic()
        dump = subprocess.Popen(
            ["mariadb-dump", f"--defaults-file={src_cnf}", "--single-transaction", site.db_name],
            stdout=subprocess.PIPE,
        )
        load = subprocess.run(
            ["mariadb", f"--defaults-file={dst_cnf}", scratch], stdin=dump.stdout, check=True
        )
        assert dump.stdout is not None
        dump.stdout.close()
        if dump.wait() != 0 or load.returncode != 0:
            raise SystemExit("the raw dump | load failed")
        db_seconds = time.monotonic() - started
        subprocess.run(["cp", "-a", site_dir, copy], check=True)
        cp_seconds = time.monotonic() - started - db_seconds
    target.db_query(None, f"DROP DATABASE {scratch};")
    shutil.rmtree(copy)
    return db_seconds, cp_seconds


def _step_seconds(h: Hosting, task_id: str, kind: str) -> float:
    total = 0.0
    for record in h.store.task_steps(task_id):
        if record.kind == kind and record.started and record.finished:
            total += (
                datetime.fromisoformat(record.finished) - datetime.fromisoformat(record.started)
            ).total_seconds()
    return total


def _round(h: Hosting, port: int, codebase: str, db_server: str) -> dict[str, float]:
    floor_db, floor_cp = _floor(h, db_server)
    floor = floor_db + floor_cp
    backup_floor = _backup_floor(h)
    pre = migrate.preflight(h, DOMAIN, codebase=codebase, db_server=db_server)
    plan = migrate.migrate_plan(h, pre)
    with Poller(port) as poller:
        started = time.monotonic()
        task = h.run(plan)
        total = time.monotonic() - started
    if task.status is not TaskStatus.SUCCEEDED:
        raise SystemExit(f"migration failed: {task.error}")
    window = next(
        float(m.group(1))
        for line in h.store.task_log(task.id)
        if (m := re.search(r"maintenance window of \S+: ([0-9.]+) s", line.message))
    )
    backup = _step_seconds(h, task.id, "backup-site")
    copy = _step_seconds(h, task.id, "copy-database")
    dumped = next(
        float(m.group(1))
        for line in h.store.task_log(task.id)
        if (m := re.search(r"copied database \S+ \(([0-9.]+) MB of SQL", line.message))
    )
    finish = h.run(migrate.finish_plan(h, DOMAIN))
    if finish.status is not TaskStatus.SUCCEEDED:
        raise SystemExit(f"finishing the migration failed: {finish.error}")
    maintenance = [t for t, s in poller.seen if s == "503"]
    failed = [s for _, s in poller.seen if s not in ("200", "503")]
    return {
        "floor": floor,
        "floor_db": floor_db,
        "copy": copy,
        "backup_floor": backup_floor,
        "total": total,
        "without_backup": total - backup,
        "backup": backup,
        "window": window,
        "answers": len(poller.seen),
        "maintenance_answers": len(maintenance),
        "maintenance_seen": (maintenance[-1] - maintenance[0] + 0.05) if maintenance else 0.0,
        "failed": len(failed),
        "dump_mb": dumped,
    }


def _setup(home: Path, db_mb: int, files_mb: int) -> tuple[Hosting, int]:
    h = Hosting(home)
    port = _free_port()
    h.store.add_server(
        Server(
            "web1",
            "local",
            [
                Service(ServiceType.NGINX, port),
                Service(ServiceType.PHP_FPM),
                Service(ServiceType.MARIADB, _free_port()),
            ],
        )
    )
    h.store.add_server(Server("db2", "local", [Service(ServiceType.MARIADB, _free_port())]))
    for name in ("web1", "db2"):
        h.backend(name).setup()
        h.backend(name).start()
    _codebase(h, "wp-a", "A")
    _codebase(h, "wp-b", "B")
    site = sites.new_site(h, DOMAIN, "wp-a", server="web1", db_server="web1", title="Benchmark Site")
    task = h.install_site(site)
    if task.status is not TaskStatus.SUCCEEDED:
        raise SystemExit(f"install failed: {task.error}")
    started = time.monotonic()
    _fill_database(h, db_mb)
    _fill_files(h, files_mb)
    print(
        f"site {DOMAIN}: {_db_size(h):.0f} MB of database, {files_mb} MB of uploads "
        f"(generated in {time.monotonic() - started:.1f} s)",
        flush=True,
    )
    return h, port


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--db-mb", type=int, default=100)
    parser.add_argument("--files-mb", type=int, default=20)
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    if not Path("/usr/share/wordpress").is_dir() or not shutil.which("nginx"):
        print("needs the Debian packages wordpress, nginx, php-fpm and mariadb-server", file=sys.stderr)
        return 2
    home = Path(tempfile.mkdtemp(prefix="aegir-bench-migrate-"))
    home.chmod(0o755)
    h: Hosting | None = None
    try:
        h, port = _setup(home, args.db_mb, args.files_mb)
        results = []
        targets = [("wp-b", "db2"), ("wp-a", "web1")]
        for i in range(args.rounds):
            codebase, db_server = targets[i % 2]
            r = _round(h, port, codebase, db_server)
            results.append(r)
            print(
                f"round {i + 1} (to {codebase} on {db_server}, {r['dump_mb']:.0f} MB of SQL): total {r['total']:.2f} s "
                f"(backup {r['backup']:.2f} s), floor {r['floor']:.2f} s, ratio {r['total'] / r['floor']:.2f} "
                f"({r['without_backup'] / r['floor']:.2f} without the backup; raw backup pipeline "
                f"{r['backup_floor']:.2f} s, ratio with it {r['total'] / (r['floor'] + r['backup_floor']):.2f}); "
                f"database copy step {r['copy']:.2f} s (raw dump | load {r['floor_db']:.2f} s); maintenance window "
                f"{r['window']:.2f} s (task log), {r['maintenance_answers']} of {r['answers']} answers 503 over "
                f"{r['maintenance_seen']:.2f} s; failed answers: {r['failed']}",
                flush=True,
            )

        def median(key: str) -> float:
            return statistics.median(r[key] for r in results)

        ratio = median("total") / median("floor")
        print(
            f"\nmedian: total {median('total'):.2f} s, floor {median('floor'):.2f} s, ratio {ratio:.2f} "
            f"(goal <= 1.5); without the automatic backup {median('without_backup') / median('floor'):.2f}; "
            f"against the floor plus a raw backup pipeline "
            f"{median('total') / (median('floor') + median('backup_floor')):.2f}; "
            f"maintenance window {median('window'):.2f} s; failed answers in all rounds: "
            f"{sum(int(r['failed']) for r in results)} (goal 0)"
        )
        return 0
    finally:
        if h is not None:
            for name in ("web1", "db2"):
                try:
                    h.backend(name).stop()
                except Exception as e:  # report, and still clean up the home
                    print(f"stopping {name}: {e}", file=sys.stderr)
            h.close()
        shutil.rmtree(home, ignore_errors=True)


if __name__ == "__main__":
    raise SystemExit(main())
