"""The inventory store: migrations, round trips, package lookups, and many processes at once."""

from __future__ import annotations

import sqlite3
import subprocess
import sys
from datetime import UTC, datetime
from pathlib import Path

import pytest

from aegir.core.errors import ConflictError, NotFoundError
from aegir.core.model import Codebase, CodebaseScan, Extension, Package, Server, Service, Site, SiteStatus
from aegir.core.store import Store
from aegir.core.store._migrate import HEAD_VERSION


def _codebase(name: str, token: str = "1.15.0") -> Codebase:  # noqa: S107  (a version, not a password)
    scan = CodebaseScan(
        app="drupal",
        app_version="10.2.0",
        docroot="web",
        packages=(
            Package("drupal/core", "10.2.0", "drupal-core"),
            Package("drupal/token", token, "drupal-module"),
        ),
        extensions=(Extension("token", "module", token, "token", "web/modules/contrib/token"),),
    )
    return Codebase(
        name=name,
        app="drupal",
        root=f"/srv/{name}",
        docroot="web",
        scan=scan,
        verified_at=datetime(2026, 1, 1, tzinfo=UTC),
    )


def test_a_new_home_is_at_the_newest_schema_version(tmp_path: Path) -> None:
    """(That the schema equals the one the Alembic version made: test_store_schema.py.)"""
    Store(tmp_path / "inv.sqlite").close()
    con = sqlite3.connect(tmp_path / "inv.sqlite")
    assert con.execute("PRAGMA user_version").fetchone() == (HEAD_VERSION,)
    assert con.execute("PRAGMA journal_mode").fetchone() == ("wal",)
    assert con.execute("SELECT count(*) FROM sqlite_master WHERE name = 'alembic_version'").fetchone() == (0,)
    con.close()


def test_round_trips_and_conflicts(tmp_path: Path) -> None:
    store = Store(tmp_path / "inv.sqlite")
    server = Server("web1", "local", [Service("nginx", 8080), Service("mariadb", 3307)])
    store.add_server(server)
    with pytest.raises(ConflictError, match=r"web1"):
        store.add_server(server)
    assert store.get_server("web1") == server
    cb = _codebase("d10")
    store.add_codebase(cb)
    assert store.get_codebase("d10") == cb
    site = Site(
        domain="Bücher.Example", codebase="d10", server="web1", db_server="web1", status=SiteStatus.ENABLED
    )
    store.save_site(site)
    assert store.get_site("xn--bcher-kva.example") == site
    with pytest.raises(ConflictError, match=r"xn--bcher-kva\.example"):
        store.remove_codebase("d10")
    with pytest.raises(NotFoundError, match=r"nope\.example"):
        store.get_site("nope.example")
    store.close()


def test_package_where_across_many_codebases(tmp_path: Path) -> None:
    store = Store(tmp_path / "inv.sqlite")
    for i in range(1000):
        store.save_codebase(_codebase(f"cb{i:04d}", token=f"1.{i % 7}.0"))
    store.save_site(Site(domain="a.example", codebase="cb0003", server="web1"))
    uses = store.where_package("drupal/token")
    assert len(uses) == 1000
    assert {u.version for u in uses} == {f"1.{i}.0" for i in range(7)}
    by_cb = {u.codebase: u for u in uses}
    assert by_cb["cb0003"].sites == ("a.example",)
    ext = store.where_package("token")
    assert {u.unit for u in ext} == {"extension"}
    # re-verifying replaces a codebase's units instead of adding to them
    store.save_codebase(_codebase("cb0000", token="2.0.0"))
    assert len(store.where_package("drupal/token")) == 1000
    store.close()


WRITER = """
import sys
from aegir.core.store import Store
from aegir.core.model import Server
store = Store(__import__('pathlib').Path(sys.argv[1]))
n = sys.argv[2]
for i in range(25):
    store.add_server(Server(f"p{n}-{i}", "local"))
    store.set_setting(f"k{n}", str(i))
store.close()
"""


def test_concurrent_processes_do_not_corrupt_the_inventory(tmp_path: Path) -> None:
    path = tmp_path / "inv.sqlite"
    procs = [subprocess.Popen([sys.executable, "-c", WRITER, str(path), str(n)]) for n in range(6)]
    assert [p.wait(timeout=120) for p in procs] == [0] * 6
    con = sqlite3.connect(path)
    assert con.execute("PRAGMA integrity_check").fetchone() == ("ok",)
    con.close()
    store = Store(path)
    assert len(store.list_servers()) == 150
    assert all(store.get_setting(f"k{n}") == "24" for n in range(6))
    store.close()


def test_an_existing_home_is_upgraded_without_loss(tmp_path: Path) -> None:
    """A home at the first schema version is migrated to head, keeping its rows."""
    from aegir.core.store._migrate import migrations, statements

    path = tmp_path / "inv.sqlite"
    first = migrations()[0][1]
    old = sqlite3.connect(path, isolation_level=None)
    for statement in statements(first.read_text(encoding="utf-8")):
        old.execute(statement)
    old.execute("PRAGMA user_version = 1")
    old.execute(
        "INSERT INTO tasks (id, operation, target, status, created, on_crash) "
        "VALUES ('t1', 'install', 'a.example', 'succeeded', '2026-01-01T00:00:00+00:00', 'rollback')"
    )
    old.close()
    store = Store(path)
    assert store.get_task("t1").operation == "install"
    assert store.task_on_crash("t1") == ("rollback", None)
    con = sqlite3.connect(path)
    assert con.execute("PRAGMA user_version").fetchone() == (HEAD_VERSION,)
    con.close()
    store.close()


def test_site_using_domain_finds_domains_and_aliases_only(tmp_path: Path) -> None:
    store = Store(tmp_path / "inv.sqlite")
    store.add_codebase(_codebase("d10"))
    store.save_site(Site(domain="main.example", codebase="d10", server="web1", aliases=("www.main.example",)))
    store.save_site(
        Site(domain="other.example", codebase="d10", server="web1", title="about www.main.example")
    )
    found = store.site_using_domain("main.example")
    assert found is not None and found.domain == "main.example"
    alias = store.site_using_domain("www.main.example")
    assert alias is not None and alias.domain == "main.example"
    # a substring of a domain, or the same text elsewhere in a record, is not a use
    assert store.site_using_domain("ain.example") is None
    assert store.site_using_domain("about.example") is None
    store.close()
