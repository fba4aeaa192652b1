"""`aegir site migrate`, `site rollback`, `site migrate --finish` and `--finish-due` of a site on a
Kubernetes server, from the command line against the fake API server: the core pre-flight (package
diff, the backend's refusals) before anything is applied, then the backend's own blue-green plan run
as a journaled task, recorded in the inventory like a migration on any other server."""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import attrs
import pytest
from _k8s_fake import FakeCluster, kubeconfig, running
from _k8s_harness import FAST

from aegir.backends.kubernetes._render_jobs import STATUS_MARK
from aegir.cli import main
from aegir.core.model import Codebase, CodebaseScan, Server, Site
from aegir.core.operations.migrate import BLUE_KEY, MIGRATED_KEY, WINDOW_SETTING, blue_of
from aegir.core.operations.sites import install_plan, new_site
from aegir.core.scan import scan_codebase
from aegir.hosting import Hosting

DOMAIN = "shop.example.org"
NAMESPACE = "aegir-shop-example-org"
TITLE = "Shop Site"
WORDPRESS = Path("/usr/share/wordpress")


def _with_akismet(scan: CodebaseScan, version: str) -> CodebaseScan:
    """Debian's WordPress as scanned, with another version of its akismet plugin."""
    return attrs.evolve(
        scan,
        packages=tuple(
            attrs.evolve(p, version=version) if p.name.endswith("/akismet") else p for p in scan.packages
        ),
        extensions=tuple(
            attrs.evolve(e, version=version) if e.name == "akismet" else e for e in scan.extensions
        ),
    )


