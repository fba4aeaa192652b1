"""Backups in the cluster's store, from the command line against the fake API server:

- a server-wide ``backup_schedule`` gives every new site (install, clone) its backup CronJob,
  undone with the rest when the plan rolls back, and deleted with the site;
- ``site backup --store`` is refused on Kubernetes unless it names the cluster's own store;
- a migration rolled back deletes its ``pre-migrate`` backup (store and record), as the local
  flow does; one that succeeds keeps it, through ``rollback`` and ``--finish``;
- ``backup verify`` / ``delete`` / ``prune`` reach the cluster's store with a Job;
- a files volume left by a failed deletion (Terminating or not) refuses a new track.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from _k8s_harness import Cluster
from _k8s_validate import K8S_VERSIONS, problems
from _k8s_world import DOMAIN, NAMESPACE, KubeWorld, containers, sha

from aegir.core.errors import TaskError
from aegir.core.model import TaskStatus

SIZES = {"db.sql.gz": 2048, "files.tar.gz": 4096}
STORE = f"kubernetes:k8s:pvc/{NAMESPACE}/backups"
CRON_SITE = "cron.example.org"
CRON_NS = "aegir-cron-example-org"


class World(KubeWorld):
    """Servers ``k8s`` (a PVC store), ``k8s-s3`` (an S3 store) and ``k8s-cron`` (an S3 store, which
    a clone needs with a namespace per site, and a server-wide backup schedule); codebases ``wp-1`` and ``wp-2``; backup Jobs report ``SIZES``."""

    servers = {
        "k8s": {},
        "k8s-s3": {"backup_store": "s3", "s3_bucket": "site-backups"},
        "k8s-cron": {"backup_schedule": "0 3 * * *", "backup_store": "s3", "s3_bucket": "cron-backups"},
    }
    images = {"wp-1": "registry.example.org/wp:1", "wp-2": "registry.example.org/wp:2"}
    report_sizes = SIZES

    def backups(self, capsys: pytest.CaptureFixture[str], domain: str = DOMAIN) -> list[str]:
        """The ids of the backups of ``domain`` in the inventory (the cluster is not asked)."""
        return [r["id"] for r in self.json(capsys, "backup", "list", domain, "--no-sync")]

    def last_task(self) -> tuple[TaskStatus, str]:
        with self.hosting() as h:
            task = h.store.list_tasks(limit=1)[0]
            return task.status, "\n".join(line.message for line in h.store.task_log(task.id))


@pytest.fixture
def world(cluster: Cluster, tmp_path: Path) -> World:
    return World(cluster, tmp_path / "home")


def valid(obj: dict[str, Any]) -> None:
    for version in K8S_VERSIONS:
        assert not problems(obj, version), (obj["kind"], obj["metadata"]["name"], version)


def backup(world: World, capsys: pytest.CaptureFixture[str], domain: str = DOMAIN) -> str:
    done = world.json(capsys, "site", "backup", domain)
    assert done["status"] == "succeeded"
    return str(done["backup"])


# -- 1. a server-wide schedule for new sites -----------------------------------------------------


def test_install_and_clone_on_a_scheduled_server_get_the_cronjob_and_delete_removes_it(
    world: World, capsys: pytest.CaptureFixture[str]
) -> None:
    site = world.install(CRON_SITE, "k8s-cron")
    assert site.options["kubernetes.backup_schedule"] == "0 3 * * *"
    cron = world.fake.find("CronJob", "backup", CRON_NS)
    assert cron is not None and cron["spec"]["schedule"] == "0 3 * * *"
    valid(cron)
    assert world.fake.find("ConfigMap", "backup-manifest", CRON_NS) is not None
    rows = world.json(capsys, "backup", "schedules")
    assert [(r["site"], r["cron"], r["run_by"]) for r in rows] == [(CRON_SITE, "0 3 * * *", "cluster")]
    # a site on a server without a schedule gets none
    assert world.fake.find("CronJob", "backup", NAMESPACE) is None
    assert "kubernetes.backup_schedule" not in world.site().options

    # a clone is a new site: the server's schedule, its own CronJob
    code, _out, err = world.cli(capsys, "site", "clone", CRON_SITE, "copy.example.org")
    assert code == 0, err
    clone = world.site("copy.example.org")
    assert clone.options["kubernetes.backup_schedule"] == "0 3 * * *"
    cron = world.fake.find("CronJob", "backup", "aegir-copy-example-org")
    assert cron is not None and cron["metadata"]["annotations"]["aegir.io/domain"] == "copy.example.org"

    # delete takes the CronJob and its manifest with the rest
    code, _out, err = world.cli(capsys, "site", "delete", CRON_SITE, "--yes")
    assert code == 0, err
    assert world.fake.find("CronJob", "backup", CRON_NS) is None
    assert world.fake.find("ConfigMap", "backup-manifest", CRON_NS) is None
    assert [r["site"] for r in world.json(capsys, "backup", "schedules")] == ["copy.example.org"]


def test_an_install_rolled_back_deletes_its_cronjob(world: World, capsys: pytest.CaptureFixture[str]) -> None:
    world.pages["health-web"] = (500, "Fatal error")
    with pytest.raises(TaskError, match="rolled back"):
        world.install(CRON_SITE, "k8s-cron")
    status, log = world.last_task()
    assert status is TaskStatus.ROLLED_BACK
    assert f"applied CronJob {CRON_NS}/backup" in log
    assert f"undone: delete CronJob {CRON_NS}/backup, ConfigMap {CRON_NS}/backup-manifest" in log
    assert world.fake.find("CronJob", "backup", CRON_SITE) is None
    assert not [p for p in world.fake.objects if "/cronjobs/" in p]
    assert f"/apis/batch/v1/namespaces/{CRON_NS}/cronjobs/backup" in world.fake.deleted
    with world.hosting() as h:
        assert h.store.find_site(CRON_SITE) is None


# -- 2. --store on Kubernetes ------------------------------------------------------------------------


def test_site_backup_store_is_refused_unless_it_is_the_clusters_own(
    world: World, capsys: pytest.CaptureFixture[str]
) -> None:
    jobs = len(world.applied("/jobs/"))
    code, out, err = world.cli(capsys, "site", "backup", DOMAIN, "--store", "offsite")
    assert code == 2 and out == ""
    assert "--store 'offsite' does not apply to site 'shop.example.org'" in err
    assert "its server 'k8s' (kubernetes backend)" in err and STORE in err and "leave --store out" in err
    assert len(world.applied("/jobs/")) == jobs and world.backups(capsys) == []
    # naming the cluster's own store is what happens anyway
    done = world.json(capsys, "site", "backup", DOMAIN, "--store", STORE)
    assert done["store"] == STORE and world.backups(capsys) == [done["backup"]]


# -- 3. the pre-migrate backup ------------------------------------------------------------------------


def test_a_migration_rolled_back_deletes_its_pre_migrate_backup(
    world: World, capsys: pytest.CaptureFixture[str]
) -> None:
    world.pages["health-web-green"] = (500, "Fatal error")
    code, _out, err = world.cli(capsys, "site", "migrate", DOMAIN, "--codebase", "wp-2")
    assert code == 1 and "rolled back" in err
    status, log = world.last_task()
    assert status is TaskStatus.ROLLED_BACK
    [made] = world.applied("/jobs/backup-pre-migrate-")
    cluster_id = made["metadata"]["name"].removeprefix("backup-")
    # like the local flow: the backup is gone from the store (a Job) and from the inventory
    assert f"undone: delete backup {DOMAIN}-{cluster_id}" in log
    [drop] = world.applied(f"/jobs/drop-{cluster_id}")
    valid(drop)
    assert containers(drop)[0]["command"] == ["rm", "-r", "-f", "--", f"/backups/{DOMAIN}/{cluster_id}"]
    assert (NAMESPACE, cluster_id) not in world.stored and world.backups(capsys) == []


def test_a_migration_keeps_its_pre_migrate_backup_through_finish_and_rollback(
    world: World, capsys: pytest.CaptureFixture[str]
) -> None:
    code, _out, err = world.cli(capsys, "site", "migrate", DOMAIN, "--codebase", "wp-2")
    assert code == 0, err
    [pre] = world.backups(capsys)
    assert "-pre-migrate-" in pre
    code, _out, err = world.cli(capsys, "site", "migrate", "--finish", DOMAIN)
    assert code == 0, err
    assert world.backups(capsys) == [pre]
    # another site (the ids of the cluster's backups are stamped to the second)
    other = "blog.example.org"
    world.install(other, "k8s")
    code, _out, err = world.cli(capsys, "site", "migrate", other, "--codebase", "wp-2")
    assert code == 0, err
    [pre] = world.backups(capsys, other)
    code, _out, err = world.cli(capsys, "site", "rollback", other)
    assert code == 0, err
    kept = world.backups(capsys, other)
    assert pre in kept and any("-pre-rollback-" in b for b in kept) and len(kept) == 2
    assert not world.applied("/jobs/drop-")


# -- 4. verify, delete and prune in the cluster's store --------------------------------------------------


def test_verify_checks_the_parts_in_the_store_against_the_record(
    world: World, capsys: pytest.CaptureFixture[str]
) -> None:
    backup_id = backup(world, capsys)
    cluster_id = backup_id.removeprefix(f"{DOMAIN}-")
    checked = world.json(capsys, "backup", "verify", backup_id)
    writer = f"backup-{cluster_id}"
    assert checked == {
        "id": backup_id,
        "store": STORE,
        "ok": True,
        "parts": [
            {"name": n, "ok": True, "size": SIZES[n], "sha256": sha(writer, n), "problem": None}
            for n in ("db.sql.gz", "files.tar.gz")
        ],
    }
    [job] = world.applied(f"/jobs/check-{cluster_id}")
    valid(job)
    assert job["metadata"]["annotations"]["aegir.io/backup"] == cluster_id
    names = [c["name"] for c in containers(job)]
    assert names == ["check-manifest", "checksums"]
    assert containers(job)[0]["command"] == ["test", "-s", f"/backups/{DOMAIN}/{cluster_id}/manifest.json"]
    [volume] = job["spec"]["template"]["spec"]["volumes"]
    assert volume["persistentVolumeClaim"] == {"claimName": "backups", "readOnly": True}
    assert all(m.get("readOnly") for c in containers(job) for m in c["volumeMounts"])
    code, out, err = world.cli(capsys, "backup", "verify", backup_id)
    assert code == 0 and "every part matches its sha256" in err and "ok" in out

    # the store has other bytes now: damaged, do not restore
    world.stored[(NAMESPACE, cluster_id)] = "someone-else"
    code, out, err = world.cli(capsys, "backup", "verify", backup_id)
    assert code == 1 and "DAMAGED: sha256" in out and "is damaged (db.sql.gz, files.tar.gz)" in err
    # gone from the store: the check Job fails, and verify says what it could not do
    del world.stored[(NAMESPACE, cluster_id)]
    code, _out, err = world.cli(capsys, "backup", "verify", backup_id)
    assert code == 1 and f"backup {backup_id!r} could not be checked in the cluster's store" in err
    assert "a part or its manifest may be missing" in err and "No such file" in err


@pytest.mark.parametrize(
    ("report", "problem"),
    [
        ("aegir-backup-part ../../etc/passwd 5\n", "line 1 of the check Job's report is not understood"),
        ("aegir-backup-part evil.sh 5\n", "reports a part 'evil.sh' that the backup does not have"),
        ("\x00\x1b[2J" + "A" * 50_000 + "\n", "is not understood: '\\x00\\x1b[2JAAAA"),
        ("", "could not be read"),
    ],
)
def test_a_garbled_or_hostile_check_report_is_a_clear_error(
    world: World, capsys: pytest.CaptureFixture[str], report: str, problem: str
) -> None:
    backup_id = backup(world, capsys)
    world.check_report = lambda job: report
    code, out, err = world.cli(capsys, "backup", "verify", backup_id)
    assert code == 1 and out == ""
    assert f"backup {backup_id!r} could not be checked: " in err and problem in err
    assert len(err) < 400


def test_delete_removes_the_record_only_once_its_job_succeeded(
    world: World, capsys: pytest.CaptureFixture[str]
) -> None:
    backup_id = backup(world, capsys)
    cluster_id = backup_id.removeprefix(f"{DOMAIN}-")
    world.failing.add("drop-")
    code, _out, err = world.cli(capsys, "backup", "delete", backup_id, "--yes")
    assert code == 1 and "failed on purpose" in err
    assert world.backups(capsys) == [backup_id] and (NAMESPACE, cluster_id) in world.stored
    world.failing.clear()
    code, _out, err = world.cli(capsys, "backup", "delete", backup_id, "--yes")
    assert code == 0 and f"backup {backup_id} deleted from its store ({STORE}) and the inventory" in err
    assert world.backups(capsys) == [] and (NAMESPACE, cluster_id) not in world.stored
    status, log = world.last_task()
    assert (
        status is TaskStatus.SUCCEEDED and f"deleted backup {backup_id} from pvc/{NAMESPACE}/backups" in log
    )


def test_s3_check_and_delete_jobs_name_only_that_backup(
    world: World, capsys: pytest.CaptureFixture[str]
) -> None:
    domain = "blog.example.org"
    world.install(domain, "k8s-s3")
    backup_id = backup(world, capsys, domain)
    cluster_id = backup_id.removeprefix(f"{domain}-")
    assert world.json(capsys, "backup", "verify", backup_id)["ok"]
    world.json(capsys, "backup", "list", domain)  # nothing to sync: no CronJob
    code, _out, err = world.cli(capsys, "backup", "delete", backup_id, "--yes")
    assert code == 0, err
    url = f"s3://site-backups/aegir/{domain}/{cluster_id}/"
    [check] = world.applied(f"/jobs/check-{cluster_id}")
    [drop] = world.applied(f"/jobs/drop-{cluster_id}")
    for job in (check, drop):
        valid(job)
        assert job["metadata"]["namespace"] == "aegir-blog-example-org"
    assert containers(check)[0]["command"][:5] == ["aws", "s3", "cp", "--recursive", url]
    assert containers(drop)[0]["command"][:4] == ["aws", "s3", "rm", "--recursive"]
    assert containers(drop)[0]["command"][4] == url  # the trailing '/': not backups it is a prefix of
    assert world.backups(capsys, domain) == []


def test_a_deleted_sites_backup_is_refused_with_what_to_do(
    world: World, capsys: pytest.CaptureFixture[str]
) -> None:
    backup_id = backup(world, capsys)
    code, _out, err = world.cli(capsys, "site", "delete", DOMAIN, "--yes")
    assert code == 0, err
    code, _out, err = world.cli(capsys, "backup", "verify", backup_id)
    assert code == 2 and "kept in the store of server 'k8s'" in err and "cannot verify it from here" in err
    code, _out, err = world.cli(capsys, "backup", "delete", backup_id, "--yes")
    assert code == 2 and f"delete {backup_id} --forget" in err
    assert backup_id in world.backups(capsys)


def test_a_record_pointing_elsewhere_in_the_store_is_refused(
    world: World, capsys: pytest.CaptureFixture[str]
) -> None:
    import attrs

    backup_id = backup(world, capsys)
    with world.hosting() as h:
        mine = h.store.get_backup(backup_id)
        kept = {**mine.manifest["backend_store"], "id": "../../etc"}
        h.store.save_backup(attrs.evolve(mine, manifest={**mine.manifest, "backend_store": kept}))
    jobs = len(world.applied("/jobs/"))
    code, _out, err = world.cli(capsys, "backup", "delete", backup_id, "--yes")
    assert code != 0 and "names no valid cluster id ('../../etc')" in err
    code, _out, err = world.cli(capsys, "backup", "verify", backup_id)
    assert code == 2 and "names no valid cluster id" in err
    assert len(world.applied("/jobs/")) == jobs and backup_id in world.backups(capsys)


def test_prune_deletes_a_synced_scheduled_run_for_good(
    world: World, capsys: pytest.CaptureFixture[str]
) -> None:
    world.json(capsys, "backup", "schedule", DOMAIN, "--cron", "0 3 * * *")
    run = ("backup-29146500", "2025-06-02T03:00:00Z")
    world.fake.run_cronjob(NAMESPACE, "backup", *run)
    [added] = world.json(capsys, "backup", "sync")
    newer = backup(world, capsys)
    world.json(capsys, "backup", "schedule", DOMAIN, "--every", "1d", "--keep", "last=1")
    dry = world.json(capsys, "backup", "prune", DOMAIN, "--dry-run")
    assert [r["id"] for r in dry["deleted"]] == [added["backup_id"]] and not world.applied("/jobs/drop-")
    done = world.json(capsys, "backup", "prune", DOMAIN)
    assert [r["id"] for r in done["deleted"]] == [added["backup_id"]]
    # the run's Job goes too: a sync does not record the deleted backup again
    assert world.fake.find("Job", run[0], NAMESPACE) is None
    assert world.json(capsys, "backup", "sync") == []
    assert [r["id"] for r in world.json(capsys, "backup", "list", DOMAIN)] == [newer]


# -- 5. a files volume left behind ----------------------------------------------------------------------


@pytest.mark.parametrize("terminating", [True, False])
def test_a_left_files_volume_refuses_the_new_track(
    world: World, capsys: pytest.CaptureFixture[str], terminating: bool
) -> None:
    backup_id = backup(world, capsys)
    path = f"/api/v1/namespaces/{NAMESPACE}/persistentvolumeclaims/files-green"
    md: dict[str, Any] = {"name": "files-green", "namespace": NAMESPACE, "labels": {}}
    if terminating:
        md.update(deletionTimestamp="2025-06-01T12:00:00Z", finalizers=["kubernetes.io/pvc-protection"])
    world.fake.objects[path] = {"apiVersion": "v1", "kind": "PersistentVolumeClaim", "metadata": md}
    applied = len(world.fake.applied)
    code, _out, err = world.cli(capsys, "site", "restore", DOMAIN, "--backup", backup_id)
    assert code == 1 and "restore of shop.example.org failed at step 1" in err
    if terminating:
        assert f"PersistentVolumeClaim {NAMESPACE}/files-green is being deleted" in err
        assert "held by the finalizer(s) kubernetes.io/pvc-protection" in err
        assert f"kubectl describe persistentvolumeclaim -n {NAMESPACE} files-green" in err
    else:
        assert "files-green exists already" in err and f"aegir site migrate --finish {DOMAIN}" in err
    assert len(world.fake.applied) == applied and world.selector() == "blue"
    # once it is gone, the restore goes ahead
    del world.fake.objects[path]
    assert (
        json.loads(world.cli(capsys, "site", "restore", DOMAIN, "--backup", backup_id, "--json")[1])["status"]
        == "succeeded"
    )
