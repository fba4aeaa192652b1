"""Backup sets: streaming write, manifest, verification, and a restore that refuses hostile archives."""

from __future__ import annotations

import contextlib
import hashlib
import io
import json
import os
import shutil
import stat
import subprocess
import tarfile
import threading
from datetime import UTC, datetime
from pathlib import Path
from typing import IO

import pytest
import zstandard
from hypothesis import given
from hypothesis import strategies as st

from aegir.core.archive import (
    DB_PART,
    FILES_PART,
    BackupReader,
    ChecksumMismatch,
    CorruptPart,
    Manifest,
    PartInfo,
    SubjectInfo,
    create_backup,
    manifest_bytes,
    new_backup_id,
    parse_manifest,
    produced_stream,
)
from aegir.core.errors import AegirError, ParseError, UnsafeArchiveMember
from aegir.core.storage import LocalDirStore

SUBJECT = SubjectInfo(
    kind="site", subject="shop.example", site="shop.example", codebase="wp61", app="wordpress"
)
MTIME = 1_700_000_000


@pytest.fixture
def store(tmp_path: Path) -> LocalDirStore:
    return LocalDirStore({"path": str(tmp_path / "backups")})


def _site(root: Path) -> Path:
    """A site directory with the shapes a real one has, and the shapes a backup must not carry."""
    files = root / "files"
    (files / "sub" / "deep").mkdir(parents=True)
    (files / "emptydir").mkdir()
    (files / "a.txt").write_text("hello\n")
    (files / "a.txt").chmod(0o640)
    (files / "sub" / "deep" / "big.bin").write_bytes(os.urandom(3 << 20))  # above the 1 MiB chunk
    (files / "empty").write_bytes(b"")
    (files / "ünïcode name.txt").write_text("unicode")
    (files / os.fsdecode(b"latin1-\xe9.txt")).write_text("not utf-8 in its name")
    (files / ("long-" * 40 + ".txt")).write_text("a name longer than 100 bytes")
    (files / "run.sh").write_text("#!/bin/sh\n")
    (files / "run.sh").chmod(0o755)
    (files / "setuid").write_text("x")
    (files / "setuid").chmod(0o4755)
    os.link(files / "a.txt", files / "hard")
    (files / "link").symlink_to("a.txt")
    os.mkfifo(files / "pipe")
    (files / "emptydir").chmod(0o750)
    private = root / "private"
    private.mkdir()
    (private / "secret.txt").write_text("s3cret")
    (private / "secret.txt").chmod(0o600)
    (root / "settings.php").write_text("<?php // not in the selected paths")
    for path in sorted(root.rglob("*"), reverse=True):
        if not path.is_symlink() and not stat.S_ISFIFO(path.lstat().st_mode):
            os.utime(path, (MTIME, MTIME))
    return root


def _tree(root: Path) -> dict[str, tuple[str, int, int, bytes]]:
    """Every entry below ``root``: kind, permission bits, mtime, content."""
    out = {}
    for path in sorted(root.rglob("*")):
        st_ = path.lstat()
        rel = path.relative_to(root).as_posix()
        if stat.S_ISDIR(st_.st_mode):
            out[rel] = ("dir", stat.S_IMODE(st_.st_mode), int(st_.st_mtime), b"")
        elif stat.S_ISREG(st_.st_mode):
            out[rel] = ("file", stat.S_IMODE(st_.st_mode), int(st_.st_mtime), path.read_bytes())
        else:
            out[rel] = ("other", 0, 0, b"")
    return out


def _backup(store: LocalDirStore, site: Path, paths: list[str] | None = None) -> Manifest:
    dump = b"-- dump\nINSERT INTO t VALUES (1,'x');\n" * 5000
    with create_backup(store, SUBJECT) as backup:
        backup.write_from(DB_PART, lambda out: out.write(dump))
        backup.write_files(FILES_PART, site, paths)
        return backup.publish()


