"""`aegir site migrate`, `site rollback`, `site migrate --finish` and `--finish-due` of a site on a
Kubernetes server, from the command line against the fake API server: the core pre-flight (package
diff, the backend's refusals) before anything is applied, then the backend's own blue-green plan run
as a journaled task, recorded in the inventory like a migration on any other server."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta
from pathlib import Path

import attrs
import pytest
from _k8s_harness import Cluster
from _k8s_world import DOMAIN, NAMESPACE, Job, KubeWorld

from aegir.core.model import Codebase, CodebaseScan
from aegir.core.operations.migrate import BLUE_KEY, MIGRATED_KEY, WINDOW_SETTING, blue_of

#: the version of the akismet plugin in each codebase
AKISMET = {"wp-1": "5.0.2", "wp-2": "5.1", "wp-old": "4.0", "wp-bare": "5.1"}


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


class World(KubeWorld):
    """Kubernetes servers ``k8s`` and ``k8s-2`` on the fake cluster and a WordPress site installed on
    k8s from codebase ``wp-1``; ``wp-2`` is newer, ``wp-old`` older, ``wp-bare`` has no image.

    ``stall_after``: once a Job whose name starts with this runs, no Deployment becomes ready."""

    servers = {"k8s": {}, "k8s-2": {}}
    images = {
        "wp-1": "registry.example.org/wp:1",
        "wp-2": "registry.example.org/wp:2",
        "wp-old": "registry.example.org/wp:old",
        "wp-bare": None,
    }

    def __init__(self, cluster: Cluster, home: Path) -> None:
        self.stall_after: str | None = None
        super().__init__(cluster, home)

    def codebase(self, name: str, image: str | None, scan: CodebaseScan) -> Codebase:
        return super().codebase(name, image, _with_akismet(scan, AKISMET[name]))

    def jobs(self, job: Job) -> tuple[bool, dict[str, str]] | None:
        if self.stall_after and job["metadata"]["name"].startswith(self.stall_after):
            self.fake.rollouts_succeed = False  # from now on no Deployment becomes ready
        return super().jobs(job)

    def image(self, track: str) -> str:
        dep = self.obj("Deployment", f"web-{track}")
        assert dep is not None, track
        return str(dep["spec"]["template"]["spec"]["containers"][0]["image"])


@pytest.fixture
def world(cluster: Cluster, tmp_path: Path) -> World:
    return World(cluster, tmp_path / "home")


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
    with world.hosting() as h:
        h.store.set_setting(WINDOW_SETTING, "72")
    code, out, err = world.cli(capsys, "site", "migrate", "--finish-due", "--json")
    assert code == 0 and json.loads(out) == [], err  # still in its window
    with world.hosting() as h:
        site = h.store.get_site(DOMAIN)
        moved = (datetime.now(UTC) - timedelta(hours=73)).isoformat()
        h.store.save_site(attrs.evolve(site, options={**site.options, MIGRATED_KEY: moved}))
    code, out, err = world.cli(capsys, "site", "migrate", "--finish-due", "--dry-run", "--json")
    assert code == 0 and json.loads(out) == [{"domain": DOMAIN, "status": "due"}], err
    assert world.obj("Deployment", "web-blue") is not None

    code, out, err = world.cli(capsys, "site", "migrate", "--finish-due", "--json")
    assert code == 0, err
    [result] = json.loads(out)
    assert result["domain"] == DOMAIN and result["status"] == "succeeded"
    assert world.obj("Deployment", "web-blue") is None and world.selector() == "green"
    assert BLUE_KEY not in world.site().options
