"""Inventory commands as whole processes: ``aegir site list --json`` and ``aegir site show`` on a home
of 200 sites, against the ``sqlite3`` command line tool running the same SELECT on the same file.

Inventory commands only read a few rows, so what an operator waits for is mostly start-up: the
interpreter, the CLI, the store's imports and its opening of the database. The ``sqlite3`` tool (no
interpreter at all) and a bare ``python -c 'import sqlite3 ...'`` (the interpreter and the same
query, nothing of Aegir) are measured in the same run, interleaved, as baselines; the table shows
medians and the ratios to them (lower is better). Python runs with its bytecode cache warm, so
``PYTHONDONTWRITEBYTECODE`` is removed from the environment.

With ``--baseline-src DIR`` (the ``src`` directory of another checkout, e.g. from
``git archive COMMIT src | tar -x -C /tmp/old``), that tree's ``aegir`` runs the same two commands on
the same home too, on the same interpreter: a before/after in one run.

    .venv/bin/python benchmarks/inventory.py [--runs 15] [--sites 200] [--baseline-src DIR]
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

AEGIR = Path(sys.executable).parent / "aegir"
SELECT_ALL = "SELECT data FROM sites ORDER BY domain"
SELECT_ONE = "SELECT data FROM sites WHERE domain = 'site-0100.example'"
# what the ``aegir`` console script does, for a tree put first on the path
AEGIR_MAIN = "import sys; from aegir.cli import main; sys.argv[0] = 'aegir'; sys.exit(main())"
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


def _alembic_copy(home: Path, copy: Path) -> Path:
    """A copy of the home's inventory marked the way the Alembic-based store (before sqlite3) marked
    an up-to-date home, so a tree of that time opens it without migrating."""
    copy.mkdir()
    shutil.copy(home / "inventory.sqlite", copy / "inventory.sqlite")
    con = sqlite3.connect(copy / "inventory.sqlite")
    con.execute("CREATE TABLE alembic_version (version_num VARCHAR(32) NOT NULL PRIMARY KEY)")
    con.execute("INSERT INTO alembic_version VALUES ('0002')")
    con.commit()
    con.close()
    return copy


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
    parser.add_argument("--baseline-src", type=Path, help="the src directory of another Aegir tree")
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
        if args.baseline_src:
            base = [sys.executable, "-c", AEGIR_MAIN]
            commands["baseline: site list --json"] = [*base, "site", "list", "--json"]
            commands["baseline: site show"] = [*base, "site", "show", "site-0100.example"]
        if sqlite3_tool:
            commands["sqlite3 tool: SELECT all"] = [sqlite3_tool, db, SELECT_ALL]
            commands["sqlite3 tool: SELECT one"] = [sqlite3_tool, db, SELECT_ONE]
        envs = dict.fromkeys(commands, env)
        if args.baseline_src:
            baseline_env = {
                **env,
                "PYTHONPATH": str(args.baseline_src.resolve()),
                "AEGIR_HOME": str(_alembic_copy(home, Path(tmp) / "baseline-home")),
            }
            envs["baseline: site list --json"] = envs["baseline: site show"] = baseline_env
            where = subprocess.run(
                [sys.executable, "-c", "import aegir; print(aegir.__file__)"],
                env=baseline_env,
                capture_output=True,
                text=True,
                check=True,
            ).stdout
            assert Path(where).is_relative_to(args.baseline_src.resolve()), f"the baseline imports {where}"
        for name, argv in commands.items():  # warm the page cache and the bytecode cache
            _time(argv, envs[name])
        samples: dict[str, list[float]] = {name: [] for name in commands}
        for _ in range(args.runs):  # interleaved, so drifting machine load hits all alike
            for name, argv in commands.items():
                samples[name].append(_time(argv, envs[name]))

    medians = {name: statistics.median(times) for name, times in samples.items()}
    print(f"{args.sites} sites, median of {args.runs} runs each (wall clock, whole process)\n")
    print(f"{'command':50} {'median':>9} {'/ python':>9} {'/ sqlite3':>10}")
    for name, median in medians.items():
        kind = "all" if "list" in name or "all" in name else "one"
        python = medians[f"python: sqlite3 + SELECT {kind}"]
        tool = medians.get(f"sqlite3 tool: SELECT {kind}")
        vs_tool = f"{median / tool:9.1f}x" if tool else "        -"
        print(f"{name:50} {median * 1000:7.1f}ms {median / python:8.2f}x {vs_tool}")
    if args.baseline_src:
        for ours, theirs in (
            ("aegir site list --json", "baseline: site list --json"),
            ("aegir site show", "baseline: site show"),
        ):
            print(f"\n{ours}: {medians[theirs] / medians[ours]:.2f}x as fast as the baseline tree", end="")
        print()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