def test_round_trip_keeps_files_dirs_modes_and_times(store: LocalDirStore, tmp_path: Path) -> None:
    site = _site(tmp_path / "site")
    manifest = _backup(store, site, ["files", str(site / "private")])
    assert [b.id for b in store.list_backups()] == [manifest.id]
    # Links, fifos and sockets are reported, not archived; the rest is in the manifest.
    assert any("files/link: a symbolic link" in w for w in manifest.warnings)
    assert any("files/pipe: a fifo" in w for w in manifest.warnings)
    target = tmp_path / "restored"
    report = BackupReader(store, manifest.id).extract_files(target)
    before, after = _tree(site), _tree(target)
    expected = {
        rel: (kind, mode & 0o777, mtime, data)
        for rel, (kind, mode, mtime, data) in before.items()
        if kind != "other" and rel != "settings.php"
    }
    assert after == expected
    assert after["files/hard"] == after["files/a.txt"]  # a hard link comes back as a copy
    assert after["files/setuid"][1] == 0o755  # set-id bits never come back
    assert report.files == sum(1 for v in expected.values() if v[0] == "file")
    assert report.content_bytes == manifest.part(FILES_PART).content_size


def test_the_manifest_records_every_part_as_stored(store: LocalDirStore, tmp_path: Path) -> None:
    site = _site(tmp_path / "site")
    manifest = _backup(store, site)
    stored = json.loads((store.root / manifest.id / "manifest.json").read_bytes())
    assert stored["id"] == manifest.id and stored["format"] == 1
    assert stored["subject"]["site"] == "shop.example" and stored["subject"]["codebase"] == "wp61"
    assert stored["aegir_version"]
    for part in manifest.parts:
        data = (store.root / manifest.id / part.name).read_bytes()
        assert part.size == len(data)
        assert part.sha256 == hashlib.sha256(data).hexdigest()
    assert parse_manifest(manifest_bytes(manifest)) == manifest
    assert manifest.created <= manifest.completed


def test_parts_are_plain_zstd_and_tar_that_the_standard_tools_read(
    store: LocalDirStore, tmp_path: Path
) -> None:
    site = _site(tmp_path / "site")
    manifest = _backup(store, site, ["files"])
    part = store.root / manifest.id / FILES_PART
    listing = subprocess.run(
        ["tar", "--zstd", "-tf", str(part)], capture_output=True, text=True, check=True
    ).stdout.split("\n")
    assert "files/sub/deep/big.bin" in listing and "files/link" not in listing
    gnu = tmp_path / "by-gnu-tar"
    gnu.mkdir()
    subprocess.run(["tar", "--zstd", "-xf", str(part), "-C", str(gnu)], check=True)
    ours = tmp_path / "by-aegir"
    BackupReader(store, manifest.id).extract_files(ours)
    gnu.chmod(0o755)
    gnu_tree, our_tree = _tree(gnu), _tree(ours)
    # GNU tar run as root keeps the set-uid bit; Aegir's restore drops it on purpose.
    assert gnu_tree.pop("files/setuid")[1] == 0o4755 and our_tree.pop("files/setuid")[1] == 0o755
    assert gnu_tree == our_tree
    dump = subprocess.run(
        ["zstd", "-dc", str(store.root / manifest.id / DB_PART)], capture_output=True, check=True
    )
    assert dump.stdout.startswith(b"-- dump\n")


def test_archives_written_by_gnu_tar_restore_too(store: LocalDirStore, tmp_path: Path) -> None:
    site = tmp_path / "site"
    (site / ("d" * 120)).mkdir(parents=True)
    (site / ("d" * 120) / ("f" * 120)).write_text("long names take GNU extension headers")
    (site / "plain.txt").write_text("plain")
    tar_bytes = subprocess.run(
        ["tar", "--format=gnu", "-cf", "-", "-C", str(site), "."], capture_output=True, check=True
    ).stdout
    _publish_raw(store, "gnu", tar_bytes)
    BackupReader(store, "gnu").extract_files(tmp_path / "out")
    assert (
        tmp_path / "out" / ("d" * 120) / ("f" * 120)
    ).read_text() == "long names take GNU extension headers"
    assert (tmp_path / "out" / "plain.txt").read_text() == "plain"


def test_an_empty_site_directory_round_trips(store: LocalDirStore, tmp_path: Path) -> None:
    site = tmp_path / "empty-site"
    site.mkdir()
    site.chmod(0o711)
    manifest = _backup(store, site)
    BackupReader(store, manifest.id).extract_files(tmp_path / "out")
    assert list((tmp_path / "out").iterdir()) == []
    assert stat.S_IMODE((tmp_path / "out").stat().st_mode) == 0o711


