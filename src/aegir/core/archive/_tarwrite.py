"""Writing a site's files as a tar stream: regular files and directories only, names relative to the site.

Symbolic links, sockets, devices and fifos are never archived (restore refuses links and devices,
so archiving them would make a backup that cannot be restored); each one skipped is reported. A
hard-linked file is archived as a regular file each time it appears. Headers come from ``tarfile``
(PAX format); file data is copied in large chunks straight from the file into the compressor.
"""

from __future__ import annotations

import errno
import os
import stat
import tarfile
from collections.abc import Iterable, Iterator
from pathlib import Path, PurePath
from typing import IO

from attrs import frozen

from aegir.core.errors import BackendError, ValidationError

__all__ = ["FilesReport", "ancestors", "kind_of", "select_paths", "summarize", "tar_header", "write_tar"]

_BLOCK = tarfile.BLOCKSIZE
_RECORD = tarfile.RECORDSIZE
_CHUNK = 1 << 20
#: at most this many skipped entries are listed one by one in the manifest
MAX_REPORTED = 200


@frozen
class FilesReport:
    files: int
    dirs: int
    content_bytes: int
    warnings: tuple[str, ...]


def kind_of(mode: int) -> str:
    """What a non-archived entry is, for its warning (from its ``st_mode``)."""
    if stat.S_ISLNK(mode):
        return "a symbolic link"
    if stat.S_ISSOCK(mode):
        return "a socket"
    if stat.S_ISFIFO(mode):
        return "a fifo"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    return "not a regular file or directory"


def select_paths(base: PurePath, paths: Iterable[str | Path] | None) -> list[str]:
    """The relative names to archive, without duplicates or paths inside other listed paths
    (``""`` for all of ``base``); a path outside ``base`` is refused. Only the names are looked at."""
    if paths is None:
        return [""]
    rels = set()
    for p in paths:
        text = os.path.normpath(base / p)
        if os.path.commonpath([base, text]) != str(base):
            raise ValidationError(f"path {str(p)!r} is outside the site directory {base}")
        rels.add("" if text == str(base) else os.path.relpath(text, base))
    ordered = sorted(rels)
    kept: list[str] = []
    for rel in ordered:
        if any(k in (rel, "") or rel.startswith(k + "/") for k in kept):
            continue
        kept.append(rel)
    return kept


class _TarStream:
    def __init__(self, out: IO[bytes], base: Path) -> None:
        self.out = out
        self.base = base
        self.buf = bytearray()
        self.chunk = bytearray(_CHUNK)
        self.written = 0
        self.files = 0
        self.dirs = 0
        self.content = 0
        self.warnings: list[str] = []
        self.skipped = 0
        self.seen: set[str] = set()

    def warn(self, text: str) -> None:
        self.skipped += 1
        if len(self.warnings) < MAX_REPORTED:
            self.warnings.append(text)

    def _emit(self, data: bytes | bytearray | memoryview) -> None:
        self.buf += data
        if len(self.buf) >= _CHUNK:
            self._flush()

    def _flush(self) -> None:
        if self.buf:
            self.out.write(self.buf)
            self.written += len(self.buf)
            self.buf = bytearray()

    def _header(self, rel: str, st: os.stat_result, kind: bytes, size: int) -> None:
        self._emit(
            tar_header(
                rel,
                kind,
                mode=stat.S_IMODE(st.st_mode),
                uid=st.st_uid,
                gid=st.st_gid,
                mtime=st.st_mtime,
                size=size,
            )
        )

    def add_dir(self, rel: str, st: os.stat_result) -> None:
        if rel in self.seen:
            return
        self.seen.add(rel)
        self._header(rel, st, tarfile.DIRTYPE, 0)
        self.dirs += 1

    def add_file(self, path: str, rel: str, st: os.stat_result) -> None:
        try:
            # O_NOFOLLOW and O_NONBLOCK: a file swapped for a link or a fifo since it was listed
            # is neither followed nor waited on; fstat below tells what was actually opened.
            fd = os.open(path, os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK | os.O_CLOEXEC)
        except FileNotFoundError:
            self.warn(f"{rel}: vanished while the backup ran, not archived")
            return
        except OSError as e:
            if e.errno == errno.ELOOP:
                self.warn(f"{rel}: became a symbolic link while the backup ran, not archived")
                return
            raise BackendError(f"cannot read {path} for the backup: {e.strerror}") from e
        try:
            st = os.fstat(fd)
            if not stat.S_ISREG(st.st_mode):
                self.warn(f"{rel}: {kind_of(st.st_mode)}, not archived")
                return
            self._file_data(fd, path, rel, st)
        finally:
            os.close(fd)

    def _file_data(self, fd: int, path: str, rel: str, st: os.stat_result) -> None:
        size = st.st_size
        self._header(rel, st, tarfile.REGTYPE, size)
        self.seen.add(rel)
        done = 0
        try:
            if size <= _CHUNK:
                data = os.read(fd, size) if size else b""
                done = len(data)
                self._emit(data)
            else:
                self._flush()
                view = memoryview(self.chunk)
                while done < size:
                    n = os.readv(fd, [view[: min(_CHUNK, size - done)]])
                    if not n:
                        break
                    self.out.write(view[:n])
                    self.written += n
                    done += n
        except OSError as e:
            raise BackendError(f"cannot read {path} for the backup: {e.strerror}") from e
        if done < size:
            # The header promised `size` bytes: keep the archive well-formed, and say so.
            self.warn(f"{rel}: shrank from {size} to {done} bytes while read, padded with zeros")
            self._emit(bytes(size - done))
        self._emit(bytes(-size % _BLOCK))
        self.files += 1
        self.content += size

    def _listing(self, path: str, rel: str) -> list[tuple[str, str, os.stat_result]]:
        try:
            with os.scandir(path) as it:
                entries = sorted(it, key=lambda e: e.name)
        except FileNotFoundError:
            self.warn(f"{rel or '.'}: vanished while the backup ran, not archived")
            return []
        except OSError as e:
            raise BackendError(f"cannot list {path} for the backup: {e.strerror}") from e
        listing = []
        for entry in entries:
            try:
                st = entry.stat(follow_symlinks=False)
            except FileNotFoundError:
                continue
            listing.append((entry.path, f"{rel}/{entry.name}" if rel else entry.name, st))
        return listing

    def walk(self, path: str, rel: str) -> None:
        """Everything below ``path``, depth first in name order (with a stack: trees can be deep)."""
        stack = list(reversed(self._listing(path, rel)))
        while stack:
            child_path, child_rel, st = stack.pop()
            if stat.S_ISDIR(st.st_mode):
                self.add_dir(child_rel, st)
                stack.extend(reversed(self._listing(child_path, child_rel)))
            else:
                self.add_entry(child_path, child_rel, st)

    def add_entry(self, path: str, rel: str, st: os.stat_result) -> None:
        if stat.S_ISDIR(st.st_mode):
            self.add_dir(rel, st)
            self.walk(path, rel)
        elif stat.S_ISREG(st.st_mode):
            self.add_file(path, rel, st)
        else:
            self.warn(f"{rel}: {kind_of(st.st_mode)}, not archived")

    def finish(self) -> None:
        # The end-of-archive marker (two zero blocks), padded to a whole record like tar does.
        end = 2 * _BLOCK
        total = self.written + len(self.buf) + end
        self._emit(bytes(end + (-total % _RECORD)))
        self._flush()


