"""Typed converters for attrs fields (``converter=tuple`` loses its element type under mypy)."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from aegir.core.model import Extension, Package, Service
    from aegir.core.steps import Step


def strs(value: Iterable[str]) -> tuple[str, ...]:
    if isinstance(value, str):  # a bare string would become a tuple of its letters
        from aegir.core.errors import ValidationError

        raise ValidationError(f"expected a list of strings, got the string {value!r}")
    return tuple(value)


def services(value: Iterable[Service]) -> tuple[Service, ...]:
    return tuple(value)


def packages(value: Iterable[Package]) -> tuple[Package, ...]:
    return tuple(value)


def extensions(value: Iterable[Extension]) -> tuple[Extension, ...]:
    return tuple(value)


def steps(value: Iterable[Step]) -> tuple[Step, ...]:
    return tuple(value)