def test_selected_paths_must_stay_inside_the_site(store: LocalDirStore, tmp_path: Path) -> None:
    site = _site(tmp_path / "site")
    with pytest.raises(AegirError, match="outside the site directory"):
        _backup(store, site, ["../elsewhere"])
    assert store.entries() == []
    manifest = _backup(store, site, ["files/a.txt", "missing-dir"])
    assert any("missing-dir: does not exist" in w for w in manifest.warnings)
    BackupReader(store, manifest.id).extract_files(tmp_path / "out")
    assert sorted(p.relative_to(tmp_path / "out").as_posix() for p in (tmp_path / "out").rglob("*")) == [
        "files",
        "files/a.txt",
    ]


def test_a_symlinked_files_directory_is_not_followed(store: LocalDirStore, tmp_path: Path) -> None:
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "passwd").write_text("root:x:0:0")
    site = tmp_path / "site"
    site.mkdir()
    (site / "files").symlink_to(outside)
    manifest = _backup(store, site, ["files"])
    assert any("files: a symbolic link" in w for w in manifest.warnings)
    BackupReader(store, manifest.id).extract_files(tmp_path / "out")
    assert list((tmp_path / "out").iterdir()) == []


def test_the_database_part_streams_from_a_subprocess_through_a_real_pipe(
    store: LocalDirStore, tmp_path: Path
) -> None:
    source = tmp_path / "dump.sql"
    source.write_bytes(os.urandom(1 << 20) + b"END")
    seen: list[int] = []

    def dump(out: IO[bytes]) -> None:
        seen.append(out.fileno())
        subprocess.run(["cat", str(source)], stdout=out, check=True)

    with create_backup(store, SUBJECT) as backup:
        info = backup.write_from(DB_PART, dump)
        manifest = backup.publish()
    assert seen and info.content_size == source.stat().st_size
    with BackupReader(store, manifest.id).open_part(DB_PART) as stream:
        assert stream.fileno() >= 0
        assert stream.read() == source.read_bytes()


def test_a_failing_dump_leaves_no_backup(store: LocalDirStore) -> None:
    def dump(out: IO[bytes]) -> None:
        out.write(b"partial dump" * 1000)
        raise subprocess.CalledProcessError(2, ["mariadb-dump"])

    before = threading.active_count()
    with pytest.raises(subprocess.CalledProcessError), create_backup(store, SUBJECT) as backup:
        backup.write_from(DB_PART, dump)
        backup.publish()
    assert store.entries() == []
    assert threading.active_count() == before


def test_a_reader_that_gives_up_stops_the_producer() -> None:
    def endless(out: IO[bytes]) -> None:
        while True:
            out.write(b"x" * 65536)

    before = threading.active_count()
    with pytest.raises(RuntimeError, match="consumer failed"), produced_stream(endless) as stream:
        assert stream.read(10) == b"x" * 10
        raise RuntimeError("consumer failed")
    assert threading.active_count() == before  # the endless producer's thread has ended


def test_verify_recomputes_every_checksum(store: LocalDirStore, tmp_path: Path) -> None:
    manifest = _backup(store, _site(tmp_path / "site"))
    reader = BackupReader(store, manifest.id)
    assert reader.verify() == manifest
    assert all(check.ok for check in reader.check())
    _flip_byte(store.root / manifest.id / DB_PART)
    checks = {c.name: c for c in reader.check()}
    assert checks[FILES_PART].ok and not checks[DB_PART].ok
    with pytest.raises(ChecksumMismatch) as caught:
        reader.verify()
    message = str(caught.value)
    assert DB_PART in message and manifest.part(DB_PART).sha256 in message
    assert checks[DB_PART].sha256 in message


def test_a_damaged_files_part_refuses_the_restore_and_leaves_nothing(
    store: LocalDirStore, tmp_path: Path
) -> None:
    manifest = _backup(store, _site(tmp_path / "site"))
    _flip_byte(store.root / manifest.id / FILES_PART)
    target = tmp_path / "restored"
    with pytest.raises(ChecksumMismatch, match=FILES_PART):
        BackupReader(store, manifest.id).extract_files(target)
    assert not target.exists()


