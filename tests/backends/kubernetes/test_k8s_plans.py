"""Site operations on Kubernetes, planned by the backend and carried out by Aegir's real task runner
(journal, rollback) against the fake API server: install, failure and rollback, disable/enable,
blue-green migrate (and its rollback on failure), restore, backup, delete."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any, ClassVar

import attrs
import pytest
from _k8s_apps import FIXED_TIME, WordPressLike, codebase
from _k8s_fake import FakeCluster, kubeconfig, running
from _k8s_harness import FAST

from aegir.backends.kubernetes._render_jobs import STATUS_MARK
from aegir.core.errors import TaskError, ValidationError
from aegir.core.model import Server, Site, SiteStatus
from aegir.core.operations import site_context
from aegir.core.operations.sites import install_plan, new_site
from aegir.core.plan import Plan
from aegir.core.plugins import Plugins
from aegir.hosting import Hosting
from aegir.testing import plugin_for

DOMAIN = "shop.example.org"


class TestPress(WordPressLike):
    name: ClassVar[str] = "testpress"


class World:
    """An Aegir home with a kubernetes server on the fake cluster, and a testpress codebase on it."""

    def __init__(self, fake: FakeCluster, url: str, home: Path) -> None:
        self.fake = fake
        home.mkdir()
        (home / "kubeconfig").write_text(kubeconfig(url))
        plugins = Plugins(autoload=False, extra=[plugin_for(apps=[TestPress])])
        self.hosting = Hosting(home, plugins=plugins)
        options = {"kubeconfig": str(home / "kubeconfig"), "context": "fake", **FAST}
        self.hosting.store.add_server(Server(name="k8s", backend="kubernetes", options=options))
        for version in ("1.0", "2.0"):
            cb = attrs.evolve(
                codebase("wordpress", image=f"registry.example.org/shop:{version}"),
                name=f"press-{version[0]}",
                app="testpress",
            )
            self.hosting.store.save_codebase(cb)
        self.hosting.backend("k8s").setup()  # the system namespace and the managed MariaDB
        self.driver = TestPress()
        self.fake.job_script = self.jobs
        self.failing: set[str] = set()
        self.pages: dict[str, tuple[int, str]] = {}

    def jobs(self, job: dict[str, Any]) -> tuple[bool, dict[str, str]] | None:
        name = job["metadata"]["name"]
        spec = job["spec"]["template"]["spec"]
        containers = [c["name"] for c in [*spec.get("initContainers", []), *spec["containers"]]]
        if any(f in name for f in self.failing):
            return False, {c: f"{c}: failed on purpose\n" for c in containers}
        if name.startswith("health"):
            status, body = self.pages.get(name, (200, f"<title>Site {DOMAIN}</title>"))
            return True, {"http-get": f"{body}\n{STATUS_MARK}{status}\n"}
        return True, {c: f"{c}: done\n" for c in containers}

    def site(self) -> Site:
        return self.hosting.store.get_site(DOMAIN)

    def plan(self, operation: str, **kwargs: Any) -> Plan:
        site = self.site()
        ctx = site_context(self.hosting, site)
        steps = self.hosting.backend("k8s").site_plan(operation, ctx, self.driver, **kwargs)
        assert steps is not None
        return Plan(operation, DOMAIN, tuple(steps))

    def target(self, **changes: Any) -> Any:
        site = attrs.evolve(self.site(), **changes)
        return site_context(self.hosting, site, self.hosting.store.get_codebase(site.codebase))

    def install(self) -> None:
        site = attrs.evolve(new_site(self.hosting, DOMAIN, "press-1", server="k8s"), title=f"Site {DOMAIN}")
        self.hosting.run(install_plan(self.hosting, site))

    def obj(self, kind: str, name: str) -> dict[str, Any] | None:
        return self.fake.find(kind, name, "aegir-shop-example-org")

    def selector(self) -> str:
        svc = self.obj("Service", "web")
        assert svc is not None
        return str(svc["spec"]["selector"]["aegir.io/track"])

    def site_objects(self) -> list[str]:
        return [k for k in self.fake.kinds() if "shop-example-org" in k]

    def applied(self, fragment: str) -> list[str]:
        return [p for p, _, _ in self.fake.applied if fragment in p]


@pytest.fixture
def world(tmp_path: Path) -> Iterator[World]:
    fake = FakeCluster()
    with running(fake) as served:
        w = World(fake, served.url, tmp_path / "home")
        try:
            yield w
        finally:
            backend = w.hosting.backend("k8s")
            if "api" in backend.__dict__:
                backend.api.close()  # type: ignore[attr-defined]
            w.hosting.close()


def task_log(world: World) -> str:
    task = world.hosting.store.list_tasks(limit=1)[0]
    return "\n".join(line.message for line in world.hosting.store.task_log(task.id))


def test_server_setup_applies_the_managed_database(world: World) -> None:
    sts = world.fake.find("StatefulSet", "mariadb", "aegir-system")
    assert sts is not None and world.fake.find("Namespace", "aegir-system") is not None
    admin = world.fake.find("Secret", "mariadb-admin", "aegir-system")
    assert admin is not None
    import base64

    password = world.hosting.secrets.get("server/k8s/db-admin")
    assert base64.b64decode(admin["data"]["password"]).decode() == password
    states = {s.name: s for s in world.hosting.backend("k8s").status()}
    assert states["api"].running and states["api"].detail == "v1.31.0-fake"
    assert states["mariadb"].running and states["mariadb"].detail == "1/1 ready"


def test_install_through_the_operations_layer(world: World) -> None:
    world.install()
    site = world.site()
    assert site.status is SiteStatus.ENABLED
    assert site.options["kubernetes.namespace"] == "aegir-shop-example-org"
    assert site.options["kubernetes.track"] == "blue"
    for kind, name in [("Deployment", "web-blue"), ("Ingress", "web"), ("Secret", "secrets"), ("ConfigMap", "config-blue"),
                       ("PersistentVolumeClaim", "files-blue"), ("NetworkPolicy", "deny-all"), ("ServiceAccount", "site")]:  # fmt: skip
        assert world.obj(kind, name) is not None, (kind, name)
    assert world.selector() == "blue"
    assert world.applied("/jobs/db-create-shop-example-org-blue") and world.applied("/jobs/install-blue")
    log = task_log(world)
    assert "install-blue/step-2:\nstep-2: done" in log  # the Job's logs are in the task log
    assert "health check of shop.example.org: HTTP 200" in log
    password = world.hosting.secrets.get(f"site/{DOMAIN}/db")
    assert password not in log
    assert (
        world.fake.find("Secret", "db-create-shop-example-org-blue", "aegir-system") is None
    )  # setup SQL removed


def test_a_failed_install_is_rolled_back_and_leaves_nothing(world: World) -> None:
    world.failing.add("install-blue")
    with pytest.raises(
        TaskError, match=r"failed at step .*install testpress into shop.example.org.*rolled back"
    ):
        world.install()
    assert world.site_objects() == []
    assert world.hosting.store.find_site(DOMAIN) is None
    assert not world.hosting.secrets.exists(f"site/{DOMAIN}/db")
    assert world.applied("/jobs/db-drop-shop-example-org-blue")  # the database and user were dropped
    drop = next(o for p, o, _ in world.fake.applied if p.endswith("/db-drop-shop-example-org-blue"))
    sql = drop["spec"]["template"]["spec"]["containers"][0]["command"][-1]
    assert sql.startswith("DROP DATABASE IF EXISTS `s_shop_example_org_") and "DROP USER IF EXISTS" in sql


def test_a_database_that_exists_already_is_never_dropped_by_the_rollback(world: World) -> None:
    world.failing.add("db-create")
    with pytest.raises(TaskError):
        world.install()
    assert not world.applied("/jobs/db-drop-")


def test_disable_and_enable_switch_the_service(world: World) -> None:
    world.install()
    world.pages["health-web"] = (503, "maintenance")
    world.hosting.run(world.plan("disable"))
    assert world.selector() == "maintenance"
    assert world.obj("Deployment", "web-blue")["spec"]["replicas"] == 0  # type: ignore[index]
    assert world.site().status is SiteStatus.DISABLED
    world.fake.objects.pop("/apis/apps/v1/namespaces/aegir-shop-example-org/deployments/maintenance")
    world.hosting.run(world.plan("verify"))  # a disabled site's verify puts its maintenance page back
    assert world.obj("Deployment", "maintenance") is not None and world.selector() == "maintenance"
    del world.pages["health-web"]
    world.hosting.run(world.plan("enable"))
    assert world.selector() == "blue"
    assert world.obj("Deployment", "maintenance") is None
    assert world.site().status is SiteStatus.ENABLED


def test_blue_green_migrate_switches_after_green_is_healthy(world: World) -> None:
    world.install()
    world.hosting.run(world.plan("migrate", target=world.target(codebase="press-2")))
    site = world.site()
    assert site.codebase == "press-2" and site.options["kubernetes.track"] == "green"
    assert site.db_name and site.db_name.endswith("_g")
    assert world.selector() == "green"
    green = world.obj("Deployment", "web-green")
    assert green is not None
    assert green["spec"]["template"]["spec"]["containers"][0]["image"] == "registry.example.org/shop:2.0"
    assert world.obj("Deployment", "web-blue") is not None  # kept for the rollback window
    assert world.obj("Deployment", "maintenance") is None
    order = ["/".join(p.split("/")[-2:]) for p, _, _ in world.fake.applied]
    maintenance = order.index("deployments/maintenance")
    assert maintenance < order.index("jobs/copy-blue-to-green") < order.index("deployments/web-green")
    world.hosting.run(world.plan("migrate-finish"))
    assert (
        world.obj("Deployment", "web-blue") is None
        and world.obj("PersistentVolumeClaim", "files-blue") is None
    )
    assert world.applied("/jobs/db-drop-shop-example-org-blue")


def test_a_migration_failing_at_the_health_check_sends_traffic_back_to_blue(world: World) -> None:
    world.install()
    world.pages["health-web-green"] = (500, "Fatal error")
    with pytest.raises(TaskError, match=r"HTTP 500, expected 200.*rolled back"):
        world.hosting.run(world.plan("migrate", target=world.target(codebase="press-2")))
    assert world.selector() == "blue"
    for kind, name in [("Deployment", "web-green"), ("PersistentVolumeClaim", "files-green"),
                       ("ConfigMap", "config-green"), ("Deployment", "maintenance")]:  # fmt: skip
        assert world.obj(kind, name) is None, (kind, name)
    assert world.applied("/jobs/db-drop-shop-example-org-green")
    site = world.site()
    assert site.codebase == "press-1" and site.options["kubernetes.track"] == "blue"
    # the switch itself failing (the API refuses the Service update) also leaves blue serving
    import kmock

    world.pages.clear()
    to_green = kmock.data({"spec": {"selector": {"aegir.io/track": "green"}}})
    service = "/api/v1/namespaces/aegir-shop-example-org/services/web"
    world.fake[kmock.method.PATCH, service, to_green] << kmock.KubernetesError(
        status=500, message="etcdserver: request timed out"
    )
    with pytest.raises(TaskError, match="etcdserver"):
        world.hosting.run(world.plan("migrate", target=world.target(codebase="press-2")))
    assert world.selector() == "blue" and world.obj("Deployment", "web-green") is None


def test_an_unfinished_migration_blocks_the_next_one(world: World) -> None:
    world.install()
    world.hosting.run(world.plan("migrate", target=world.target(codebase="press-2")))
    with pytest.raises(
        TaskError, match=r"Deployment aegir-shop-example-org/web-blue exists already.*migrate-finish"
    ):
        world.hosting.run(world.plan("migrate", target=world.target(codebase="press-1")))
    assert world.selector() == "green"


def test_restore_builds_the_other_track_from_the_backup_and_drops_the_old(world: World) -> None:
    world.install()
    world.hosting.run(world.plan("restore", backup_id="20250501-030000"))
    assert world.selector() == "green"
    assert world.obj("Deployment", "web-blue") is None
    restore = next(o for p, o, _ in world.fake.applied if "/jobs/restore-20250501-030000-green" in p)
    names = [c["name"] for c in restore["spec"]["template"]["spec"]["initContainers"]]
    assert names[0] == "fetch-manifest"  # an incomplete backup (no manifest) stops the restore first
    assert world.applied("/jobs/backup-safety-")


def test_backup_job_and_its_manifest(world: World) -> None:
    world.install()
    world.hosting.run(world.plan("backup", backup_id="b1"))
    job = next(o for p, o, _ in world.fake.applied if p.endswith("/jobs/backup-b1"))
    pod = job["spec"]["template"]["spec"]
    steps = [c["name"] for c in [*pod["initContainers"], *pod["containers"]]]
    assert steps == [
        "make-dir",
        "dump-database",
        "compress-database",
        "archive-files",
        "checksums",
        "write-manifest",
    ]
    assert world.obj("ConfigMap", "backup-b1") is None  # removed after the Job
    dump = pod["initContainers"][1]["command"]
    assert "--single-transaction" in dump and dump[-1] == world.site().db_name


def test_delete_takes_a_final_backup_then_removes_everything(world: World) -> None:
    world.install()
    world.hosting.run(world.plan("delete"))
    assert world.applied("/jobs/backup-final-")
    assert world.site_objects() == []
    assert world.hosting.store.find_site(DOMAIN) is None
    assert not world.hosting.secrets.exists(f"site/{DOMAIN}/db")


def test_refusals_with_clear_messages(world: World) -> None:
    world.install()
    with pytest.raises(ValidationError, match="needs the id of the backup"):
        world.plan("restore")
    with pytest.raises(ValidationError, match="not supported on kubernetes: clone the site"):
        world.plan("migrate", target=world.target(domain="new.example.org"))
    with pytest.raises(ValidationError, match="is not one the kubernetes backend plans"):
        world.plan("login-as-root")
    with pytest.raises(ValidationError, match="PVC store lives in each site's own namespace"):
        world.plan("clone", target=world.target(domain="copy.example.org"))
    with pytest.raises(ValidationError, match="no backup schedule"):
        world.plan("schedule-backups")


def test_scheduled_backups_are_a_cronjob(world: World) -> None:
    world.install()
    site = world.site()
    world.hosting.store.save_site(
        attrs.evolve(site, options={**site.options, "kubernetes.backup_schedule": "0 */6 * * *"})
    )
    world.hosting.run(world.plan("schedule-backups"))
    cron = world.obj("CronJob", "backup")
    assert cron is not None and cron["spec"]["schedule"] == "0 */6 * * *"
    env = cron["spec"]["jobTemplate"]["spec"]["template"]["spec"]["initContainers"][0]["env"][0]
    assert env["valueFrom"]["fieldRef"]["fieldPath"] == "metadata.labels['batch.kubernetes.io/job-name']"
    world.hosting.run(world.plan("unschedule-backups"))
    assert world.obj("CronJob", "backup") is None


def test_login_reset_runs_the_driver_steps_in_a_job_and_promotes_the_secret(world: World) -> None:
    world.install()
    before = world.hosting.secrets.get(f"site/{DOMAIN}/admin")
    world.hosting.run(world.plan("login-reset"))
    after = world.hosting.secrets.get(f"site/{DOMAIN}/admin")
    assert after != before and not world.hosting.secrets.exists(f"site/{DOMAIN}/admin-next")
    job = next(o for p, o, _ in world.fake.applied if p.endswith("/jobs/login-reset"))
    env = job["spec"]["template"]["spec"]["containers"][0]["env"]
    assert {
        "name": "PASS",
        "valueFrom": {"secretKeyRef": {"name": "secrets", "key": "AEGIR_SECRET_ADMIN_NEXT"}},
    } in env


def test_the_install_plan_reads_like_the_local_one(world: World) -> None:
    site = attrs.evolve(new_site(world.hosting, DOMAIN, "press-1", server="k8s"), created=FIXED_TIME)
    plan = install_plan(world.hosting, site)
    lines = plan.describe()
    text = "\n".join(lines)
    for phrase in ("record site shop.example.org as queued", "generate secret site/shop.example.org/db",
                   "create database s_shop_example_org_", "wait until Deployment aegir-shop-example-org/web-blue is ready",
                   "install testpress into shop.example.org", "check shop.example.org answers 200 containing",
                   "record site shop.example.org as enabled"):  # fmt: skip
        assert phrase in text, phrase
