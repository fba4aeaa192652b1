"""Clones of a real WordPress site: from the live site and from a backup, each with its own
database, user and files, served under the new domain with the old URL replaced everywhere
(inside PHP-serialized option values too), the original untouched; a deleted site cloned back
from the last backup its deletion kept; and a clone of a site in the rollback window of a migration
is not mid-migration itself."""

from __future__ import annotations

import re
import time
from datetime import UTC, datetime
from pathlib import Path

import attrs
import pytest
from ops_support import add_content, databases, install, option, page, set_marker, sql, upload_path, wp_php

from aegir.core import serialize
from aegir.core.errors import ConflictError, NotFoundError, TaskLocked
from aegir.core.model import SiteStatus, TaskStatus
from aegir.core.operations import backups, site_context, sites
from aegir.core.operations.migrate import BLUE_KEY, MIGRATED_KEY
from aegir.core.steps import SaveSite
from aegir.hosting import Hosting

pytestmark = pytest.mark.services


@pytest.fixture(scope="module")
def source(hosting: Hosting) -> dict[str, str]:
    install(hosting, "shop.test", "Shop Site")
    return add_content(hosting, "shop.test", "Original")


def _url(h: Hosting, domain: str) -> str:
    return site_context(h, h.store.get_site(domain)).url.rstrip("/")


def _serialized_links(h: Hosting, domain: str) -> dict[str, object]:
    out = wp_php(h, domain, "echo json_encode(get_option('aegir_test_links'));")
    import json

    value: dict[str, object] = json.loads(out.strip().splitlines()[-1])
    return value


def test_a_clone_of_the_live_site_holds_its_lock(hosting: Hosting, source: dict[str, str]) -> None:
    live = backups.clone_plan(hosting, "shop.test", "held.test")
    assert live.also_locks == ("shop.test",)
    hosting.run(backups.backup_plan(hosting, "shop.test"))
    latest = hosting.store.list_backups("shop.test")[0]
    from_backup = backups.clone_plan(hosting, "shop.test", "held.test", backup_id=latest.id)
    assert from_backup.also_locks == ()  # a backup is read, not the site
    with hosting.runner.target_lock("shop.test"), pytest.raises(TaskLocked, match=r"shop\.test"):
        hosting.run(live)
    assert hosting.store.find_site("held.test") is None


def test_clone_of_the_live_site(hosting: Hosting, source: dict[str, str]) -> None:
    old_url, before = _url(hosting, "shop.test"), option(hosting, "shop.test", "aegir_test_links")
    task = hosting.run(backups.clone_plan(hosting, "shop.test", "copy.test"))
    assert task.status is TaskStatus.SUCCEEDED, task.error
    clone, original = hosting.store.get_site("copy.test"), hosting.store.get_site("shop.test")
    new_url = _url(hosting, "copy.test")
    # its own database, user, secrets and directory
    assert clone.status is SiteStatus.ENABLED and clone.db_name not in (None, original.db_name)
    assert clone.db_user == clone.db_name and {clone.db_name, original.db_name} <= databases(hosting)
    assert hosting.secrets.get("site/copy.test/db") != hosting.secrets.get("site/shop.test/db")
    assert hosting.secrets.get("site/copy.test/admin") == hosting.secrets.get("site/shop.test/admin")
    clone_dir = site_context(hosting, clone).site_dir
    assert clone_dir != site_context(hosting, original).site_dir and Path(clone_dir, "files").is_dir()
    # served under the new domain, with the content and the uploaded file
    status, body = page(hosting, "copy.test", f"/?p={source['post']}")
    assert status == 200 and "Original" in body and "Shop Site" in body
    assert new_url in body and old_url not in body
    status, body = page(hosting, "copy.test", upload_path(source["upload_url"]).replace("shop", "shop"))
    assert status == 200 and body == "uploaded: Original"
    # the URL replaced in every table, serialized values included (PHP reads them back)
    assert option(hosting, "copy.test", "home") == new_url
    links = _serialized_links(hosting, "copy.test")
    assert links["home"] == new_url + "/about/" and links["nested"] == {"logo": new_url + "/logo.png", "n": 3}
    raw = option(hosting, "copy.test", "aegir_test_links")
    assert old_url.split("//")[1] not in raw
    assert re.search(r's:\d+:"' + re.escape(new_url) + '/about/"', raw)
    # the original untouched
    assert option(hosting, "shop.test", "aegir_test_links") == before
    assert option(hosting, "shop.test", "home") == old_url
    status, body = page(hosting, "shop.test", f"/?p={source['post']}")
    assert status == 200 and "Original" in body and old_url in body
    # writes to the clone stay in the clone
    set_marker(hosting, "copy.test", source["post"], "Changed in the copy")
    query = f"SELECT post_title FROM wp_posts WHERE ID = {int(source['post'])};"  # noqa: S608
    assert sql(hosting, "shop.test", query) == [("Original",)]


