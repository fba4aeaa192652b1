"""The scan of a codebase on a server over SSH, against ``ssh host tar`` of the same files.

A codebase on another machine is scanned from a local view holding its directories and the files
the scanners read, fetched with one ``find -L ... -exec tar`` over SSH (``aegir.backends.local.mirror``).
This measures, on the generated Drupal 10 tree of ``benchmarks/scan.py`` (3,000 extensions, 600
packages) served by a throwaway sshd on 127.0.0.1 (the test suite's harness):

- ``view``: the view alone (the remote find + tar, the checks, the files written here);
- ``view + scan``: what ``codebase verify`` of such a codebase does;
- ``ssh tar``: the OpenSSH client running ``tar`` over exactly the files the view holds (names read
  from a list, no find, nothing checked, output thrown away), the floor of any one-stream copy;
- ``local scan``: the same tree scanned where it is.

Medians of ``--runs`` runs, interleaved (lower is better).

    .venv/bin/python benchmarks/remote_scan.py [--runs 5]
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "benchmarks"))

from _gen_tree import generate  # noqa: E402
from tests.backends.ssh._sshd import running_sshd  # noqa: E402


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()

    from aegir.backends.local.mirror import mirror_tree
    from aegir.backends.ssh._executor import SshExecutor, SshTarget
    from aegir.core.plugins import Plugins
    from aegir.core.scan import scan_codebase, scan_files

    plugins = Plugins()
    files = scan_files(plugins)
    with tempfile.TemporaryDirectory(prefix="aegir-bench-rscan-") as tmp:
        work = Path(tmp)
        tree = work / "tree"
        extensions, packages = generate(tree)
        (work / "sshd").mkdir()
        with running_sshd(work / "sshd") as sshd:
            options = {
                "host": "127.0.0.1",
                "port": str(sshd.port),
                "user": sshd.user,
                "key": str(sshd.client_key),
            }
            executor = SshExecutor(SshTarget.from_options("bench", options, work))
            ssh = [
                "ssh", "-p", str(sshd.port), "-i", str(sshd.client_key), "-o", "BatchMode=yes",
                "-o", "StrictHostKeyChecking=no", "-o", "UserKnownHostsFile=/dev/null", "-o", "LogLevel=ERROR",
                f"{sshd.user}@127.0.0.1",
            ]  # fmt: skip
            times: dict[str, list[float]] = {"view": [], "view + scan": [], "ssh tar": [], "local scan": []}
            copied = 0
            for run in range(args.runs):
                view = work / f"view-{run}"
                started = time.perf_counter()
                mirror_tree(executor, str(tree), files, view, server="bench")
                times["view"].append(time.perf_counter() - started)
                remote_scan = scan_codebase(view, plugins)
                times["view + scan"].append(time.perf_counter() - started)
                names = sorted(p.relative_to(view).as_posix() for p in view.rglob("*") if p.is_file())
                copied = len(names)
                listing = work / "names"
                listing.write_bytes(b"".join(n.encode() + b"\0" for n in names))
                started = time.perf_counter()
                tar = ["tar", "-c", "-f", "-", "-C", str(tree), "--null", "-T", str(listing)]
                subprocess.run([*ssh, *tar], check=True, stdout=subprocess.DEVNULL)
                times["ssh tar"].append(time.perf_counter() - started)
                started = time.perf_counter()
                local_scan = scan_codebase(tree, plugins)
                times["local scan"].append(time.perf_counter() - started)
                assert remote_scan == local_scan, "the remote scan differs from the local one"
            executor.close()
    print(f"tree: {extensions} extensions, {packages} packages; {copied} files in the view; {args.runs} runs")
    base = statistics.median(times["ssh tar"])
    for label, values in times.items():
        median = statistics.median(values)
        print(f"{label:>12}: {median * 1000:8.1f} ms  ({median / base:4.2f}x ssh tar)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
