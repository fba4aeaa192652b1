"""Manifests as YAML: one document per object, keys in the order rendered, multi-line text
(nginx and PHP settings) as literal blocks so printed manifests read like hand-written ones."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import yaml

__all__ = ["dump_all"]

_Base: Any = getattr(yaml, "CSafeDumper", yaml.SafeDumper)


class _Dumper(_Base):  # type: ignore[misc]
    """The C emitter where libyaml is present, with literal blocks for multi-line strings."""


def _str(dumper: yaml.SafeDumper, value: str) -> yaml.ScalarNode:
    if "\n" in value:
        return dumper.represent_scalar("tag:yaml.org,2002:str", value, style="|")
    return dumper.represent_scalar("tag:yaml.org,2002:str", value)


_Dumper.add_representer(str, _str)


def dump_all(objects: Iterable[dict[str, Any]]) -> str:
    """YAML text of ``objects``: ``---``-separated documents."""
    return yaml.dump_all(
        objects,
        Dumper=_Dumper,
        sort_keys=False,
        default_flow_style=False,
        allow_unicode=True,
        explicit_start=True,
    )