class World:
    """An Aegir home with a Kubernetes server on the fake cluster and a WordPress site installed on
    it from codebase ``wp-1``; ``wp-2`` is newer, ``wp-old`` older, ``wp-bare`` has no image."""

    def __init__(self, fake: FakeCluster, url: str, home: Path) -> None:
        self.fake = fake
        self.home = home
        home.mkdir()
        (home / "kubeconfig").write_text(kubeconfig(url))
        self.failing: set[str] = set()
        self.pages: dict[str, tuple[int, str]] = {}
        self.stall_after: str | None = None
        fake.job_script = self.jobs
        h = Hosting(home)
        try:
            options = {"kubeconfig": str(home / "kubeconfig"), "context": "fake", **FAST}
            h.store.add_server(Server(name="k8s", backend="kubernetes", options=options))
            h.store.add_server(Server(name="k8s-2", backend="kubernetes", options=options))
            scan = scan_codebase(WORDPRESS, h.plugins)
            for name, akismet, image in (
                ("wp-1", "5.0.2", "registry.example.org/wp:1"),
                ("wp-2", "5.1", "registry.example.org/wp:2"),
                ("wp-old", "4.0", "registry.example.org/wp:old"),
                ("wp-bare", "5.1", None),
            ):
                cb = Codebase(
                    name=name,
                    app=scan.app,
                    root=str(WORDPRESS),
                    image=image,
                    scan=_with_akismet(scan, akismet),
                )
                h.store.save_codebase(cb)
            h.backend("k8s").setup()  # the system namespace and the managed MariaDB
            site = attrs.evolve(new_site(h, DOMAIN, "wp-1", server="k8s", db_server="k8s"), title=TITLE)
            h.run(install_plan(h, site))
        finally:
            _close(h)

    def jobs(self, job: dict[str, Any]) -> tuple[bool, dict[str, str]] | None:
        """Every Job succeeds (health checks see the site's title) unless the test says otherwise."""
        name = job["metadata"]["name"]
        spec = job["spec"]["template"]["spec"]
        containers = [c["name"] for c in [*spec.get("initContainers", []), *spec["containers"]]]
        if self.stall_after and name.startswith(self.stall_after):
            self.fake.rollouts_succeed = False  # from now on no Deployment becomes ready
        if any(f in name for f in self.failing):
            return False, {c: f"{c}: failed on purpose\n" for c in containers}
        if name.startswith("health"):
            status, body = self.pages.get(name, (200, f"<title>{TITLE}</title>"))
            return True, {"http-get": f"{body}\n{STATUS_MARK}{status}\n"}
        return True, {c: f"{c}: done\n" for c in containers}

    def cli(self, capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
        code = main(["--home", str(self.home), *argv])
        out = capsys.readouterr()
        return code, out.out, out.err

    def site(self) -> Site:
        h = Hosting(self.home)
        try:
            return h.store.get_site(DOMAIN)
        finally:
            h.close()

    def obj(self, kind: str, name: str) -> dict[str, Any] | None:
        return self.fake.find(kind, name, NAMESPACE)

    def selector(self) -> str:
        svc = self.obj("Service", "web")
        assert svc is not None
        return str(svc["spec"]["selector"]["aegir.io/track"])

    def image(self, track: str) -> str:
        dep = self.obj("Deployment", f"web-{track}")
        assert dep is not None, track
        return str(dep["spec"]["template"]["spec"]["containers"][0]["image"])

    def applied(self, fragment: str) -> list[str]:
        return [p for p, _, _ in self.fake.applied if fragment in p]


def _close(h: Hosting) -> None:
    backend = h.__dict__.get("_backends", {}).get("k8s")
    if backend is not None and "api" in backend.__dict__:
        backend.api.close()
    h.close()


@pytest.fixture
def world(tmp_path: Path) -> Iterator[World]:
    fake = FakeCluster()
    with running(fake) as served:
        yield World(fake, served.url, tmp_path / "home")


def test_migrate_switches_to_green_and_finish_drops_blue(
    world: World, capsys: pytest.CaptureFixture[str]
) -> None:
    blue = world.site()
    code, out, err = world.cli(capsys, "site", "migrate", DOMAIN, "--codebase", "wp-2", "--json")
    assert code == 0, err
    report = json.loads(out)
    assert report["status"] == "succeeded" and report["planned_by"] == "kubernetes"
    assert report["codebase"] == {"from": "wp-1", "to": "wp-2"}
    assert "extension:plugin akismet 5.0.2 -> 5.1" in report["packages"]["upgraded"]
    assert any(n.startswith("space for the copy not checked") for n in report["notes"])
    assert report["rollback"] == f"aegir site rollback {DOMAIN}"
    # the cluster: green serves the new image, blue is kept for the rollback window
    assert world.selector() == "green"
    assert world.image("green") == "registry.example.org/wp:2"
    assert world.image("blue") == "registry.example.org/wp:1"
    assert world.obj("Deployment", "maintenance") is None
    assert world.applied("/jobs/backup-pre-migrate-") and world.applied("/jobs/copy-blue-to-green")
    # the inventory: the new codebase, and blue's record like any migrated site
    site = world.site()
    assert site.codebase == "wp-2" and site.options["kubernetes.track"] == "green"
    assert site.db_name == f"{blue.db_name}_g"
    kept = blue_of(site)
    assert kept is not None and kept.codebase == "wp-1" and kept.options["kubernetes.track"] == "blue"
    assert MIGRATED_KEY in site.options
    # a second migration waits for this one
    code, _out, err = world.cli(capsys, "site", "migrate", DOMAIN, "--codebase", "wp-1", "--allow-downgrade")
    assert code == 4 and "rollback window" in err

    code, out, err = world.cli(capsys, "site", "migrate", "--finish", DOMAIN, "--json")
    assert code == 0, err
    assert json.loads(out)["status"] == "succeeded"
    assert world.obj("Deployment", "web-blue") is None
    assert world.obj("PersistentVolumeClaim", "files-blue") is None
    assert world.applied(f"/jobs/db-drop-{NAMESPACE.removeprefix('aegir-')}-blue")
    assert world.selector() == "green" and world.obj("Deployment", "web-green") is not None
    site = world.site()
    assert BLUE_KEY not in site.options and MIGRATED_KEY not in site.options
    assert site.codebase == "wp-2" and site.options["kubernetes.track"] == "green"


def test_dry_run_lists_the_steps_and_the_notes_and_applies_nothing(
    world: World, capsys: pytest.CaptureFixture[str]
) -> None:
    before = len(world.fake.applied)
    code, out, err = world.cli(capsys, "site", "migrate", DOMAIN, "--codebase", "wp-2", "--dry-run", "--json")
    assert code == 0, err
    data = json.loads(out)
    assert data["operation"] == "migrate" and data["target"] == DOMAIN
    assert data["summary"] == f"migrate {DOMAIN}: codebase wp-1 -> wp-2"
    assert len(data["steps"]) > 10
    assert data["preflight"]["planned_by"] == "kubernetes"
    notes = data["preflight"]["notes"]
    assert any(n.startswith("space for the copy not checked") for n in notes)
    assert any(n.startswith("database server not queried") for n in notes)
    assert any(n.startswith("no private preview") for n in notes)

    code, out, err = world.cli(capsys, "site", "migrate", DOMAIN, "--codebase", "wp-2", "--dry-run")
    assert code == 0, err
    assert out.startswith(f"plan: migrate {DOMAIN}: codebase wp-1 -> wp-2")
    for phrase in ("backup of shop.example.org before the migration", "copy the data of blue to green",
                   "wait until Deployment aegir-shop-example-org/web-green is ready",
                   "send the traffic of shop.example.org to green (was maintenance)"):  # fmt: skip
        assert phrase in out, phrase
    assert "pre-flight: space for the copy not checked" in err
    assert len(world.fake.applied) == before
    assert world.site().codebase == "wp-1"


def test_a_downgrade_is_refused_unless_allowed(world: World, capsys: pytest.CaptureFixture[str]) -> None:
    before = len(world.fake.applied)
    code, out, err = world.cli(capsys, "site", "migrate", DOMAIN, "--codebase", "wp-old")
    assert code == 2 and out == ""
    assert "would downgrade" in err and "extension:plugin akismet 5.0.2 -> 4.0" in err
    assert "--allow-downgrade" in err
    assert len(world.fake.applied) == before and world.site().codebase == "wp-1"

    code, out, err = world.cli(capsys, "site", "migrate", DOMAIN, "--codebase", "wp-old", "--allow-downgrade")
    assert code == 0, err
    assert world.selector() == "green" and world.image("green") == "registry.example.org/wp:old"


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["--domain", "new.example.org"], "renaming shop.example.org to new.example.org is not supported"),
        (["--db-server", "k8s-2"], "moving it to another database server is not supported"),
        (["--codebase", "wp-bare"], "codebase 'wp-bare' has no container image"),
    ],
)
def test_what_the_backend_cannot_do_is_refused_before_anything_is_applied(
    world: World, capsys: pytest.CaptureFixture[str], argv: list[str], message: str
) -> None:
    before = len(world.fake.applied)
    code, out, err = world.cli(capsys, "site", "migrate", DOMAIN, *argv)
    assert code == 2 and out == "", err
    assert message in err
    assert len(world.fake.applied) == before
    site = world.site()
    assert site.codebase == "wp-1" and BLUE_KEY not in site.options


