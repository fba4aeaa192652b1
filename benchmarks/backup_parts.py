"""The backup archive layer against the raw tools, on the same data in the same run.

Builds a mixed data set (small compressible pages, incompressible media, large logs; ~100 MB by
default) and a SQL dump, then times, round after round, interleaved:

- files backup: ``tar --zstd -cf`` against ``BackupWriter.write_files`` into a local-dir store
  (which also fsyncs, as a trustworthy backup must; tar does not);
- database part: ``cat dump | zstd`` against ``BackupWriter.write_from`` fed by ``cat`` (the way a
  backend's ``mariadb-dump`` feeds it);
- files restore: ``tar --zstd -xf`` into a new directory against ``BackupReader.extract_files``
  (checksum verified and every member checked);
- database restore: ``zstd -dc | cat`` against ``BackupReader.open_part`` read by ``cat`` (its
  stream is a pipe a consumer process reads directly, as ``mariadb`` would).

Prints the median of each, the ratios (goals from issue 5: backup within 1.2x of the raw pipeline,
restore within 1.3x) and the sizes, with an Aegir3-style ``tar.gz`` for reference. The archive layer
alone: ``benchmarks/backup.py`` measures whole site operations.

    .venv/bin/python benchmarks/backup_parts.py [--files-mb 100] [--db-mb 50] [--rounds 3]
"""

from __future__ import annotations

import argparse
import os
import random
import shutil
import statistics
import subprocess
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from aegir.core.archive import DB_PART, FILES_PART, BackupReader, SubjectInfo, create_backup
from aegir.core.storage import LocalDirStore

SUBJECT = SubjectInfo(kind="site", subject="bench.example")


def _words(rng: random.Random) -> list[str]:
    letters = "abcdefghijklmnopqrstuvwxyz"
    return ["".join(rng.choice(letters) for _ in range(rng.randint(2, 10))) for _ in range(5000)]


def _text(rng: random.Random, words: list[str], size: int) -> bytes:
    out: list[str] = []
    total = 0
    while total < size:
        line = " ".join(rng.choices(words, k=rng.randint(5, 15))) + "\n"
        out.append(line)
        total += len(line)
    return "".join(out).encode()[:size]


def make_files(root: Path, megabytes: int) -> int:
    """About 40% small compressible pages, 45% incompressible media, 15% two large logs."""
    rng = random.Random(5)
    words = _words(rng)
    budget = megabytes * 1_000_000
    total = 0
    i = 0
    while total < budget * 0.40:
        d = root / "uploads" / f"{i % 40:02d}"
        d.mkdir(parents=True, exist_ok=True)
        n = rng.randint(1_000, 25_000)
        (d / f"page{i}.html").write_bytes(_text(rng, words, n))
        total += n
        i += 1
    media = root / "media"
    media.mkdir(parents=True, exist_ok=True)
    i = 0
    while total < budget * 0.85:
        n = rng.randint(100_000, 1_500_000)
        (media / f"img{i}.jpg").write_bytes(os.urandom(n))
        total += n
        i += 1
    for j in range(2):
        n = int(budget * 0.075)
        (root / f"log{j}.txt").write_bytes(_text(rng, words, n))
        total += n
    return total


def make_dump(path: Path, megabytes: int) -> int:
    """A mariadb-dump-like file: CREATE TABLE and long extended INSERT lines."""
    rng = random.Random(7)
    words = _words(rng)
    target = megabytes * 1_000_000
    with path.open("w") as f:
        f.write("CREATE TABLE `wp_posts` (`ID` bigint, `post_title` text, `post_content` longtext);\n")
        row = 0
        while f.tell() < target:
            rows = []
            for _ in range(200):
                row += 1
                body = " ".join(rng.choices(words, k=rng.randint(20, 120)))
                rows.append(f"({row},'{' '.join(rng.choices(words, k=5))}','{body}')")
            f.write("INSERT INTO `wp_posts` VALUES " + ",".join(rows) + ";\n")  # noqa: S608 - test data
    return path.stat().st_size


def timed(fn: Callable[[], object]) -> float:
    os.sync()  # start each measurement with no write-back pending from the previous one
    start = time.perf_counter()
    fn()
    return time.perf_counter() - start


