"""Safe extraction of a files part into a new directory.

Only regular files and directories are extracted. A member whose name is absolute, contains
``..``, or would resolve outside the target, and any link (symbolic or hard), device, fifo or other
special member is refused with :class:`~aegir.core.errors.UnsafeArchiveMember` naming it. The
target must not exist; it is created, and removed again on any failure, so a refused or damaged
archive leaves nothing behind. Nothing is ever written outside the target: parents are created by
the extractor itself, no link is ever created, and files are opened with ``O_EXCL | O_NOFOLLOW``.
"""

from __future__ import annotations

import os
import shutil
import stat
import tarfile
from pathlib import Path
from typing import IO

from attrs import frozen

from aegir.core.archive._errors import CorruptPart
from aegir.core.archive._streams import DecompressingFeed, ForwardReader
from aegir.core.archive._tarread import iter_members
from aegir.core.archive.manifest import PartInfo
from aegir.core.errors import ConflictError, UnsafeArchiveMember, ValidationError

__all__ = ["ExtractReport", "extract_part", "member_path"]

_REGULAR = (tarfile.REGTYPE, tarfile.AREGTYPE, tarfile.CONTTYPE)
_CREATE = os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW | os.O_CLOEXEC
#: the target directory's mode once extraction succeeded, unless the archive has a "." entry
TARGET_MODE = 0o755


@frozen
class ExtractReport:
    """What a restore extracted: regular files, directories (the root too, if the archive has an
    entry for it) and the bytes of file content."""

    files: int
    dirs: int
    content_bytes: int


def _refuse(name: str, part: str, reason: str) -> UnsafeArchiveMember:
    return UnsafeArchiveMember(f"archive member {name!r} of {part} {reason}; refusing to restore from it")


def member_path(member: tarfile.TarInfo, part: str = "the archive") -> tuple[str, ...]:
    """The path components a member would be extracted to, or :class:`UnsafeArchiveMember`.

    An empty tuple is the archive's root (``.``).
    """
    name = member.name
    if not name or "\x00" in name:
        raise _refuse(name, part, "has an empty name or a NUL byte")
    if name.startswith("/"):
        raise _refuse(name, part, "is an absolute path")
    parts = tuple(p for p in name.split("/") if p not in ("", "."))
    if ".." in parts:
        raise _refuse(name, part, "contains '..'")
    if member.issym():
        raise _refuse(name, part, f"is a symbolic link (to {member.linkname!r})")
    if member.islnk():
        raise _refuse(name, part, f"is a hard link (to {member.linkname!r})")
    if member.ischr() or member.isblk():
        raise _refuse(name, part, "is a device")
    if member.isfifo():
        raise _refuse(name, part, "is a fifo")
    if member.isdir():
        return parts
    if member.type not in _REGULAR or member.sparse is not None:
        raise _refuse(name, part, f"has an unsupported type {member.type!r} (only files and directories)")
    if not parts:
        raise _refuse(name, part, "is a file named like the archive's root")
    return parts


