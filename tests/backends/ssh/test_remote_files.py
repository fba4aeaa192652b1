"""Site files of a server over SSH backed up and restored where they are: on the server.

The sshd runs in a mount namespace of its own with an empty tmpfs over the server's directory
(``_sshd.running_sshd(private=...)``), so the server's sites are not at the same path for this
process: a backup that read this machine, or a restore that wrote it, would show. Without root
(no ``unshare -m``) the sshd is a plain one sharing this file system; every test still runs and
checks what it reads back over SSH, only the "not here" checks are then left out.

The steps run for real (BackupSite, RestoreFiles, RestoreSite, a local-dir store), each through
the step runner's context as the task runner gives it: ``backend(server)`` and ``backup_store``.
"""

from __future__ import annotations

import hashlib
import io
import os
import shutil
import tarfile
import tempfile
import threading
import time
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest
import zstandard

from aegir.backends.ssh import SshBackend
from aegir.core.archive import (
    FILES_PART,
    BackupReader,
    Manifest,
    PartInfo,
    SubjectInfo,
    manifest_bytes,
    new_backup_id,
)
from aegir.core.backend import Backend, BackendEnv
from aegir.core.backup_steps import BackupSite, RestoreFiles, RestoreSite
from aegir.core.errors import AegirError, BackendError, ConflictError, UnsafeArchiveMember
from aegir.core.model import Backup, Server, Service
from aegir.core.secrets import SecretStore
from aegir.core.storage import LocalDirStore

from ._sshd import Sshd, running_sshd

pytestmark = pytest.mark.services

SITE = "far.test"


class _Ctx:
    """What a running step may use (the task runner's context), for one server and one store."""

    def __init__(self, backend: Backend, store: LocalDirStore, home: Path) -> None:
        self._backend = backend
        self._store = store
        self.secrets = SecretStore(home / "secrets")
        self.inventory = self
        self.saved: dict[str, Backup] = {}
        self.lines: list[str] = []

    def backend(self, server: str) -> Backend:
        assert server == self._backend.server.name
        return self._backend

    def use(self, backend: Backend) -> None:
        """Steps from now on reach the server through ``backend`` (same name, other services)."""
        self._backend = backend

    def secrets_env(self, home: Path) -> BackendEnv:
        return BackendEnv(home, SecretStore(home / "secrets"))

    def backup_store(self, name: str) -> LocalDirStore:
        assert name == "here"
        return self._store

    def log(self, message: str) -> None:
        self.lines.append(message)

    def save_backup(self, backup: Backup) -> None:
        self.saved[backup.id] = backup

    def delete_backup(self, backup_id: str) -> None:
        self.saved.pop(backup_id, None)


@pytest.fixture(scope="module")
def area() -> Iterator[Path]:
    """The server's directory: a path here, an empty tmpfs of its own for the sshd."""
    path = Path(tempfile.mkdtemp(prefix="aegir-far-"))
    path.chmod(0o755)
    yield path
    shutil.rmtree(path, ignore_errors=True)


@pytest.fixture(scope="module")
def sshd(area: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Sshd]:
    with running_sshd(tmp_path_factory.mktemp("sshd"), private=[area]) as server:
        yield server


