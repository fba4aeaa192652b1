"""Whole site operations against the raw tools: ``aegir site backup`` and ``aegir site restore`` of a
real WordPress site on a managed local server, in the same run as the raw pipeline on the same data.

The site gets about 300 MB of files in its uploads (small compressible pages, incompressible media,
large logs; generated) and about 100 MB of database (generated posts). Then, round after round:

- backup: ``aegir site backup`` (the CLI, in a process of its own) against ``mariadb-dump
  --single-transaction | zstd`` followed by ``tar --zstd -cf`` of the same files directory;
- restore: ``aegir site restore --backup ID`` against ``zstd -dc | mariadb`` into a new database
  followed by ``tar --zstd -xf`` into a new directory. The Aegir restore is the whole operation
  (verify, maintenance, a safety backup, new database and directory, switch, health check, old
  copies dropped); its verify + load + extract steps alone are reported too, from the task journal;
- once: an Aegir3-style backup (the dump written into the site, one ``tar -czf`` of it all).

Prints medians, ratios (goals of issue 5: backup within 1.2x of the raw pipeline, restore within
1.3x) and sizes. Needs nginx, php-fpm, MariaDB, zstd and Debian's wordpress package.

    .venv/bin/python benchmarks/backup.py [--files-mb 300] [--db-mb 100] [--rounds 3]
"""

from __future__ import annotations

import argparse
import json
import os
import random
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import datetime
from pathlib import Path

from aegir.core.model import Server, Service, ServiceType
from aegir.core.operations import site_context, sites
from aegir.hosting import Hosting

DOMAIN = "bench.test"
#: the restore steps whose time is reported one by one (the safety backup is backup-site)
RESTORE_STEPS = ("verify-backup", "backup-site", "restore-site", "drop-database", "remove-path")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def text_pool(rng: random.Random, size: int) -> bytes:
    letters = "abcdefghijklmnopqrstuvwxyz"
    words = ["".join(rng.choice(letters) for _ in range(rng.randint(2, 11))) for _ in range(8000)]
    out: list[str] = []
    total = 0
    while total < size:
        line = " ".join(rng.choices(words, k=rng.randint(6, 16))) + "\n"
        out.append(line)
        total += len(line)
    return "".join(out).encode()[:size]


def make_files(root: Path, megabytes: int, pool: bytes, rng: random.Random) -> int:
    """~40% small compressible pages, ~45% incompressible media, ~15% large logs."""
    budget = megabytes * 1_000_000
    made = 0
    shares = (("pages", 0.40, (2_000, 60_000), True), ("media", 0.45, (100_000, 4_000_000), False))
    for kind, share, (low, high), text in shares:
        folder = root / kind
        done = 0
        n = 0
        while done < budget * share:
            size = rng.randint(low, high)
            sub = folder / f"{n // 200:03d}"
            sub.mkdir(parents=True, exist_ok=True)
            if text:
                start = rng.randrange(0, len(pool) - size)
                data = pool[start : start + size]
            else:
                data = os.urandom(size)
            (sub / f"{kind}-{n}.{'html' if text else 'jpg'}").write_bytes(data)
            done += size
            n += 1
        made += done
    logs = root / "logs"
    logs.mkdir(parents=True, exist_ok=True)
    for i in range(2):
        size = int(budget * 0.075)
        with (logs / f"access-{i}.log").open("wb") as f:
            written = 0
            while written < size:
                start = rng.randrange(0, len(pool) - 1_000_000)
                chunk = pool[start : start + min(1_000_000, size - written)]
                f.write(chunk)
                written += len(chunk)
        made += size
    return made


