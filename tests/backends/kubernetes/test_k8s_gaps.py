"""Kubernetes gaps closed, each from the command line against the fake API server:

- a clone gets its own placement (namespace, object names, database), not the source's;
- the backup CronJob follows the track that serves after restore, migrate and rollback (with the
  schedule it has in the cluster), and goes back when the plan rolls back;
- ``aegir backup schedule --cron`` / ``unschedule`` / ``schedules`` drive a site's backup CronJob;
- a CronJob run with a long name (a long slug in a shared namespace) is recorded and restored.
"""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any

import attrs
import pytest
from _k8s_harness import Cluster
from _k8s_validate import K8S_VERSIONS, problems
from _k8s_world import DOMAIN, NAMESPACE, KubeWorld, containers

from aegir.backends.kubernetes._render_jobs import check_backup_id
from aegir.core.errors import ValidationError
from aegir.core.model import Server
from aegir.core.operations.sites import database_name

#: a CronJob run: the Job's name and its scheduled time
MONDAY = ("backup-29146500", "2025-06-02T03:00:00Z")
SIZES = {"db.sql.gz": 1234, "files.tar.gz": 5678}


class World(KubeWorld):
    """Servers ``k8s`` (a namespace per site, a PVC store), ``k8s-s3`` (a namespace per site, an S3
    store) and ``k8s-shared`` (one namespace, a PVC store); codebases ``wp-1`` and ``wp-2`` (another
    image); WordPress site shop.example.org on k8s; backup Jobs report the sizes of ``SIZES``."""

    servers = {
        "k8s": {},
        "k8s-s3": {"backup_store": "s3", "s3_bucket": "site-backups"},
        "k8s-shared": {"namespace_strategy": "shared"},
    }
    images = {"wp-1": "registry.example.org/wp:1", "wp-2": "registry.example.org/wp:2"}
    report_sizes = SIZES

    def cron(self, namespace: str = NAMESPACE, name: str = "backup") -> dict[str, Any] | None:
        return self.fake.find("CronJob", name, namespace)

    def of_site(self, slug: str) -> dict[str, dict[str, Any]]:
        """Copies of a site's objects (those labelled with its slug) but Jobs and their pods."""
        return {
            path: copy.deepcopy(o)
            for path, o in self.fake.objects.items()
            if (o["metadata"].get("labels") or {}).get("aegir.io/site") == slug
            and o["kind"] not in ("Job", "Pod")
        }


def tracked(cron: dict[str, Any]) -> tuple[str, str, str]:
    """What a backup CronJob backs up: (its schedule, the files volume it mounts, the database it dumps)."""
    pod = cron["spec"]["jobTemplate"]["spec"]["template"]["spec"]
    claim = next(v for v in pod["volumes"] if v["name"] == "files")["persistentVolumeClaim"]["claimName"]
    dump = next(c for c in pod["initContainers"] if c["name"] == "dump-database")["command"]
    return cron["spec"]["schedule"], claim, dump[-1]


def valid(obj: dict[str, Any]) -> None:
    for version in K8S_VERSIONS:
        assert not problems(obj, version), (obj["kind"], obj["metadata"]["name"], version)


@pytest.fixture
def world(cluster: Cluster, tmp_path: Path) -> World:
    return World(cluster, tmp_path / "home")


# -- 1. a clone gets its own placement ------------------------------------------------------------


