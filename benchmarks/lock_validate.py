"""composer.lock schema validation: Aegir's generated validator against the previous one, on every real lock.

The previous validator was fastjsonschema's code, generated from the same two schemas; it is compiled
here at run time (``fastjsonschema.compile``, formats off, as it was generated) when fastjsonschema is
installed, else the jsonschema reference validator stands in. Each lock is read with ``json.loads``
and made schema-clean as the scan does (``prepare_for_schema``); both validators must give the same
verdict on it. Times are in-process minimums over many calls (``timeit``), validation only; then a
fresh process measures what one scan pays once: importing the module and its first call (which
compiles the patterns it uses).

    .venv/bin/python benchmarks/lock_validate.py [--repeat 25]
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import timeit
from collections.abc import Callable
from pathlib import Path
from typing import Any

from aegir.drivers.drupal import _lock_schema, _lock_validator
from aegir.drivers.drupal._lock import prepare_for_schema
from aegir.drivers.drupal._lock_violation import LockViolation

REPO = Path(__file__).resolve().parents[1]
REALDATA = (REPO / ".." / "shared" / "fixtures" / "realdata").resolve()
LOCKS = sorted({*REALDATA.glob("drupal-*/*/composer.lock"), *REALDATA.glob("grav/*/composer.lock")})
ONE_SCAN = """
import json, sys, time
import aegir.drivers.drupal  # the package around it is not the validator's cost
start = time.perf_counter()
from aegir.drivers.drupal import _lock_validator
imported = time.perf_counter()
from aegir.drivers.drupal._lock import prepare_for_schema
doc, _ = prepare_for_schema(json.loads(open(sys.argv[1], "rb").read()))
before = time.perf_counter()
_lock_validator.validate(doc)
first = time.perf_counter()
_lock_validator.validate(doc)
second = time.perf_counter()
print(json.dumps([imported - start, first - before, second - first]))
"""


def previous_validator() -> tuple[str, Callable[[Any], object], type[Exception]]:
    """fastjsonschema compiled from Composer's schemas, or the jsonschema reference if it is missing."""
    schemas = _lock_schema.load_schemas()
    try:
        import fastjsonschema  # type: ignore[import-untyped,unused-ignore]
    except ImportError:
        reference = _lock_schema.reference_validator()

        def validate(doc: Any) -> None:
            error = next(iter(reference.iter_errors(doc)), None)
            if error is not None:
                raise ValueError(error.message)

        return "jsonschema (reference)", validate, ValueError
    compiled = fastjsonschema.compile(
        schemas[_lock_schema.BASE_URI + _lock_schema.LOCK_SCHEMA],
        handlers={"https": schemas.__getitem__},
        use_formats=False,
        detailed_exceptions=False,
    )
    return f"fastjsonschema {fastjsonschema.VERSION}", compiled, fastjsonschema.JsonSchemaValueException


def verdict(validate: Callable[[Any], object], error: type[Exception], doc: Any) -> bool:
    try:
        validate(doc)
    except error:
        return False
    return True


def best(calls: list[Callable[[], object]], repeat: int) -> list[float]:
    """Seconds per call of each, the minimum over ``repeat`` rounds of about 20 ms each.

    The rounds alternate between the calls, so a busy machine slows both alike.
    """
    timers = [timeit.Timer(call) for call in calls]
    numbers = [max(1, timer.autorange()[0] // 10) for timer in timers]  # autorange: about 0.2 s
    times: list[list[float]] = [[] for _ in calls]
    for _ in range(repeat):
        for timer, number, spent in zip(timers, numbers, times, strict=True):
            spent.append(timer.timeit(number) / number)
    return [min(spent) for spent in times]


def one_scan(lock: Path) -> list[float]:
    """Import, first and second call in a fresh interpreter with a warm bytecode cache."""
    with tempfile.TemporaryDirectory(prefix="aegir-bench-lock-") as cache:
        env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
        env["PYTHONPYCACHEPREFIX"] = cache
        runs = []
        for _ in range(6):  # the first run writes the bytecode cache
            done = subprocess.run(
                [sys.executable, "-c", ONE_SCAN, str(lock)],
                env=env,
                capture_output=True,
                text=True,
                check=True,
            )
            runs.append(json.loads(done.stdout))
    return [min(r[i] for r in runs[1:]) for i in range(3)]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--repeat", type=int, default=25, help="timing rounds per lock and validator")
    args = parser.parse_args()
    label, previous, previous_error = previous_validator()
    print(f"previous: {label}; ours: aegir.drivers.drupal._lock_validator (generated)")
    print("in-process, validation only, minimum per call; ratio = previous / ours (above 1: ours is faster)")
    print(f"{'lock':56} {'pkgs':>4} {'KB':>5} {'previous':>10} {'ours':>9} {'ratio':>6}")
    ratios: list[tuple[int, float, str]] = []
    for lock in LOCKS:
        raw = lock.read_bytes()
        doc, _ = prepare_for_schema(json.loads(raw))
        ours_ok = verdict(_lock_validator.validate, LockViolation, doc)
        if ours_ok != verdict(previous, previous_error, doc):
            print(f"{lock}: the validators disagree", file=sys.stderr)
            return 1
        before, after = best(
            [
                lambda doc=doc: verdict(previous, previous_error, doc),
                lambda doc=doc: verdict(_lock_validator.validate, LockViolation, doc),
            ],
            args.repeat,
        )
        name = str(lock.parent.relative_to(REALDATA))
        packages = len(doc.get("packages", [])) + len(doc.get("packages-dev", []))
        note = "" if ours_ok else "  (invalid)"
        print(
            f"{name:56} {packages:>4} {len(raw) // 1024:>5} {before * 1e3:>7.3f} ms {after * 1e3:>6.3f} ms "
            f"{before / after:>5.2f}x{note}"
        )
        ratios.append((packages, before / after, name))
    packages, ratio, name = max(ratios)
    print()
    print(f"largest lock ({name}, {packages} packages): {ratio:.2f}x faster (goal >= 3x): "
          f"{'met' if ratio >= 3 else 'NOT met'}")  # fmt: skip
    print(f"all locks: {min(r for _, r, _ in ratios):.2f}x to {max(r for _, r, _ in ratios):.2f}x")
    largest = next(lock for lock in LOCKS if str(lock.parent.relative_to(REALDATA)) == name)
    imported, first, second = one_scan(largest)
    print(
        f"one fresh process on it: import of the validator {imported * 1e3:.2f} ms (and of _lock_violation), "
        f"first call {first * 1e3:.2f} ms (compiles the patterns it meets), second call {second * 1e3:.2f} ms"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
