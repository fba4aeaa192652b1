"""The harness of the fast scanners' tests (WordPress, Grav): a fresh interpreter imports a driver's
``_scanner`` module alone, detects (and scans) trees, and prints what it found and which modules it
loaded; the tests compare that with the driver's own model.

The drivers do not import each other; their tests share this module (``drivers._scanner_probe``,
found because tests/ is on sys.path: tests/conftest.py has no package above it).
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

from aegir.core.app import AppDriver

#: modules the fast path must never load (module names and their packages)
FORBIDDEN = ("attrs", "attr", "cattrs", "pluggy", "aegir.core.app", "aegir.core.model", "aegir.core.plugins")

#: run after ``from <driver package> import _scanner``; argv: detect|scan, then the trees
_PROBE = r"""
import json, sys
from pathlib import Path

detect_only = sys.argv[1] == "detect"
trees = {}
for tree in sys.argv[2:]:
    found = _scanner.detect(Path(tree))
    record = None if found is None or detect_only else _scanner.scan(Path(tree), found)
    trees[tree] = [found, record]
print(json.dumps({"app": _scanner.APP, "looked_for": _scanner.looked_for(), "trees": trees, "modules": sorted(sys.modules)}))
"""


def probe(package: str, mode: str, trees: list[Path]) -> dict[str, Any]:
    """What ``package``'s scanner says of ``trees`` in a fresh interpreter (``mode``: detect or scan):
    app, looked_for, trees (tree: [detection, scan record]) and the modules it loaded."""
    code = f"from {package} import _scanner\n{_PROBE}"
    done = subprocess.run(
        [sys.executable, "-c", code, mode, *map(str, trees)], capture_output=True, text=True, check=False
    )
    assert done.returncode == 0, done.stderr
    result: dict[str, Any] = json.loads(done.stdout)
    return result


def loaded(modules: list[str], names: tuple[str, ...]) -> list[str]:
    """The ``modules`` that are one of ``names`` or inside one of them."""
    return [m for m in modules if any(m == n or m.startswith(n + ".") for n in names)]


def agreeing_records(driver: AppDriver, out: dict[str, Any]) -> dict[str, list[Any]]:
    """Assert that what a probe in scan mode printed is what ``driver`` detects and scans, tree by
    tree; the scan records of the trees it claimed, by tree."""
    assert out["app"] == driver.name
    assert out["looked_for"] == driver.looked_for()
    records: dict[str, list[Any]] = {}
    for tree, (found, record) in out["trees"].items():
        detection = driver.detect(Path(tree))
        if detection is None:
            assert found is None, tree
            continue
        assert found == [detection.app, detection.docroot, detection.version], tree
        model = driver.scan(Path(tree), detection)
        assert record == [
            model.app,
            model.app_version,
            model.docroot,
            [[p.name, p.version, p.type, p.dev] for p in model.packages],
            [[e.name, e.type, e.version, e.project, e.path, e.hidden] for e in model.extensions],
            list(model.profiles),
            list(model.warnings),
            [list(item) for item in model.facts.items()],
        ], tree
        records[tree] = record
    return records