@pytest.mark.parametrize(
    ("server", "namespace", "prefix"),
    [
        ("k8s-s3", "aegir-copy-example-org", ""),
        ("k8s-shared", "aegir-sites", "site-copy-example-org-"),
    ],
)
def test_a_clone_gets_its_own_namespace_objects_and_database(
    world: World, capsys: pytest.CaptureFixture[str], server: str, namespace: str, prefix: str
) -> None:
    source = "blog.example.org"
    src_ns = "aegir-blog-example-org" if server == "k8s-s3" else "aegir-sites"
    src_prefix = "" if server == "k8s-s3" else "site-blog-example-org-"
    world.install(source, server, **{"kubernetes.replicas": "2"})
    world.json(capsys, "backup", "schedule", source, "--cron", "0 3 * * *")
    src = world.site(source)
    assert src.options["kubernetes.backup_schedule"] == "0 3 * * *"
    before = world.of_site("blog-example-org")
    assert f"/apis/apps/v1/namespaces/{src_ns}/deployments/{src_prefix}web-blue" in before

    plan = world.json(capsys, "site", "clone", source, "copy.example.org", "--dry-run")
    jobs = [s["job"]["metadata"]["name"] for s in plan["steps"] if "job" in s]
    assert "db-create-copy-example-org-blue" in jobs and "db-create-blog-example-org-blue" not in jobs

    code, _out, err = world.cli(capsys, "site", "clone", source, "copy.example.org")
    assert code == 0, err
    clone = world.site("copy.example.org")
    assert clone.options["kubernetes.namespace"] == namespace
    assert clone.options["kubernetes.slug"] == "copy-example-org"
    assert clone.options["kubernetes.track"] == "blue"
    assert clone.db_name == clone.options["kubernetes.db_base"] == database_name("copy.example.org")
    assert clone.db_name != src.db_name
    assert clone.options["kubernetes.replicas"] == "2"  # what the operator set is kept
    assert "kubernetes.backup_schedule" not in clone.options  # the clone has no CronJob (yet)
    # the clone's own objects, its own database, loaded from the source's backup
    dep = world.fake.find("Deployment", f"{prefix}web-blue", namespace)
    assert dep is not None and dep["spec"]["replicas"] == 2
    assert dep["metadata"]["annotations"]["aegir.io/domain"] == "copy.example.org"
    [create] = world.applied("/jobs/db-create-copy-example-org-blue")
    valid(create)
    restore = [o for o in world.applied("/jobs/") if f"{prefix}restore-clone-" in o["metadata"]["name"]]
    assert restore and restore[0]["metadata"]["namespace"] == namespace
    assert world.cron(namespace, f"{prefix}backup") is None
    # the source is untouched: every object of it as it was, not even applied again (the backup
    # the clone is made from aside: its Job, and its manifest ConfigMap, which is gone again)
    assert world.of_site("blog-example-org") == before
    assert world.site(source) == src
    src_cron = world.cron(src_ns, f"{src_prefix}backup")
    assert src_cron is not None and tracked(src_cron)[1] == f"{src_prefix}files-blue"
    # the clone is a site of its own: it can be scheduled, and unscheduled, without the source
    world.json(capsys, "backup", "schedule", "copy.example.org", "--cron", "30 4 * * *")
    world.json(capsys, "backup", "unschedule", "copy.example.org")
    assert world.cron(src_ns, f"{src_prefix}backup") is not None


# -- 2. the backup CronJob follows the track --------------------------------------------------------


def test_restore_migrate_and_rollback_move_the_backup_cronjob_with_its_schedule(
    world: World, capsys: pytest.CaptureFixture[str]
) -> None:
    db = world.site().db_name
    world.json(capsys, "backup", "schedule", DOMAIN, "--cron", "0 3 * * *")
    cron = world.cron()
    assert cron is not None and tracked(cron) == ("0 3 * * *", "files-blue", db)
    # an operator changed the schedule in the cluster: a switch keeps it
    cron["spec"]["schedule"] = "30 4 * * *"

    backup = world.json(capsys, "site", "backup", DOMAIN)["backup"]
    assert world.json(capsys, "site", "restore", DOMAIN, "--backup", backup)["status"] == "succeeded"
    cron = world.cron()
    assert cron is not None and tracked(cron) == ("30 4 * * *", "files-green", f"{db}_g")
    valid(cron)
    assert world.fake.find("PersistentVolumeClaim", "files-blue", NAMESPACE) is None  # the old track is gone

    code, _out, err = world.cli(capsys, "site", "migrate", DOMAIN, "--codebase", "wp-2")
    assert code == 0, err
    cron = world.cron()
    assert cron is not None and tracked(cron) == ("30 4 * * *", "files-blue", db)
    manifest = world.fake.find("ConfigMap", "backup-manifest", NAMESPACE)
    assert manifest is not None and json.loads(manifest["data"]["manifest.json"])["codebase"] == "wp-2"

    code, _out, err = world.cli(capsys, "site", "rollback", DOMAIN)
    assert code == 0, err
    cron = world.cron()
    assert cron is not None and tracked(cron) == ("30 4 * * *", "files-green", f"{db}_g")
    manifest = world.fake.find("ConfigMap", "backup-manifest", NAMESPACE)
    assert manifest is not None and json.loads(manifest["data"]["manifest.json"])["codebase"] == "wp-1"
    # a run of the CronJob now backs up the track that serves
    run = world.fake.run_cronjob(NAMESPACE, "backup", *MONDAY)
    claims = [v["persistentVolumeClaim"]["claimName"] for v in run["spec"]["template"]["spec"]["volumes"] if "persistentVolumeClaim" in v]  # fmt: skip
    assert "files-green" in claims and world.site().options["kubernetes.track"] == "green"


