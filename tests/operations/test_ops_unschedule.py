"""``aegir backup unschedule`` of a site on a local server: the schedule ``run-due`` runs is removed
(its backups stay), exit 3 when there is none; and ``Store.delete_schedule`` under it. Only the
inventory is involved: no services run."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest

from aegir.cli import main
from aegir.core.model import Codebase, Server, Site
from aegir.hosting import Hosting


@pytest.fixture
def home(tmp_path: Path) -> Iterator[Path]:
    """A home with a local server ``here`` and two sites on it, a.test and b.test."""
    home = tmp_path / "home"
    h = Hosting(home)
    try:
        h.store.add_server(Server(name="here", backend="local"))
        h.store.save_codebase(Codebase(name="wp", app="wordpress", root=str(tmp_path / "wp")))
        for domain in ("a.test", "b.test"):
            h.store.save_site(Site(domain=domain, codebase="wp", server="here"))
    finally:
        h.close()
    yield home


def aegir(home: Path, capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(["--home", str(home), *argv])
    out, err = capsys.readouterr()
    assert "Traceback" not in err
    return code, out, err


def scheduled(home: Path, capsys: pytest.CaptureFixture[str]) -> dict[str, str]:
    code, out, err = aegir(home, capsys, "backup", "schedules", "--json")
    assert code == 0, err
    return {row["site"]: row["every"] for row in json.loads(out)}


def test_unschedule_removes_the_run_due_schedule_and_only_that(
    home: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, _out, err = aegir(home, capsys, "backup", "unschedule", "a.test")
    assert code == 3 and "site 'a.test' has no backup schedule" in err
    for domain, every in (("a.test", "6h"), ("b.test", "1d")):
        code, _out, err = aegir(
            home, capsys, "backup", "schedule", domain, "--every", every, "--keep", "last=2"
        )
        assert code == 0, err
    assert scheduled(home, capsys) == {"a.test": "6h", "b.test": "1d"}

    code, out, err = aegir(home, capsys, "backup", "unschedule", "a.test", "--dry-run", "--json")
    assert code == 0, err
    assert json.loads(out) == {
        "site": "a.test",
        "run_by": "run-due",
        "every": "6h",
        "keep": "last=2",
        "dry_run": True,
    }
    assert scheduled(home, capsys) == {"a.test": "6h", "b.test": "1d"}

    code, out, err = aegir(home, capsys, "backup", "unschedule", "A.Test")
    assert code == 0 and out == "", err
    assert "site a.test is no longer backed up every 6h by 'aegir backup run-due'" in err
    assert scheduled(home, capsys) == {"b.test": "1d"}  # the other site keeps its own
    # nothing left to remove, to prune by, or to run
    code, _out, err = aegir(home, capsys, "backup", "unschedule", "a.test")
    assert code == 3 and "has no backup schedule" in err
    code, _out, err = aegir(home, capsys, "backup", "unschedule", "a.test", "--run-due")
    assert code == 3 and "that 'aegir backup run-due' runs" in err
    code, _out, err = aegir(home, capsys, "backup", "prune", "a.test")
    assert code == 3 and "no backup schedule" in err
    code, _out, err = aegir(home, capsys, "backup", "unschedule", "nowhere.test")
    assert code == 3 and "nowhere.test" in err

    # a schedule can be set again
    code, out, err = aegir(home, capsys, "backup", "unschedule", "b.test", "--json")
    assert code == 0 and json.loads(out)["every"] == "1d", err
    code, _out, err = aegir(home, capsys, "backup", "schedule", "a.test", "--every", "2h", "--keep", "last=1")
    assert code == 0, err
    assert scheduled(home, capsys) == {"a.test": "2h"}


def test_store_delete_schedule(home: Path) -> None:
    h = Hosting(home)
    try:
        h.store.set_schedule("a.test", 3600, {"last": 3})
        h.store.set_schedule("b.test", 7200, {"daily": 7})
        assert h.store.delete_schedule("a.test") is True
        assert [row[0] for row in h.store.list_schedules()] == ["b.test"]
        assert h.store.delete_schedule("a.test") is False
        assert h.store.delete_schedule("c.test") is False
    finally:
        h.close()
