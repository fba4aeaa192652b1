"""The local-directory backup store: atomic parts, manifest last, listing, cleanup of cut-off backups."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
import time
from datetime import UTC, datetime, timedelta
from io import BytesIO
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from aegir.core.errors import AegirError, BackendError, ConflictError, NotFoundError, ValidationError
from aegir.core.storage import MANIFEST, LocalDirStore, check_backup_id, check_part_name

REPO = Path(__file__).resolve().parents[2]


@pytest.fixture
def store(tmp_path: Path) -> LocalDirStore:
    return LocalDirStore({"path": str(tmp_path / "backups")})


def _publish(store: LocalDirStore, backup_id: str, parts: dict[str, bytes]) -> None:
    with store.begin(backup_id) as pending:
        for name, data in parts.items():
            pending.put(name, BytesIO(data))
        pending.publish(b'{"manifest": true}')


def test_a_published_backup_is_listed_with_its_parts(store: LocalDirStore) -> None:
    _publish(store, "b1", {"db.sql.zst": b"dump", "files.tar.zst": b"tar" * 1000})
    [listed] = store.list_backups()
    assert listed.id == "b1" and listed.complete
    assert listed.size == 4 + 3000 + len(b'{"manifest": true}')
    with store.open_read("b1", "files.tar.zst") as f:
        assert f.read() == b"tar" * 1000
    assert store.read_manifest_bytes("b1") == b'{"manifest": true}'
    assert store.has_backup("b1")
    # No temporary or lock file is left beside the parts.
    assert sorted(p.name for p in (store.root / "b1").iterdir()) == ["db.sql.zst", "files.tar.zst", MANIFEST]


def test_a_backup_is_not_listed_until_its_manifest_is_written(store: LocalDirStore) -> None:
    with store.begin("b1") as pending:
        pending.put("db.sql.zst", BytesIO(b"dump"))
        assert store.list_backups() == []
        [entry] = store.entries()
        assert entry.id == "b1" and not entry.complete
        assert not store.has_backup("b1")
        pending.publish(b"{}")
        assert [b.id for b in store.list_backups()] == ["b1"]


def test_a_part_appears_under_its_name_only_once_complete(store: LocalDirStore) -> None:
    with store.begin("b1") as pending:
        with pending.open_write("db.sql.zst") as out:
            out.write(b"x" * 100)
            names = [p.name for p in (store.root / "b1").iterdir()]
            assert "db.sql.zst" not in names
            assert any(n.startswith(".db.sql.zst.") and n.endswith(".tmp") for n in names)
        assert (store.root / "b1" / "db.sql.zst").is_file()
        pending.publish(b"{}")


def test_a_failed_part_leaves_no_file_and_the_failed_backup_is_removed(store: LocalDirStore) -> None:
    with pytest.raises(RuntimeError, match="dump failed"), store.begin("b1") as pending:
        pending.put("ok.part", BytesIO(b"fine"))
        with pending.open_write("db.sql.zst") as out:
            out.write(b"half")
            assert [p for p in (store.root / "b1").iterdir() if p.name.endswith(".tmp")]
            raise RuntimeError("dump failed")
    assert not (store.root / "b1").exists()
    assert store.entries() == []


def test_leaving_without_publishing_is_an_error_and_removes_the_backup(store: LocalDirStore) -> None:
    with pytest.raises(AegirError, match="never published"), store.begin("b1") as pending:
        pending.put("db.sql.zst", BytesIO(b"dump"))
    assert store.entries() == []


def test_ids_parts_and_the_reserved_manifest_name(store: LocalDirStore) -> None:
    _publish(store, "b1", {"a": b"1"})
    with pytest.raises(ConflictError, match="b1"), store.begin("b1"):
        pass
    # The conflicting attempt did not damage the existing backup.
    assert store.has_backup("b1")
    with store.begin("b2") as pending:
        with pytest.raises(ValidationError, match="reserved"):
            pending.open_write(MANIFEST)
        with pytest.raises(ValidationError, match="part name"):
            pending.open_write("../escape")
        pending.publish(b"{}")
        with pytest.raises(ConflictError, match="published already"):
            pending.open_write("late")
    for bad in ("../x", ".hidden", "UPPER", "a/b", "", "a..b"):
        with pytest.raises(ValidationError):
            check_backup_id(bad)
    with pytest.raises(NotFoundError, match="no part"), store.open_read("b1", "missing"):
        pass


@given(st.text(max_size=300) | st.binary(max_size=50) | st.integers() | st.none())
def test_id_and_part_validators_only_accept_plain_names(value: object) -> None:
    for check in (check_backup_id, check_part_name):
        try:
            accepted = check(value)
        except ValidationError:
            continue
        assert isinstance(accepted, str)
        assert "/" not in accepted and "\x00" not in accepted and ".." not in accepted
        assert not accepted.startswith(".") and accepted == accepted.lower()


def test_config_needs_an_absolute_path() -> None:
    for bad in ({}, {"path": "relative/dir"}, {"path": ""}):
        with pytest.raises(ValidationError, match="absolute 'path'"):
            LocalDirStore(bad)


def test_delete_is_idempotent_and_free_space_is_known(store: LocalDirStore) -> None:
    _publish(store, "b1", {"a": b"1"})
    store.delete_backup("b1")
    store.delete_backup("b1")
    assert store.entries() == []
    free = store.free_space()
    assert isinstance(free, int) and free > 0


def test_cleanup_respects_the_grace_period_and_never_touches_complete_backups(store: LocalDirStore) -> None:
    _publish(store, "done", {"a": b"1"})
    # An abandoned backup: its directory and a part, no manifest, no writer alive.
    (store.root / "abandoned").mkdir()
    (store.root / "abandoned" / "db.sql.zst").write_bytes(b"half")
    assert store.cleanup_incomplete() == []  # younger than the default grace period
    later = datetime.now(UTC) + timedelta(hours=2)
    assert store.cleanup_incomplete(now=later) == ["abandoned"]
    assert [b.id for b in store.entries()] == ["done"]
    # Asking for a complete backup by id does not remove it either.
    assert store.cleanup_incomplete(ids=["done"]) == []
    assert store.has_backup("done")


def test_cleanup_leaves_a_backup_that_is_still_being_written(store: LocalDirStore) -> None:
    with store.begin("live") as pending:
        pending.put("db.sql.zst", BytesIO(b"dump"))
        later = datetime.now(UTC) + timedelta(days=1)
        assert store.cleanup_incomplete(older_than=timedelta(0), now=later) == []
        pending.publish(b"{}")
    assert store.has_backup("live")


_KILLED_WRITER = textwrap.dedent(
    """
    import sys, time
    from io import BytesIO
    from aegir.core.storage import LocalDirStore
    store = LocalDirStore({"path": sys.argv[1]})
    with store.begin("killed") as pending:
        pending.put("db.sql.zst", BytesIO(b"complete part"))
        with pending.open_write("files.tar.zst") as out:
            out.write(b"half of the files")
            print("writing", flush=True)
            time.sleep(60)
    """
)


def test_a_writer_killed_halfway_leaves_an_unlisted_backup_that_cleanup_removes(store: LocalDirStore) -> None:
    with subprocess.Popen(
        [sys.executable, "-c", _KILLED_WRITER, str(store.root)],
        stdout=subprocess.PIPE,
        env={**os.environ, "PYTHONPATH": str(REPO / "src")},
    ) as proc:
        try:
            assert proc.stdout is not None
            assert proc.stdout.readline() == b"writing\n"
            # While the writer lives, even an immediate cleanup leaves its backup alone.
            assert store.cleanup_incomplete(older_than=timedelta(0)) == []
        finally:
            os.kill(proc.pid, signal.SIGKILL)
            proc.wait(timeout=10)
    assert proc.returncode == -signal.SIGKILL
    assert store.list_backups() == []
    [entry] = store.entries()
    assert entry.id == "killed" and not entry.complete
    assert store.cleanup_incomplete(older_than=timedelta(0)) == ["killed"]
    assert not (store.root / "killed").exists()


def test_cleanup_of_explicit_ids(store: LocalDirStore) -> None:
    for name in ("cut1", "cut2"):
        (store.root / name).mkdir(parents=True)
    assert store.cleanup_incomplete(ids=["cut2"]) == ["cut2"]
    assert [e.id for e in store.entries()] == ["cut1"]


def test_an_unwritable_store_says_where(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("not a directory")
    store = LocalDirStore({"path": str(blocker / "backups")})
    with pytest.raises(BackendError, match=str(blocker)), store.begin("b1"):
        pass


def test_modified_time_follows_the_newest_write(store: LocalDirStore) -> None:
    (store.root / "cut").mkdir(parents=True)
    old = time.time() - 7200
    os.utime(store.root / "cut", (old, old))
    part = store.root / "cut" / "db.sql.zst"
    part.write_bytes(b"x")
    [entry] = store.entries()
    assert entry.modified > datetime.now(UTC) - timedelta(minutes=5)
