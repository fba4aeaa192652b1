"""Tar streams relayed through a check, for site files on another machine (a server over SSH).

There the machine's own ``tar`` reads and writes the files, and the stream passes through here on
its way, so what goes into a backup and what reaches the server is what Aegir's own writer
(:func:`~aegir.core.archive._tarwrite.write_tar`) and extractor (:mod:`._extract`) would allow:

- backup (:func:`select_for_tar`, then :func:`relay_archive`): the directories leading to each
  selected path come from their ``lstat`` (a listed path that is a link is never followed), the
  machine's tar archives the selected paths, and only regular files and directories pass on, named
  relative to the site directory, each other kind dropped with a warning as ``write_tar`` drops it;
- restore (:func:`relay_clean`): every member of the part is checked by
  :func:`~aegir.core.archive._extract.member_path`, which refuses the whole part at the first
  absolute name, ``..``, link, device or other special member, and only then passed on with a
  header of our own (set-id and sticky bits dropped). The end-of-archive marker is sent only once
  the part's sha256 has matched: a damaged or refused part reaches the machine's tar cut off,
  which fails.
"""

from __future__ import annotations

import posixpath
import stat
import tarfile
from collections.abc import Callable, Iterable, Mapping, Sequence
from pathlib import PurePosixPath
from typing import IO

from attrs import field, frozen

from aegir.core import _convert
from aegir.core.archive._errors import CorruptPart
from aegir.core.archive._extract import ExtractReport, member_path
from aegir.core.archive._streams import DecompressingFeed, ForwardReader, StreamFeed
from aegir.core.archive._tarread import iter_members
from aegir.core.archive._tarwrite import (
    MAX_REPORTED,
    FilesReport,
    ancestors,
    kind_of,
    select_paths,
    summarize,
    tar_header,
)
from aegir.core.archive.manifest import PartInfo
from aegir.core.errors import BackendError, ValidationError

__all__ = ["EntryStat", "TarSelection", "relay_archive", "relay_clean", "select_for_tar"]

_BLOCK = tarfile.BLOCKSIZE
_RECORD = tarfile.RECORDSIZE
_REGULAR = (tarfile.REGTYPE, tarfile.AREGTYPE, tarfile.CONTTYPE)


@frozen
class EntryStat:
    """What ``lstat`` says of one entry on the machine: enough for a directory's tar header."""

    mode: int
    uid: int = 0
    gid: int = 0
    mtime: int = 0


@frozen
class TarSelection:
    """What to hand the machine's tar for one backup, and what was decided before it runs.

    ``names`` are relative to the site directory (``.`` for all of it), to follow a ``--``;
    ``lead`` are the directory entries written first (the site directory itself as ``.``, then
    the directories leading to each selected path); ``warnings`` name what is not archived.
    """

    names: tuple[str, ...] = field(converter=_convert.strs)
    lead: tuple[tuple[str, EntryStat], ...]
    warnings: tuple[str, ...] = field(converter=_convert.strs)


def select_for_tar(
    base_dir: str,
    paths: Iterable[str] | None,
    lstat: Callable[[Sequence[str]], Mapping[str, EntryStat]],
) -> TarSelection:
    """Decide, from one ``lstat`` of a few names, what the machine's tar is to archive.

    ``lstat(names)`` gets paths relative to ``base_dir`` (``.`` for the directory itself) and
    returns what it found of them; a missing name is simply absent. The rules are ``write_tar``'s:
    a selected path must not be a link nor lie below one, a missing one is reported.
    """
    if not base_dir.startswith("/"):
        raise ValidationError(f"site directory {base_dir!r} is not an absolute path")
    base = PurePosixPath(posixpath.normpath(base_dir))
    rels = select_paths(base, paths)
    wanted = {"."} | {p for r in rels if r for p in (*ancestors(r), r)}
    found = lstat(sorted(wanted))
    root = found.get(".")
    if root is None or not stat.S_ISDIR(root.mode):
        raise ValidationError(f"site directory {str(base)!r} is not a directory")
    lead: dict[str, EntryStat] = {".": root}
    names: list[str] = []
    warnings: list[str] = []
    for rel in rels:
        if rel == "":
            names.append(".")
            continue
        blocked = None
        for parent in ancestors(rel):
            entry = found.get(parent)
            if entry is None:
                blocked = f"{rel}: does not exist, not archived"
            elif not stat.S_ISDIR(entry.mode):
                blocked = f"{rel}: {parent} is {kind_of(entry.mode)}, not archived"
            if blocked:
                break
        entry = found.get(rel)
        if blocked is None:
            blocked = _not_archived(rel, entry)
        if blocked:
            warnings.append(blocked)
            continue
        lead.update((parent, found[parent]) for parent in ancestors(rel))
        names.append(rel)
    return TarSelection(names, tuple(lead.items()), warnings)


def _not_archived(rel: str, entry: EntryStat | None) -> str | None:
    """Why a selected path is left out (missing, a link...), or None for a file or directory."""
    if entry is None:
        return f"{rel}: does not exist, not archived"
    if stat.S_ISDIR(entry.mode) or stat.S_ISREG(entry.mode):
        return None
    return f"{rel}: {kind_of(entry.mode)}, not archived"