class Bench:
    """One benchmark run: the data, the store, and the timings of every round."""

    def __init__(self, work: Path, data: Path, dump: Path) -> None:
        self.work, self.data, self.dump = work, data, dump
        self.store = LocalDirStore({"path": str(work / "store")})
        self.results: dict[str, list[float]] = {}
        self.sizes: dict[str, int] = {}

    def record(self, name: str, fn: Callable[[], object]) -> None:
        self.results.setdefault(name, []).append(timed(fn))

    def round(self, r: int) -> None:
        work, data, dump, store = self.work, self.data, self.dump, self.store
        raw_tar, raw_sql = work / f"raw{r}.tar.zst", work / f"raw{r}.sql.zst"
        raw_dir, our_dir = work / f"raw-restore{r}", work / f"aegir-restore{r}"
        ids: dict[str, str] = {}

        def raw_files() -> None:
            subprocess.run(["tar", "--zstd", "-cf", str(raw_tar), "-C", str(data), "."], check=True)

        def ours_files() -> None:
            with create_backup(store, SUBJECT) as backup:
                backup.write_files(FILES_PART, data)
                ids["files"] = backup.publish().id

        def raw_db() -> None:
            with (
                raw_sql.open("wb") as out,
                subprocess.Popen(["cat", str(dump)], stdout=subprocess.PIPE) as cat,
            ):
                subprocess.run(["zstd", "-3", "-q", "-c"], stdin=cat.stdout, stdout=out, check=True)

        def ours_db() -> None:
            with create_backup(store, SUBJECT) as backup:
                backup.write_from(
                    DB_PART, lambda out: subprocess.run(["cat", str(dump)], stdout=out, check=True)
                )
                ids["db"] = backup.publish().id

        def raw_files_restore() -> None:
            raw_dir.mkdir()
            subprocess.run(["tar", "--zstd", "-xf", str(raw_tar), "-C", str(raw_dir)], check=True)

        def ours_files_restore() -> None:
            BackupReader(store, ids["files"]).extract_files(our_dir)

        def raw_load() -> None:
            with subprocess.Popen(["zstd", "-dc", str(raw_sql)], stdout=subprocess.PIPE) as z:
                subprocess.run(["cat"], stdin=z.stdout, stdout=subprocess.DEVNULL, check=True)

        def ours_load() -> None:
            # The stream is an OS pipe: a consumer process reads it directly, as mariadb would.
            with BackupReader(store, ids["db"]).open_part(DB_PART) as src:
                subprocess.run(["cat"], stdin=src, stdout=subprocess.DEVNULL, check=True)

        def ours_verify() -> None:
            BackupReader(store, ids["files"]).verify()

        for name, fn in (
            ("files backup raw", raw_files),
            ("files backup aegir", ours_files),
            ("db backup raw", raw_db),
            ("db backup aegir", ours_db),
            ("files restore raw", raw_files_restore),
            ("files restore aegir", ours_files_restore),
            ("db restore raw", raw_load),
            ("db restore aegir", ours_load),
            ("verify aegir", ours_verify),
        ):
            self.record(name, fn)
        self.sizes["files raw"] = raw_tar.stat().st_size
        self.sizes["files aegir"] = BackupReader(store, ids["files"]).manifest.part(FILES_PART).size
        self.sizes["db raw"] = raw_sql.stat().st_size
        self.sizes["db aegir"] = BackupReader(store, ids["db"]).manifest.part(DB_PART).size
        for d in (raw_dir, our_dir):
            shutil.rmtree(d)
        for b in store.list_backups():
            store.delete_backup(b.id)
        raw_tar.unlink()
        raw_sql.unlink()


def run(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--files-mb", type=int, default=100)
    parser.add_argument("--db-mb", type=int, default=50)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--work", type=Path, default=None, help="work directory (default: a new temp dir)")
    args = parser.parse_args(argv)

    work = Path(tempfile.mkdtemp(prefix="aegir-bench-", dir=args.work))
    try:
        data, dump = work / "site", work / "dump.sql"
        data.mkdir()
        content = make_files(data, args.files_mb)
        dump_size = make_dump(dump, args.db_mb)
        nfiles = sum(len(f) for _, _, f in os.walk(data))
        print(
            f"data: {content / 1e6:.0f} MB in {nfiles} files; dump: {dump_size / 1e6:.0f} MB; "
            f"{os.cpu_count()} cores; work dir {work}"
        )
        bench = Bench(work, data, dump)
        for r in range(args.rounds):
            bench.round(r)
        results, sizes = bench.results, bench.sizes

        gz = work / "aegir3.tar.gz"
        gz_time = timed(lambda: subprocess.run(["tar", "-czf", str(gz), "-C", str(data), "."], check=True))

        med = {k: statistics.median(v) for k, v in results.items()}
        print(f"\n{'operation':<16} {'raw s':>8} {'aegir s':>8} {'ratio':>6}  goal")
        for op, goal in (
            ("files backup", 1.2),
            ("db backup", 1.2),
            ("files restore", 1.3),
            ("db restore", 1.3),
        ):
            raw, ours = med[f"{op} raw"], med[f"{op} aegir"]
            ratio = ours / raw
            print(
                f"{op:<16} {raw:8.3f} {ours:8.3f} {ratio:6.2f}  {'ok' if ratio <= goal else 'MISSED'} (<= {goal})"
            )
        backup_ratio = (med["files backup aegir"] + med["db backup aegir"]) / (
            med["files backup raw"] + med["db backup raw"]
        )
        restore_ratio = (med["files restore aegir"] + med["db restore aegir"]) / (
            med["files restore raw"] + med["db restore raw"]
        )
        print(f"{'backup total':<16} {'':>8} {'':>8} {backup_ratio:6.2f}")
        print(f"{'restore total':<16} {'':>8} {'':>8} {restore_ratio:6.2f}")
        print(f"verify (all checksums of the files part): {med['verify aegir']:.3f} s")
        print(
            f"\nsizes: files {sizes['files raw'] / 1e6:.1f} MB raw tar.zst, {sizes['files aegir'] / 1e6:.1f} MB "
            f"aegir; db {sizes['db raw'] / 1e6:.1f} MB raw, {sizes['db aegir'] / 1e6:.1f} MB aegir; "
            f"Aegir3-style tar.gz of the files {gz.stat().st_size / 1e6:.1f} MB in {gz_time:.2f} s"
        )
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    run()
