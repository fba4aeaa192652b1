"""The SFTP backup store against a real sshd on 127.0.0.1: atomic parts, listing, host keys."""

from __future__ import annotations

import os
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from io import BytesIO
from pathlib import Path

import pytest

from aegir.backends.ssh.store import SftpStore
from aegir.core.archive import DB_PART, FILES_PART, BackupReader, SubjectInfo, create_backup
from aegir.core.errors import BackendError, ConflictError, ValidationError
from aegir.core.secrets import SecretStore
from ports import free_port

from ._sshd import Sshd, keygen

pytestmark = pytest.mark.services

SUBJECT = SubjectInfo(kind="site", subject="remote.example", site="remote.example")


def _config(sshd: Sshd, remote: Path, **extra: str) -> dict[str, str]:
    return {
        "host": "127.0.0.1",
        "port": str(sshd.port),
        "user": sshd.user,
        "path": str(remote),
        "key": str(sshd.client_key),
        **extra,
    }


@pytest.fixture
def home(tmp_path: Path) -> Path:
    path = tmp_path / "home"
    path.mkdir()
    return path


@pytest.fixture
def store(sshd: Sshd, tmp_path: Path, home: Path) -> Iterator[SftpStore]:
    with SftpStore(_config(sshd, tmp_path / "remote" / "backups"), SecretStore(home / "secrets")) as s:
        yield s


def _host_line(sshd: Sshd) -> str:
    kind, key = sshd.host_key.with_suffix(".pub").read_text().split()[:2]
    return f"[127.0.0.1]:{sshd.port} {kind} {key}"


def test_first_connection_records_the_host_key_in_the_home(store: SftpStore, sshd: Sshd, home: Path) -> None:
    assert store.entries() == []
    recorded = (home / "known_hosts").read_text().strip()
    assert recorded == _host_line(sshd)
    assert (home / "known_hosts").stat().st_mode & 0o777 == 0o600
    # A new connection checks against what was recorded, and passes.
    store.close()
    assert store.entries() == []


def test_a_changed_host_key_is_refused(sshd: Sshd, tmp_path: Path) -> None:
    other = keygen(tmp_path / "impostor")
    kind, key = other.with_suffix(".pub").read_text().split()[:2]
    known = tmp_path / "known_hosts"
    known.write_text(f"[127.0.0.1]:{sshd.port} {kind} {key}\n")
    for policy in ("known", "trust-on-first-use"):
        config = _config(sshd, tmp_path / "remote", known_hosts=str(known), host_key_policy=policy)
        with SftpStore(config) as s, pytest.raises(BackendError, match="CHANGED") as caught:
            s.entries()
        assert str(sshd.port) in str(caught.value)
    assert known.read_text() == f"[127.0.0.1]:{sshd.port} {kind} {key}\n"


def test_an_unknown_host_is_refused_when_a_known_hosts_file_is_given(sshd: Sshd, tmp_path: Path) -> None:
    known = tmp_path / "known_hosts"
    known.write_text("")
    with (
        SftpStore(_config(sshd, tmp_path / "remote", known_hosts=str(known))) as s,
        pytest.raises(BackendError, match="is not in"),
    ):
        s.entries()
    assert known.read_text() == ""
    known.write_text(_host_line(sshd) + "\n")
    with SftpStore(_config(sshd, tmp_path / "remote", known_hosts=str(known))) as s:
        assert s.entries() == []


def test_a_key_the_server_does_not_accept(sshd: Sshd, tmp_path: Path, home: Path) -> None:
    stranger = keygen(tmp_path / "stranger")
    config = _config(sshd, tmp_path / "remote", key=str(stranger))
    with (
        SftpStore(config, SecretStore(home / "secrets")) as s,
        pytest.raises(BackendError, match="refused the key"),
    ):
        s.entries()


def test_an_unreachable_server(sshd: Sshd, tmp_path: Path, home: Path) -> None:
    config = {**_config(sshd, tmp_path / "remote"), "port": str(free_port())}
    with (
        SftpStore(config, SecretStore(home / "secrets")) as s,
        pytest.raises(BackendError, match="cannot reach"),
    ):
        s.entries()