def test_a_failed_restore_puts_the_cronjob_back_and_a_site_without_one_gets_none(
    world: World, capsys: pytest.CaptureFixture[str]
) -> None:
    db = world.site().db_name
    backup = world.json(capsys, "site", "backup", DOMAIN)["backup"]
    # not scheduled: a restore makes no CronJob
    world.json(capsys, "site", "restore", DOMAIN, "--backup", backup)
    assert world.cron() is None
    world.json(capsys, "backup", "schedule", DOMAIN, "--cron", "0 3 * * *")
    cron = world.cron()
    assert cron is not None and tracked(cron) == ("0 3 * * *", "files-green", f"{db}_g")
    # the restored track does not answer (before the switch): everything is undone, the CronJob
    # stays where it was (a failure after the switch is clean-up: see test_k8s_restore_cleanup)
    world.failing.add("health-web-blue")
    code, _out, err = world.cli(capsys, "site", "restore", DOMAIN, "--backup", backup)
    assert code == 1 and "rolled back" in err
    cron = world.cron()
    assert cron is not None and tracked(cron) == ("0 3 * * *", "files-green", f"{db}_g")
    assert world.site().options["kubernetes.track"] == "green"
    assert world.fake.find("Deployment", "web-blue", NAMESPACE) is None


def test_verify_repairs_a_cronjob_left_on_the_old_track(
    world: World, capsys: pytest.CaptureFixture[str]
) -> None:
    world.json(capsys, "backup", "schedule", DOMAIN, "--cron", "0 3 * * *")
    cron = world.cron()
    assert cron is not None
    volumes = cron["spec"]["jobTemplate"]["spec"]["template"]["spec"]["volumes"]
    next(v for v in volumes if v["name"] == "files")["persistentVolumeClaim"]["claimName"] = "files-green"
    code, _out, err = world.cli(capsys, "site", "verify", DOMAIN)
    assert code == 0, err
    cron = world.cron()
    assert cron is not None and tracked(cron)[:2] == ("0 3 * * *", "files-blue")


# -- 3. scheduling from the command line -----------------------------------------------------------


def test_backup_schedule_cron_applies_the_cronjob_lists_it_and_unschedule_deletes_it(
    world: World, capsys: pytest.CaptureFixture[str]
) -> None:
    before = len(world.fake.applied)
    plan = world.json(capsys, "backup", "schedule", DOMAIN, "--cron", "0 3 * * *", "--dry-run")
    assert plan["operation"] == "schedule-backups" and len(world.fake.applied) == before
    assert world.cron() is None

    done = world.json(capsys, "backup", "schedule", DOMAIN, "--cron", "0 3 * * *")
    assert done == {
        "site": DOMAIN,
        "cron": "0 3 * * *",
        "run_by": "cluster",
        "task": done["task"],
        "status": "succeeded",
    }
    cron = world.cron()
    assert cron is not None and cron["spec"]["schedule"] == "0 3 * * *"
    valid(cron)
    assert world.site().options["kubernetes.backup_schedule"] == "0 3 * * *"
    [row] = world.json(capsys, "backup", "schedules")
    assert row == {"site": DOMAIN, "every": None, "keep": None, "cron": "0 3 * * *", "run_by": "cluster",
                   "last_run": None, "next_due": None}  # fmt: skip

    # the cluster runs it; sync records the run, and the listing shows it as the last run
    world.fake.run_cronjob(NAMESPACE, "backup", *MONDAY)
    [added] = world.json(capsys, "backup", "sync")
    assert added["outcome"] == "added" and added["size"] == sum(SIZES.values())
    [row] = world.json(capsys, "backup", "schedules")
    assert row["last_run"] == "2025-06-02T03:00:00+00:00"
    code, _out, err = world.cli(capsys, "backup", "schedules")
    assert code == 0 and "cron 0 3 * * *" in _out and "cluster" in _out

    # a new schedule replaces the old one; a failure would put the old one back
    world.json(capsys, "backup", "schedule", DOMAIN, "--cron", "15 */6 * * *")
    cron = world.cron()
    assert cron is not None and cron["spec"]["schedule"] == "15 */6 * * *"
    # both kinds of schedule may be set: the output says so
    world.json(capsys, "backup", "schedule", DOMAIN, "--every", "1d", "--keep", "daily=7")
    code, _out, err = world.cli(capsys, "backup", "schedule", DOMAIN, "--cron", "0 2 * * *")
    assert code == 0 and "run by its cluster" in err and "also backs shop.example.org up every 1d" in err
    rows = world.json(capsys, "backup", "schedules")
    assert [(r["run_by"], r["every"], r["cron"]) for r in rows] == [
        ("cluster", None, "0 2 * * *"),
        ("run-due", "1d", None),
    ]

    done = world.json(capsys, "backup", "unschedule", DOMAIN)
    assert done["status"] == "succeeded"
    assert world.cron() is None and world.fake.find("ConfigMap", "backup-manifest", NAMESPACE) is None
    assert "kubernetes.backup_schedule" not in world.site().options
    assert [r["run_by"] for r in world.json(capsys, "backup", "schedules")] == ["run-due"]
    # what the CronJob made stays recorded
    assert [r["id"] for r in world.json(capsys, "backup", "list", DOMAIN, "--no-sync")] == [
        f"{DOMAIN}-{MONDAY[0]}"
    ]


