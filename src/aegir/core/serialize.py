"""The one place where Aegir values become JSON or YAML and back.

A private cattrs converter, with hooks registered simplest types first. Structuring failures become
:class:`~aegir.core.errors.ValidationError` with one ``path: message`` line per problem.
"""

from __future__ import annotations

import json
from datetime import UTC, datetime
from typing import Any, TypeVar

import cattrs
from cattrs.preconf.json import make_converter

from aegir.core.errors import AegirError, ValidationError

__all__ = ["converter", "dumps", "loads", "structure", "to_yaml", "unstructure"]

T = TypeVar("T")


def _build() -> cattrs.Converter:
    conv = make_converter(omit_if_default=False)

    def _dt_out(value: datetime) -> str:
        return value.isoformat()

    def _dt_in(value: Any, _type: type) -> datetime:
        if isinstance(value, datetime):
            return value
        parsed = datetime.fromisoformat(str(value))
        return parsed if parsed.tzinfo else parsed.replace(tzinfo=UTC)

    conv.register_unstructure_hook(datetime, _dt_out)
    conv.register_structure_hook(datetime, _dt_in)
    return conv


converter = _build()


def unstructure(value: Any) -> Any:
    """Plain JSON-ready data (dicts, lists, strings, numbers) for an Aegir value."""
    return converter.unstructure(value)


def structure(data: Any, cls: type[T]) -> T:
    """Build ``cls`` from plain data; errors name each bad field as ``path: message``."""
    try:
        return converter.structure(data, cls)
    except AegirError:
        raise
    except (cattrs.BaseValidationError, ValueError, TypeError, KeyError) as e:
        if isinstance(e, cattrs.BaseValidationError):
            inner = _first_aegir_error(e)
            if inner is not None:
                raise inner from e
            lines = cattrs.transform_error(e, path=cls.__name__)
        else:
            lines = [f"{cls.__name__}: {e}"]
        raise ValidationError("; ".join(lines)) from e


def _first_aegir_error(group: BaseException) -> AegirError | None:
    if isinstance(group, AegirError):
        return group
    for sub in getattr(group, "exceptions", ()):
        found = _first_aegir_error(sub)
        if found is not None:
            return found
    return None


def dumps(value: Any, *, indent: int | None = None) -> str:
    """JSON text for an Aegir value."""
    return json.dumps(unstructure(value), indent=indent, sort_keys=False, ensure_ascii=False)


def loads(text: str | bytes, cls: type[T]) -> T:
    """An Aegir value from JSON text."""
    try:
        data = json.loads(text)
    except json.JSONDecodeError as e:
        raise ValidationError(f"not valid JSON for {cls.__name__}: {e}") from e
    return structure(data, cls)


def to_yaml(value: Any) -> str:
    """YAML text for an Aegir value (or for plain data)."""
    import yaml

    return yaml.safe_dump(unstructure(value), sort_keys=False, allow_unicode=True)
