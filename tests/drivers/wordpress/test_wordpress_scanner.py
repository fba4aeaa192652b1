"""The WordPress scanner runs without attrs, pluggy or the model, and says what the driver says.

``aegir codebase scan`` calls the scanner directly to start fast, and detection runs on every scan of
any tree (WordPress is tried first): a fresh interpreter imports it, detects and scans every real
tree, and its loaded modules are checked. What it printed is compared with the driver's model.
"""

from __future__ import annotations

from pathlib import Path

from aegir.drivers.wordpress import WordPressDriver
from drivers._scanner_probe import FORBIDDEN, agreeing_records, loaded, probe

DEBIAN = Path("/usr/share/wordpress")
#: modules only a scan needs: detection of a tree that is not WordPress must not load them
SCAN_ONLY = (
    "aegir.drivers.wordpress._scan",
    "aegir.drivers.wordpress._content",
    "aegir.drivers.wordpress._siteconfig",
    "aegir.drivers.wordpress._coreversion",
    "aegir.drivers.wordpress._phpvalues",
)


def all_trees(realdata: Path) -> list[Path]:
    """Every tree in realdata, WordPress or not (detection runs on all of them)."""
    trees = [p for p in (*realdata.glob("*/*"), *realdata.glob("*/*/*")) if p.is_dir()]
    return sorted(trees) + ([DEBIAN] if DEBIAN.is_dir() else [])


def test_scanner_needs_neither_attrs_nor_the_model_and_agrees_with_the_driver(realdata: Path) -> None:
    out = probe("aegir.drivers.wordpress", "scan", all_trees(realdata))
    assert loaded(out["modules"], FORBIDDEN) == []
    records = agreeing_records(WordPressDriver(), out)
    for tree, record in records.items():
        assert record[3], tree  # core at least
    assert len(records) >= 16
    assert sum(len(record[4]) for record in records.values()) >= 10  # the real sites carry plugins and themes


def test_detection_of_other_trees_loads_no_scan_parser(realdata: Path) -> None:
    others = [
        p
        for kind in ("drupal-projects", "drupal-codebases", "grav")
        for p in sorted((realdata / kind).iterdir())
    ]
    out = probe("aegir.drivers.wordpress", "detect", others)
    assert all(found is None for found, _ in out["trees"].values()), out["trees"]
    assert loaded(out["modules"], FORBIDDEN + SCAN_ONLY) == []
