"""The WordPress scanner runs without attrs, pluggy or the model, and says what the driver says.

``aegir codebase scan`` calls the scanner directly to start fast, and detection runs on every scan of
any tree (WordPress is tried first): a fresh interpreter imports it, detects and scans every real
tree, and its loaded modules are checked. What it printed is compared with the driver's model.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

from aegir.drivers.wordpress import WordPressDriver

DEBIAN = Path("/usr/share/wordpress")
#: modules the fast path must never load (module names and their packages)
FORBIDDEN = ("attrs", "attr", "cattrs", "pluggy", "aegir.core.app", "aegir.core.model", "aegir.core.plugins")
#: modules only a scan needs: detection of a tree that is not WordPress must not load them
SCAN_ONLY = (
    "aegir.drivers.wordpress._scan",
    "aegir.drivers.wordpress._content",
    "aegir.drivers.wordpress._siteconfig",
    "aegir.drivers.wordpress._coreversion",
    "aegir.drivers.wordpress._phpvalues",
)

PROBE = r"""
import json, sys
from pathlib import Path
from aegir.drivers.wordpress import _scanner

detect_only = sys.argv[1] == "detect"
trees = {}
for tree in sys.argv[2:]:
    found = _scanner.detect(Path(tree))
    record = None if found is None or detect_only else _scanner.scan(Path(tree), found)
    trees[tree] = [found, record]
print(json.dumps({"app": _scanner.APP, "looked_for": _scanner.looked_for(), "trees": trees, "modules": sorted(sys.modules)}))
"""


def probe(mode: str, trees: list[Path]) -> dict[str, Any]:
    done = subprocess.run(
        [sys.executable, "-c", PROBE, mode, *map(str, trees)], capture_output=True, text=True, check=False
    )
    assert done.returncode == 0, done.stderr
    result: dict[str, Any] = json.loads(done.stdout)
    return result


def loaded(modules: list[str], names: tuple[str, ...]) -> list[str]:
    return [m for m in modules if any(m == n or m.startswith(n + ".") for n in names)]


def all_trees(realdata: Path) -> list[Path]:
    """Every tree in realdata, WordPress or not (detection runs on all of them)."""
    trees = [p for p in (*realdata.glob("*/*"), *realdata.glob("*/*/*")) if p.is_dir()]
    return sorted(trees) + ([DEBIAN] if DEBIAN.is_dir() else [])


def test_scanner_needs_neither_attrs_nor_the_model_and_agrees_with_the_driver(realdata: Path) -> None:
    out = probe("scan", all_trees(realdata))
    assert loaded(out["modules"], FORBIDDEN) == []
    driver = WordPressDriver()
    assert out["app"] == driver.name
    assert out["looked_for"] == driver.looked_for()
    scanned = extensions = 0
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
        assert record[3], tree  # core at least
        scanned += 1
        extensions += len(record[4])
    assert scanned >= 16
    assert extensions >= 10  # the real sites carry plugins and themes


def test_detection_of_other_trees_loads_no_scan_parser(realdata: Path) -> None:
    others = [
        p
        for kind in ("drupal-projects", "drupal-codebases", "grav")
        for p in sorted((realdata / kind).iterdir())
    ]
    out = probe("detect", others)
    assert all(found is None for found, _ in out["trees"].values()), out["trees"]
    assert loaded(out["modules"], FORBIDDEN + SCAN_ONLY) == []
