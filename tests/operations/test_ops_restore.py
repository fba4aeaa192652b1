"""Backup and restore of real WordPress sites on a managed local server: point in time, in place,
into a new database and directory, the old copies dropped, another site untouched; and the
operations' guards (wrong site, wrong time, damaged or hostile backups leave the site as it was)."""

from __future__ import annotations

import os
import pwd
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from ops_support import (
    add_content,
    databases,
    install,
    option,
    page,
    set_marker,
    site_dirs,
    sql,
    upload_path,
)

from aegir.core.archive import BackupReader
from aegir.core.errors import NotFoundError, TaskError, ValidationError
from aegir.core.model import SiteStatus, TaskStatus
from aegir.core.operations import backups, site_context
from aegir.hosting import Hosting

pytestmark = pytest.mark.services


@pytest.fixture(scope="module")
def two_sites(hosting: Hosting) -> dict[str, dict[str, str]]:
    install(hosting, "blog.test", "Blog Site")
    install(hosting, "other.test", "Other Site")
    return {
        "blog.test": add_content(hosting, "blog.test", "Alpha"),
        "other.test": add_content(hosting, "other.test", "Neighbour"),
    }


def _post_title(h: Hosting, domain: str, post_id: str) -> str:
    query = f"SELECT post_title FROM wp_posts WHERE ID = {int(post_id)};"  # noqa: S608
    return sql(h, domain, query)[0][0]


def test_backup_records_a_complete_verified_backup(
    hosting: Hosting, two_sites: dict[str, dict[str, str]]
) -> None:
    task = hosting.run(backups.backup_plan(hosting, "blog.test"))
    assert task.status is TaskStatus.SUCCEEDED
    [backup] = hosting.store.list_backups("blog.test")
    assert backup.store == "local" and backup.kind == "site" and backup.size > 0
    manifest = BackupReader(hosting.backup_store("local"), backup.id).verify()
    subject = manifest.subject
    assert subject.site == "blog.test" and subject.codebase == "wp" and subject.app == "wordpress"
    assert subject.app_version and subject.package_digest and subject.package_digest.startswith("sha256:")
    assert subject.schema_version and subject.schema_version.isdigit()  # WordPress's db_version option
    assert subject.extra["url"].startswith("http://blog.test:")
    assert {p.name for p in manifest.parts} == {"db.sql.zst", "files.tar.zst"}
    # the uploaded file is in the files part, under the site directory's files/
    reader = BackupReader(hosting.backup_store("local"), backup.id)
    target = Path(hosting.home) / "check-extract"
    reader.extract_files(target)
    uploaded = Path(two_sites["blog.test"]["upload_file"])
    relative = uploaded.relative_to(site_context(hosting, hosting.store.get_site("blog.test")).site_dir)
    assert (target / relative).read_text() == "uploaded: Alpha"


