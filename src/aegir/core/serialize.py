"""The one place where Aegir values become JSON or YAML and back.

A private cattrs converter, with hooks registered simplest types first. Structuring failures become
:class:`~aegir.core.errors.ValidationError` with one ``path: message`` line per problem.
"""

from __future__ import annotations

import functools
import json
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any, TypeVar

from aegir.core.errors import AegirError, ValidationError

if TYPE_CHECKING:
    import cattrs

__all__ = ["converter", "dumps", "loads", "plain", "structure", "to_yaml", "unstructure"]

T = TypeVar("T")


def _build() -> cattrs.Converter:
    from cattrs.preconf.json import make_converter

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


@functools.cache
def converter() -> cattrs.Converter:
    """The converter, built on first use (cattrs is not imported by commands that never need it)."""
    return _build()


def unstructure(value: Any) -> Any:
    """Plain JSON-ready data (dicts, lists, strings, numbers) for an Aegir value."""
    return converter().unstructure(value)


def plain(value: Any) -> Any:
    """Plain data for a value made only of attrs classes, strings, numbers, lists and dicts (a
    codebase scan), without building the converter: the fast path of ``codebase scan --json``."""
    import attrs

    return attrs.asdict(value, recurse=True)


def structure(data: Any, cls: type[T]) -> T:
    """Build ``cls`` from plain data; errors name each bad field as ``path: message``."""
    try:
        return converter().structure(data, cls)
    except AegirError:
        raise
    except Exception as e:
        import cattrs

        if not isinstance(e, cattrs.BaseValidationError | ValueError | TypeError | KeyError):
            raise
        if isinstance(e, cattrs.BaseValidationError):
            inner = _first_aegir_error(e)
            if inner is not None:
                raise inner from e
            lines = cattrs.transform_error(e, path=cls.__name__, format_exception=_format_exception)
        else:
            lines = [f"{cls.__name__}: {e}"]
        raise ValidationError("; ".join(lines)) from e


def _format_exception(exc: BaseException, type_: type | None) -> str:
    # cattrs' own wording ("invalid value for type, expected SiteStatus") leaves out the value;
    # the builtin's message names it ("'exploded' is not a valid SiteStatus").
    from cattrs.v import format_exception

    message = format_exception(exc, type_)
    detail = str(exc) if isinstance(exc, ValueError) else ""
    return f"{message}: {detail}" if detail and detail not in message else message


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
    except (json.JSONDecodeError, UnicodeDecodeError) as e:
        raise ValidationError(f"not valid JSON for {cls.__name__}: {e}") from e
    return structure(data, cls)


def to_yaml(value: Any) -> str:
    """YAML text for an Aegir value (or for plain data)."""
    import yaml

    return yaml.dump(unstructure(value), Dumper=_yaml_dumper(), sort_keys=False, allow_unicode=True)


@functools.cache
def _yaml_dumper() -> type:
    import yaml

    class Dumper(yaml.SafeDumper):
        pass

    def represent_str(dumper: yaml.SafeDumper, text: str) -> yaml.Node:
        # PyYAML writes NEL (U+0085) raw into single-quoted scalars, where readers fold it into a
        # space; the double-quoted style escapes it as \N, so the text reads back unchanged.
        style = '"' if "\x85" in text else None
        return dumper.represent_scalar("tag:yaml.org,2002:str", text, style=style)

    Dumper.add_representer(str, represent_str)
    return Dumper
