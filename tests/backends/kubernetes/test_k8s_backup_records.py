"""Backups a Kubernetes cluster makes, in Aegir's inventory: `site backup` records what its Job
reported (sizes and sha256 from the Job's log), `backup sync` records the runs of a site's backup
CronJob exactly once, and `site restore --at` picks a recorded backup; all from the command line
against the fake API server, with a hostile or garbled report never worse than a record without
sizes."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import attrs
import kmock
import pytest
from _k8s_harness import Cluster
from _k8s_validate import K8S_VERSIONS, problems
from _k8s_world import DOMAIN, NAMESPACE, KubeWorld, sha
from hypothesis import given
from hypothesis import strategies as st

from aegir.backends.kubernetes._backup_records import parse_report
from aegir.core.model import Backup, TaskStatus
from aegir.core.operations import site_context
from aegir.core.packages import PackageSet
from aegir.core.plan import Plan

STORE = f"kubernetes:k8s:pvc/{NAMESPACE}/backups"
SIZES = {"db.sql.gz": 18012, "files.tar.gz": 65300}
#: two runs of the CronJob, a day apart (the Job name is the CronJob's and the minute of the run)
MONDAY = ("backup-29146500", "2025-06-02T03:00:00Z")
TUESDAY = ("backup-29147940", "2025-06-03T03:00:00Z")


class World(KubeWorld):
    """Kubernetes servers ``k8s`` and ``k8s-2`` on the fake cluster, a WordPress site on k8s; backup
    Jobs report the sizes of ``SIZES`` (``report``: what they print instead)."""

    servers = {"k8s": {}, "k8s-2": {}}
    report_sizes = SIZES

    def record(self, backup_id: str) -> Backup:
        with self.hosting() as h:
            return h.store.get_backup(backup_id)

    def schedule(self) -> None:
        """The site's backup CronJob, through the backend's own plan (the command line's
        ``backup schedule --cron`` is tested in test_k8s_gaps.py)."""
        with self.hosting() as h:
            site = h.store.get_site(DOMAIN)
            site = attrs.evolve(site, options={**site.options, "kubernetes.backup_schedule": "0 3 * * *"})
            h.store.save_site(site)
            ctx = site_context(h, site)
            steps = h.backend("k8s").site_plan("schedule-backups", ctx, h.plugins.driver("wordpress"))
            assert steps is not None
            h.run(Plan("schedule-backups", DOMAIN, tuple(steps)))

    def fire(self, run: tuple[str, str]) -> dict[str, Any]:
        return self.fake.run_cronjob(NAMESPACE, "backup", *run)

    def last_task(self) -> tuple[TaskStatus, str]:
        with self.hosting() as h:
            task = h.store.list_tasks(limit=1)[0]
            return task.status, "\n".join(line.message for line in h.store.task_log(task.id))


@pytest.fixture
def world(cluster: Cluster, tmp_path: Path) -> World:
    return World(cluster, tmp_path / "home")


# -- a backup made by `aegir site backup` ------------------------------------------------------------


def test_site_backup_records_what_its_job_reported(world: World, capsys: pytest.CaptureFixture[str]) -> None:
    done = world.json(capsys, "site", "backup", DOMAIN)
    backup_id = done["backup"]
    cluster_id = backup_id.removeprefix(f"{DOMAIN}-")
    assert backup_id != cluster_id and done["store"] == STORE
    assert done["size"] == sum(SIZES.values()) and done["status"] == "succeeded"

    rows = world.json(capsys, "backup", "list", DOMAIN)
    assert [(r["id"], r["kind"], r["state"], r["store"], r["size"]) for r in rows] == [
        (backup_id, "site", "complete", STORE, sum(SIZES.values()))
    ]
    record = world.record(backup_id)
    job = f"backup-{cluster_id}"
    assert [(p["name"], p["size"], p["sha256"]) for p in record.manifest["parts"]] == [
        ("db.sql.gz", SIZES["db.sql.gz"], sha(job, "db.sql.gz")),
        ("files.tar.gz", SIZES["files.tar.gz"], sha(job, "files.tar.gz")),
    ]
    assert record.manifest["warnings"] == []
    kept = record.manifest["backend_store"]
    assert kept["server"] == "k8s" and kept["id"] == cluster_id and kept["job"] == job
    assert kept["location"] == f"pvc/{NAMESPACE}/backups:/{DOMAIN}/{cluster_id}/" and not kept["scheduled"]
    with world.hosting() as h:
        codebase = h.store.get_codebase("wp-1")
    assert codebase.scan is not None
    subject = record.manifest["subject"]
    assert subject["codebase"] == "wp-1" and subject["app"] == "wordpress"
    assert subject["app_version"] == codebase.scan.app_version
    assert subject["package_digest"] == PackageSet.from_scan(codebase.scan).digest()
    assert subject["extra"]["url"] == f"http://{DOMAIN}" and subject["extra"]["server"] == "k8s"
    status, log = world.last_task()
    assert status is TaskStatus.SUCCEEDED
    assert (
        f"recorded backup {backup_id}" in log and f"aegir-backup-part db.sql.gz {SIZES['db.sql.gz']}" in log
    )
    # the Job that reported it is a valid Job for every Kubernetes version the tests know
    for obj in world.applied(f"/jobs/{job}"):
        for version in K8S_VERSIONS:
            assert not problems(obj, version), version

    # verify checks it in the cluster's store (a Job: see test_k8s_backup_store.py for more)
    checked = world.json(capsys, "backup", "verify", backup_id)
    assert checked["ok"] and [p["sha256"] for p in checked["parts"]] == [
        sha(job, "db.sql.gz"),
        sha(job, "files.tar.gz"),
    ]
    # --forget removes only the record
    code, _out, err = world.cli(capsys, "backup", "delete", backup_id, "--yes", "--forget")
    assert code == 0 and f"its store ({STORE}) still has it" in err
    assert world.json(capsys, "backup", "list", DOMAIN, "--no-sync") == []


def test_a_failed_backup_job_records_nothing_and_is_rolled_back(
    world: World, capsys: pytest.CaptureFixture[str]
) -> None:
    world.failing.add("backup-")
    code, _out, err = world.cli(capsys, "site", "backup", DOMAIN)
    assert code == 1 and "failed on purpose" in err and "rolled back" in err
    assert world.json(capsys, "backup", "list", DOMAIN) == []
    status, log = world.last_task()
    assert status is TaskStatus.ROLLED_BACK
    # the backup step's inverse ran: what the Job wrote is deleted from the store (a Job), as a
    # local backup rolled back is deleted, and the record forgotten
    assert "undone: delete backup shop.example.org-" in log and "and from the inventory" in log
    [drop] = [o for o in world.applied("/jobs/drop-") if o["metadata"]["namespace"] == NAMESPACE]
    [rm] = drop["spec"]["template"]["spec"]["containers"]
    assert rm["command"][:4] == ["rm", "-r", "-f", "--"]
    assert rm["command"][4].startswith(f"/backups/{DOMAIN}/") and "$" not in rm["command"][4]
    manifests = [k for k in world.fake.kinds() if k.startswith(f"ConfigMap/{NAMESPACE}/backup-")]
    assert manifests == []  # the backup's manifest ConfigMap was removed by the rollback
    # the failed Job is kept for 'kubectl describe', and sync does not take it for a scheduled run
    assert any(k.startswith(f"Job/{NAMESPACE}/backup-") for k in world.fake.kinds())
    assert world.json(capsys, "backup", "sync") == []


HOSTILE = {
    "not a number": ("aegir-backup-part db.sql.gz 12x\n", "line 1 of the backup Job's report is not understood"),
    "a path": ("aegir-backup-part ../../etc/passwd 5\n", "is not understood: 'aegir-backup-part ../../etc"),
    "another part": ("aegir-backup-part evil.sh 5\n", "reports a part 'evil.sh' that the backup does not have"),
    "a huge line": ("A" * 100_000 + "\n", "is not understood: 'AAAAAAAA"),
    "control bytes": ("\x00\x1b[2J\u202e\xff\n", "is not understood: '\\x00\\x1b[2J"),
    "sizes only": ("aegir-backup-part db.sql.gz 1\naegir-backup-part files.tar.gz 2\n", "did not report the size and sha256 of db.sql.gz, files.tar.gz"),
    "said twice": (f"aegir-backup-part db.sql.gz 1\naegir-backup-part db.sql.gz 2\n{'0' * 64}  db.sql.gz\n", "reports part db.sql.gz twice, differently"),
    "nothing": ("", "could not be read"),
}  # fmt: skip


@pytest.mark.parametrize("case", list(HOSTILE))
def test_a_garbled_or_hostile_report_is_recorded_without_sizes(
    world: World, capsys: pytest.CaptureFixture[str], case: str
) -> None:
    text, problem = HOSTILE[case]
    world.report = lambda job: text
    code, _out, err = world.cli(capsys, "site", "backup", DOMAIN)
    assert code == 0, err
    assert "size not reported" in err
    [row] = world.json(capsys, "backup", "list", DOMAIN)
    assert row["state"] == "complete" and row["size"] == 0
    record = world.record(row["id"])
    assert [p["name"] for p in record.manifest["parts"]] == ["db.sql.gz", "files.tar.gz"]
    assert not any("sha256" in p for p in record.manifest["parts"])
    [warning] = record.manifest["warnings"]
    assert warning.startswith("sizes and sha256 not recorded: ") and problem in warning
    assert len(warning) < 200  # a huge line is shown shortened
    _status, log = world.last_task()
    assert f"recorded backup {row['id']}" in log and "without sizes" in log


@given(st.text(max_size=300))
def test_any_report_text_gives_every_part_or_a_problem(text: str) -> None:
    report = parse_report(text, ("db.sql.gz", "files.tar.gz"))
    if report.problem is None:
        assert [p.name for p in report.parts] == ["db.sql.gz", "files.tar.gz"]
    else:
        assert report.parts == () and report.size == 0


# -- the runs of the backup CronJob ----------------------------------------------------------------


def test_sync_records_each_scheduled_run_once_and_reports_failed_ones(
    world: World, capsys: pytest.CaptureFixture[str]
) -> None:
    world.schedule()
    cron = world.fake.find("CronJob", "backup", NAMESPACE)
    assert cron is not None and cron["spec"]["successfulJobsHistoryLimit"] == 7
    assert cron["spec"]["jobTemplate"]["spec"]["ttlSecondsAfterFinished"] == 7 * 86400
    for version in K8S_VERSIONS:
        assert not problems(cron, version), version
    world.failing.add("backup-29149380")
    world.never_run.add("backup-29150820")
    for run in (
        MONDAY,
        TUESDAY,
        ("backup-29149380", "2025-06-04T03:00:00Z"),
        ("backup-29150820", "2025-06-05T03:00:00Z"),
    ):
        world.fire(run)  # fmt: skip

    results = world.json(capsys, "backup", "sync")
    assert [(r["outcome"], r["job"], r["site"]) for r in results] == [
        ("added", MONDAY[0], DOMAIN),
        ("added", TUESDAY[0], DOMAIN),
        ("failed", "backup-29149380", DOMAIN),
        ("running", "backup-29150820", DOMAIN),
    ]
    assert results[0]["backup_id"] == f"{DOMAIN}-{MONDAY[0]}" and results[0]["size"] == sum(SIZES.values())
    assert results[0]["created"] == "2025-06-02T03:00:00+00:00"
    assert "BackoffLimitExceeded" in results[2]["detail"]

    again = world.json(capsys, "backup", "sync", "--site", DOMAIN, "--server", "k8s")
    assert [r["outcome"] for r in again] == ["failed", "running"]  # nothing is added twice
    code, _out, err = world.cli(capsys, "backup", "sync")
    assert code == 0 and "no new backup" in err and "failed: backup-29149380 of shop.example.org" in err

    rows = world.json(capsys, "backup", "list", DOMAIN, "--no-sync")
    assert [(r["id"], r["time"], r["size"]) for r in rows] == [
        (f"{DOMAIN}-{TUESDAY[0]}", "2025-06-03T03:00:00+00:00", sum(SIZES.values())),
        (f"{DOMAIN}-{MONDAY[0]}", "2025-06-02T03:00:00+00:00", sum(SIZES.values())),
    ]
    record = world.record(f"{DOMAIN}-{MONDAY[0]}")
    kept = record.manifest["backend_store"]
    assert kept["scheduled"] and kept["id"] == MONDAY[0] and kept["job"] == MONDAY[0]
    assert record.manifest["parts"][1]["sha256"] == sha(MONDAY[0], "files.tar.gz")
    assert record.manifest["subject"]["codebase"] == "wp-1"  # what the backup's manifest says


def test_a_run_whose_log_is_gone_is_recorded_without_sizes(
    world: World, capsys: pytest.CaptureFixture[str]
) -> None:
    world.schedule()
    world.fire(MONDAY)
    for key in [k for k in world.fake.logs if k[1].startswith(MONDAY[0])]:
        del world.fake.logs[key]
    [result] = world.json(capsys, "backup", "sync")
    assert result["outcome"] == "added" and result["size"] == 0
    assert "could not be read" in result["detail"]
    record = world.record(result["backup_id"])
    assert "could not be read" in record.manifest["warnings"][0]


def test_backup_list_of_a_kubernetes_site_syncs_first_unless_told_not_to(
    world: World, capsys: pytest.CaptureFixture[str]
) -> None:
    world.schedule()
    world.fire(MONDAY)
    code, out, err = world.cli(capsys, "backup", "list", DOMAIN, "--json")
    assert code == 0 and f"recorded scheduled backup {DOMAIN}-{MONDAY[0]}" in err
    assert [r["id"] for r in json.loads(out)] == [f"{DOMAIN}-{MONDAY[0]}"]
    world.fire(TUESDAY)
    assert [r["id"] for r in world.json(capsys, "backup", "list", DOMAIN, "--no-sync")] == [
        f"{DOMAIN}-{MONDAY[0]}"
    ]
    assert len(world.json(capsys, "backup", "list")) == 1  # without a site: the inventory as it is


def test_a_cluster_that_refuses_is_a_sync_error_and_a_warning_for_list(
    world: World, capsys: pytest.CaptureFixture[str]
) -> None:
    world.schedule()
    world.fire(MONDAY)
    jobs = f"/apis/batch/v1/namespaces/{NAMESPACE}/jobs"
    world.fake[kmock.method.GET, jobs] << kmock.KubernetesError(status=403, message="jobs is forbidden")
    code, out, err = world.cli(capsys, "backup", "sync", "--json")
    assert code == 1
    [result] = json.loads(out)
    assert result["outcome"] == "error" and "jobs is forbidden" in result["detail"]
    assert "check the RBAC permissions" in result["detail"]
    code, out, err = world.cli(capsys, "backup", "list", DOMAIN, "--json")
    assert code == 0 and json.loads(out) == []
    assert f"warning: scheduled backups of {DOMAIN} not synced" in err


def test_sync_arguments_are_checked(world: World, capsys: pytest.CaptureFixture[str]) -> None:
    code, _out, err = world.cli(capsys, "backup", "sync", "--server", "nope")
    assert code == 3 and "nope" in err
    code, _out, err = world.cli(capsys, "backup", "sync", "--site", "other.example.org")
    assert code == 3 and "other.example.org" in err
    assert world.json(capsys, "backup", "sync", "--server", "k8s-2") == []  # no site there


# -- restore from a recorded backup --------------------------------------------------------------------


def restored_from(world: World) -> list[str]:
    return [o["metadata"]["name"] for o in world.applied("/jobs/restore-")]


def test_restore_at_a_time_picks_the_recorded_backup_of_that_time(
    world: World, capsys: pytest.CaptureFixture[str]
) -> None:
    world.schedule()
    world.fire(MONDAY)
    world.fire(TUESDAY)
    # not synced yet: restore syncs first, then picks the newest backup at or before the time
    done = world.json(capsys, "site", "restore", DOMAIN, "--at", "2025-06-02T12:00:00Z")
    assert done["status"] == "succeeded"
    assert done["summary"] == f"restore {DOMAIN} from backup {DOMAIN}-{MONDAY[0]} (2025-06-02T03:00:00+00:00)"
    assert restored_from(world) == [f"restore-{MONDAY[0]}-green"]
    ids = [r["id"] for r in world.json(capsys, "backup", "list", DOMAIN)]
    assert ids[1:] == [f"{DOMAIN}-{TUESDAY[0]}", f"{DOMAIN}-{MONDAY[0]}"]
    assert ids[0].startswith(f"{DOMAIN}-safety-")  # the safety backup is recorded like any other

    # by the id `backup list` shows, the cluster's id goes to the restore Job
    world.json(capsys, "site", "restore", DOMAIN, "--backup", f"{DOMAIN}-{TUESDAY[0]}")
    assert restored_from(world)[-1] == f"restore-{TUESDAY[0]}-blue"
    code, _out, err = world.cli(capsys, "site", "restore", DOMAIN, "--at", "2025-06-01T00:00:00Z")
    assert code == 3 and "no backup at or before 2025-06-01T00:00:00+00:00" in err


def test_a_backup_of_another_server_or_store_is_refused_clearly(
    world: World, capsys: pytest.CaptureFixture[str]
) -> None:
    world.schedule()
    world.fire(MONDAY)
    world.json(capsys, "backup", "sync")
    with world.hosting() as h:
        mine = h.store.get_backup(f"{DOMAIN}-{MONDAY[0]}")
        elsewhere = attrs.evolve(
            mine,
            id=f"{DOMAIN}-elsewhere",
            manifest={
                **mine.manifest,
                "backend_store": {**mine.manifest["backend_store"], "server": "k8s-2"},
            },
        )
        local = attrs.evolve(mine, id=f"{DOMAIN}-local", store="local", manifest={"parts": []})
        h.store.save_backup(elsewhere)
        h.store.save_backup(local)
    code, _out, err = world.cli(capsys, "site", "restore", DOMAIN, "--backup", f"{DOMAIN}-elsewhere")
    assert code == 2 and "was made by server 'k8s-2'" in err and "only server 'k8s-2' can restore" in err
    code, _out, err = world.cli(capsys, "site", "restore", DOMAIN, "--backup", f"{DOMAIN}-local")
    assert code == 2 and "is in store 'local', which server 'k8s' cannot read" in err
    assert restored_from(world) == []


def test_run_due_reports_the_recorded_backup_and_prune_deletes_from_the_cluster_store(
    world: World, capsys: pytest.CaptureFixture[str]
) -> None:
    world.schedule()
    world.fire(MONDAY)
    world.json(capsys, "backup", "schedule", DOMAIN, "--every", "1h", "--keep", "last=1")
    [due] = world.json(capsys, "backup", "run-due")
    assert due["outcome"] == "backed-up" and due["pruned"] == []
    assert due["backup_id"].startswith(f"{DOMAIN}-") and world.record(due["backup_id"]).size > 0
    world.json(capsys, "backup", "sync")
    assert len(world.json(capsys, "backup", "list", DOMAIN)) == 2
    # the keep policy drops the older one, the CronJob's run: a Job deletes it from the
    # cluster's store, then its record goes (see test_k8s_backup_store.py for more)
    assert (NAMESPACE, MONDAY[0]) in world.stored
    [gone] = world.json(capsys, "backup", "prune", DOMAIN)["deleted"]
    assert gone["id"] == f"{DOMAIN}-{MONDAY[0]}"
    assert [r["id"] for r in world.json(capsys, "backup", "list", DOMAIN)] == [due["backup_id"]]
    assert (NAMESPACE, MONDAY[0]) not in world.stored and world.applied(f"/jobs/drop-{MONDAY[0]}")


def test_s3_store_records_and_a_clone_from_a_recorded_backup_loads_the_clusters_id(
    world: World, capsys: pytest.CaptureFixture[str]
) -> None:
    other = "blog.example.org"
    with world.hosting() as h:
        world.add_server(
            h, "k8s-s3", namespace_strategy="shared", backup_store="s3", s3_bucket="site-backups"
        )
        h.backend("k8s-s3").setup()
    world.install(other, "k8s-s3")
    done = world.json(capsys, "site", "backup", other)
    cluster_id = done["backup"].removeprefix(f"{other}-")
    assert done["store"] == "kubernetes:k8s-s3:s3://site-backups/aegir/"
    location = world.record(done["backup"]).manifest["backend_store"]["location"]
    assert location == f"s3://site-backups/aegir/{other}/{cluster_id}/"

    plan = world.json(
        capsys, "site", "clone", other, "copy.example.org", "--from-backup", done["backup"], "--dry-run"
    )
    jobs = [s["job"]["metadata"]["name"] for s in plan["steps"] if s["kind"] == "kubernetes-run-job"]
    assert any(j.endswith(f"-restore-{cluster_id}-blue") for j in jobs), jobs
    assert not any(s["kind"] == "kubernetes-run-backup-job" for s in plan["steps"])  # no new backup
    # restore picks it by time, and fetches it from the bucket by the cluster's id
    world.json(capsys, "site", "restore", other, "--at", "2030-01-01")
    restore = world.applied(f"/jobs/site-blog-example-org-restore-{cluster_id}-green")
    assert restore and restore[0]["spec"]["template"]["spec"]["initContainers"][0]["command"][:4] == [
        "aws", "s3", "cp", f"{location}manifest.json",
    ]  # fmt: skip
    # a record saying another server made it is refused for a clone here
    with world.hosting() as h:
        mine = h.store.get_backup(done["backup"])
        kept = {**mine.manifest["backend_store"], "server": "k8s"}
        h.store.save_backup(
            attrs.evolve(mine, id=f"{other}-x", manifest={**mine.manifest, "backend_store": kept})
        )
    code, _out, err = world.cli(
        capsys, "site", "clone", other, "copy2.example.org", "--from-backup", f"{other}-x"
    )
    assert code == 2 and "was made by server 'k8s'" in err and "only server 'k8s' can clone from it" in err


def test_the_recording_steps_survive_the_journal(world: World, capsys: pytest.CaptureFixture[str]) -> None:
    plan = world.json(capsys, "site", "backup", DOMAIN, "--dry-run")
    [data] = [s for s in plan["steps"] if s["kind"] == "kubernetes-run-backup-job"]
    with world.hosting() as h:
        step = h.plugins.steps.from_data(json.loads(json.dumps(data)))
        assert h.plugins.steps.to_data(step) == data
        assert step.recorded_backup_id == data["record"]["id"]  # type: ignore[attr-defined]
        undo = step.inverse()
        location = data["record"]["location"]
        assert undo is not None and undo.describe() == (
            f"delete backup {data['record']['id']} from the cluster's store ({location}) on k8s"
        )
        assert h.plugins.steps.from_data(h.plugins.steps.to_data(undo)) == undo
    assert data["record"]["created"].endswith("+00:00") and data["record"]["parts"] == [
        "db.sql.gz",
        "files.tar.gz",
    ]