def test_config_is_checked(sshd: Sshd, tmp_path: Path) -> None:
    good = _config(sshd, tmp_path / "remote", known_hosts=str(tmp_path / "kh"))
    for change, message in (
        ({"host": ""}, "host"),
        ({"port": "ssh"}, "port"),
        ({"port": "70000"}, "port"),
        ({"path": "relative"}, "absolute 'path'"),
        ({"path": "/srv/../etc"}, "absolute 'path'"),
        ({"key": ""}, "key"),
        ({"host_key_policy": "accept-anything"}, "host_key_policy"),
    ):
        with pytest.raises(ValidationError, match=message):
            SftpStore({**good, **change})
    with pytest.raises(ValidationError, match="known_hosts"):
        SftpStore({k: v for k, v in good.items() if k != "known_hosts"})


def test_a_whole_backup_round_trips_over_sftp(store: SftpStore, tmp_path: Path) -> None:
    site = tmp_path / "site"
    (site / "files" / "2024").mkdir(parents=True)
    (site / "files" / "2024" / "photo.jpg").write_bytes(os.urandom(3 << 20))
    (site / "files" / "notes.txt").write_text("remote notes")
    dump = os.urandom(10 << 20)  # more than one read window
    with create_backup(store, SUBJECT) as backup:
        backup.write_from(DB_PART, lambda out: out.write(dump))
        backup.write_files(FILES_PART, site, ["files"])
        manifest = backup.publish()
    [listed] = store.list_backups()
    assert listed.id == manifest.id and listed.size > manifest.size  # parts plus the manifest itself
    reader = BackupReader(store, manifest.id)
    assert reader.verify() == manifest
    reader.extract_files(tmp_path / "restored")
    assert (tmp_path / "restored" / "files" / "notes.txt").read_text() == "remote notes"
    assert (tmp_path / "restored" / "files" / "2024" / "photo.jpg").read_bytes() == (
        site / "files" / "2024" / "photo.jpg"
    ).read_bytes()
    with reader.open_part(DB_PART) as stream:
        assert stream.read() == dump
    # The files on the server are the parts and the manifest, nothing else.
    remote = tmp_path / "remote" / "backups" / manifest.id
    assert sorted(p.name for p in remote.iterdir()) == sorted([DB_PART, FILES_PART, "manifest.json"])
    assert all(p.stat().st_mode & 0o777 == 0o600 for p in remote.iterdir())


def test_parts_and_backups_appear_only_when_complete(store: SftpStore, tmp_path: Path) -> None:
    remote = tmp_path / "remote" / "backups"
    with store.begin("b1") as pending:
        with pending.open_write(DB_PART) as out:
            out.write(b"x" * 100_000)
            out.flush()
            names = [p.name for p in (remote / "b1").iterdir()]
            assert DB_PART not in names and any(n.endswith(".tmp") for n in names)
        assert (remote / "b1" / DB_PART).read_bytes() == b"x" * 100_000
        assert store.list_backups() == []
        assert [e.id for e in store.entries() if not e.complete] == ["b1"]
        pending.publish(b"{}")
    assert [b.id for b in store.list_backups()] == ["b1"]
    with pytest.raises(ConflictError, match="exists already"), store.begin("b1"):
        pass


def test_a_failed_backup_is_removed_from_the_server(store: SftpStore, tmp_path: Path) -> None:
    with pytest.raises(RuntimeError, match="boom"), store.begin("b2") as pending:
        pending.put(DB_PART, BytesIO(b"dump"))
        with pending.open_write(FILES_PART) as out:
            out.write(b"half")
            raise RuntimeError("boom")
    assert not (tmp_path / "remote" / "backups" / "b2").exists()


def test_cleanup_and_delete(store: SftpStore, tmp_path: Path) -> None:
    remote = tmp_path / "remote" / "backups"
    with store.begin("kept") as pending:
        pending.put(DB_PART, BytesIO(b"dump"))
        pending.publish(b"{}")
    (remote / "cut-off").mkdir()
    (remote / "cut-off" / ".db.sql.zst.1.abcd.tmp").write_bytes(b"half")
    assert store.cleanup_incomplete() == []  # within the grace period
    later = datetime.now(UTC) + timedelta(hours=2)
    assert store.cleanup_incomplete(now=later) == ["cut-off"]
    assert [e.id for e in store.entries()] == ["kept"]
    store.delete_backup("kept")
    store.delete_backup("kept")
    assert store.entries() == []
    assert store.free_space() is None
