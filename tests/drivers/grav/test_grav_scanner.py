"""The Grav scanner runs without attrs, pluggy or the model, and says what the driver says.

``aegir codebase scan`` calls the scanner directly to start fast, and Grav detection runs on every
scan of a tree WordPress does not claim: a fresh interpreter imports it, detects and scans every
real tree, and its loaded modules are checked. What it printed is compared with the driver's model.
"""

from __future__ import annotations

from pathlib import Path

from aegir.drivers.grav import GravDriver
from drivers._scanner_probe import FORBIDDEN, agreeing_records, loaded, probe

#: modules only a scan needs: detection of a tree that is not Grav must not load them
SCAN_ONLY = ("aegir.drivers.grav._scan", "aegir.drivers.grav._blueprints", "aegir.core.composer", "yaml")


def test_scanner_needs_neither_attrs_nor_the_model_and_agrees_with_the_driver(realdata: Path) -> None:
    trees = sorted(p for p in realdata.glob("*/*") if p.is_dir())
    out = probe("aegir.drivers.grav", "scan", trees)
    assert loaded(out["modules"], FORBIDDEN) == []
    records = agreeing_records(GravDriver(), out)
    assert len(records) == len(list((realdata / "grav").iterdir()))
    assert sum(len(record[4]) for record in records.values()) >= 10  # the real sites carry plugins and themes


def test_detection_of_other_trees_loads_no_scan_parser(realdata: Path) -> None:
    others = [
        p for kind in ("drupal-projects", "drupal-codebases") for p in sorted((realdata / kind).iterdir())
    ]
    others += sorted(p for p in (realdata / "wordpress/sites").iterdir())
    out = probe("aegir.drivers.grav", "detect", others)
    assert all(found is None for found, _ in out["trees"].values()), out["trees"]
    assert loaded(out["modules"], FORBIDDEN + SCAN_ONLY) == []
