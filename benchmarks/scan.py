"""``aegir codebase scan --json`` against ``composer show --locked --format=json``, as whole processes.

For every real Drupal project of the fixtures (``drupal-projects/*`` and the composer codebases of
``drupal-codebases/*``) both commands run on the same copy of the project, interleaved, several
times; the table shows the medians and their ratio (composer time / aegir time: above 1 means Aegir
is faster). Then a generated codebase of 3,000 extensions and 600 packages (``_gen_tree.py``) is
scanned the same way. Goals (issue 3): at least 2x faster than ``composer show --locked`` on the
largest real project, and under 1 s for the generated tree.

Both are measured as an operator waits for them: interpreter or PHP start-up included. Python
runs with its bytecode cache warm (a first run writes it, as ``pip install`` does when it installs
the package), so ``PYTHONDONTWRITEBYTECODE`` is removed from Aegir's environment. Composer is
Debian's, run offline with a private ``COMPOSER_HOME`` and ``--no-plugins --no-interaction``.

    .venv/bin/python benchmarks/scan.py [--runs 7]
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

from _gen_tree import generate

REPO = Path(__file__).resolve().parents[1]
REALDATA = (REPO / ".." / "shared" / "fixtures" / "realdata").resolve()
AEGIR = Path(sys.executable).parent / "aegir"
HOT_PATH_FORBIDDEN = ("jsonschema", "referencing", "fastjsonschema")
# The library path: the Drupal driver class building the attrs model, without the CLI and the plugin
# machinery (what an embedding application pays; the command line's fast path skips attrs and the model).
DRIVER_ONLY = """
import json, sys
from pathlib import Path
import attrs
from aegir.drivers.drupal import DrupalDriver
root = Path(sys.argv[1]).resolve()
driver = DrupalDriver()
sys.stdout.write(json.dumps(attrs.asdict(driver.scan(root, driver.detect(root))), indent=1))
"""


def _env(base: dict[str, str], **extra: str) -> dict[str, str]:
    env = {k: v for k, v in base.items() if k != "PYTHONDONTWRITEBYTECODE"}
    env.update(extra)
    return env


class CommandFailed(Exception):
    """A measured command exited non-zero; the message is its first line of error output."""


def _time(argv: list[str], cwd: Path, env: dict[str, str]) -> tuple[float, bytes]:
    start = time.perf_counter()
    done = subprocess.run(argv, cwd=cwd, env=env, capture_output=True, check=False)
    elapsed = time.perf_counter() - start
    if done.returncode != 0:
        lines = [line.strip() for line in done.stderr.decode(errors="replace").splitlines() if line.strip()]
        raise CommandFailed(" ".join(lines[:2]) or f"exit status {done.returncode}")
    return elapsed, done.stdout


def _projects() -> list[Path]:
    projects = sorted(p for p in (REALDATA / "drupal-projects").iterdir() if (p / "composer.lock").is_file())
    projects += sorted(
        p for p in (REALDATA / "drupal-codebases").iterdir() if (p / "composer.lock").is_file()
    )
    return projects


def _measure(
    path: Path, runs: int, aegir_env: dict[str, str], composer_env: dict[str, str]
) -> dict[str, object]:
    aegir = [str(AEGIR), "codebase", "scan", "--json", str(path)]
    composer = ["composer", "show", "--locked", "--format=json", "--no-plugins", "--no-interaction"]
    driver = [sys.executable, "-c", DRIVER_ONLY, str(path)]
    _, out = _time(aegir, path, aegir_env)  # warm-up: writes the bytecode cache, fills the page cache
    _time(driver, path, aegir_env)
    scan = json.loads(out)
    composer_error = ""
    try:
        _, locked = _time(composer, path, composer_env)
        shown: int | None = len(json.loads(locked).get("locked", []))
    except CommandFailed as e:
        composer_error, shown = str(e), None
    aegir_times: list[float] = []
    driver_times: list[float] = []
    composer_times: list[float] = []
    for _ in range(runs):
        aegir_times.append(_time(aegir, path, aegir_env)[0])
        driver_times.append(_time(driver, path, aegir_env)[0])
        if not composer_error:
            composer_times.append(_time(composer, path, composer_env)[0])
    return {
        "packages": len(scan["packages"]),
        "composer_packages": shown,
        "composer_error": composer_error,
        "extensions": len(scan["extensions"]),
        "aegir": statistics.median(aegir_times),
        "driver": statistics.median(driver_times),
        "composer": statistics.median(composer_times) if composer_times else None,
    }


def _import_check(path: Path, env: dict[str, str]) -> list[str]:
    """Modules of the reference validator that a scan imports (none should be)."""
    done = subprocess.run(
        [sys.executable, "-X", "importtime", "-m", "aegir", "codebase", "scan", "--json", str(path)],
        env=env, capture_output=True, text=True, check=True,
    )  # fmt: skip
    names = {
        line.rsplit("|", 1)[-1].strip()
        for line in done.stderr.splitlines()
        if line.startswith("import time:")
    }
    return sorted(n for n in names if n.split(".")[0] in HOT_PATH_FORBIDDEN)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--runs", type=int, default=7, help="timed runs of each command per project")
    args = parser.parse_args()
    if shutil.which("composer") is None:
        raise SystemExit("composer is not installed (apt-get install composer)")
    with tempfile.TemporaryDirectory(prefix="aegir-bench-scan-") as tmp:
        work = Path(tmp)
        composer_env = _env(
            dict(os.environ),
            COMPOSER_HOME=str(work / "composer-home"),
            COMPOSER_ALLOW_SUPERUSER="1",
            COLUMNS="500",
        )
        aegir_env = _env(dict(os.environ), AEGIR_HOME=str(work / "aegir-home"))
        rows: list[tuple[str, dict[str, object]]] = []
        for project in _projects():
            copy = work / project.name
            shutil.copytree(project, copy)  # composer may write next to the project: never into the fixtures
            rows.append((project.name, _measure(copy, args.runs, aegir_env, composer_env)))
        generated = work / "generated"
        extensions, packages = generate(generated)
        rows.append(
            (
                f"generated ({extensions} ext, {packages} pkg)",
                _measure(generated, max(3, args.runs // 2), aegir_env, composer_env),
            )
        )
        leaked = _import_check(generated, aegir_env)
    print("ratio: composer show time / Aegir time (above 1: Aegir is faster); medians of the runs")
    print(
        f"{'project':42} {'pkgs':>4} {'exts':>4} {'aegir scan':>10} {'composer':>9} {'ratio':>6} {'library':>11} {'ratio':>6}"
    )
    for name, row in rows:
        aegir_s, driver_s = float(row["aegir"]), float(row["driver"])  # type: ignore[arg-type]
        composer_s = row["composer"]
        head = f"{name:42} {row['packages']:>4} {row['extensions']:>4} {aegir_s * 1000:>7.0f} ms"
        if composer_s is None:
            print(f"{head} {'failed':>9} {'-':>6} {driver_s * 1000:>8.0f} ms {'-':>6}")
            print(f"  composer show --locked fails here: {row['composer_error']}")
            continue
        c = float(composer_s)  # type: ignore[arg-type]
        print(
            f"{head} {c * 1000:>6.0f} ms {c / aegir_s:>5.2f}x {driver_s * 1000:>8.0f} ms {c / driver_s:>5.2f}x"
        )
        if row["packages"] != row["composer_packages"]:
            print(
                f"  note: composer show listed {row['composer_packages']} packages, the scan {row['packages']}"
            )
    compared = [r for r in rows[:-1] if r[1]["composer"] is not None]
    largest_name, largest = max(compared, key=lambda r: int(r[1]["packages"]))  # type: ignore[call-overload]
    ratio = float(largest["composer"]) / float(largest["aegir"])  # type: ignore[arg-type]
    generated_s = float(rows[-1][1]["aegir"])  # type: ignore[arg-type]
    print()
    print(
        f"largest real project: {largest_name} ({largest['packages']} packages): {ratio:.2f}x as fast as "
        f"composer show --locked (goal >= 2x): {'met' if ratio >= 2 else 'NOT met'}"
    )
    driver_ratio = float(largest["composer"]) / float(largest["driver"])  # type: ignore[arg-type]
    print(f"  the library path (DrupalDriver.scan and the attrs model, no CLI) on it: {driver_ratio:.2f}x")
    print(f"generated tree: {generated_s:.2f} s (goal < 1 s): {'met' if generated_s < 1 else 'NOT met'}")
    print(f"reference-validator modules imported by a scan: {', '.join(leaked) if leaked else 'none'}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
