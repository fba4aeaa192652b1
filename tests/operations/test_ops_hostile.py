"""Restore from hostile and damaged backups: archives with absolute names, ``..``, links, devices or
fifos, and parts whose bytes differ from their manifest, are refused through the restore
operation itself, and the site is exactly as it was (record, database, directory, what it serves)."""

from __future__ import annotations

import io
import tarfile
import time
from pathlib import Path

import pytest
import zstandard
from ops_support import add_content, databases, install, option, page, site_dirs

from aegir.core import serialize
from aegir.core.archive import (
    DB_PART,
    FILES_PART,
    Manifest,
    PartInfo,
    SubjectInfo,
    manifest_bytes,
    new_backup_id,
)
from aegir.core.backup_steps import LoadDatabase
from aegir.core.errors import TaskError
from aegir.core.model import Backup, TaskStatus
from aegir.core.operations import backups, site_context
from aegir.core.plan import Plan
from aegir.core.steps import CreateDatabase, GenerateSecret
from aegir.hosting import Hosting

pytestmark = pytest.mark.services

DOMAIN = "safe.test"


@pytest.fixture(scope="module")
def site(hosting: Hosting) -> tuple[dict[str, str], Backup]:
    install(hosting, DOMAIN, "Safe Site")
    content = add_content(hosting, DOMAIN, "Untouched")
    hosting.run(backups.backup_plan(hosting, DOMAIN))
    return content, hosting.store.list_backups(DOMAIN)[0]


def _state(h: Hosting) -> tuple[object, ...]:
    status, body = page(h, DOMAIN, "/")
    return (
        h.store.get_site(DOMAIN),
        databases(h),
        site_dirs(h),
        option(h, DOMAIN, "aegir_test_marker"),
        status,
        "Safe Site" in body,
        len(h.store.list_backups()),
    )


def _member(
    name: str, kind: bytes = tarfile.REGTYPE, data: bytes = b"", link: str = ""
) -> tuple[tarfile.TarInfo, bytes]:
    info = tarfile.TarInfo(name)
    info.type = kind
    info.mode = 0o644
    info.size = len(data) if kind == tarfile.REGTYPE else 0
    info.linkname = link
    return info, data


def _tar(members: list[tuple[tarfile.TarInfo, bytes]]) -> bytes:
    buf = io.BytesIO()
    with tarfile.open(fileobj=buf, mode="w", format=tarfile.PAX_FORMAT) as tar:
        root = tarfile.TarInfo("files")
        root.type = tarfile.DIRTYPE
        root.mode = 0o775
        tar.addfile(root)
        for info, data in members:
            tar.addfile(info, io.BytesIO(data) if info.type == tarfile.REGTYPE else None)
    return buf.getvalue()


def _forge(h: Hosting, files_tar: bytes, real: Backup) -> Backup:
    """A complete backup (right checksums, manifest last) whose files part is ``files_tar`` and whose
    database part is a real one, recorded in the inventory like any backup of the site."""
    store = h.backup_store(real.store)
    moment = real.created.replace(microsecond=0)
    backup_id = new_backup_id(DOMAIN)
    parts = []
    with store.begin(backup_id) as pending:
        import hashlib

        with store.open_read(real.id, DB_PART) as source:
            db = source.read()
        files = zstandard.ZstdCompressor().compress(files_tar)
        for name, data in ((DB_PART, db), (FILES_PART, files)):
            with pending.open_write(name) as out:
                out.write(data)
            parts.append(PartInfo(name, len(data), hashlib.sha256(data).hexdigest()))
        manifest = Manifest(
            id=backup_id,
            subject=SubjectInfo(kind="site", subject=DOMAIN, site=DOMAIN),
            created=moment,
            completed=moment,
            aegir_version="test",
            parts=tuple(parts),
        )
        pending.publish(manifest_bytes(manifest))
    record = Backup(
        id=backup_id,
        site=DOMAIN,
        store=real.store,
        created=moment,
        size=manifest.size,
        manifest=serialize.unstructure(manifest),
    )
    h.store.save_backup(record)
    return record