def test_clone_from_a_backup_at_a_time(hosting: Hosting, source: dict[str, str]) -> None:
    hosting.run(backups.backup_plan(hosting, "shop.test"))
    at = datetime.now(UTC)
    time.sleep(1.1)
    set_marker(hosting, "shop.test", source["post"], "Later")
    task = hosting.run(backups.clone_plan(hosting, "shop.test", "past.test", at=at))
    assert task.status is TaskStatus.SUCCEEDED, task.error
    status, body = page(hosting, "past.test", f"/?p={source['post']}")
    assert status == 200 and "Original" in body and "Later" not in body
    assert _serialized_links(hosting, "past.test")["home"] == _url(hosting, "past.test") + "/about/"
    status, body = page(hosting, "shop.test", f"/?p={source['post']}")
    assert "Later" in body  # the source keeps its own state


def test_clone_refuses_a_taken_domain(hosting: Hosting, source: dict[str, str]) -> None:
    with pytest.raises(ConflictError, match="exists already"):
        backups.clone_plan(hosting, "shop.test", "copy.test")
    with pytest.raises(NotFoundError, match=r"no site 'gone\.test'"):
        backups.clone_plan(hosting, "gone.test", "new.test")


def test_deleting_keeps_the_last_backup_and_a_clone_brings_the_site_back(
    hosting: Hosting, source: dict[str, str]
) -> None:
    install(hosting, "temp.test", "Temporary Site")
    content = add_content(hosting, "temp.test", "Keepsake")
    task = hosting.run(sites.delete_plan(hosting, "temp.test"))
    assert task.status is TaskStatus.SUCCEEDED
    assert hosting.store.find_site("temp.test") is None
    [last] = hosting.store.list_backups("temp.test")  # taken by the delete, kept after it
    assert page(hosting, "temp.test")[0] == 404
    task = hosting.run(backups.clone_plan(hosting, "temp.test", "revived.test", backup_id=last.id))
    assert task.status is TaskStatus.SUCCEEDED, task.error
    status, body = page(hosting, "revived.test", f"/?p={content['post']}")
    assert status == 200 and "Keepsake" in body and "Temporary Site" in body
    assert option(hosting, "revived.test", "siteurl") == _url(hosting, "revived.test")


def test_a_clone_does_not_inherit_the_sources_migration(hosting: Hosting, source: dict[str, str]) -> None:
    hosting.run(backups.backup_plan(hosting, "shop.test"))  # to clone from, too
    # the source as a migration leaves it for its rollback window: blue's record and the time
    live = hosting.store.get_site("shop.test")
    blue = attrs.evolve(live, codebase="older")
    window = {BLUE_KEY: serialize.dumps(blue), MIGRATED_KEY: "2026-11-27T12:00:00+00:00", "kept": "yes"}
    hosting.store.save_site(attrs.evolve(live, options={**live.options, **window}))
    try:
        for plan in (
            backups.clone_plan(hosting, "shop.test", "twin.test"),
            backups.clone_plan(hosting, "shop.test", "twin.test", at=datetime.now(UTC)),
        ):
            saved = [s.site for s in plan.steps if isinstance(s, SaveSite)]
            assert saved and all(s.domain == "twin.test" for s in saved)
            for site in saved:
                assert BLUE_KEY not in site.options and MIGRATED_KEY not in site.options
                assert site.options["kept"] == "yes"  # other options are copied
                assert "site_dir" not in site.options and "db_secret" not in site.options
    finally:
        hosting.store.save_site(live)