def make_sql(path: Path, megabytes: int, pool: bytes, rng: random.Random) -> int:
    """Published posts of about 5 kB each, inserted 50 to a statement."""
    budget = megabytes * 1_000_000
    written = 0
    n = 0
    columns = (
        "post_author, post_date, post_date_gmt, post_content, post_title, post_excerpt, post_status, "
        "post_name, to_ping, pinged, post_modified, post_modified_gmt, post_content_filtered, guid, post_type"
    )
    with path.open("w") as f:
        while written < budget:
            rows = []
            for _ in range(50):
                size = rng.randint(2_000, 8_000)
                start = rng.randrange(0, len(pool) - size)
                body = pool[start : start + size].decode()
                n += 1
                rows.append(
                    f"(1, '2024-01-01 00:00:00', '2024-01-01 00:00:00', '{body}', 'Post {n}', '', 'publish', "
                    f"'post-{n}', '', '', '2024-01-01 00:00:00', '2024-01-01 00:00:00', '', "
                    f"'http://{DOMAIN}/?p={n}', 'post')"
                )
            statement = f"INSERT INTO wp_posts ({columns}) VALUES\n" + ",\n".join(rows) + ";\n"
            f.write(statement)
            written += len(statement)
    return written


def timed(argv: list[str], **kw: object) -> tuple[float, subprocess.CompletedProcess[bytes]]:
    start = time.perf_counter()
    done = subprocess.run(argv, check=True, capture_output=True, **kw)  # type: ignore[call-overload]
    return time.perf_counter() - start, done


def step_seconds(h: Hosting, task_id: str, kinds: set[str]) -> float:
    total = 0.0
    for step in h.store.task_steps(task_id):
        if step.kind in kinds and step.started and step.finished:
            total += (
                datetime.fromisoformat(step.finished) - datetime.fromisoformat(step.started)
            ).total_seconds()
    return total


