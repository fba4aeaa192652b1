"""What follows the switch of tracks is clean-up, never rolled back: from the command line against the
fake API server.

- A restore whose old track is not deleted (its volume stays), or whose old database is not dropped,
  leaves the restored track serving: the Service, the inventory and the backup CronJob on it, the
  failed clean-up step named in the task, and ``site migrate --finish`` drops what is left.
- A restore failing before the switch is rolled back whole: the old track serves as before.
- A migration whose maintenance page is not removed, and a rollback whose other track's database is
  not dropped, keep the traffic where they sent it.
- The plans say so: their clean-up starts right after the switch (and the CronJob's move).
- A clone of a site in its rollback window is not mid-migration itself.
- ``backup unschedule`` stops the cluster's schedule, else (or with ``--run-due``) the one
  ``run-due`` runs; exit 3 when there is none.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import kmock
import pytest
from _k8s_harness import Cluster
from _k8s_world import DOMAIN, NAMESPACE, KubeWorld

from aegir.core.operations.migrate import BLUE_KEY, MIGRATED_KEY, due_finishes


class World(KubeWorld):
    """Servers ``k8s`` (a namespace per site, a PVC store) and ``k8s-s3`` (an S3 store, which clones
    need); codebases ``wp-1`` and ``wp-2`` (another image); WordPress site shop.example.org installed
    on k8s from wp-1.

    ``stuck``: objects whose API path contains one of these are not deleted (the DELETE is accepted,
    the object stays: a finalizer)."""

    servers = {"k8s": {}, "k8s-s3": {"backup_store": "s3", "s3_bucket": "site-backups"}}
    images = {"wp-1": "registry.example.org/wp:1", "wp-2": "registry.example.org/wp:2"}

    def __init__(self, cluster: Cluster, home: Path) -> None:
        self.stuck: set[str] = set()
        cluster.fake[kmock.method.DELETE, self.held] << {"kind": "Status", "status": "Success"}
        super().__init__(cluster, home)

    def held(self, request: Any) -> bool:
        return any(fragment in request.url.path for fragment in self.stuck)

    def cron_claim(self) -> str:
        """The files volume the backup CronJob backs up."""
        cron = self.obj("CronJob", "backup")
        assert cron is not None
        volumes = cron["spec"]["jobTemplate"]["spec"]["template"]["spec"]["volumes"]
        return str(next(v for v in volumes if v["name"] == "files")["persistentVolumeClaim"]["claimName"])

    def steps(self, capsys: pytest.CaptureFixture[str], task: str) -> list[dict[str, Any]]:
        steps: list[dict[str, Any]] = self.json(capsys, "task", "show", task)["steps"]
        return steps


def cleanup_failed(steps: list[dict[str, Any]]) -> list[dict[str, Any]]:
    return [s for s in steps if s["state"] == "cleanup-failed"]


@pytest.fixture
def world(cluster: Cluster, tmp_path: Path) -> World:
    return World(cluster, tmp_path / "home")


# -- a restore: after the switch, only clean-up ------------------------------------------------------


def test_a_restore_whose_old_volume_stays_serves_the_restored_track(
    world: World, capsys: pytest.CaptureFixture[str]
) -> None:
    db = world.site().db_name
    world.json(capsys, "backup", "schedule", DOMAIN, "--cron", "0 3 * * *")
    backup = world.json(capsys, "site", "backup", DOMAIN)["backup"]
    world.stuck.add("/persistentvolumeclaims/files-blue")

    code, out, err = world.cli(capsys, "site", "restore", DOMAIN, "--backup", backup, "--json")
    assert code == 0, err
    done = json.loads(out)
    assert done["status"] == "succeeded"
    assert "clean-up FAILED (left for the operator)" not in err  # --json: no progress lines
    # the restored track serves: Service, inventory and the backup CronJob on green
    assert world.selector() == "green" and world.obj("Deployment", "web-green") is not None
    site = world.site()
    assert site.options["kubernetes.track"] == "green" and site.db_name == f"{db}_g"
    assert world.cron_claim() == "files-green"
    # the failed clean-up is in the task, naming what is left; the clean-up went on after it
    [failed] = cleanup_failed(world.steps(capsys, done["task"]))
    assert "PersistentVolumeClaim aegir-shop-example-org/files-blue" in failed["description"]
    assert "files-blue still exist" in failed["error"] and "finalizer" in failed["error"]
    assert world.applied("/jobs/db-drop-shop-example-org-blue")
    assert world.obj("Deployment", "web-blue") is None
    assert world.obj("PersistentVolumeClaim", "files-blue") is not None  # the leftover
    log = world.json(capsys, "task", "log", done["task"])
    assert any("clean-up step failed, left for the operator" in line["message"] for line in log)

    # the operator drops what is left once the volume can go
    world.stuck.clear()
    code, _out, err = world.cli(capsys, "site", "migrate", "--finish", DOMAIN, "--dry-run")
    assert code == 0 and "files-blue" in _out and "(clean-up)" in _out, err
    finished = world.json(capsys, "site", "migrate", "--finish", DOMAIN)
    assert finished["status"] == "succeeded"
    assert world.obj("PersistentVolumeClaim", "files-blue") is None
    assert world.selector() == "green" and world.site().options["kubernetes.track"] == "green"
    # and the next restore goes to blue again
    assert world.json(capsys, "site", "restore", DOMAIN, "--backup", backup)["status"] == "succeeded"
    assert world.selector() == "blue" and world.obj("Deployment", "web-green") is None


def test_a_restore_whose_old_database_is_not_dropped_serves_the_restored_track(
    world: World, capsys: pytest.CaptureFixture[str]
) -> None:
    db = world.site().db_name
    backup = world.json(capsys, "site", "backup", DOMAIN)["backup"]
    world.failing.add("db-drop-shop-example-org-blue")

    code, _out, err = world.cli(capsys, "site", "restore", DOMAIN, "--backup", backup)
    assert code == 0, err
    assert "clean-up FAILED (left for the operator)" in err and "rolled back" not in err
    assert world.selector() == "green" and world.obj("Deployment", "web-green") is not None
    assert world.obj("Deployment", "web-blue") is None  # the old track went; its database is left
    assert world.obj("PersistentVolumeClaim", "files-blue") is None
    site = world.site()
    assert site.options["kubernetes.track"] == "green" and site.db_name == f"{db}_g"
    task = world.json(capsys, "task", "list")[0]
    assert task["operation"] == "restore" and task["status"] == "succeeded"
    [failed] = cleanup_failed(world.steps(capsys, task["id"]))
    assert failed["description"] == f"drop database {db}" and "failed" in failed["error"]

    world.failing.clear()
    assert world.json(capsys, "site", "migrate", "--finish", DOMAIN)["status"] == "succeeded"
    assert len(world.applied("/jobs/db-drop-shop-example-org-blue")) == 2  # dropped this time
    assert world.selector() == "green"


def test_a_restore_failing_before_the_switch_is_rolled_back_whole(
    world: World, capsys: pytest.CaptureFixture[str]
) -> None:
    before = world.site()
    world.json(capsys, "backup", "schedule", DOMAIN, "--cron", "0 3 * * *")
    backup = world.json(capsys, "site", "backup", DOMAIN)["backup"]
    world.failing.add("health-web-green")  # the restored track does not answer

    code, _out, err = world.cli(capsys, "site", "restore", DOMAIN, "--backup", backup)
    assert code == 1 and "rolled back" in err
    assert world.selector() == "blue" and world.obj("Deployment", "web-blue") is not None
    assert world.obj("Deployment", "web-green") is None
    assert world.obj("PersistentVolumeClaim", "files-green") is None
    assert world.obj("Deployment", "maintenance") is None
    site = world.site()
    assert site.options["kubernetes.track"] == "blue" and site.db_name == before.db_name
    assert world.cron_claim() == "files-blue"
    assert not world.applied("/jobs/db-drop-shop-example-org-blue")


# -- migrate and rollback: the same ---------------------------------------------------------------


def test_a_migration_whose_maintenance_page_stays_serves_green(
    world: World, capsys: pytest.CaptureFixture[str]
) -> None:
    world.stuck.add("/deployments/maintenance")
    code, _out, err = world.cli(capsys, "site", "migrate", DOMAIN, "--codebase", "wp-2")
    assert code == 0, err
    assert "clean-up FAILED (left for the operator)" in err
    assert world.selector() == "green" and world.obj("Deployment", "web-blue") is not None
    site = world.site()
    assert (
        site.codebase == "wp-2" and site.options["kubernetes.track"] == "green" and BLUE_KEY in site.options
    )
    task = world.json(capsys, "task", "list")[0]
    [failed] = cleanup_failed(world.steps(capsys, task["id"]))
    assert "Deployment aegir-shop-example-org/maintenance" in failed["description"]


def test_a_rollback_whose_green_database_is_not_dropped_serves_blue(
    world: World, capsys: pytest.CaptureFixture[str]
) -> None:
    blue = world.site()
    code, _out, err = world.cli(capsys, "site", "migrate", DOMAIN, "--codebase", "wp-2")
    assert code == 0, err
    world.failing.add("db-drop-shop-example-org-green")
    code, _out, err = world.cli(capsys, "site", "rollback", DOMAIN)
    assert code == 0 and "clean-up FAILED (left for the operator)" in err, err
    assert world.selector() == "blue" and world.obj("Deployment", "web-green") is None
    site = world.site()
    assert site.codebase == "wp-1" and site.db_name == blue.db_name and BLUE_KEY not in site.options
    # no migration is left to finish, but the leftover green database can still be dropped
    world.failing.clear()
    assert world.json(capsys, "site", "migrate", "--finish", DOMAIN)["status"] == "succeeded"
    assert len(world.applied("/jobs/db-drop-shop-example-org-green")) == 2
    assert world.selector() == "blue"


def test_the_plans_clean_up_after_the_switch_only(world: World, capsys: pytest.CaptureFixture[str]) -> None:
    db = world.site().db_name

    def split(*argv: str) -> tuple[str, list[str]]:
        """The last step of the work of a plan printed by --dry-run, and its clean-up steps."""
        code, out, err = world.cli(capsys, *argv, "--dry-run")
        assert code == 0, err
        lines = [line.split(". ", 1)[1] for line in out.splitlines() if re.match(r"^ *\d+\. ", line)]
        cut = next(i for i, line in enumerate(lines) if line.endswith(" (clean-up)"))
        rest = [line.removesuffix(" (clean-up)") for line in lines[cut:]]
        assert all(line.endswith(" (clean-up)") for line in lines[cut:])
        return lines[cut - 1], rest

    moved = f"move the scheduled backups of {DOMAIN} to the green track (if it has them)"
    maintenance = f"delete Deployment {NAMESPACE}/maintenance, ConfigMap {NAMESPACE}/maintenance on k8s"
    assert split("site", "restore", DOMAIN, "--backup", "20250501-030000") == (
        moved,
        [
            maintenance,
            f"delete Deployment {NAMESPACE}/web-blue, ConfigMap {NAMESPACE}/config-blue, "
            f"PersistentVolumeClaim {NAMESPACE}/files-blue, Service {NAMESPACE}/web-blue on k8s",
            f"drop database {db}",
        ],
    )
    assert split("site", "migrate", DOMAIN, "--codebase", "wp-2") == (moved, [maintenance])


# -- a clone does not inherit a migration -------------------------------------------------------------


def test_a_clone_of_a_site_in_its_rollback_window_is_not_mid_migration(
    world: World, capsys: pytest.CaptureFixture[str]
) -> None:
    source = "blog.example.org"
    world.install(source, "k8s-s3")
    code, _out, err = world.cli(capsys, "site", "migrate", source, "--codebase", "wp-2")
    assert code == 0, err
    migrated = world.site(source)
    assert BLUE_KEY in migrated.options and MIGRATED_KEY in migrated.options

    code, _out, err = world.cli(capsys, "site", "clone", source, "copy.example.org")
    assert code == 0, err
    clone = world.site("copy.example.org")
    assert BLUE_KEY not in clone.options and MIGRATED_KEY not in clone.options
    assert clone.codebase == "wp-2" and clone.options["kubernetes.track"] == "blue"
    assert world.site(source) == migrated  # the source keeps its rollback window
    code, _out, err = world.cli(capsys, "site", "rollback", "copy.example.org")
    assert code == 2 and "no migration in its rollback window" in err
    with world.hosting() as h:
        h.store.set_setting("migrate_rollback_hours", "0")
        assert due_finishes(h) == [source]
    code, _out, err = world.cli(
        capsys, "site", "migrate", "copy.example.org", "--codebase", "wp-1", "--dry-run"
    )
    assert code == 0, err  # not refused as being in a rollback window


# -- unschedule: the cluster's schedule, then run-due's -------------------------------------------------


def test_unschedule_stops_the_clusters_schedule_first_then_run_dues(
    world: World, capsys: pytest.CaptureFixture[str]
) -> None:
    code, _out, err = world.cli(capsys, "backup", "unschedule", DOMAIN)
    assert code == 3 and "has no backup schedule" in err and not world.applied("/cronjobs/")
    world.json(capsys, "backup", "schedule", DOMAIN, "--cron", "0 3 * * *")
    world.json(capsys, "backup", "schedule", DOMAIN, "--every", "1d", "--keep", "daily=7")

    code, _out, err = world.cli(capsys, "backup", "unschedule", DOMAIN)
    assert code == 0, err
    assert "its cluster no longer backs it up" in err
    assert f"aegir backup unschedule {DOMAIN} --run-due" in err  # the other one, said so
    assert world.obj("CronJob", "backup") is None
    assert [r["run_by"] for r in world.json(capsys, "backup", "schedules")] == ["run-due"]

    done = world.json(capsys, "backup", "unschedule", DOMAIN)  # now the one run-due runs
    assert done == {"site": DOMAIN, "run_by": "run-due", "every": "1d", "keep": "daily=7"}
    assert world.json(capsys, "backup", "schedules") == []
    code, _out, err = world.cli(capsys, "backup", "unschedule", DOMAIN)
    assert code == 3 and "has no backup schedule" in err


def test_unschedule_run_due_leaves_the_clusters_schedule(
    world: World, capsys: pytest.CaptureFixture[str]
) -> None:
    world.json(capsys, "backup", "schedule", DOMAIN, "--cron", "0 3 * * *")
    code, _out, err = world.cli(capsys, "backup", "unschedule", DOMAIN, "--run-due")
    assert code == 3 and "that 'aegir backup run-due' runs" in err
    world.json(capsys, "backup", "schedule", DOMAIN, "--every", "6h", "--keep", "last=3")
    code, _out, err = world.cli(capsys, "backup", "unschedule", DOMAIN, "--run-due")
    assert code == 0 and "its server still backs it up at '0 3 * * *'" in err, err
    assert world.obj("CronJob", "backup") is not None
    assert [r["run_by"] for r in world.json(capsys, "backup", "schedules")] == ["cluster"]