def test_a_truncated_part_is_refused(store: LocalDirStore, tmp_path: Path) -> None:
    manifest = _backup(store, _site(tmp_path / "site"))
    part = store.root / manifest.id / FILES_PART
    part.write_bytes(part.read_bytes()[: part.stat().st_size // 2])
    with pytest.raises(ChecksumMismatch):
        BackupReader(store, manifest.id).extract_files(tmp_path / "restored")
    assert not (tmp_path / "restored").exists()


def test_a_damaged_dump_never_reaches_its_consumer_whole(store: LocalDirStore, tmp_path: Path) -> None:
    manifest = _backup(store, _site(tmp_path / "site"))
    _flip_byte(store.root / manifest.id / DB_PART)
    received = b""
    with pytest.raises(ChecksumMismatch), BackupReader(store, manifest.id).open_part(DB_PART) as stream:
        received = stream.read()
    # The small dump is one chunk, held back until checked: nothing of it was delivered.
    assert received == b""


def test_a_missing_part_is_reported(store: LocalDirStore, tmp_path: Path) -> None:
    manifest = _backup(store, _site(tmp_path / "site"))
    (store.root / manifest.id / DB_PART).unlink()
    with pytest.raises(CorruptPart, match="missing"):
        BackupReader(store, manifest.id).verify()


def test_parts_that_match_their_manifest_but_are_not_archives_are_refused(
    store: LocalDirStore, tmp_path: Path
) -> None:
    _publish_raw(store, "notzstd", b"", raw_part=b"this is not zstd at all")
    with pytest.raises(CorruptPart, match="cannot be decompressed"):
        BackupReader(store, "notzstd").extract_files(tmp_path / "a")
    _publish_raw(store, "nottar", b"this is not a tar archive" * 100)
    with pytest.raises(CorruptPart, match="unreadable tar header"):
        BackupReader(store, "nottar").extract_files(tmp_path / "b")
    assert not (tmp_path / "a").exists() and not (tmp_path / "b").exists()


def test_restore_needs_a_new_directory(store: LocalDirStore, tmp_path: Path) -> None:
    manifest = _backup(store, _site(tmp_path / "site"))
    existing = tmp_path / "existing"
    existing.mkdir()
    (existing / "keep.txt").write_text("mine")
    with pytest.raises(AegirError, match="exists already"):
        BackupReader(store, manifest.id).extract_files(existing)
    assert (existing / "keep.txt").read_text() == "mine"


# -- hostile archives ----------------------------------------------------------------------------


def _flip_byte(path: Path) -> None:
    data = bytearray(path.read_bytes())
    data[len(data) // 2] ^= 0xFF
    path.write_bytes(bytes(data))


def _publish_raw(
    store: LocalDirStore, backup_id: str, tar_bytes: bytes, *, raw_part: bytes | None = None
) -> None:
    """A backup whose files part is exactly these bytes, with a manifest that matches them."""
    stored = raw_part if raw_part is not None else zstandard.ZstdCompressor().compress(tar_bytes)
    now = datetime.now(UTC)
    part = PartInfo(FILES_PART, len(stored), hashlib.sha256(stored).hexdigest(), content_size=len(tar_bytes))
    manifest = Manifest(
        id=backup_id, subject=SUBJECT, created=now, completed=now, aegir_version="test", parts=(part,)
    )
    with store.begin(backup_id) as pending:
        with pending.open_write(FILES_PART) as out:
            out.write(stored)
        pending.publish(manifest_bytes(manifest))


def _member(
    name: str, kind: bytes = tarfile.REGTYPE, data: bytes = b"", linkname: str = ""
) -> tuple[tarfile.TarInfo, bytes]:
    info = tarfile.TarInfo(name)
    info.type = kind
    info.linkname = linkname
    info.size = len(data) if kind == tarfile.REGTYPE else 0
    info.mode = 0o644
    return info, data


def _tar(members: list[tuple[tarfile.TarInfo, bytes]], fmt: int = tarfile.PAX_FORMAT) -> bytes:
    buf = io.BytesIO()
    with tarfile.open(fileobj=buf, mode="w", format=fmt) as tar:
        for info, data in members:
            tar.addfile(info, io.BytesIO(data) if info.isreg() else None)
    return buf.getvalue()


def _pax_override() -> tuple[tarfile.TarInfo, bytes]:
    info, data = _member("innocent.txt", data=b"pax")
    info.pax_headers = {"path": "../pax-evil"}
    return info, data


def _hostile(tmp: Path) -> list[tuple[str, list[tuple[tarfile.TarInfo, bytes]], str, int]]:
    """(case, members, the member the refusal must name, tar format)."""
    absolute = str(tmp / "abs-evil")
    long_escape = "a/" * 60 + "../" * 70 + "gnu-evil"
    return [
        ("absolute path", [_member(absolute, data=b"x")], absolute, tarfile.PAX_FORMAT),
        ("parent directory", [_member("../evil", data=b"x")], "../evil", tarfile.PAX_FORMAT),
        ("nested escape", [_member("a/../../evil", data=b"x")], "a/../../evil", tarfile.PAX_FORMAT),
        (
            "symbolic link",
            [_member("link", tarfile.SYMTYPE, linkname="/etc/passwd")],
            "link",
            tarfile.PAX_FORMAT,
        ),
        (
            "file through a link",
            [_member("up", tarfile.SYMTYPE, linkname=".."), _member("up/evil", data=b"x")],
            "up",
            tarfile.PAX_FORMAT,
        ),
        ("hard link", [_member("hard", tarfile.LNKTYPE, linkname="/etc/passwd")], "hard", tarfile.PAX_FORMAT),
        ("character device", [_member("dev/zero", tarfile.CHRTYPE)], "dev/zero", tarfile.PAX_FORMAT),
        ("block device", [_member("dev/sda", tarfile.BLKTYPE)], "dev/sda", tarfile.PAX_FORMAT),
        ("fifo", [_member("pipe", tarfile.FIFOTYPE)], "pipe", tarfile.PAX_FORMAT),
        ("PAX path override", [_pax_override()], "../pax-evil", tarfile.PAX_FORMAT),
        ("GNU long name escape", [_member(long_escape, data=b"x")], long_escape, tarfile.GNU_FORMAT),
        ("GNU symbolic link", [_member("glink", tarfile.SYMTYPE, linkname="/")], "glink", tarfile.GNU_FORMAT),
        ("old-style absolute", [_member(absolute, data=b"x")], absolute, tarfile.USTAR_FORMAT),
        (
            "file where a directory is needed",
            [_member("a", data=b"1"), _member("a/b", data=b"2")],
            "a/b",
            tarfile.PAX_FORMAT,
        ),
        (
            "duplicate member",
            [_member("twice", data=b"1"), _member("twice", data=b"2")],
            "twice",
            tarfile.PAX_FORMAT,
        ),
    ]


def test_every_hostile_member_is_refused_by_name_and_nothing_is_left(
    store: LocalDirStore, tmp_path: Path
) -> None:
    sandbox = tmp_path / "sandbox"
    sandbox.mkdir()
    for i, (case, members, named, fmt) in enumerate(_hostile(tmp_path)):
        # Safe members first, so the refusal comes after something was extracted.
        safe = [_member("ok/first.txt", data=b"fine"), _member("ok/second.txt", data=b"fine")]
        backup_id = f"hostile-{i}"
        _publish_raw(store, backup_id, _tar(safe + members, fmt))
        target = sandbox / f"restore-{i}"
        with pytest.raises(UnsafeArchiveMember) as caught:
            BackupReader(store, backup_id).extract_files(target)
        assert repr(named) in str(caught.value), case
        assert not target.exists(), case
    # Nothing escaped: the sandbox holds nothing, no file appeared beside it or at the absolute path.
    assert list(sandbox.iterdir()) == []
    assert sorted(p.name for p in tmp_path.iterdir()) == ["backups", "sandbox"]


@pytest.mark.parametrize("fmt", [tarfile.PAX_FORMAT, tarfile.GNU_FORMAT, tarfile.USTAR_FORMAT])
def test_benign_archives_in_every_tar_format_restore(store: LocalDirStore, tmp_path: Path, fmt: int) -> None:
    dir_info, _ = _member("d", tarfile.DIRTYPE)
    dir_info.mode = 0o750
    members = [(dir_info, b""), _member("d/x.txt", data=b"x" * 700), _member("./y.txt", data=b"y")]
    _publish_raw(store, "benign", _tar(members, fmt))
    BackupReader(store, "benign").extract_files(tmp_path / "out")
    assert (tmp_path / "out" / "d" / "x.txt").read_bytes() == b"x" * 700
    assert (tmp_path / "out" / "y.txt").read_bytes() == b"y"
    assert stat.S_IMODE((tmp_path / "out" / "d").stat().st_mode) == 0o750


# -- manifests -----------------------------------------------------------------------------------


def _manifest_dict() -> dict[str, object]:
    now = datetime.now(UTC)
    part = PartInfo(DB_PART, 3, "a" * 64)
    return json.loads(manifest_bytes(Manifest("b-1", SUBJECT, now, now, "0.1.0", (part,))))  # type: ignore[no-any-return]


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"format": 2}, "format 2 is not supported"),
        ({"id": "../etc"}, "invalid backup id"),
        ({"parts": [{"name": "../x", "size": 1, "sha256": "a" * 64}]}, "part name"),
        ({"parts": [{"name": "p", "size": -1, "sha256": "a" * 64}]}, "whole number"),
        ({"parts": [{"name": "p", "size": 1, "sha256": "nothex"}]}, "sha256"),
        ({"parts": [{"name": "p", "size": 1, "sha256": "a" * 64}] * 2}, "twice"),
        ({"parts": [{"name": "p", "size": 1, "sha256": "a" * 64, "compression": "gzip"}]}, "compression"),
        ({"created": "yesterday"}, "created"),
    ],
)
def test_hostile_manifests_are_refused(change: dict[str, object], message: str) -> None:
    data = {**_manifest_dict(), **change}
    with pytest.raises(ParseError, match=message):
        parse_manifest(json.dumps(data).encode())