def test_restore_at_an_earlier_time_brings_the_content_back(
    hosting: Hosting, two_sites: dict[str, dict[str, str]]
) -> None:
    blog = two_sites["blog.test"]
    time.sleep(1.1)  # backup times are to the second in ids; keep the two apart
    hosting.run(backups.backup_plan(hosting, "blog.test"))
    earlier = datetime.now(UTC)
    time.sleep(1.1)
    set_marker(hosting, "blog.test", blog["post"], "Beta")
    Path(blog["upload_file"]).write_text("changed after the backup")
    hosting.run(backups.backup_plan(hosting, "blog.test"))  # a later backup, not the one wanted
    assert option(hosting, "blog.test", "aegir_test_marker") == "Beta"
    before = hosting.store.get_site("blog.test")
    before_dir = site_context(hosting, before).site_dir
    neighbour = (databases(hosting), option(hosting, "other.test", "aegir_test_marker"))

    plan = backups.restore_plan(hosting, "blog.test", at=earlier)
    task = hosting.run(plan)
    assert task.status is TaskStatus.SUCCEEDED, task.error

    # the earlier content, through SQL and through the web server
    assert _post_title(hosting, "blog.test", blog["post"]) == "Alpha"
    assert option(hosting, "blog.test", "aegir_test_marker") == "Alpha"
    status, body = page(hosting, "blog.test", f"/?p={blog['post']}")
    assert status == 200 and "Alpha" in body and "Beta" not in body
    status, body = page(hosting, "blog.test", upload_path(blog["upload_url"]))
    assert status == 200 and body == "uploaded: Alpha"
    if os.geteuid() == 0:  # what PHP wrote is the web user's again; the directories as installed
        web = pwd.getpwnam("www-data")
        files = Path(site_context(hosting, hosting.store.get_site("blog.test")).files_dir)
        uploaded = next(p for p in files.rglob("*.txt") if p.read_text() == "uploaded: Alpha")
        assert (uploaded.stat().st_uid, uploaded.parent.stat().st_uid) == (web.pw_uid, web.pw_uid)
        assert (files.stat().st_uid, files.stat().st_gid, files.stat().st_mode & 0o777) == (
            0,
            web.pw_gid,
            0o775,
        )
    # a new database and directory; the old ones dropped by the clean-up steps
    after = hosting.store.get_site("blog.test")
    assert after.status is SiteStatus.ENABLED
    assert after.db_name != before.db_name and after.db_name in databases(hosting)
    assert before.db_name not in databases(hosting)
    assert after.options["site_dir"] != before_dir and Path(after.options["site_dir"]).is_dir()
    assert not Path(before_dir).exists()
    assert not hosting.secrets.exists("site/blog.test/db")
    # the other site is untouched
    assert neighbour[0] - {before.db_name} <= databases(hosting)
    assert option(hosting, "other.test", "aegir_test_marker") == "Neighbour"
    status, body = page(hosting, "other.test", "/")
    assert status == 200 and "Other Site" in body
    # the safety backup holds the state just before the restore
    safety = hosting.store.list_backups("blog.test")[0]
    reader = BackupReader(hosting.backup_store(safety.store), safety.id)
    with reader.open_part("db.sql.zst") as stream:
        assert b"Beta" in stream.read()
    # the task log says what happened, step by step
    log = "\n".join(line.message for line in hosting.store.task_log(task.id))
    assert "loaded from backup" in log and "health check of blog.test" in log


def test_restore_twice_and_a_verify_afterwards(
    hosting: Hosting, two_sites: dict[str, dict[str, str]]
) -> None:
    blog = two_sites["blog.test"]
    set_marker(hosting, "blog.test", blog["post"], "Gamma")
    first = hosting.store.get_site("blog.test")
    [oldest] = sorted(hosting.store.list_backups("blog.test"), key=lambda b: b.created)[:1]
    task = hosting.run(backups.restore_plan(hosting, "blog.test", backup_id=oldest.id))
    assert task.status is TaskStatus.SUCCEEDED
    assert _post_title(hosting, "blog.test", blog["post"]) == "Alpha"
    second = hosting.store.get_site("blog.test")
    assert not Path(first.options["site_dir"]).exists() and first.db_name not in databases(hosting)
    from aegir.core.operations import sites

    assert hosting.run(sites.verify_plan(hosting, "blog.test")).status is TaskStatus.SUCCEEDED
    assert hosting.store.get_site("blog.test").options == second.options


def test_restore_refuses_what_it_cannot_do(hosting: Hosting, two_sites: dict[str, dict[str, str]]) -> None:
    other = backups.backup_plan(hosting, "other.test")
    hosting.run(other)
    other_id = hosting.store.list_backups("other.test")[0].id
    with pytest.raises(ValidationError, match=r"not of site 'blog\.test'.*clone"):
        backups.restore_plan(hosting, "blog.test", backup_id=other_id)
    with pytest.raises(NotFoundError, match="no backup at or before"):
        backups.restore_plan(hosting, "blog.test", at=datetime(2001, 1, 1, tzinfo=UTC))
    with pytest.raises(ValidationError, match="not both"):
        backups.restore_plan(hosting, "blog.test", backup_id=other_id, at=datetime.now(UTC))
    with pytest.raises(NotFoundError):
        backups.restore_plan(hosting, "blog.test", backup_id="no-such-backup")