@pytest.mark.parametrize(
    ("argv", "code", "message"),
    [
        (["--cron", "daily"], 2, "invalid backup schedule of shop.example.org 'daily': expected a cron"),
        (["--cron", "0 3 * * * *"], 2, "expected a cron schedule of five fields"),
        (["--cron", "0 3 * * *", "--keep", "daily=7"], 2, "--keep goes with --every"),
        (["--every", "1d"], 2, "--every needs --keep"),
    ],
)
def test_bad_schedules_are_refused_and_apply_nothing(
    world: World, capsys: pytest.CaptureFixture[str], argv: list[str], code: int, message: str
) -> None:
    before = len(world.fake.applied)
    got, out, err = world.cli(capsys, "backup", "schedule", DOMAIN, *argv)
    assert got == code and out == "" and message in err, err
    assert len(world.fake.applied) == before and world.cron() is None
    assert "kubernetes.backup_schedule" not in world.site().options


def test_a_site_whose_server_has_no_scheduler_needs_every_and_keep(
    world: World, capsys: pytest.CaptureFixture[str]
) -> None:
    with world.hosting() as h:
        h.store.add_server(Server(name="here", backend="local"))
        h.store.save_site(attrs.evolve(world.site(), domain="local.example.org", server="here", options={}))
    code, _out, err = world.cli(capsys, "backup", "schedule", "local.example.org", "--cron", "0 3 * * *")
    assert code == 2 and "no scheduler of its own" in err and "--every and --keep" in err
    code, _out, err = world.cli(capsys, "backup", "unschedule", "local.example.org")
    assert code == 3 and "has no backup schedule" in err  # a local site's run-due schedule, if any
    # --every on a Kubernetes site still works ('run-due' starts its backup Job), with a hint
    code, _out, err = world.cli(capsys, "backup", "schedule", DOMAIN, "--every", "6h", "--keep", "last=3")
    assert code == 0 and "--cron" in err


# -- 4. long CronJob run ids ---------------------------------------------------------------------------


def test_a_long_named_run_in_a_shared_namespace_is_recorded_and_restored(
    world: World, capsys: pytest.CaptureFixture[str]
) -> None:
    domain = "a-rather-long-subdomain-for-the-shop.customer-sites.example.org"
    site = world.install(domain, "k8s-shared")
    slug = site.options["kubernetes.slug"]
    assert len(slug) == 40  # shortened with a hash
    world.json(capsys, "backup", "schedule", domain, "--cron", "0 3 * * *")
    cronjob = f"site-{slug}-backup"
    assert len(cronjob) <= 52 and world.cron("aegir-sites", cronjob) is not None  # Kubernetes' limit
    run = f"{cronjob}-29146500"
    assert len(run) > 40
    world.fake.run_cronjob("aegir-sites", cronjob, run, "2025-06-02T03:00:00Z")
    [added] = world.json(capsys, "backup", "sync", "--site", domain)
    assert added["outcome"] == "added" and added["backup_id"] == f"{domain}-{run}"

    done = world.json(capsys, "site", "restore", domain, "--backup", f"{domain}-{run}")
    assert done["status"] == "succeeded"
    jobs = [o for o in world.applied("/namespaces/aegir-sites/jobs/") if "-restore-" in o["metadata"]["name"]]
    [job] = jobs
    assert len(job["metadata"]["name"]) <= 63
    valid(job)
    fetch = next(c for c in containers(job) if c["name"] == "fetch-parts")["command"]
    assert f"/backups/{domain}/{run}/files.tar.gz" in fetch
    # by the cluster's id too, and by time
    world.json(capsys, "site", "restore", domain, "--backup", run)
    world.json(capsys, "site", "restore", domain, "--at", "2025-06-02T04:00:00Z")


def test_backup_ids_fit_a_dns_label() -> None:
    assert check_backup_id("a" * 63) == "a" * 63
    assert check_backup_id("site-" + "x" * 40 + "-backup-29146500")
    for bad in ("a" * 64, "backup-", "-backup", "Backup-1", "a_b", ""):
        with pytest.raises(ValidationError, match="1-63 lower-case letters"):
            check_backup_id(bad)