def test_a_manifest_must_be_for_the_backup_it_is_in() -> None:
    data = json.dumps(_manifest_dict()).encode()
    assert parse_manifest(data, backup_id="b-1").id == "b-1"
    with pytest.raises(ParseError, match="not 'b-2'"):
        parse_manifest(data, backup_id="b-2")


@given(st.binary(max_size=400))
def test_manifest_parser_on_any_bytes_raises_only_aegir_errors(data: bytes) -> None:
    with contextlib.suppress(AegirError):
        parse_manifest(data)


_json = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=20),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=10), inner, max_size=4),
    max_leaves=20,
)


@given(
    st.dictionaries(
        st.sampled_from(
            ["id", "subject", "created", "completed", "aegir_version", "parts", "format", "warnings"]
        ),
        _json,
    )
)
def test_manifest_parser_on_any_json_raises_only_aegir_errors(data: dict[str, object]) -> None:
    with contextlib.suppress(AegirError):
        parse_manifest(json.dumps({**_manifest_dict(), **data}).encode())


def test_new_backup_ids_sort_by_time_and_are_valid() -> None:
    first = new_backup_id("shop.example", datetime(2024, 1, 2, 3, 4, 5, tzinfo=UTC))
    second = new_backup_id("shop.example", datetime(2024, 1, 2, 3, 4, 6, tzinfo=UTC))
    assert first.startswith("shop.example-20240102-030405-") and first < second