@pytest.fixture(scope="module")
def backend(sshd: Sshd, area: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[SshBackend]:
    home = tmp_path_factory.mktemp("home")
    options = {
        "host": "127.0.0.1",
        "port": str(sshd.port),
        "user": sshd.user,
        "key": str(sshd.client_key),
        "root": f"{area}/server",
    }
    far = SshBackend(
        Server("far", "ssh", [], options=options), BackendEnv(home, SecretStore(home / "secrets"))
    )
    far.setup()
    try:
        yield far
    finally:
        far.close()


@pytest.fixture
def ctx(backend: SshBackend, tmp_path: Path) -> _Ctx:
    return _Ctx(backend, LocalDirStore({"path": str(tmp_path / "backups")}), tmp_path)


def _not_here(sshd: Sshd, path: str) -> None:
    """The server's file is on the server only (when the sshd has a view of its own)."""
    if sshd.private_view:
        assert not os.path.lexists(path), f"{path} is visible on this machine"


def _remote_mode(backend: SshBackend, path: str) -> int:
    return int(backend.run(["stat", "-c", "%a", "--", path]).stdout, 8)


MEDIA = os.urandom(3 << 20)
WRITTEN = {
    "index.php": (b"<?php // front", 0o644),
    "sites/default/settings.php": (b"<?php $db = 'x';", 0o440),
    "sites/default/files/a.txt": (b"alpha", 0o664),
    "sites/default/files/sub/media.bin": (MEDIA, 0o644),
    "sites/default/files/sub/empty.txt": (b"", 0o600),
}


def _make_site(backend: SshBackend, sshd: Sshd, name: str) -> str:
    """A site directory on the server, written over SSH, with a link and a fifo among its files."""
    site = f"{backend.sites_root()}/{name}"
    for rel, (data, mode) in WRITTEN.items():
        backend.executor.write_file(f"{site}/{rel}", data, mode)
    backend.executor.make_dir(f"{site}/sites/default", 0o751)
    files = f"{site}/sites/default/files"
    assert backend.run(["ln", "-s", "/etc/passwd", f"{files}/passwd"]).returncode == 0
    assert backend.run(["mkfifo", f"{files}/pipe"]).returncode == 0
    _not_here(sshd, site)
    return site


def _back_up(ctx: _Ctx, site: str, paths: tuple[str, ...]) -> str:
    backup_id = new_backup_id(SITE)
    step = BackupSite(store="here", backup_id=backup_id, site=SITE, server="far", site_dir=site, paths=paths)
    step.run(ctx)
    return backup_id


def _members(store: LocalDirStore, backup_id: str) -> dict[str, tarfile.TarInfo]:
    reader = BackupReader(store, backup_id)
    raw = io.BytesIO()
    with store.open_read(backup_id, FILES_PART) as f:
        raw.write(zstandard.ZstdDecompressor().stream_reader(f).read())
    raw.seek(0)
    found: dict[str, tarfile.TarInfo] = {}
    with tarfile.open(fileobj=raw, mode="r:") as tar:
        for member in tar:
            f = tar.extractfile(member) if member.isreg() else None
            member.pax_headers = {"sha256": hashlib.sha256(f.read()).hexdigest()} if f else {}
            found[member.name] = member
    # the manifest's size and sha256 are those of the stored part
    stored = (store.root / backup_id / FILES_PART).read_bytes()
    recorded = reader.verify().part(FILES_PART)
    assert (recorded.size, recorded.sha256) == (len(stored), hashlib.sha256(stored).hexdigest())
    return found


def test_a_backup_of_a_site_on_the_server_holds_its_files(backend: SshBackend, sshd: Sshd, ctx: _Ctx) -> None:
    site = _make_site(backend, sshd, "backup-me")
    backup_id = _back_up(
        ctx, site, ("sites/default/files", "sites/default/settings.php", "index.php", "gone")
    )
    members = _members(ctx._store, backup_id)
    expected_files = set(WRITTEN)
    assert {n for n, m in members.items() if m.isreg()} == expected_files
    # the directories leading to each path are there, with the modes they have on the server
    assert {n for n, m in members.items() if m.isdir()} == {
        ".",
        "sites",
        "sites/default",
        "sites/default/files",
        "sites/default/files/sub",
    }
    assert members["sites/default"].mode == 0o751
    for rel, (data, mode) in WRITTEN.items():
        assert members[rel].pax_headers["sha256"] == hashlib.sha256(data).hexdigest(), rel
        assert members[rel].mode == mode, rel
    manifest = ctx.saved[backup_id].manifest
    assert isinstance(manifest, dict)
    warnings = "\n".join(manifest["warnings"])
    assert "sites/default/files/passwd: a symbolic link, not archived" in warnings
    assert "sites/default/files/pipe: a fifo, not archived" in warnings
    assert "gone: does not exist, not archived" in warnings
    part = BackupReader(ctx._store, backup_id).manifest.part(FILES_PART)
    assert part.content_size == sum(len(data) for data, _ in WRITTEN.values())


def test_a_listed_path_that_is_a_link_is_not_followed(backend: SshBackend, sshd: Sshd, ctx: _Ctx) -> None:
    site = f"{backend.sites_root()}/linked"
    backend.executor.write_file(f"{site}/index.php", b"<?php", 0o644)
    assert backend.run(["ln", "-s", "/etc", f"{site}/files"]).returncode == 0
    backup_id = _back_up(ctx, site, ("files", "index.php"))
    assert set(_members(ctx._store, backup_id)) == {".", "index.php"}
    manifest = ctx.saved[backup_id].manifest
    assert isinstance(manifest, dict) and manifest["warnings"] == ["files: a symbolic link, not archived"]


def test_a_restore_recreates_the_files_on_the_server(backend: SshBackend, sshd: Sshd, ctx: _Ctx) -> None:
    site = _make_site(backend, sshd, "restore-source")
    assert backend.run(["chmod", "0750", site]).returncode == 0
    backup_id = _back_up(ctx, site, (".",))
    target = f"{backend.sites_root()}/restored"
    RestoreSite(RestoreFiles("here", backup_id, "far", target)).run(ctx)
    assert any("5 files" in line and target in line for line in ctx.lines), ctx.lines
    for rel, (data, mode) in WRITTEN.items():
        assert backend.read_file(f"{target}/{rel}") == data, rel
        assert _remote_mode(backend, f"{target}/{rel}") == mode, rel
    assert _remote_mode(backend, target) == 0o750  # the archive's own root entry
    assert _remote_mode(backend, f"{target}/sites/default") == 0o751
    assert sorted(backend.iter_files(target)) == sorted(WRITTEN)
    _not_here(sshd, target)
    # a restore needs a new directory: an existing one is refused and left as it is
    with pytest.raises(ConflictError, match="exists already"):
        RestoreFiles("here", backup_id, "far", target).run(ctx)
    assert backend.read_file(f"{target}/index.php") == WRITTEN["index.php"][0]


# -- hostile and broken backups ------------------------------------------------------------------


def _member(
    name: str, kind: bytes = tarfile.REGTYPE, data: bytes = b"", link: str = ""
) -> tuple[tarfile.TarInfo, bytes]:
    info = tarfile.TarInfo(name)
    info.type = kind
    info.linkname = link
    info.size = len(data) if kind == tarfile.REGTYPE else 0
    info.mode = 0o644
    return info, data


def _publish(
    store: LocalDirStore,
    backup_id: str,
    members: list[tuple[tarfile.TarInfo, bytes]],
    *,
    fmt: int = tarfile.PAX_FORMAT,
) -> None:
    buf = io.BytesIO()
    with tarfile.open(fileobj=buf, mode="w", format=fmt) as tar:
        for info, data in members:
            tar.addfile(info, io.BytesIO(data) if info.isreg() else None)
    stored = zstandard.ZstdCompressor().compress(buf.getvalue())
    now = datetime.now(UTC)
    part = PartInfo(FILES_PART, len(stored), hashlib.sha256(stored).hexdigest(), content_size=0)
    subject = SubjectInfo(kind="site", subject=SITE, site=SITE)
    manifest = Manifest(
        id=backup_id, subject=subject, created=now, completed=now, aegir_version="test", parts=(part,)
    )
    with store.begin(backup_id) as pending:
        with pending.open_write(FILES_PART) as out:
            out.write(stored)
        pending.publish(manifest_bytes(manifest))


def _pax_override() -> tuple[tarfile.TarInfo, bytes]:
    info, data = _member("innocent.txt", data=b"pax")
    info.pax_headers = {"path": "../pax-evil"}
    return info, data


def test_hostile_backups_are_refused_by_member_and_leave_nothing_on_the_server(
    backend: SshBackend, ctx: _Ctx
) -> None:
    sites = backend.sites_root()
    absolute = f"{sites}/abs-evil"
    cases = [
        ("absolute path", [_member(absolute, data=b"x")], absolute),
        ("parent directory", [_member("../evil", data=b"x")], "../evil"),
        ("nested escape", [_member("a/../../evil", data=b"x")], "a/../../evil"),
        ("symbolic link", [_member("link", tarfile.SYMTYPE, link="/etc/passwd")], "link"),
        (
            "file through a link",
            [_member("up", tarfile.SYMTYPE, link=".."), _member("up/evil", data=b"x")],
            "up",
        ),
        ("hard link", [_member("hard", tarfile.LNKTYPE, link="/etc/passwd")], "hard"),
        ("device", [_member("dev/zero", tarfile.CHRTYPE)], "dev/zero"),
        ("fifo", [_member("pipe", tarfile.FIFOTYPE)], "pipe"),
        ("PAX path override", [_pax_override()], "../pax-evil"),
    ]
    for i, (case, members, named) in enumerate(cases):
        # safe members first: the refusal comes after the server's tar extracted something
        safe = [_member("ok/first.txt", data=b"fine"), _member("ok/second.txt", data=b"fine" * 5000)]
        backup_id = f"hostile-{i}"
        _publish(ctx._store, backup_id, safe + members)
        target = f"{sites}/hostile-{i}"
        with pytest.raises(UnsafeArchiveMember) as caught:
            RestoreFiles("here", backup_id, "far", target).run(ctx)
        assert repr(named) in str(caught.value), case
        assert not backend.exists(target), case
    for escaped in (absolute, f"{sites}/evil", f"{sites}/pax-evil", f"{backend.layout.root}/evil"):
        assert not backend.exists(escaped)
    # what the server's tar refuses itself: a second member of the same name, a file where a
    # directory is needed (tar --keep-old-files); the error names the member, nothing is left
    for i, (members, named) in enumerate(
        [
            ([_member("twice", data=b"1"), _member("twice", data=b"2")], "twice"),
            ([_member("a", data=b"1"), _member("a/b", data=b"2")], "a/b"),
        ]
    ):
        backup_id = f"clash-{i}"
        _publish(ctx._store, backup_id, members)
        target = f"{sites}/clash-{i}"
        with pytest.raises(BackendError, match=named):
            RestoreFiles("here", backup_id, "far", target).run(ctx)
        assert not backend.exists(target)


def test_a_damaged_part_leaves_nothing_half_restored(backend: SshBackend, sshd: Sshd, ctx: _Ctx) -> None:
    site = _make_site(backend, sshd, "damaged-source")
    backup_id = _back_up(ctx, site, (".",))
    part = ctx._store.root / backup_id / FILES_PART
    data = bytearray(part.read_bytes())
    data[-20] ^= 0xFF  # near the end: most of the files reach the server before the checksum fails
    part.write_bytes(bytes(data))
    target = f"{backend.sites_root()}/damaged"
    with pytest.raises(AegirError, match="damaged"):
        RestoreFiles("here", backup_id, "far", target).run(ctx)
    assert not backend.exists(target)


def _kill_when_running(backend: SshBackend, pattern: str, killed: list[int]) -> None:
    """Kill the server's process whose command line matches ``pattern`` once it runs (10 s at most)."""
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline:
        found = backend.run(["pgrep", "-f", "--", pattern]).stdout.split()
        if found:
            backend.run(["kill", "-9", *found])
            killed.extend(int(pid) for pid in found)
            return
        time.sleep(0.02)


def test_a_killed_remote_tar_leaves_no_backup_and_no_half_restore(
    backend: SshBackend, sshd: Sshd, ctx: _Ctx
) -> None:
    # a file big enough that the stream is still running when the server's tar is killed
    site = f"{backend.sites_root()}/huge"
    backend.executor.make_dir(site, 0o755)
    assert backend.run(["truncate", "-s", "8G", f"{site}/zeros.bin"]).returncode == 0
    killed: list[int] = []
    killer = threading.Thread(target=_kill_when_running, args=(backend, f"tar -c -f - -C {site}", killed))
    killer.start()
    backup_id = new_backup_id(SITE)
    with pytest.raises(BackendError, match=f"tar in {site}"):
        BackupSite(
            store="here", backup_id=backup_id, site=SITE, server="far", site_dir=site, paths=(".",)
        ).run(ctx)
    killer.join()
    assert killed
    assert ctx._store.entries() == [] and ctx.saved == {}

    # a restore of 1 GiB of zeros, its tar killed on the server while it extracts
    big, _ = _member("big.bin")
    big.size = 1 << 30
    buf = io.BytesIO()
    buf.write(big.tobuf(tarfile.PAX_FORMAT))
    header = buf.getvalue()
    compressor = zstandard.ZstdCompressor()
    stored = io.BytesIO()
    with compressor.stream_writer(stored, closefd=False) as z:
        z.write(header)
        chunk = bytes(1 << 20)
        for _ in range(1 << 10):
            z.write(chunk)
        z.write(bytes(2 * tarfile.BLOCKSIZE))
    raw = stored.getvalue()
    now = datetime.now(UTC)
    part = PartInfo(FILES_PART, len(raw), hashlib.sha256(raw).hexdigest(), content_size=0)
    subject = SubjectInfo(kind="site", subject=SITE, site=SITE)
    manifest = Manifest(
        id="big", subject=subject, created=now, completed=now, aegir_version="test", parts=(part,)
    )
    with ctx._store.begin("big") as pending:
        with pending.open_write(FILES_PART) as out:
            out.write(raw)
        pending.publish(manifest_bytes(manifest))
    target = f"{backend.sites_root()}/killed-restore"
    killed.clear()
    killer = threading.Thread(target=_kill_when_running, args=(backend, f"tar -x -f - -C {target}", killed))
    killer.start()
    with pytest.raises(AegirError):
        RestoreFiles("here", "big", "far", target).run(ctx)
    killer.join()
    assert killed
    assert not backend.exists(target)


def test_the_server_directory_is_the_servers_own(sshd: Sshd, backend: SshBackend) -> None:
    if sshd.private_view:
        assert backend.exists(backend.sites_root()) and not Path(backend.sites_root()).exists()


def test_codebase_add_copy_from_refuses_a_server_on_another_machine(
    sshd: Sshd, area: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from aegir.core.errors import ValidationError
    from aegir.hosting import Hosting

    home = tmp_path / "aegir-home"
    home.mkdir()
    monkeypatch.setenv("AEGIR_HOME", str(home))
    tree = tmp_path / "tree"
    tree.mkdir()
    (tree / "index.php").write_text("<?php")
    h = Hosting(home)
    options = {
        "host": "127.0.0.1",
        "port": str(sshd.port),
        "user": sshd.user,
        "key": str(sshd.client_key),
        "root": f"{area}/codebase-server",
    }
    h.store.add_server(Server("far2", "ssh", [], options=options))
    try:
        with pytest.raises(ValidationError) as caught:
            h.add_codebase("cb", copy_from=str(tree), server="far2")
        message = str(caught.value)
        assert str(tree) in message and "'far2'" in message and "another machine" in message
        far = h.backend("far2")
        assert not far.exists(f"{far.codebases_root()}/cb")
    finally:
        backend = h.backend("far2")
        if isinstance(backend, SshBackend):
            backend.close()


def test_what_php_wrote_goes_back_to_the_web_user_on_the_server(
    backend: SshBackend, sshd: Sshd, ctx: _Ctx, tmp_path: Path
) -> None:
    """Whether to hand the restored uploads to PHP's user is decided by who runs commands on the
    server (root there: chown to its web user), not by this process's own user."""
    site = _make_site(backend, sshd, "owned-source")
    backup_id = _back_up(ctx, site, (".",))
    with_php = SshBackend(
        Server("far", "ssh", [Service("php-fpm")], options=backend.server.options), ctx.secrets_env(tmp_path)
    )
    try:
        target = f"{backend.sites_root()}/owned"
        files = f"{target}/sites/default/files"
        ctx.use(with_php)
        RestoreFiles("here", backup_id, "far", target, web_dirs=(files,)).run(ctx)
        owners = backend.run(
            ["stat", "-c", "%U", "--", f"{files}/a.txt", f"{files}/sub", f"{target}/index.php"]
        )
        remote_root = backend.run(["id", "-u"]).stdout.strip() == "0"
        expected_web = "www-data" if remote_root else sshd.user
        assert owners.stdout.split() == [expected_web, expected_web, "root" if remote_root else sshd.user]
        _not_here(sshd, target)
    finally:
        ctx.use(backend)
        with_php.close()