def test_at_times_are_utc_unless_an_offset_is_given() -> None:
    assert backups.parse_at("2025-01-31T14:00") == datetime(2025, 1, 31, 14, tzinfo=UTC)
    assert backups.parse_at("2025-01-31T14:00:00Z") == datetime(2025, 1, 31, 14, tzinfo=UTC)
    assert backups.parse_at("2025-01-31T16:00+02:00") == datetime(2025, 1, 31, 14, tzinfo=UTC)
    assert backups.parse_at("2025-01-31") == datetime(2025, 1, 31, tzinfo=UTC)
    for bad in ("yesterday", "31/01/2025", "", "2025-13-01"):
        with pytest.raises(ValidationError, match="ISO 8601"):
            backups.parse_at(bad)


def test_a_failed_health_check_puts_the_site_back(
    hosting: Hosting, two_sites: dict[str, dict[str, str]]
) -> None:
    """The restored copy answers, but not with the site's title: every step is undone."""
    blog = two_sites["blog.test"]
    set_marker(hosting, "blog.test", blog["post"], "Delta")
    hosting.run(backups.backup_plan(hosting, "blog.test"))
    wanted = hosting.store.list_backups("blog.test")[0]
    sql(
        hosting, "blog.test", "UPDATE wp_options SET option_value = 'Renamed' WHERE option_name = 'blogname';"
    )
    hosting.run(backups.backup_plan(hosting, "blog.test"))
    broken = hosting.store.list_backups("blog.test")[0]  # its pages show 'Renamed', not 'Blog Site'
    sql(
        hosting,
        "blog.test",
        "UPDATE wp_options SET option_value = 'Blog Site' WHERE option_name = 'blogname';",
    )
    assert wanted.id != broken.id
    before = hosting.store.get_site("blog.test")
    dbs, dirs, count = databases(hosting), site_dirs(hosting), len(hosting.store.list_backups())
    with pytest.raises(TaskError, match=r"health check|not healthy") as info:
        hosting.run(backups.restore_plan(hosting, "blog.test", backup_id=broken.id))
    assert hosting.store.get_site("blog.test") == before
    assert databases(hosting) == dbs and site_dirs(hosting) == dirs
    assert len(hosting.store.list_backups()) == count  # the safety backup went with the rollback
    status, body = page(hosting, "blog.test", f"/?p={blog['post']}")
    assert status == 200 and "Delta" in body  # served again, not in maintenance
    task = hosting.store.get_task(info.value.task_id)
    assert task.status is TaskStatus.ROLLED_BACK
    log = "\n".join(line.message for line in hosting.store.task_log(task.id))
    assert "not healthy" in log and "undone" in log
    assert wanted.created < datetime.now(UTC) + timedelta(seconds=1)


def test_a_disabled_site_is_restored_and_stays_disabled(
    hosting: Hosting, two_sites: dict[str, dict[str, str]]
) -> None:
    from aegir.core.operations import sites

    blog = two_sites["blog.test"]
    set_marker(hosting, "blog.test", blog["post"], "Before disabling")
    hosting.run(backups.backup_plan(hosting, "blog.test"))
    set_marker(hosting, "blog.test", blog["post"], "Changed while disabled")
    hosting.run(sites.disable_plan(hosting, "blog.test"))
    task = hosting.run(backups.restore_plan(hosting, "blog.test"))  # the newest backup
    assert task.status is TaskStatus.SUCCEEDED, task.error
    assert hosting.store.get_site("blog.test").status is SiteStatus.DISABLED
    assert page(hosting, "blog.test", "/")[0] == 503
    assert _post_title(hosting, "blog.test", blog["post"]) == "Before disabling"
    hosting.run(sites.enable_plan(hosting, "blog.test"))
    status, body = page(hosting, "blog.test", f"/?p={blog['post']}")
    assert status == 200 and "Before disabling" in body
