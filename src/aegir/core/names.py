"""Validators for every name that reaches SQL, a path, a URL or a config file.

They run once, when a model value is built; everything downstream may trust the value.
"""

from __future__ import annotations

import re
from typing import Any

from aegir.core.errors import ValidationError

__all__ = [
    "check_db_identifier",
    "check_name",
    "check_relative_path",
    "normalize_domain",
]

_NAME = re.compile(r"[a-z0-9][a-z0-9_.-]{0,62}")
_LABEL = re.compile(r"(?!-)[a-z0-9-]{1,63}(?<!-)")
_DB_IDENT = re.compile(r"[a-z][a-z0-9_]{0,63}")


def normalize_domain(value: str) -> str:
    """Return the ASCII (IDNA 2008 A-label) form of a host name, lower-cased.

    Accepts Unicode names (``bücher.example`` becomes ``xn--bcher-kva.example``). Rejects anything
    that is not a valid DNS host name: ports, paths, shell metacharacters, empty or overlong labels.
    """
    if not isinstance(value, str):
        raise ValidationError(f"invalid domain {value!r}: expected a string")
    candidate = value.strip().rstrip(".").lower()
    if not candidate or len(value) > 253:
        raise ValidationError(f"invalid domain {value!r}: must be 1 to 253 characters")
    if not candidate.isascii():
        candidate = _to_a_labels(value, candidate)
    if len(candidate) > 253:
        raise ValidationError(f"invalid domain {value!r}: longer than 253 characters once encoded")
    for label in candidate.split("."):
        if not _LABEL.fullmatch(label):
            raise ValidationError(
                f"invalid domain {value!r}: label {label!r} must be 1-63 letters, digits or hyphens, "
                "not starting or ending with a hyphen"
            )
    if candidate.split(".")[-1].isdigit():
        raise ValidationError(f"invalid domain {value!r}: an IP address is not a site domain")
    return candidate


def _to_a_labels(value: str, candidate: str) -> str:
    """``candidate`` with each Unicode label as its IDNA 2008 A-label (after UTS 46 mapping).

    Label by label, so that an ASCII label is held to the same rules (LDH, checked by the caller)
    as in an all-ASCII name: ``r3--sn-x.example`` is a real host name, in ``bücher.r3--sn-x.example``
    too, although IDNA itself refuses hyphens in the 3rd and 4th place of the labels it encodes.
    """
    import idna

    try:
        mapped = idna.uts46_remap(candidate, std3_rules=False, transitional=False)
        return ".".join(
            label if label.isascii() else idna.alabel(label).decode("ascii") for label in mapped.split(".")
        )
    except (idna.IDNAError, UnicodeError) as e:
        raise ValidationError(f"invalid domain {value!r}: {e}") from e


def check_name(kind: str, value: Any) -> str:
    """A name for a server, codebase or store: lower-case letters, digits, ``.``, ``_``, ``-``."""
    if not isinstance(value, str) or not _NAME.fullmatch(value) or ".." in value:
        raise ValidationError(
            f"invalid {kind} name {value!r}: use 1-63 lower-case letters, digits, '.', '_' or '-', "
            "starting with a letter or digit"
        )
    return value


def check_db_identifier(kind: str, value: Any) -> str:
    """A database or database user name: safe to quote into SQL and portable to MySQL."""
    if not isinstance(value, str) or not _DB_IDENT.fullmatch(value):
        raise ValidationError(
            f"invalid {kind} {value!r}: use 1-64 lower-case letters, digits or '_', starting with a letter"
        )
    return value


def check_relative_path(kind: str, value: Any) -> str:
    """A path inside a tree: relative, no ``..``, no NUL, no backslash tricks."""
    if not isinstance(value, str) or "\x00" in value or "\\" in value:
        raise ValidationError(f"invalid {kind} {value!r}: not a plain relative path")
    if value.startswith("/") or any(part == ".." for part in value.split("/")):
        raise ValidationError(f"invalid {kind} {value!r}: must stay inside its directory")
    return value.strip("/") or "."
