"""Errors of damaged backups: a part that does not match its manifest, or cannot be read."""

from __future__ import annotations

from aegir.core.errors import ValidationError

__all__ = ["ChecksumMismatch", "CorruptPart"]


class CorruptPart(ValidationError):
    """A part of a backup is damaged; restoring from the backup is refused."""

    def __init__(self, part: str, detail: str) -> None:
        super().__init__(f"backup part {part!r} is damaged: {detail}; refusing to restore from it")
        self.part = part


class ChecksumMismatch(CorruptPart):
    """A part's bytes do not match the size and sha256 its manifest records."""

    def __init__(self, part: str, *, expected: str, actual: str, expected_size: int, size: int) -> None:
        super().__init__(
            part,
            f"sha256 is {actual} ({size} bytes) but the manifest records {expected} ({expected_size} bytes)",
        )
        self.expected = expected
        self.actual = actual
        self.expected_size = expected_size
        self.size = size