class _Extractor:
    def __init__(self, reader: ForwardReader, target: Path, part: str) -> None:
        self.reader = reader
        self.root = target
        self.target = str(target)
        self.part = part
        self.dirs: dict[str, tuple[int, int]] = {}
        self.made: set[str] = {""}
        self.resolved: dict[str, bool] = {}
        self.files = 0
        self.content = 0

    def _inside(self, rel_dir: str, name: str) -> None:
        # Defence in depth: the tree holds no links, but check that each directory we write into
        # really resolves inside the target (once per directory).
        ok = self.resolved.get(rel_dir)
        if ok is None:
            real = os.path.realpath(self.root / rel_dir)
            ok = real == self.target or real.startswith(self.target + os.sep)
            self.resolved[rel_dir] = ok
        if not ok:
            raise _refuse(name, self.part, "resolves outside the target directory")

    def _make_dirs(self, parts: tuple[str, ...], name: str) -> None:
        for i in range(1, len(parts) + 1):
            rel = "/".join(parts[:i])
            if rel in self.made:
                continue
            path = self.root / rel
            try:
                path.mkdir(0o700)
            except FileExistsError:
                if not stat.S_ISDIR(path.lstat().st_mode):
                    reason = f"needs {rel!r} to be a directory, but a file has that name"
                    raise _refuse(name, self.part, reason) from None
            self.made.add(rel)

    def directory(self, member: tarfile.TarInfo, parts: tuple[str, ...]) -> None:
        if parts:
            self._make_dirs(parts, member.name)
        self.dirs["/".join(parts)] = (stat.S_IMODE(member.mode) & 0o777, int(member.mtime))

    def regular(self, member: tarfile.TarInfo, parts: tuple[str, ...]) -> None:
        rel_dir = "/".join(parts[:-1])
        if rel_dir not in self.made:
            self._make_dirs(parts[:-1], member.name)
        self._inside(rel_dir, member.name)
        # Plain string paths: this runs once per file of a site, pathlib would cost measurably here.
        path = f"{self.target}/{rel_dir}/{parts[-1]}" if rel_dir else f"{self.target}/{parts[-1]}"
        try:
            fd = os.open(path, _CREATE, 0o600)
        except FileExistsError:
            raise _refuse(member.name, self.part, "appears twice or clashes with a directory") from None
        try:
            self.reader.seek(member.offset_data)
            if self.reader.copy_to_fd(fd, member.size) != member.size:
                raise CorruptPart(self.part, f"ends inside member {member.name!r}")
            # Set-id and sticky bits are dropped: a restored site never gains them.
            os.fchmod(fd, member.mode & 0o777)
            os.utime(fd, (member.mtime, member.mtime))
        finally:
            os.close(fd)
        self.files += 1
        self.content += member.size

    def finish_dirs(self) -> None:
        # Deepest first, so a read-only directory does not block setting its children.
        for rel in sorted(self.dirs, key=lambda r: r.count("/") + (1 if r else 0), reverse=True):
            mode, mtime = self.dirs[rel]
            path = self.root / rel if rel else self.root
            path.chmod(mode)
            os.utime(path, (mtime, mtime))
        if "" not in self.dirs:
            self.root.chmod(TARGET_MODE)

    def run(self) -> ExtractReport:
        try:
            for member, next_header in iter_members(self.reader, self.part):
                parts = member_path(member, self.part)
                if member.isdir():
                    self.directory(member, parts)
                else:
                    self.regular(member, parts)
                self.reader.seek(next_header)
        except CorruptPart:
            # A damaged part shows as a mismatch first: read to the end to let the checksum speak.
            self.reader.drain()
            raise
        self.reader.drain()
        self.finish_dirs()
        return ExtractReport(self.files, len(self.dirs), self.content)


def extract_part(raw: IO[bytes], part: PartInfo, target: str | Path) -> ExtractReport:
    """Extract a files part (read from ``raw``) into the new directory ``target``.

    The part's size and sha256 are checked against ``part`` as it is read; a mismatch, a damaged
    archive or an unsafe member raises, and ``target`` is removed again.
    """
    dest = Path(target).absolute()
    if not dest.parent.is_dir():
        raise ValidationError(f"cannot restore into {str(dest)!r}: its parent directory does not exist")
    try:
        # Private while extracting: no other user can plant anything in it meanwhile.
        dest.mkdir(mode=0o700)
    except FileExistsError:
        raise ConflictError(
            f"cannot restore into {str(dest)!r}: it exists already (restore needs a new directory)"
        ) from None
    dest = Path(os.path.realpath(dest))
    feed = DecompressingFeed(raw, part)
    try:
        report = _Extractor(ForwardReader(feed), dest, part.name).run()
    except BaseException:
        feed.close()
        shutil.rmtree(dest, ignore_errors=True)
        raise
    feed.close()
    return report