def tar_header(name: str, kind: bytes, *, mode: int, uid: int, gid: int, mtime: float, size: int) -> bytes:
    """The header of one member as Aegir writes it: PAX format, no user or group names."""
    info = tarfile.TarInfo(name)
    info.type = kind
    info.mode = mode
    info.uid = uid
    info.gid = gid
    info.uname = info.gname = ""
    # A whole-second mtime: a float one would cost a PAX header per member.
    info.mtime = int(mtime)
    info.size = size
    return info.tobuf(tarfile.PAX_FORMAT, "utf-8", "surrogateescape")


def ancestors(rel: str) -> Iterator[str]:
    """The directories leading to ``rel`` (``a``, ``a/b`` for ``a/b/c``)."""
    parts = rel.split("/")
    for i in range(1, len(parts)):
        yield "/".join(parts[:i])


def write_tar(out: IO[bytes], base_dir: str | Path, paths: Iterable[str | Path] | None = None) -> FilesReport:
    """Write ``paths`` (absolute, or relative to ``base_dir``; all of it when None) as a tar stream.

    Member names are relative to ``base_dir``; the directories leading to each listed path are
    archived too, so their modes come back on restore. Symbolic links are never followed, not even a
    listed path itself (a site could otherwise point its files directory at any file on the server).
    """
    base = Path(base_dir).absolute()
    if not base.is_dir() or base.is_symlink():
        raise ValidationError(f"site directory {str(base)!r} is not a directory")
    tar = _TarStream(out, base)
    # The root entry carries the site directory's own mode and time.
    tar.add_dir(".", base.lstat())
    for rel in select_paths(base, paths):
        if rel == "":
            tar.walk(str(base), "")
            continue
        blocked = False
        for parent in ancestors(rel):
            try:
                st = os.lstat(base / parent)
            except FileNotFoundError:
                tar.warn(f"{rel}: does not exist, not archived")
                blocked = True
                break
            if not stat.S_ISDIR(st.st_mode):
                tar.warn(f"{rel}: {parent} is {kind_of(st.st_mode)}, not archived")
                blocked = True
                break
            tar.add_dir(parent, st)
        if blocked:
            continue
        try:
            st = os.lstat(base / rel)
        except FileNotFoundError:
            tar.warn(f"{rel}: does not exist, not archived")
            continue
        tar.add_entry(str(base / rel), rel, st)
    tar.finish()
    return FilesReport(tar.files, tar.dirs, tar.content, summarize(tar.warnings, tar.skipped))


def summarize(warnings: list[str], count: int) -> tuple[str, ...]:
    """The warnings to record: the first ones listed, then how many more there were."""
    if count > len(warnings):
        return (*warnings, f"... and {count - len(warnings)} more entries not archived or changed")
    return tuple(warnings)
