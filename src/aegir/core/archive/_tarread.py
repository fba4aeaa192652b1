"""Reading tar headers from a forward-only stream, fast for the common case.

Plain POSIX ustar headers of files and directories (what Aegir writes for nearly every member) are
decoded here directly, which costs a fraction of ``tarfile``'s general parser; every other header
(PAX and GNU extensions, links, devices, anything odd) is handed to ``tarfile`` itself, and so is
the rest of an archive once it has a PAX global header. The result is a ``tarfile.TarInfo`` either
way; whether a member is acceptable is decided by the caller, never here.
"""

from __future__ import annotations

import tarfile
from collections.abc import Iterator

from aegir.core.archive._errors import CorruptPart
from aegir.core.archive._streams import ForwardReader

__all__ = ["iter_members"]

_BLOCK = tarfile.BLOCKSIZE
_ZERO_BLOCK = bytes(_BLOCK)
_POSIX_MAGIC = tarfile.POSIX_MAGIC
_FAST_TYPES = (tarfile.REGTYPE, tarfile.AREGTYPE, tarfile.DIRTYPE)
_CHECKSUM_SPACES = 8 * ord(" ")


def _octal(field: bytes) -> int | None:
    text = field.strip(b"\x00 ")
    if not text:
        return 0
    return int(text, 8) if text.isdigit() else None


def _fast_header(block: bytes) -> tarfile.TarInfo | None:
    """The member of a plain ustar file or directory header, or None to let tarfile decide."""
    if block[257:265] != _POSIX_MAGIC or block[156:157] not in _FAST_TYPES:
        return None
    checksum = _octal(block[148:156])
    if checksum is None or checksum != sum(block) - sum(block[148:156]) + _CHECKSUM_SPACES:
        return None
    mode, size, mtime = _octal(block[100:108]), _octal(block[124:136]), _octal(block[136:148])
    if mode is None or size is None or mtime is None:
        return None
    name = block[:100].split(b"\x00", 1)[0]
    prefix = block[345:500].split(b"\x00", 1)[0]
    if prefix:
        name = prefix + b"/" + name
    info = tarfile.TarInfo(name.decode("utf-8", "surrogateescape"))
    info.type = block[156:157]
    # As tarfile does: an old-style regular entry whose name ends in "/" is a directory.
    if info.type == tarfile.AREGTYPE and info.name.endswith("/"):
        info.type = tarfile.DIRTYPE
    if info.type == tarfile.DIRTYPE:
        info.name = info.name.rstrip("/")
    info.mode = mode
    info.size = size
    info.mtime = mtime
    return info


def iter_members(reader: ForwardReader, part: str) -> Iterator[tuple[tarfile.TarInfo, int]]:
    """Each member, with the offset of the header after it; the reader is left at the member's data.

    Stops at the end-of-archive marker; an archive that ends before it, or a header that cannot be
    read, raises :class:`CorruptPart`.
    """
    fallback: tarfile.TarFile | None = None
    fast = True
    while True:
        block = reader.peek(_BLOCK)
        if not block:
            # Cut off at a member boundary: what is here is not the whole archive.
            raise CorruptPart(part, f"ends at byte {reader.tell()} without the end-of-archive marker")
        if len(block) < _BLOCK:
            raise CorruptPart(part, f"ends inside a tar header at byte {reader.tell()}")
        if block == _ZERO_BLOCK:
            return
        info = _fast_header(block) if fast else None
        if info is not None:
            reader.seek(reader.tell() + _BLOCK)
            info.offset = reader.tell() - _BLOCK
            info.offset_data = reader.tell()
            # As tarfile does: only a regular file's size counts as data to skip.
            padded = -(-info.size // _BLOCK) * _BLOCK if info.isreg() else 0
            yield info, info.offset_data + padded
            continue
        at = reader.tell()
        try:
            if fallback is None:
                # tarfile reads the header at the current position as its first member.
                fallback = tarfile.TarFile(fileobj=reader, mode="r")  # type: ignore[arg-type]
            else:
                fallback.offset = at
            found = fallback.next()
        except tarfile.TarError as e:
            raise CorruptPart(part, f"has an unreadable tar header at byte {at}: {e}") from e
        if found is None:
            # tarfile stops quietly at a header it cannot read; a non-zero block is not an end.
            raise CorruptPart(part, f"has an unreadable tar header at byte {at}")
        if fallback.pax_headers:
            # A PAX global header changes how later headers read: let tarfile read all of them.
            fast = False
        yield found, fallback.offset