@pytest.mark.parametrize("failure", ["copy job", "green rollout", "green health"])
def test_a_failure_leaves_blue_serving_and_the_inventory_unchanged(
    world: World, capsys: pytest.CaptureFixture[str], failure: str
) -> None:
    blue = world.site()
    if failure == "copy job":
        world.failing.add("copy-blue-to-green")
        expected = "copy the data of blue to green"
    elif failure == "green rollout":
        world.stall_after = "copy-blue-to-green"
        expected = "web-green"
    else:
        world.pages["health-web-green"] = (500, "Fatal error")
        expected = "HTTP 500, expected 200"
    code, _out, err = world.cli(capsys, "site", "migrate", DOMAIN, "--codebase", "wp-2")
    assert code == 1, err
    assert "failed at step" in err and expected in err and "rolled back" in err
    world.fake.rollouts_succeed = True
    assert world.selector() == "blue" and world.image("blue") == "registry.example.org/wp:1"
    for kind, name in [("Deployment", "web-green"), ("PersistentVolumeClaim", "files-green"),
                       ("ConfigMap", "config-green"), ("Deployment", "maintenance")]:  # fmt: skip
        assert world.obj(kind, name) is None, (kind, name)
    assert world.site() == blue
    # nothing is left to block the next attempt
    world.failing.clear()
    world.pages.clear()
    world.stall_after = None
    code, _out, err = world.cli(capsys, "site", "migrate", DOMAIN, "--codebase", "wp-2")
    assert code == 0, err
    assert world.selector() == "green"


