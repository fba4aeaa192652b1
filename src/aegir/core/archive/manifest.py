"""The manifest of a backup: what it holds, and the size and sha256 of every part.

``manifest.json`` is written last; a manifest read back from a store is untrusted input and is
validated field by field (:func:`parse_manifest`).
"""

from __future__ import annotations

import json
import re
import secrets
from collections.abc import Iterable
from datetime import UTC, datetime
from typing import Any

from attrs import field, frozen

from aegir.core.errors import NotFoundError, ParseError, ValidationError
from aegir.core.storage import MANIFEST, check_backup_id, check_part_name

__all__ = [
    "DB_PART",
    "FILES_PART",
    "FORMAT_VERSION",
    "Manifest",
    "PartInfo",
    "SubjectInfo",
    "manifest_bytes",
    "new_backup_id",
    "parse_manifest",
]

FORMAT_VERSION = 1
DB_PART = "db.sql.zst"
FILES_PART = "files.tar.zst"
KINDS = ("site", "codebase")
COMPRESSIONS = ("zstd", "none")
_SHA256 = re.compile(r"[0-9a-f]{64}")


def _size(_inst: object, attribute: Any, value: Any) -> None:
    if value is not None and (not isinstance(value, int) or isinstance(value, bool) or value < 0):
        raise ValidationError(f"invalid {attribute.name} {value!r}: must be a whole number of bytes")


def _sha(_inst: object, _attribute: Any, value: Any) -> None:
    if not isinstance(value, str) or not _SHA256.fullmatch(value):
        raise ValidationError(f"invalid sha256 {value!r}: must be 64 lower-case hex digits")


def _one_of(choices: tuple[str, ...]) -> Any:
    def check(_inst: object, attribute: Any, value: Any) -> None:
        if value not in choices:
            raise ValidationError(f"invalid {attribute.name} {value!r}: must be one of {', '.join(choices)}")

    return check


def _part_name(_inst: object, _attribute: Any, value: Any) -> None:
    check_part_name(value)


def _aware(_inst: object, attribute: Any, value: Any) -> None:
    if not isinstance(value, datetime) or value.tzinfo is None:
        raise ValidationError(f"invalid {attribute.name} {value!r}: must be a time with a time zone")


@frozen
class PartInfo:
    """One part as stored: ``size`` and ``sha256`` are of the stored (compressed) bytes."""

    name: str = field(validator=_part_name)
    size: int = field(validator=_size)
    sha256: str = field(validator=_sha)
    compression: str = field(default="zstd", validator=_one_of(COMPRESSIONS))
    #: bytes before compression, when known
    content_size: int | None = field(default=None, validator=_size)


@frozen
class SubjectInfo:
    """What a backup is of, as the manifest records it (all optional facts are None when unknown)."""

    kind: str = field(validator=_one_of(KINDS))
    subject: str
    site: str | None = None
    codebase: str | None = None
    package_digest: str | None = None
    app: str | None = None
    app_version: str | None = None
    schema_version: str | None = None
    extra: dict[str, str] = field(factory=dict)


def _parts(value: Any) -> tuple[PartInfo, ...]:
    parts = tuple(value)
    names = [p.name for p in parts]
    duplicates = sorted({n for n in names if names.count(n) > 1})
    if duplicates:
        raise ValidationError(f"manifest lists part {duplicates[0]!r} twice")
    if MANIFEST in names:
        raise ValidationError(f"manifest lists itself ({MANIFEST}) as a part")
    return parts


def _strings(value: Iterable[str]) -> tuple[str, ...]:
    return tuple(value)


def _id(_inst: object, _attribute: Any, value: Any) -> None:
    check_backup_id(value)


def _format(_inst: object, _attribute: Any, value: Any) -> None:
    if value != FORMAT_VERSION:
        raise ValidationError(
            f"backup format {value!r} is not supported (this Aegir reads format {FORMAT_VERSION}); "
            "read it with the Aegir version that wrote it"
        )


@frozen
class Manifest:
    """Everything known about one complete backup."""

    id: str = field(validator=_id)
    subject: SubjectInfo
    created: datetime = field(validator=_aware)
    completed: datetime = field(validator=_aware)
    aegir_version: str
    parts: tuple[PartInfo, ...] = field(converter=_parts)
    warnings: tuple[str, ...] = field(default=(), converter=_strings)
    format: int = field(default=FORMAT_VERSION, validator=_format)

    @property
    def size(self) -> int:
        """Total stored size of the parts."""
        return sum(p.size for p in self.parts)

    def part(self, name: str) -> PartInfo:
        for p in self.parts:
            if p.name == name:
                return p
        have = ", ".join(p.name for p in self.parts) or "none"
        raise NotFoundError(f"backup {self.id!r} has no part {name!r} (it has: {have})")

    def has_part(self, name: str) -> bool:
        return any(p.name == name for p in self.parts)


def new_backup_id(subject: str, when: datetime | None = None) -> str:
    """A fresh id: the subject, the UTC time to the second, and a random suffix (sortable per subject)."""
    moment = (when or datetime.now(UTC)).astimezone(UTC)
    return check_backup_id(f"{subject.lower()}-{moment:%Y%m%d-%H%M%S}-{secrets.token_hex(3)}")


def manifest_bytes(manifest: Manifest) -> bytes:
    """The manifest as stored: UTF-8 JSON."""
    from aegir.core import serialize

    return (serialize.dumps(manifest, indent=2) + "\n").encode("utf-8")


def parse_manifest(data: bytes, *, backup_id: str | None = None, where: str = MANIFEST) -> Manifest:
    """Read a stored manifest (untrusted); ``backup_id``, when given, must match the one inside."""
    from aegir.core import serialize

    try:
        raw = json.loads(data.decode("utf-8"))
    except UnicodeDecodeError as e:
        raise ParseError(f"not UTF-8 text ({e.reason} at byte {e.start})", path=where) from None
    except json.JSONDecodeError as e:
        raise ParseError(
            f"not valid JSON: {e.msg}", path=where, where=f"line {e.lineno} column {e.colno}"
        ) from None
    except RecursionError:
        raise ParseError("JSON nested too deeply", path=where) from None
    if not isinstance(raw, dict):
        raise ParseError(f"expected a JSON object, found {type(raw).__name__}", path=where)
    try:
        manifest = serialize.structure(raw, Manifest)
    except RecursionError:
        raise ParseError("JSON nested too deeply", path=where) from None
    except ValidationError as e:
        raise ParseError(str(e), path=where) from e
    if backup_id is not None and manifest.id != backup_id:
        raise ParseError(f"manifest is for backup {manifest.id!r}, not {backup_id!r}", path=where)
    return manifest
