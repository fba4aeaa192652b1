"""WordPress site installs against the raw floor, in the same run (issue 4: within 1.5x).

Starts one managed local server (nginx, php-fpm, MariaDB on free 127.0.0.1 ports) in a fresh home,
registers a copy of Debian's WordPress as codebase ``wp``, then installs ``--sites`` sites three
ways, interleaved round by round so that a slowly growing server weighs on all alike:

- Aegir in-process: ``hosting.install_site(sites.new_site(...))``, the library an API user calls;
- Aegir CLI: ``python -m aegir --home H site install DOMAIN --codebase wp --json``, a whole process,
  which is what an operator waits for;
- the raw floor: the same SQL through the ``mariadb`` client, the same directories and settings
  files, the same vhost text with ``nginx -t`` and a SIGHUP (then poll until it answers), the same
  ``wp_install`` PHP script with the same PHP binary, one GET of the home page; no Aegir around it
  (see ``_install_support.py``).

Prints the median and p90 per site of each, the ratios to the floor, and where the time goes
(Aegir's steps from its task journal, the floor's phases). One warm-up install of each kind runs
first and is not counted.

    .venv/bin/python benchmarks/install.py [--sites 20]

Meant to run as root (PHP then runs as www-data) or as an ordinary user; measured here as root
only. Needs the Debian packages nginx, php-fpm, mariadb-server and
wordpress.
"""

from __future__ import annotations

import argparse
import json
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import datetime
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _install_support import PHASES, install_raw, prepare_raw

from aegir.core.model import Server, Service, ServiceType, TaskStatus
from aegir.core.operations import sites
from aegir.hosting import Hosting

DEBIAN_WORDPRESS = "/usr/share/wordpress"
KINDS = ("aegir", "cli", "raw")
LABELS = {"aegir": "Aegir in-process", "cli": "Aegir CLI process", "raw": "raw floor"}


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def p90(values: list[float]) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(0.9 * (len(ordered) - 1)))]


def step_times(h: Hosting, task_id: str) -> dict[str, float]:
    """Seconds per step kind of one task, from its journal (kinds that repeat are summed)."""
    out: dict[str, float] = {}
    for step in h.store.task_steps(task_id):
        if step.started and step.finished:
            seconds = (
                datetime.fromisoformat(step.finished) - datetime.fromisoformat(step.started)
            ).total_seconds()
            out[step.kind] = out.get(step.kind, 0.0) + seconds
    return out