class Bench:
    def __init__(self, home: Path, args: argparse.Namespace) -> None:
        self.home = home
        self.args = args
        self.work = home / "work"
        self.work.mkdir()
        self.h = Hosting(home)
        self.pids: list[int] = []
        self.times: dict[str, list[float]] = {}
        self.sizes: dict[str, int] = {}
        self.aegir = [sys.executable, "-m", "aegir", "--home", str(home)]

    def add(self, name: str, seconds: float) -> None:
        self.times.setdefault(name, []).append(seconds)

    # -- the site ---------------------------------------------------------------------------
    def setup(self) -> None:
        h = self.h
        server = Server(
            "web1",
            "local",
            [
                Service(ServiceType.NGINX, free_port()),
                Service(ServiceType.PHP_FPM),
                Service(ServiceType.MARIADB, free_port(), options={}),
            ],
        )
        h.store.add_server(server)
        backend = h.backend("web1")
        backend.setup()
        backend.start()
        self.pids = [pid for d in backend.daemons() if (pid := d.pid()) is not None]  # type: ignore[attr-defined]
        h.add_codebase("wp", copy_from="/usr/share/wordpress", server="web1")
        task = h.install_site(sites.new_site(h, DOMAIN, "wp", title="Benchmark Site"))
        print(f"site installed (task {task.id})", flush=True)
        rng = random.Random(7)
        pool = text_pool(rng, 24_000_000)
        ctx = site_context(h, h.store.get_site(DOMAIN))
        started = time.perf_counter()
        made = make_files(Path(ctx.files_dir) / "bench", self.args.files_mb, pool, rng)
        sql = self.work / "posts.sql"
        make_sql(sql, self.args.db_mb, pool, rng)
        with sql.open("rb") as f:
            backend.load_database(ctx.db_name or "", f)
        sql.unlink()
        dump = self.work / "size.sql"
        with dump.open("wb") as out:
            backend.dump_database(ctx.db_name or "", out)
        self.sizes["files (raw bytes)"] = made
        self.sizes["database dump (raw bytes)"] = dump.stat().st_size
        dump.unlink()
        print(
            f"generated {made / 1e6:.0f} MB of files and a {self.sizes['database dump (raw bytes)'] / 1e6:.0f} MB "
            f"dump in {time.perf_counter() - started:.1f} s",
            flush=True,
        )

    def admin_cnf(self) -> str:
        client = self.h.backend("web1").db_client()  # type: ignore[attr-defined]
        with client.defaults_file() as path:  # a managed server's file stays (no password in it)
            return str(path)

    # -- one round --------------------------------------------------------------------------
    def round(self, r: int) -> None:
        h = self.h
        site = h.store.get_site(DOMAIN)
        ctx = site_context(h, site)
        cnf = self.admin_cnf()

        seconds, done = timed([*self.aegir, "site", "backup", DOMAIN, "--json"])
        backup = json.loads(done.stdout)
        self.add("backup: aegir site backup", seconds)
        record = h.store.get_backup(backup["backup"])
        parts = {p["name"]: p["size"] for p in record.manifest["parts"]}

        raw_sql, raw_tar = self.work / "raw.sql.zst", self.work / "raw.tar.zst"
        start = time.perf_counter()
        with raw_sql.open("wb") as out:
            dump = subprocess.Popen(
                ["mariadb-dump", f"--defaults-file={cnf}", "--single-transaction", "--routines", "--triggers",
                 "--hex-blob", "--default-character-set=utf8mb4", site.db_name or ""],
                stdout=subprocess.PIPE,
            )  # fmt: skip
            subprocess.run(["zstd", "-3", "-q", "-c"], stdin=dump.stdout, stdout=out, check=True)
            assert dump.stdout is not None
            dump.stdout.close()
            assert dump.wait() == 0
        middle = time.perf_counter()
        subprocess.run(["tar", "--zstd", "-cf", str(raw_tar), "-C", ctx.site_dir, "files"], check=True)
        end = time.perf_counter()
        self.add("backup: raw pipeline", end - start)
        self.add("  raw database part", middle - start)
        self.add("  raw files part", end - middle)
        self.sizes["aegir backup: db.sql.zst"] = parts["db.sql.zst"]
        self.sizes["aegir backup: files.tar.zst"] = parts["files.tar.zst"]
        self.sizes["raw: mariadb-dump | zstd"] = raw_sql.stat().st_size
        self.sizes["raw: tar --zstd"] = raw_tar.stat().st_size

        if r == 0:
            self.aegir3(ctx.site_dir, site.db_name or "", cnf)

        seconds, done = timed([*self.aegir, "site", "restore", DOMAIN, "--backup", record.id, "--json"])
        task_id = json.loads(done.stdout)["task"]
        self.add("restore: aegir site restore (whole operation)", seconds)
        self.add(
            "  aegir verify + load + extract steps",
            step_seconds(h, task_id, {"verify-backup", "restore-site"}),
        )
        for step in h.store.task_steps(task_id):
            if step.kind in RESTORE_STEPS:
                self.add(f"    step {step.kind}", step_seconds(h, task_id, {step.kind}))

        self.raw_restore(raw_sql, raw_tar, cnf)
        raw_sql.unlink()
        raw_tar.unlink()
        # keep the disk in bounds: this round's backups (the one restored and the safety backup) go
        store = h.backup_store("local")
        for b in h.store.list_backups(DOMAIN):
            store.delete_backup(b.id)
            h.store.delete_backup(b.id)

    def raw_restore(self, raw_sql: Path, raw_tar: Path, cnf: str) -> None:
        db = "bench_raw_restore"
        base = ["mariadb", f"--defaults-file={cnf}"]
        subprocess.run([*base, "-e", f"CREATE DATABASE {db}"], check=True)
        target = self.work / "raw-restore"
        target.mkdir()
        start = time.perf_counter()
        unzstd = subprocess.Popen(["zstd", "-dc", str(raw_sql)], stdout=subprocess.PIPE)
        subprocess.run([*base, "--binary-mode", db], stdin=unzstd.stdout, check=True)
        assert unzstd.stdout is not None
        unzstd.stdout.close()
        assert unzstd.wait() == 0
        middle = time.perf_counter()
        subprocess.run(["tar", "--zstd", "-xf", str(raw_tar), "-C", str(target)], check=True)
        end = time.perf_counter()
        self.add("restore: raw pipeline", end - start)
        self.add("  raw database load", middle - start)
        self.add("  raw files extract", end - middle)
        start = time.perf_counter()
        subprocess.run([*base, "-e", f"DROP DATABASE {db}"], check=True)
        subprocess.run(["rm", "-rf", "--", str(target)], check=True)
        self.add("  raw clean-up (drop database, rm -rf)", time.perf_counter() - start)

    def aegir3(self, site_dir: str, db_name: str, cnf: str) -> None:
        """Aegir 3's way: the dump written into the site directory, then one gzip'd tarball of it all."""
        dump = Path(site_dir) / "database.sql"
        archive = self.work / "aegir3.tar.gz"
        start = time.perf_counter()
        with dump.open("wb") as out:
            subprocess.run(
                ["mariadb-dump", f"--defaults-file={cnf}", "--single-transaction", db_name],
                stdout=out,
                check=True,
            )
        subprocess.run(["tar", "-czf", str(archive), "-C", site_dir, "files", "database.sql"], check=True)
        self.add("backup: Aegir3-style tar.gz", time.perf_counter() - start)
        self.sizes["Aegir3-style tar.gz"] = archive.stat().st_size
        dump.unlink()
        archive.unlink()

    # -- report -----------------------------------------------------------------------------
    def report(self) -> None:
        med = {k: statistics.median(v) for k, v in self.times.items()}
        print(f"\nmedian of {self.args.rounds} rounds (seconds):")
        for name, value in med.items():
            print(f"  {name:<48} {value:7.2f}")
        backup = med["backup: aegir site backup"] / med["backup: raw pipeline"]
        restore = med["restore: aegir site restore (whole operation)"] / med["restore: raw pipeline"]
        steps = med["  aegir verify + load + extract steps"] / med["restore: raw pipeline"]
        # the same work as the whole operation, by hand: a safety backup, the restore, the clean-up
        by_hand = (
            med["backup: raw pipeline"]
            + med["restore: raw pipeline"]
            + med["  raw clean-up (drop database, rm -rf)"]
        )
        whole = med["restore: aegir site restore (whole operation)"] / by_hand
        print("\nratios to the raw pipeline:")
        print(
            f"  backup                                    {backup:5.2f}x  (goal 1.2x: {'met' if backup <= 1.2 else 'NOT met'})"
        )
        print(
            f"  restore, whole operation (safety backup too) {restore:5.2f}x  (goal 1.3x: {'met' if restore <= 1.3 else 'NOT met'})"
        )
        print(
            f"  restore, verify + load + extract steps    {steps:5.2f}x  (goal 1.3x: {'met' if steps <= 1.3 else 'NOT met'})"
        )
        print(
            f"  restore, whole operation vs the same work by hand (safety backup + restore + clean-up, "
            f"{by_hand:.2f} s) {whole:5.2f}x"
        )
        print("\nsizes:")
        for name, value in self.sizes.items():
            print(f"  {name:<48} {value / 1e6:8.1f} MB")
        aegir_total = self.sizes["aegir backup: db.sql.zst"] + self.sizes["aegir backup: files.tar.zst"]
        raw_total = self.sizes["raw: mariadb-dump | zstd"] + self.sizes["raw: tar --zstd"]
        print(f"  {'aegir backup, total':<48} {aegir_total / 1e6:8.1f} MB")
        print(f"  {'raw pipeline, total':<48} {raw_total / 1e6:8.1f} MB")
        print(
            "\nnotes: Aegir compresses with zstd level 3 on one worker per core and fsyncs every part; the raw "
            "zstd runs single-threaded at level 3 and nothing is fsynced. The CLI timings include starting Python."
        )

    def close(self) -> None:
        try:
            self.h.backend("web1").stop()
        finally:
            for pid in self.pids:
                try:
                    os.kill(pid, 0)
                except OSError:
                    continue
                os.kill(pid, 9)
            self.h.close()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--files-mb", type=int, default=300)
    parser.add_argument("--db-mb", type=int, default=100)
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    home = Path(tempfile.mkdtemp(prefix="aegir-bench-backup-"))
    home.chmod(0o755)  # the web user must reach the sites
    bench = Bench(home, args)
    try:
        bench.setup()
        for r in range(args.rounds):
            print(f"round {r + 1}/{args.rounds}", flush=True)
            bench.round(r)
        bench.report()
    finally:
        bench.close()
        shutil.rmtree(home, ignore_errors=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
