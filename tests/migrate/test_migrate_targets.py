"""Migrations to another database server (through the CLI, with --json), renames (URLs rewritten in
the database, secrets carried over, the old domain in maintenance until finished), and what the
pre-flight refuses before anything changes."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from aegir.cli import main
from aegir.core.errors import ConflictError, NotFoundError, TaskError, ValidationError
from aegir.core.events import TaskEvent
from aegir.core.hookspecs import hookimpl
from aegir.core.model import TaskStatus
from aegir.core.operations import migrate, sites
from aegir.hosting import Hosting

from ._linked_driver import LinkedPlugin
from ._migrate_support import Poller, add_codebase, get, install, snapshot, sql, web_port

pytestmark = pytest.mark.services


def _cli(h: Hosting, capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(["--home", str(h.home), *argv])
    out, err = capsys.readouterr()
    return code, out, err


def _tagline(h: Hosting, domain: str, text: str) -> None:
    site = h.store.get_site(domain)
    assert site.db_server and site.db_name
    sql(
        h,
        site.db_server,
        f"UPDATE wp_options SET option_value = '{text}' WHERE option_name = 'blogdescription';",  # noqa: S608  (the test's own text)
        site.db_name,
    )


def test_to_another_database_server_through_the_cli(
    world: Hosting, capsys: pytest.CaptureFixture[str]
) -> None:
    h = world
    domain = "dbmove.test"
    blue = install(h, domain, "wp-a", title="Database Mover")
    _tagline(h, domain, "Data travels")
    before = snapshot(h)

    code, out, err = _cli(h, capsys, "site", "migrate", domain, "--db-server", "db2", "--dry-run")
    assert code == 0, err
    assert "copy database" in out and "(clean-up)" in out and "private preview" in out
    assert snapshot(h) == before  # a dry run changes nothing

    with Poller(h, domain) as poller:
        code, out, err = _cli(h, capsys, "site", "migrate", domain, "--db-server", "db2", "--json")
    assert code == 0, err
    report = json.loads(out)
    assert report["status"] == "succeeded"
    assert report["db_server"] == {"from": "web1", "to": "db2"}
    assert 0 < report["maintenance_window_seconds"] < 30
    assert poller.failures() == [] and poller.statuses() == ["200:A", "503", "200:A"], poller.statuses()

    green = h.store.get_site(domain)
    assert green.db_server == "db2" and green.db_name != blue.db_name
    assert green.db_name in [r[0] for r in sql(h, "db2", "SHOW DATABASES;")]
    config = (Path(green.options["site_dir"]) / "wp-config.php").read_text()
    db2_socket = h.backend("db2").db_endpoint().socket
    assert db2_socket and f"localhost:{db2_socket}" in config
    status, body = get(h, domain)
    assert status == 200 and "Data travels" in body
    # the site's own database user reaches its new database, and nothing else
    assert green.db_user in [r[0] for r in sql(h, "db2", "SELECT user FROM mysql.user;")]

    code, out, err = _cli(h, capsys, "site", "rollback", domain, "--json")
    assert code == 0, err
    assert json.loads(out)["status"] == "succeeded"
    back = h.store.get_site(domain)
    assert back.db_server == "web1" and back.db_name == blue.db_name
    assert green.db_name not in [r[0] for r in sql(h, "db2", "SHOW DATABASES;")]
    status, body = get(h, domain)
    assert status == 200 and "Data travels" in body

    code, out, err = _cli(h, capsys, "site", "migrate", domain, "--db-server", "db2")
    assert code == 0, err
    assert "maintenance window" in out and "aegir site rollback" in out
    code, out, err = _cli(h, capsys, "site", "migrate", "--finish", domain, "--json")
    assert code == 0, err
    assert blue.db_name not in [r[0] for r in sql(h, "web1", "SHOW DATABASES;")]
    assert blue.db_user not in [r[0] for r in sql(h, "web1", "SELECT user FROM mysql.user;")]
    code, out, err = _cli(h, capsys, "site", "rollback", domain)
    assert code == 2 and "no migration in its rollback window" in err


def test_cli_refuses_unclear_requests(world: Hosting, capsys: pytest.CaptureFixture[str]) -> None:
    h = world
    for argv, message in (
        (["site", "migrate", "x.test"], "say where to"),
        (["site", "migrate"], "needs the site's DOMAIN"),
        (["site", "migrate", "x.test", "--finish", "--codebase", "wp-b"], "--finish takes no"),
        (["site", "migrate", "x.test", "--finish-due"], "--finish-due takes no DOMAIN"),
    ):
        code, _out, err = _cli(h, capsys, *argv)
        assert code == 2 and message in err, (argv, err)
    code, _out, err = _cli(h, capsys, "site", "migrate", "missing.test", "--codebase", "wp-b")
    assert code == 3, err


def test_rename_rewrites_urls_and_keeps_the_old_domain_in_maintenance(world: Hosting) -> None:
    h = world
    old, new = "oldname.test", "newname.test"
    port = web_port(h)
    blue = install(h, old, "wp-a", title="Renamed Site")
    assert blue.db_name
    sql(
        h,
        "web1",
        f"UPDATE wp_posts SET post_content = 'See <a href=\"http://{old}:{port}/about/\">about</a>' WHERE ID = 1;",  # noqa: S608
        blue.db_name,
    )
    admin_password = h.secrets.get(f"site/{old}/admin")
    before = snapshot(h)

    plan = migrate.migrate_plan(h, migrate.preflight(h, old, new_domain=new))
    assert plan.also_locks == (new,)  # no install or clone may take the new domain meanwhile
    with Poller(h, old) as old_poller, Poller(h, new) as new_poller:
        task = h.run(plan)
    assert task.status is TaskStatus.SUCCEEDED, task.error
    assert old_poller.failures() == [] and old_poller.statuses() == ["200:A", "503"]
    assert new_poller.statuses()[-1] == "200:A" and set(new_poller.statuses()) <= {"404", "200:A"}

    assert h.store.find_site(old) is None
    site = h.store.get_site(new)
    assert site.codebase == "wp-a" and site.db_server == "web1"
    assert h.secrets.get(f"site/{new}/admin") == admin_password
    assert sql(
        h, "web1", "SELECT option_value FROM wp_options WHERE option_name = 'home';", site.db_name
    ) == [(f"http://{new}:{port}",)]
    content = sql(h, "web1", "SELECT post_content FROM wp_posts WHERE ID = 1;", site.db_name)[0][0]
    assert f"http://{new}:{port}/about/" in content and old not in content
    status, body = get(h, new)
    assert status == 200 and "Renamed Site" in body and f"http://{new}:{port}/" in body
    assert get(h, old)[0] == 503  # until the migration is finished or rolled back

    task = h.run(migrate.rollback_plan(h, new))
    assert task.status is TaskStatus.SUCCEEDED, task.error
    assert get(h, old)[0] == 200 and get(h, new)[0] == 404
    assert h.store.find_site(new) is None and h.store.get_site(old).db_name == blue.db_name
    after = snapshot(h)
    assert after.databases == before.databases and after.users == before.users
    assert after.vhosts == before.vhosts and after.sites_root == before.sites_root
    assert after.maintenance == before.maintenance
    assert [s for s in after.secrets if s.startswith(f"site/{new}/")] == []

    task = h.run(migrate.migrate_plan(h, migrate.preflight(h, old, new_domain=new)))
    assert task.status is TaskStatus.SUCCEEDED, task.error
    task = h.run(migrate.finish_plan(h, new))
    assert task.status is TaskStatus.SUCCEEDED, task.error
    assert get(h, old)[0] == 404 and get(h, new)[0] == 200
    assert blue.db_name not in [r[0] for r in sql(h, "web1", "SHOW DATABASES;")]
    assert [s for s in snapshot(h).secrets if s.startswith(f"site/{old}/")] == []
    assert not (Path(h.backend("web1").sites_root()) / old).exists()
    assert old + ".conf" not in snapshot(h).vhosts


def test_preflight_refusals(world: Hosting, tmp_path: Path) -> None:
    h = world
    domain = "checked.test"
    install(h, domain, "wp-a", title="Checked")
    install(h, "taken.test", "wp-a", title="Taken")
    before = snapshot(h)
    add_codebase(h, "wp-old", "OLD", akismet_version="4.0")
    with pytest.raises(ValidationError, match=r"akismet 5\.0\.2 -> 4\.0.*--allow-downgrade"):
        migrate.preflight(h, domain, codebase="wp-old")
    allowed = migrate.preflight(h, domain, codebase="wp-old", allow_downgrade=True)
    assert allowed.diff is not None
    assert {c.name for c in allowed.diff.downgraded} == {"akismet", "wpackagist-plugin/akismet"}
    with pytest.raises(ValidationError, match="nothing to migrate"):
        migrate.preflight(h, domain, codebase="wp-a", db_server="web1")
    with pytest.raises(NotFoundError):
        migrate.preflight(h, domain, codebase="no-such-codebase")
    with pytest.raises(NotFoundError):
        migrate.preflight(h, domain, db_server="no-such-server")
    with pytest.raises(ConflictError, match="exists already"):
        migrate.preflight(h, domain, new_domain="taken.test")
    with pytest.raises(ValidationError, match="invalid domain"):
        migrate.preflight(h, domain, new_domain="not a domain")
    task = h.run(sites.disable_plan(h, domain))
    assert task.status is TaskStatus.SUCCEEDED
    with pytest.raises(ValidationError, match="only an enabled site"):
        migrate.preflight(h, domain, codebase="wp-b")
    h.run(sites.enable_plan(h, domain))

    # advisories affecting the target codebase are reported (not refused)
    advisories = tmp_path / "advisories" / "wpackagist-plugin" / "akismet"
    advisories.mkdir(parents=True)
    (advisories / "2099-01-01.yaml").write_text(
        "title: 'Akismet: a made-up flaw for this test'\nlink: https://example.org/akismet\ncve: ~\n"
        "branches:\n  5.x:\n    time: 2099-01-01 00:00:00\n    versions: ['<9.0']\n"
        "reference: composer://wpackagist-plugin/akismet\n"
    )
    pre = migrate.preflight(h, domain, codebase="wp-b", advisories_dir=str(tmp_path / "advisories"))
    assert pre.audit is not None
    assert [f.package for f in pre.audit.findings] == ["wpackagist-plugin/akismet"]
    assert any(n.startswith("space on ") for n in pre.notes)
    after = snapshot(h)
    assert after.databases == before.databases  # the pre-flight created nothing
    assert h.store.get_site(domain).codebase == "wp-a"


class _FailAfter:
    """Raises once after the first step of a migrate task whose description contains ``text``."""

    def __init__(self) -> None:
        self.text: str | None = None

    @hookimpl
    def aegir_task_event(self, event: TaskEvent) -> None:
        if self.text and event.name == "step-finished" and self.text in event.description:
            self.text = None
            raise RuntimeError("injected failure after the update steps")


def test_links_outside_the_site_directory_follow_the_live_copy(world: Hosting) -> None:
    """A driver that links sites into their codebase (as Drupal's do): the link always points at
    the copy being served, whatever happens."""
    h = world
    failer = _FailAfter()
    h.plugins.register(LinkedPlugin())
    h.plugins.register(failer)
    for name in ("wp-linked", "wp-linked2"):
        h.add_codebase(name, copy_from="/usr/share/wordpress", server="web1", app="wordpress-linked")
    domain = "linked.test"
    blue = install(h, domain, "wp-linked", title="Linked Site")
    blue_dir = str(Path(h.backend("web1").sites_root()) / domain)
    link = Path(h.store.get_codebase("wp-linked").root) / "sites" / domain
    link2 = Path(h.store.get_codebase("wp-linked2").root) / "sites" / domain
    assert str(link.readlink()) == blue_dir

    # the update steps point the link at green, then a failure: the undo points it back at blue
    failer.text = "wp_upgrade"
    with pytest.raises(TaskError, match="injected failure"):
        h.run(migrate.migrate_plan(h, migrate.preflight(h, domain, db_server="db2")))
    assert str(link.readlink()) == blue_dir and get(h, domain)[0] == 200

    h.run(migrate.migrate_plan(h, migrate.preflight(h, domain, db_server="db2")))
    green_dir = h.store.get_site(domain).options["site_dir"]
    assert str(link.readlink()) == green_dir
    h.run(migrate.rollback_plan(h, domain))
    assert str(link.readlink()) == blue_dir and get(h, domain)[0] == 200

    # to another codebase: rollback removes the new codebase's link, finish the old one's
    h.run(migrate.migrate_plan(h, migrate.preflight(h, domain, codebase="wp-linked2")))
    assert str(link2.readlink()) == h.store.get_site(domain).options["site_dir"]
    h.run(migrate.rollback_plan(h, domain))
    assert not link2.is_symlink() and str(link.readlink()) == blue_dir
    h.run(migrate.migrate_plan(h, migrate.preflight(h, domain, codebase="wp-linked2")))
    h.run(migrate.finish_plan(h, domain))
    assert not link.is_symlink() and str(link2.readlink()) == h.store.get_site(domain).options["site_dir"]
    assert get(h, domain)[0] == 200 and blue.db_name
