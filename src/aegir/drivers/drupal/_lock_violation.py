"""The violation raised by the generated composer.lock validator (:mod:`._lock_validator`), and its messages.

The generated code stays lean on the happy path: it never carries the location of the value it is
checking. When a check fails it raises :class:`LockViolation` with the reason only, and every
enclosing loop of the generated code appends its key or index to :attr:`LockViolation.parts` as the
exception passes through (a ``try`` costs nothing until something is raised). The message builders
below run only on that error path.
"""

from __future__ import annotations

from typing import Any

__all__ = [
    "LockViolation",
    "forbidden",
    "key_of",
    "missing",
    "no_match",
    "not_one_of",
    "out_of_range",
    "position",
    "too_few",
    "too_many",
    "unexpected",
    "wrong_type",
]

_JSON_KINDS = {str: "string", dict: "object", list: "array", bool: "boolean", int: "integer", float: "number"}
_SHOWN = 60  # characters of a bad value quoted in a message


class LockViolation(ValueError):
    """The first value that breaks the schema: :attr:`reason`, and where it is (:attr:`path`)."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason
        #: keys and indexes from the bad value up to the document, innermost first
        self.parts: list[str | int] = []

    @property
    def path(self) -> tuple[str | int, ...]:
        """Keys and indexes from the document down to the bad value (empty for the document itself)."""
        return tuple(reversed(self.parts))


def position(items: list[Any], item: Any) -> int:
    """The index of ``item``, the first value of ``items`` that failed.

    Found by identity, never by equality (``1 == True``). An object listed twice fails at its first
    place already, as its check depends on the value alone.
    """
    return next(i for i, each in enumerate(items) if each is item)


def key_of(mapping: dict[str, Any], value: Any) -> str:
    """The key of ``value``, the first value of ``mapping`` that failed (found as :func:`position` does)."""
    return next(k for k, each in mapping.items() if each is value)


def _kind(value: Any) -> str:
    return "null" if value is None else _JSON_KINDS.get(type(value), type(value).__name__)


def _show(value: Any) -> str:
    """A short quotation of a scalar; containers only by kind (they can be large)."""
    if isinstance(value, (dict, list)):
        return _kind(value)
    text = repr(value)
    return text if len(text) <= _SHOWN else text[: _SHOWN - 3] + "..."


def wrong_type(value: Any, expected: str) -> LockViolation:
    got = (
        _kind(value) if isinstance(value, (dict, list)) or value is None else f"{_kind(value)} {_show(value)}"
    )
    return LockViolation(f"must be {expected}, not {got}")


def no_match(value: str, pattern: str) -> LockViolation:
    return LockViolation(f"must match pattern {pattern} ({_show(value)} does not)")


def not_one_of(value: Any, allowed: tuple[Any, ...]) -> LockViolation:
    listed = ", ".join(repr(a) for a in allowed)
    return LockViolation(f"must be one of {listed}, not {_show(value)}")


def missing(value: dict[str, Any], required: tuple[str, ...]) -> LockViolation:
    absent = ", ".join(repr(name) for name in required if name not in value)
    return LockViolation(f"must contain {absent}")


def unexpected(key: str) -> LockViolation:
    return LockViolation(f"must not contain {key!r} (not a property allowed here)")


def too_few(value: dict[str, Any] | list[Any], least: int) -> LockViolation:
    unit = "properties" if isinstance(value, dict) else "items"
    return LockViolation(f"must have at least {least} {unit}, not {len(value)}")


def too_many(value: dict[str, Any] | list[Any], most: int) -> LockViolation:
    unit = "properties" if isinstance(value, dict) else "items"
    return LockViolation(f"must have at most {most} {unit}, not {len(value)}")


def out_of_range(value: float, low: float | None, high: float | None) -> LockViolation:
    bounds = (
        f"between {low} and {high}"
        if low is not None and high is not None
        else (f"at least {low}" if low is not None else f"at most {high}")
    )
    return LockViolation(f"must be {bounds}, not {_show(value)}")


def forbidden(what: str) -> LockViolation:
    """``what`` says which combination failed: ``anyOf``, ``oneOf``, ``not`` or a property that may not exist."""
    return LockViolation(what)