class Bench:
    def __init__(self, home: Path, sites_count: int) -> None:
        self.home = home
        self.count = sites_count
        self.h = Hosting(home)
        self.times: dict[str, list[float]] = {k: [] for k in KINDS}
        self.steps: dict[str, list[dict[str, float]]] = {"aegir": [], "cli": []}
        self.phases: list[dict[str, float]] = []
        self.task_totals: dict[str, list[float]] = {"aegir": [], "cli": []}
        self.aegir = [sys.executable, "-m", "aegir", "--home", str(home)]
        self.started = False
        self.startup: list[float] = []

    def start(self) -> None:
        server = Server(
            "web1",
            "local",
            [
                Service(ServiceType.NGINX, free_port()),
                Service(ServiceType.PHP_FPM),
                Service(ServiceType.MARIADB, free_port()),
            ],
        )
        self.h.store.add_server(server)
        self.started = True
        backend = self.h.backend("web1")
        backend.setup()
        backend.start()
        self.h.add_codebase("wp", copy_from=DEBIAN_WORDPRESS, server="web1")

    def stop(self) -> None:
        if self.started:
            self.h.backend("web1").stop()

    # -- one install of each kind ------------------------------------------------------------
    def _task_seconds(self, task_id: str) -> float:
        task = self.h.store.get_task(task_id)
        assert task.started and task.finished
        return (task.finished - task.started).total_seconds()

    def install_aegir(self, domain: str) -> float:
        started = time.perf_counter()
        task = self.h.install_site(sites.new_site(self.h, domain, "wp", title=f"Bench {domain}"))
        seconds = time.perf_counter() - started
        if task.status is not TaskStatus.SUCCEEDED:
            raise SystemExit(f"aegir install of {domain} failed: {task.error}")
        self._journal("aegir", task.id)
        return seconds

    def install_cli(self, domain: str) -> float:
        argv = [
            *self.aegir,
            "site",
            "install",
            domain,
            "--codebase",
            "wp",
            "--title",
            f"Bench {domain}",
            "--json",
        ]
        started = time.perf_counter()
        done = subprocess.run(argv, capture_output=True, text=True, check=False)
        seconds = time.perf_counter() - started
        if done.returncode != 0:
            raise SystemExit(f"aegir site install {domain} failed ({done.returncode}): {done.stderr[-1500:]}")
        self._journal("cli", json.loads(done.stdout)["task"])
        return seconds

    def install_raw(self, domain: str) -> float:
        raw = prepare_raw(self.h, domain, f"Bench {domain}")
        seconds = install_raw(raw)
        self.phases.append(raw.phases)
        return seconds

    def cli_startup(self) -> float:
        """A cheap command in a process of its own: start-up, plugins, opening the store."""
        started = time.perf_counter()
        subprocess.run([*self.aegir, "site", "list", "--json"], capture_output=True, check=True)
        return time.perf_counter() - started

    def _journal(self, kind: str, task_id: str) -> None:
        self.steps[kind].append(step_times(self.h, task_id))
        self.task_totals[kind].append(self._task_seconds(task_id))

    def run(self) -> None:
        do = {"aegir": self.install_aegir, "cli": self.install_cli, "raw": self.install_raw}
        for kind in KINDS:  # warm-up: first loads of PHP files, first connections
            do[kind](f"warm-{kind}.bench.test")
        self.times = {k: [] for k in KINDS}
        self.steps = {"aegir": [], "cli": []}
        self.phases = []
        self.task_totals = {"aegir": [], "cli": []}
        for i in range(self.count):
            # rotate the order so that none always runs first after the others' reloads
            order = KINDS[i % 3 :] + KINDS[: i % 3]
            for kind in order:
                self.times[kind].append(do[kind](f"{kind}-{i + 1:02d}.bench.test"))
            self.startup.append(self.cli_startup())
            print(
                f"  round {i + 1:2d}: " + "  ".join(f"{kind} {self.times[kind][-1]:.3f}s" for kind in KINDS),
                flush=True,
            )

    # -- report ------------------------------------------------------------------------------
    def report(self) -> None:
        floor = statistics.median(self.times["raw"])
        floor_p90 = p90(self.times["raw"])
        print(f"\nWordPress site installs on one managed local server, {self.count} sites of each kind")
        print(f"{'':22} {'median':>9} {'p90':>9} {'median/floor':>13} {'p90/floor':>10}")
        for kind in KINDS:
            med, high = statistics.median(self.times[kind]), p90(self.times[kind])
            print(f"{LABELS[kind]:22} {med:8.3f}s {high:8.3f}s {med / floor:12.2f}x {high / floor_p90:9.2f}x")
        for kind in ("aegir", "cli"):
            med = statistics.median(self.task_totals[kind])
            print(f"  {LABELS[kind]}: task run itself (journal start to finish) median {med:.3f}s")
        outside = [c - t for c, t in zip(self.times["cli"], self.task_totals["cli"], strict=True)]
        print(
            f"  Aegir CLI process: outside its task median {statistics.median(outside):.3f}s "
            f"('aegir site list --json' alone: median {statistics.median(self.startup):.3f}s)"
        )
        print("goal (issue 4): Aegir within 1.5x of the floor")

        print("\nwhere the time goes (median seconds per site)")
        print("  raw floor phases:")
        for phase in PHASES:
            print(f"    {phase:24} {statistics.median(p[phase] for p in self.phases):7.3f}")
        for kind in ("aegir", "cli"):
            kinds: list[str] = []
            for record in self.steps[kind]:
                kinds += [k for k in record if k not in kinds]
            print(f"  {LABELS[kind]} steps:")
            for k in kinds:
                values = [r.get(k, 0.0) for r in self.steps[kind]]
                print(f"    {k:24} {statistics.median(values):7.3f}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sites", type=int, default=20, help="sites of each kind (default 20)")
    args = parser.parse_args()
    if args.sites < 1:
        parser.error("--sites must be at least 1")
    if not Path(DEBIAN_WORDPRESS, "wp-includes", "version.php").is_file():
        print("Debian's wordpress package is not installed: apt-get install wordpress", file=sys.stderr)
        return 1
    # enterable by the web user (www-data) when run as root: mkdtemp makes 0700
    home = Path(tempfile.mkdtemp(prefix="aegir-bench-install-"))
    home.chmod(0o755)
    bench = Bench(home, args.sites)
    try:
        print(f"home {home}; starting a managed server and copying WordPress", flush=True)
        bench.start()
        bench.run()
        bench.report()
    finally:
        try:
            bench.stop()
        finally:
            shutil.rmtree(home, ignore_errors=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