def _hostile(outside: Path) -> list[tuple[str, list[tuple[tarfile.TarInfo, bytes]]]]:
    return [
        ("absolute path", [_member(str(outside / "abs"), data=b"owned")]),
        ("parent directory", [_member("../../evil", data=b"owned")]),
        ("nested escape", [_member("files/a/../../../evil", data=b"owned")]),
        ("symbolic link", [_member("files/passwd", tarfile.SYMTYPE, link="/etc/passwd")]),
        (
            "write through a link",
            [
                _member("files/up", tarfile.SYMTYPE, link=str(outside)),
                _member("files/up/evil", data=b"owned"),
            ],
        ),
        ("hard link", [_member("files/shadow", tarfile.LNKTYPE, link="/etc/shadow")]),
        ("character device", [_member("files/zero", tarfile.CHRTYPE)]),
        ("fifo", [_member("files/pipe", tarfile.FIFOTYPE)]),
    ]


@pytest.mark.parametrize("case", range(8), ids=[name for name, _ in _hostile(Path("/x"))])
def test_a_hostile_archive_is_refused_and_the_site_untouched(
    hosting: Hosting, site: tuple[dict[str, str], Backup], case: int
) -> None:
    outside = Path(hosting.home) / "outside"
    outside.mkdir(exist_ok=True)
    name, members = _hostile(outside)[case]
    # a harmless file first: the refusal comes mid-archive, after something was extracted
    forged = _forge(hosting, _tar([_member("files/ok.txt", data=b"fine"), *members]), site[1])
    before = _state(hosting)
    with pytest.raises(TaskError, match="refusing to restore") as info:
        hosting.run(backups.restore_plan(hosting, DOMAIN, backup_id=forged.id))
    assert _state(hosting) == before, name
    assert list(outside.iterdir()) == [] and not (Path(hosting.home) / "evil").exists()
    sites_root = Path(hosting.backend("web1").sites_root())
    assert not (sites_root / "evil").exists() and not (sites_root.parent / "evil").exists()
    assert hosting.store.get_task(info.value.task_id).status is TaskStatus.ROLLED_BACK


def test_a_damaged_backup_is_refused_before_anything_changes(
    hosting: Hosting, site: tuple[dict[str, str], Backup]
) -> None:
    time.sleep(1.1)
    hosting.run(backups.backup_plan(hosting, DOMAIN))
    damaged = hosting.store.list_backups(DOMAIN)[0]
    path = Path(hosting.backup_store(damaged.store).describe()) / damaged.id / DB_PART
    data = bytearray(path.read_bytes())
    data[len(data) // 2] ^= 0x01
    path.write_bytes(bytes(data))
    before = _state(hosting)
    with pytest.raises(TaskError, match=r"sha256 is [0-9a-f]{64}.*manifest records") as info:
        hosting.run(backups.restore_plan(hosting, DOMAIN, backup_id=damaged.id))
    assert _state(hosting) == before
    steps = hosting.store.task_steps(info.value.task_id)
    assert steps[0].kind == "verify-backup" and steps[0].state == "failed"
    assert all(s.state == "pending" for s in steps[1:])  # nothing else was even started
    with pytest.raises(TaskError, match="sha256"):
        hosting.run(backups.clone_plan(hosting, DOMAIN, "copy-of-damaged.test", backup_id=damaged.id))
    assert hosting.store.find_site("copy-of-damaged.test") is None


def test_a_part_damaged_after_the_check_fails_the_load_and_is_named(
    hosting: Hosting, site: tuple[dict[str, str], Backup]
) -> None:
    """The stream itself is checked: a load that reads a damaged part fails with the mismatch, and
    the database made for it is dropped by the rollback."""
    damaged = next(b for b in hosting.store.list_backups(DOMAIN) if b.id != site[1].id)
    db_server = hosting.store.get_site(DOMAIN).db_server
    assert db_server is not None
    steps = [
        GenerateSecret("test/load-check"),
        CreateDatabase(db_server, "s_load_check", "s_load_check", "test/load-check"),
        LoadDatabase(damaged.store, damaged.id, db_server, "s_load_check"),
    ]
    with pytest.raises(TaskError, match="sha256 is"):
        hosting.run(Plan("load-check", "load-check", tuple(steps)))
    assert "s_load_check" not in {r[0] for r in hosting.backend("web1").db_query(None, "SHOW DATABASES;")}
    ctx = site_context(hosting, hosting.store.get_site(DOMAIN))
    assert Path(ctx.site_dir).is_dir()