def test_copying_a_store_directory_keeps_backups_readable(store: LocalDirStore, tmp_path: Path) -> None:
    manifest = _backup(store, _site(tmp_path / "site"))
    shutil.copytree(store.root, tmp_path / "copy")
    copy = LocalDirStore({"path": str(tmp_path / "copy")})
    assert BackupReader(copy, manifest.id).verify() == manifest


def test_an_archive_cut_at_a_member_boundary_is_refused_even_with_a_matching_manifest(
    store: LocalDirStore, tmp_path: Path
) -> None:
    whole = _tar([_member("a.txt", data=b"a" * 512), _member("b.txt", data=b"b" * 512)])
    cut = whole[: 2 * 1024]  # the first member's header and data: no second member, no end marker
    _publish_raw(store, "cut", cut)
    with pytest.raises(CorruptPart, match="end-of-archive marker"):
        BackupReader(store, "cut").extract_files(tmp_path / "out")
    assert not (tmp_path / "out").exists()


def test_an_archive_with_a_pax_global_header_restores(store: LocalDirStore, tmp_path: Path) -> None:
    buf = io.BytesIO()
    with tarfile.open(fileobj=buf, mode="w", format=tarfile.PAX_FORMAT, pax_headers={"comment": "hi"}) as tar:
        for info, data in (_member("one.txt", data=b"1"), _member("two.txt", data=b"2" * 2000)):
            tar.addfile(info, io.BytesIO(data))
    _publish_raw(store, "global", buf.getvalue())
    BackupReader(store, "global").extract_files(tmp_path / "out")
    assert (tmp_path / "out" / "two.txt").read_bytes() == b"2" * 2000