class _Relay:
    """Writes members with Aegir's own headers, and the end-of-archive marker like tar pads it."""

    def __init__(self, out: IO[bytes]) -> None:
        self.out = out
        self.written = 0
        self.dirs: set[str] = set()
        self.files = 0
        self.content = 0

    def _write(self, data: bytes | memoryview) -> None:
        self.out.write(data)
        self.written += len(data)

    def directory(self, name: str, mode: int, uid: int, gid: int, mtime: float) -> None:
        if name in self.dirs:
            return
        self.dirs.add(name)
        self._write(
            tar_header(name, tarfile.DIRTYPE, mode=mode & 0o777, uid=uid, gid=gid, mtime=mtime, size=0)
        )

    def regular(self, reader: ForwardReader, member: tarfile.TarInfo, name: str, part: str) -> None:
        mode, size = member.mode & 0o777, member.size
        self._write(
            tar_header(
                name,
                tarfile.REGTYPE,
                mode=mode,
                uid=member.uid,
                gid=member.gid,
                mtime=member.mtime,
                size=size,
            )
        )
        reader.seek(member.offset_data)
        if reader.copy_to(self._write, member.size) != member.size:
            raise CorruptPart(part, f"ends inside member {member.name!r}")
        self._write(bytes(-member.size % _BLOCK))
        self.files += 1
        self.content += member.size

    def finish(self) -> None:
        end = 2 * _BLOCK
        self._write(bytes(end + (-(self.written + end) % _RECORD)))


def _name(parts: tuple[str, ...]) -> str:
    return "/".join(parts) or "."


def relay_archive(
    source: IO[bytes] | None, out: IO[bytes], selection: TarSelection, *, origin: str
) -> FilesReport:
    """Write the backup's tar stream to ``out``: ``selection.lead``, then the regular files and
    directories of ``source`` (the machine's tar stream; None when it had nothing to archive).

    ``origin`` names the stream in errors (``tar on web2``). A stream that cannot be read raises
    :class:`~aegir.core.errors.BackendError`.
    """
    relay = _Relay(out)
    warnings = list(selection.warnings)
    skipped = len(warnings)
    for name, entry in selection.lead:
        relay.directory(name, entry.mode, entry.uid, entry.gid, entry.mtime)
    if source is not None:
        reader = ForwardReader(StreamFeed(source))
        try:
            for member, next_header in iter_members(reader, origin):
                name = member.name
                parts = tuple(p for p in name.split("/") if p not in ("", "."))
                if name.startswith("/") or ".." in parts:
                    raise BackendError(
                        f"{origin} wrote the member {name!r}, outside the site directory; refusing it"
                    )
                rel = _name(parts)
                if member.isdir():
                    relay.directory(rel, member.mode, member.uid, member.gid, member.mtime)
                elif member.type in _REGULAR and member.sparse is None:
                    relay.regular(reader, member, rel, origin)
                else:
                    skipped += 1
                    if len(warnings) < MAX_REPORTED:
                        warnings.append(f"{rel}: {_member_kind(member)}, not archived")
                reader.seek(next_header)
        except CorruptPart as e:
            raise BackendError(f"the tar stream of {origin} broke off: {e}") from e
    relay.finish()
    return FilesReport(relay.files, len(relay.dirs), relay.content, summarize(warnings, skipped))


def _member_kind(member: tarfile.TarInfo) -> str:
    if member.issym():
        return "a symbolic link"
    if member.islnk():
        return "a hard link"
    if member.ischr() or member.isblk():
        return "a device"
    if member.isfifo():
        return "a fifo"
    return "not a regular file or directory"


def relay_clean(raw: IO[bytes], part: PartInfo, out: IO[bytes]) -> tuple[ExtractReport, EntryStat | None]:
    """Check a files part (read from ``raw``) member by member and write it to ``out`` as a clean
    tar stream: only files and directories with relative, normalized names.

    Returns the counts, and the archive's own entry for its root (``.``), if it has one, so the
    caller can give the target directory that mode and time (``tar --keep-old-files`` leaves an
    existing directory as it is). An unsafe member raises
    :class:`~aegir.core.errors.UnsafeArchiveMember`, a damaged part :class:`CorruptPart` or
    :class:`~aegir.core.archive.ChecksumMismatch`; then ``out`` never gets the end-of-archive marker.
    """
    relay = _Relay(out)
    root: EntryStat | None = None
    feed = DecompressingFeed(raw, part)
    reader = ForwardReader(feed)
    try:
        try:
            for member, next_header in iter_members(reader, part.name):
                parts = member_path(member, part.name)
                if member.isdir():
                    if not parts:
                        root = EntryStat(stat.S_IMODE(member.mode) & 0o777, 0, 0, int(member.mtime))
                        relay.dirs.add(".")
                    else:
                        relay.directory(_name(parts), member.mode, 0, 0, member.mtime)
                else:
                    relay.regular(reader, member, _name(parts), part.name)
                reader.seek(next_header)
        except CorruptPart:
            # A damaged part shows as a mismatch first: read to the end to let the checksum speak.
            reader.drain()
            raise
        reader.drain()
    finally:
        feed.close()
    relay.finish()
    return ExtractReport(relay.files, len(relay.dirs), relay.content), root
