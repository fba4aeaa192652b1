"""A site's backups in a remote store over SFTP (a real sshd on 127.0.0.1 with key login): backed up
there as the site's configured store, verified, restored in place and cloned from it."""

from __future__ import annotations

import sys
import time
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import attrs
import pytest
from ops_support import add_content, install, option, page, set_marker

from aegir.core.archive import BackupReader
from aegir.core.model import TaskStatus
from aegir.core.operations import backups
from aegir.hosting import Hosting

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "backends" / "ssh"))
from _sshd import Sshd, running_sshd  # the SFTP store tests' own sshd helper

pytestmark = pytest.mark.services

DOMAIN = "remote.test"


@pytest.fixture(scope="module")
def sshd(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Sshd]:
    with running_sshd(tmp_path_factory.mktemp("sshd")) as server:
        yield server


@pytest.fixture(scope="module")
def remote(hosting: Hosting, sshd: Sshd) -> Path:
    path = sshd.workdir / "offsite-backups"
    hosting.add_backup_store(
        "offsite",
        {
            "kind": "sftp",
            "host": "127.0.0.1",
            "port": str(sshd.port),
            "user": sshd.user,
            "path": str(path),
            "key": str(sshd.client_key),
        },
    )
    return path


def test_backups_kept_over_sftp_restore_and_clone(hosting: Hosting, remote: Path) -> None:
    install(hosting, DOMAIN, "Remote Site")
    content = add_content(hosting, DOMAIN, "Kept offsite")
    site = hosting.store.get_site(DOMAIN)
    hosting.store.save_site(attrs.evolve(site, backup_store="offsite"))  # the site's designated store

    task = hosting.run(backups.backup_plan(hosting, DOMAIN))
    assert task.status is TaskStatus.SUCCEEDED
    [backup] = hosting.store.list_backups(DOMAIN)
    assert backup.store == "offsite" and (remote / backup.id / "manifest.json").is_file()
    assert not (Path(hosting.home) / "backups" / backup.id).exists()
    BackupReader(hosting.backup_store("offsite"), backup.id).verify()

    at = datetime.now(UTC)
    time.sleep(1.1)
    set_marker(hosting, DOMAIN, content["post"], "Changed locally")
    task = hosting.run(backups.restore_plan(hosting, DOMAIN, at=at))
    assert task.status is TaskStatus.SUCCEEDED, task.error
    assert option(hosting, DOMAIN, "aegir_test_marker") == "Kept offsite"
    status, body = page(hosting, DOMAIN, f"/?p={content['post']}")
    assert status == 200 and "Kept offsite" in body
    safety = hosting.store.list_backups(DOMAIN)[0]
    assert safety.store == "offsite" and (remote / safety.id / "db.sql.zst").is_file()

    task = hosting.run(backups.clone_plan(hosting, DOMAIN, "remote-copy.test", backup_id=backup.id))
    assert task.status is TaskStatus.SUCCEEDED, task.error
    status, body = page(hosting, "remote-copy.test", f"/?p={content['post']}")
    assert status == 200 and "Kept offsite" in body and "remote-copy.test" in body
