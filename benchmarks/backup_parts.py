"""The backup archive layer against the raw tools, on the same data in the same run.

Builds a mixed data set (small compressible pages, incompressible media, large logs; ~100 MB by
default) and a SQL dump, then times, round after round, interleaved:

- files backup: ``tar --zstd -cf`` against ``BackupWriter.write_files`` into a local-dir store
  (which also fsyncs, as a trustworthy backup must; tar does not);
- database part: ``cat dump | zstd`` against ``BackupWriter.write_from`` fed by ``cat`` (the way a
  backend's ``mariadb-dump`` feeds it);
- files restore: ``tar --zstd -xf`` into a new directory against ``BackupReader.extract_files``
  (checksum verified and every member checked);
- database restore: ``zstd -dc | cat`` against ``BackupReader.open_part`` piped to ``cat``.

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
            f.write("INSERT INTO `wp_posts` VALUES " + ",".join(rows) + ";\n")
    return path.stat().st_size


def timed(fn: Callable[[], object]) -> float:
    os.sync()  # start each measurement with no write-back pending from the previous one
    start = time.perf_counter()
    fn()
    return time.perf_counter() - start


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
        print(f"data: {content / 1e6:.0f} MB in {nfiles} files; dump: {dump_size / 1e6:.0f} MB; "
              f"{os.cpu_count()} cores")
        store = LocalDirStore({"path": str(work / "store")})
        results: dict[str, list[float]] = {}

        def record(name: str, seconds: float) -> None:
            results.setdefault(name, []).append(seconds)

        sizes: dict[str, int] = {}
        for r in range(args.rounds):
            raw_tar = work / f"raw{r}.tar.zst"
            raw_sql = work / f"raw{r}.sql.zst"
            record("files backup raw", timed(lambda: subprocess.run(
                ["tar", "--zstd", "-cf", str(raw_tar), "-C", str(data), "."], check=True)))
            box: dict[str, str] = {}

            def ours_files(box: dict[str, str] = box) -> None:
                with create_backup(store, SUBJECT) as backup:
                    backup.write_files(FILES_PART, data)
                    backup.write_bytes("marker", b"x")
                    box["files"] = backup.publish().id

            record("files backup aegir", timed(ours_files))

            def raw_db(raw_sql: Path = raw_sql) -> None:
                with raw_sql.open("wb") as out:
                    cat = subprocess.Popen(["cat", str(dump)], stdout=subprocess.PIPE)
                    subprocess.run(["zstd", "-3", "-q", "-c"], stdin=cat.stdout, stdout=out, check=True)
                    assert cat.stdout is not None
                    cat.stdout.close()
                    cat.wait()

            record("db backup raw", timed(raw_db))

            def ours_db(box: dict[str, str] = box) -> None:
                with create_backup(store, SUBJECT) as backup:
                    backup.write_from(DB_PART, lambda out: subprocess.run(["cat", str(dump)], stdout=out, check=True))
                    box["db"] = backup.publish().id

            record("db backup aegir", timed(ours_db))

            raw_dir, our_dir = work / f"raw-restore{r}", work / f"aegir-restore{r}"
            raw_dir.mkdir()
            record("files restore raw", timed(lambda: subprocess.run(
                ["tar", "--zstd", "-xf", str(raw_tar), "-C", str(raw_dir)], check=True)))
            reader = BackupReader(store, box["files"])
            record("files restore aegir", timed(lambda: reader.extract_files(our_dir)))

            def raw_load(raw_sql: Path = raw_sql) -> None:
                with subprocess.Popen(["zstd", "-dc", str(raw_sql)], stdout=subprocess.PIPE) as z:
                    subprocess.run(["cat"], stdin=z.stdout, stdout=subprocess.DEVNULL, check=True)

            record("db restore raw", timed(raw_load))
            db_reader = BackupReader(store, box["db"])

            def ours_load() -> None:
                with db_reader.open_part(DB_PART) as src, subprocess.Popen(
                    ["cat"], stdin=subprocess.PIPE, stdout=subprocess.DEVNULL
                ) as cat:
                    assert cat.stdin is not None
                    shutil.copyfileobj(src, cat.stdin, 1 << 20)
                    cat.stdin.close()

            record("db restore aegir", timed(ours_load))
            record("verify aegir", timed(lambda: reader.verify()))
            sizes["files raw"] = raw_tar.stat().st_size
            sizes["files aegir"] = reader.manifest.part(FILES_PART).size
            sizes["db raw"] = raw_sql.stat().st_size
            sizes["db aegir"] = db_reader.manifest.part(DB_PART).size
            for d in (raw_dir, our_dir):
                shutil.rmtree(d)
            for b in store.list_backups():
                store.delete_backup(b.id)
            raw_tar.unlink()
            raw_sql.unlink()

        gz = work / "aegir3.tar.gz"
        gz_time = timed(lambda: subprocess.run(["tar", "-czf", str(gz), "-C", str(data), "."], check=True))

        med = {k: statistics.median(v) for k, v in results.items()}
        print(f"\n{'operation':<16} {'raw s':>8} {'aegir s':>8} {'ratio':>6}  goal")
        for op, goal in (("files backup", 1.2), ("db backup", 1.2), ("files restore", 1.3), ("db restore", 1.3)):
            raw, ours = med[f"{op} raw"], med[f"{op} aegir"]
            ratio = ours / raw
            print(f"{op:<16} {raw:8.3f} {ours:8.3f} {ratio:6.2f}  {'ok' if ratio <= goal else 'MISSED'} (<= {goal})")
        backup_ratio = (med["files backup aegir"] + med["db backup aegir"]) / (
            med["files backup raw"] + med["db backup raw"])
        restore_ratio = (med["files restore aegir"] + med["db restore aegir"]) / (
            med["files restore raw"] + med["db restore raw"])
        print(f"{'backup total':<16} {'':>8} {'':>8} {backup_ratio:6.2f}")
        print(f"{'restore total':<16} {'':>8} {'':>8} {restore_ratio:6.2f}")
        print(f"verify (all checksums of the files part): {med['verify aegir']:.3f} s")
        print(f"\nsizes: files {sizes['files raw'] / 1e6:.1f} MB raw tar.zst, {sizes['files aegir'] / 1e6:.1f} MB "
              f"aegir; db {sizes['db raw'] / 1e6:.1f} MB raw, {sizes['db aegir'] / 1e6:.1f} MB aegir; "
              f"Aegir3-style tar.gz of the files {gz.stat().st_size / 1e6:.1f} MB in {gz_time:.2f} s")
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    run()