def test_rollback_goes_back_to_blue_and_drops_green(world: World, capsys: pytest.CaptureFixture[str]) -> None:
    blue = world.site()
    code, _out, err = world.cli(capsys, "site", "migrate", DOMAIN, "--codebase", "wp-2")
    assert code == 0, err
    assert "roll back with" in _out and world.selector() == "green"

    code, out, err = world.cli(capsys, "site", "rollback", DOMAIN, "--dry-run")
    assert code == 0, err
    assert "safety backup of shop.example.org before the rollback" in out and "(clean-up)" in out

    code, out, err = world.cli(capsys, "site", "rollback", DOMAIN, "--json")
    assert code == 0, err
    assert json.loads(out) == {"domain": DOMAIN, "task": json.loads(out)["task"], "status": "succeeded"}
    assert world.selector() == "blue" and world.image("blue") == "registry.example.org/wp:1"
    assert world.applied("/jobs/backup-pre-rollback-")
    # green is dropped as clean-up: its objects and its database
    assert world.obj("Deployment", "web-green") is None
    assert world.obj("PersistentVolumeClaim", "files-green") is None
    assert world.applied("/jobs/db-drop-shop-example-org-green")
    site = world.site()
    assert site.codebase == "wp-1" and site.db_name == blue.db_name
    assert site.options["kubernetes.track"] == "blue" and BLUE_KEY not in site.options

    code, _out, err = world.cli(capsys, "site", "rollback", DOMAIN)
    assert code == 2 and "no migration in its rollback window" in err
    code, _out, err = world.cli(capsys, "site", "migrate", DOMAIN, "--codebase", "wp-2")
    assert code == 0, err  # the rollback left no track behind to block the next migration
    assert world.selector() == "green"


def test_finish_due_finds_kubernetes_sites_after_the_window(
    world: World, capsys: pytest.CaptureFixture[str]
) -> None:
    code, _out, err = world.cli(capsys, "site", "migrate", DOMAIN, "--codebase", "wp-2")
    assert code == 0, err
    h = Hosting(world.home)
    try:
        h.store.set_setting(WINDOW_SETTING, "72")
    finally:
        h.close()
    code, out, err = world.cli(capsys, "site", "migrate", "--finish-due", "--json")
    assert code == 0 and json.loads(out) == [], err  # still in its window
    h = Hosting(world.home)
    try:
        site = h.store.get_site(DOMAIN)
        moved = (datetime.now(UTC) - timedelta(hours=73)).isoformat()
        h.store.save_site(attrs.evolve(site, options={**site.options, MIGRATED_KEY: moved}))
    finally:
        h.close()
    code, out, err = world.cli(capsys, "site", "migrate", "--finish-due", "--dry-run", "--json")
    assert code == 0 and json.loads(out) == [{"domain": DOMAIN, "status": "due"}], err
    assert world.obj("Deployment", "web-blue") is not None

    code, out, err = world.cli(capsys, "site", "migrate", "--finish-due", "--json")
    assert code == 0, err
    [result] = json.loads(out)
    assert result["domain"] == DOMAIN and result["status"] == "succeeded"
    assert world.obj("Deployment", "web-blue") is None and world.selector() == "green"
    assert BLUE_KEY not in world.site().options
