"""Inventory commands as whole processes: ``aegir site list --json`` and ``aegir site show`` on a home
of 200 sites, against the ``sqlite3`` command line tool running the same SELECT on the same file.

Inventory commands only read a few rows, so what an operator waits for is mostly start-up: the
interpreter, the CLI, the store's imports and its opening of the database. The ``sqlite3`` tool (no
interpreter at all) and a bare ``python -c 'import sqlite3 ...'`` (the interpreter and the same
query, nothing of Aegir) are measured in the same run, interleaved, as baselines; the table shows
medians and the ratios to them (lower is better). Python runs with its bytecode cache warm, so
``PYTHONDONTWRITEBYTECODE`` is removed from the environment.

    .venv/bin/python benchmarks/inventory.py [--runs 15] [--sites 200]
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

AEGIR = Path(sys.executable).parent / "aegir"
SELECT_ALL = "SELECT data FROM sites ORDER BY domain"
SELECT_ONE = "SELECT data FROM sites WHERE domain = 'site-0100.example'"
BARE_PYTHON = """
import sqlite3, sys
con = sqlite3.connect(sys.argv[1])
for (data,) in con.execute(sys.argv[2]):
    sys.stdout.write(data)
"""


def _populate(home: Path, sites: int) -> None:
    from aegir.core.model import Codebase, Server, Service, Site, SiteStatus
    from aegir.core.store import Store

    store = Store(home / "inventory.sqlite")
    store.add_server(Server("web1", "local", [Service("nginx", 8080), Service("mariadb", 3307)]))
    for i in range(4):
        store.add_codebase(Codebase(name=f"cb{i}", app="drupal", root=f"/srv/cb{i}", docroot="web"))
    for i in range(sites):
        store.save_site(
            Site(
                domain=f"site-{i:04d}.example",
                codebase=f"cb{i % 4}",
                server="web1",
                status=SiteStatus.ENABLED,
                aliases=(f"www.site-{i:04d}.example",),
                title=f"Site number {i}",
            )
        )
    store.close()


def _time(argv: list[str], env: dict[str, str]) -> float:
    start = time.perf_counter()
    done = subprocess.run(argv, env=env, capture_output=True, check=False)
    elapsed = time.perf_counter() - start
    if done.returncode != 0:
        raise SystemExit(f"{argv[0]} failed: {done.stderr.decode(errors='replace').strip()[:300]}")
    return elapsed


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=15)
    parser.add_argument("--sites", type=int, default=200)
    args = parser.parse_args()
    sqlite3_tool = shutil.which("sqlite3")

    with tempfile.TemporaryDirectory(prefix="aegir-bench-inventory-") as tmp:
        home = Path(tmp)
        _populate(home, args.sites)
        db = str(home / "inventory.sqlite")
        env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
        env["AEGIR_HOME"] = str(home)
        listed = subprocess.run(
            [str(AEGIR), "site", "list", "--json"], env=env, capture_output=True, check=True
        )
        assert len(json.loads(listed.stdout)) == args.sites

        commands: dict[str, list[str]] = {
            "aegir site list --json": [str(AEGIR), "site", "list", "--json"],
            "aegir site show": [str(AEGIR), "site", "show", "site-0100.example"],
            "python: sqlite3 + SELECT all": [sys.executable, "-c", BARE_PYTHON, db, SELECT_ALL],
            "python: sqlite3 + SELECT one": [sys.executable, "-c", BARE_PYTHON, db, SELECT_ONE],
        }
        if sqlite3_tool:
            commands["sqlite3 tool: SELECT all"] = [sqlite3_tool, db, SELECT_ALL]
            commands["sqlite3 tool: SELECT one"] = [sqlite3_tool, db, SELECT_ONE]
        for argv in commands.values():  # warm the page cache and the bytecode cache
            _time(argv, env)
        samples: dict[str, list[float]] = {name: [] for name in commands}
        for _ in range(args.runs):  # interleaved, so drifting machine load hits all alike
            for name, argv in commands.items():
                samples[name].append(_time(argv, env))

    medians = {name: statistics.median(times) for name, times in samples.items()}
    print(f"{args.sites} sites, median of {args.runs} runs each (wall clock, whole process)\n")
    print(f"{'command':32} {'median':>9} {'/ python':>9} {'/ sqlite3':>10}")
    for name, median in medians.items():
        kind = "all" if "list" in name or "all" in name else "one"
        python = medians[f"python: sqlite3 + SELECT {kind}"]
        tool = medians.get(f"sqlite3 tool: SELECT {kind}")
        vs_tool = f"{median / tool:9.1f}x" if tool else "        -"
        print(f"{name:32} {median * 1000:7.1f}ms {median / python:8.2f}x {vs_tool}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
