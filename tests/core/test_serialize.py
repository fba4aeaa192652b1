"""Serialization round trips: every model class, every built-in step, plans; JSON and YAML."""

from __future__ import annotations

import contextlib
import json
from datetime import UTC, datetime
from typing import Any

import pytest
import yaml
from hypothesis import given
from hypothesis import strategies as st

from aegir.core import serialize
from aegir.core.errors import AegirError, ValidationError
from aegir.core.model import Codebase, Server, Site, SiteStatus, Task
from aegir.core.plan import Plan
from aegir.core.plugins import Plugins
from aegir.core.steps import BUILTIN_STEPS, Step, StepRegistry
from strategies import MODEL_STRATEGIES, json_values, plans, sites, step_strategy


def _registry() -> StepRegistry:
    # The built-in plugins' registry: core steps plus those the built-in drivers and backends add.
    return Plugins(autoload=False).steps


REGISTRY = _registry()
STEP_CLASSES = [REGISTRY.get(kind) for kind in REGISTRY.kinds()]


@pytest.mark.parametrize("cls", list(MODEL_STRATEGIES), ids=lambda c: c.__name__)
@given(data=st.data())
def test_model_values_round_trip(cls: type, data: st.DataObject) -> None:
    value = data.draw(MODEL_STRATEGIES[cls])
    plain = serialize.unstructure(value)
    assert serialize.structure(plain, cls) == value
    text = serialize.dumps(value)
    assert json.loads(text) == plain
    assert serialize.loads(text, cls) == value
    assert serialize.loads(text.encode("utf-8"), cls) == value
    # YAML carries the same data as JSON (dates as ISO strings, enums as their values)
    assert yaml.safe_load(serialize.to_yaml(value)) == json.loads(text)


def _core_step_classes() -> set[type[Step]]:
    """Every concrete Step class the core defines (found by importing all of aegir.core)."""
    import importlib
    import pkgutil

    import aegir.core

    for info in pkgutil.walk_packages(aegir.core.__path__, "aegir.core."):
        importlib.import_module(info.name)
    found: set[type[Step]] = set()
    todo = list(Step.__subclasses__())
    while todo:
        cls = todo.pop()
        todo += cls.__subclasses__()
        if cls.__module__.startswith("aegir.core.") and "kind" in vars(cls):
            found.add(cls)
    return found


def test_every_builtin_step_class_is_registered() -> None:
    """A step the journal cannot read back cannot be recovered after a crash."""
    assert set(BUILTIN_STEPS) <= set(STEP_CLASSES)
    assert _core_step_classes() <= set(STEP_CLASSES)
    assert len({cls.kind for cls in STEP_CLASSES}) == len(STEP_CLASSES)


@pytest.mark.parametrize("cls", STEP_CLASSES, ids=lambda c: c.kind)
@given(data=st.data())
def test_steps_round_trip_through_the_registry(cls: type[Step], data: st.DataObject) -> None:
    step = data.draw(step_strategy(cls))
    record = REGISTRY.to_data(step)
    assert record["kind"] == cls.kind
    journaled = json.loads(json.dumps(record))
    assert REGISTRY.from_data(journaled) == step
    assert serialize.structure(serialize.unstructure(step), cls) == step
    assert yaml.safe_load(serialize.to_yaml(step)) == serialize.unstructure(step)
    # describe() is what --dry-run prints; it must work on any valid step
    assert isinstance(step.describe(), str)
    inverse = step.inverse()
    assert inverse is None or REGISTRY.from_data(REGISTRY.to_data(inverse)) == inverse


@given(plan=plans(STEP_CLASSES))
def test_plans_round_trip_as_json(plan: Plan) -> None:
    text = json.dumps(plan.to_data(REGISTRY))
    assert Plan.from_data(json.loads(text), REGISTRY) == plan


def test_unknown_step_kind_names_the_kind() -> None:
    with pytest.raises(ValidationError, match="unknown step kind 'teleport-site'"):
        REGISTRY.from_data({"kind": "teleport-site", "server": "local"})


def test_naive_datetimes_are_read_as_utc() -> None:
    data = serialize.unstructure(Task(id="t1", operation="install", target="example.org"))
    data["created"] = "2024-05-01T10:00:00"
    task = serialize.structure(data, Task)
    assert task.created == datetime(2024, 5, 1, 10, 0, tzinfo=UTC)


def test_enums_serialize_as_their_values() -> None:
    site = Site(domain="Example.ORG.", codebase="d10", server="local", status=SiteStatus.ENABLED)
    data = serialize.unstructure(site)
    assert data["status"] == "enabled"
    assert data["domain"] == "example.org"
    assert "status: enabled" in serialize.to_yaml(site)


# -- what bad input may raise ------------------------------------------------------------------------

TARGETS = [Site, Server, Codebase, Task, *MODEL_STRATEGIES]


@pytest.mark.parametrize("cls", TARGETS, ids=lambda c: c.__name__)
@given(data=json_values)
def test_wrong_shaped_data_raises_only_validation_errors(cls: type, data: Any) -> None:
    try:
        serialize.structure(data, cls)
    except ValidationError as e:
        assert str(e)
        assert "\n" not in str(e)


@given(blob=st.binary(max_size=64) | st.text(max_size=64))
def test_garbage_json_raises_only_validation_errors(blob: bytes | str) -> None:
    with contextlib.suppress(ValidationError):
        serialize.loads(blob, Site)


@given(site=sites, cut=st.integers(min_value=0, max_value=400))
def test_truncated_json_raises_a_validation_error(site: Site, cut: int) -> None:
    text = serialize.dumps(site)
    if cut >= len(text):
        return
    with pytest.raises(ValidationError):
        serialize.loads(text[:cut], Site)


@pytest.mark.parametrize(
    ("data", "needle"),
    [
        ({"domain": "ex ample.org", "codebase": "d10", "server": "local"}, "'ex ample.org'"),
        ({"domain": "example.org", "codebase": "../etc", "server": "local"}, "'../etc'"),
        ({"domain": "example.org", "codebase": "d10", "server": "local", "db_name": "x'; DROP"}, "DROP"),
        ({"domain": "example.org", "codebase": "d10", "server": "local", "status": "exploded"}, "exploded"),
        ({"domain": "example.org", "codebase": "d10"}, "server"),
    ],
    ids=["domain", "codebase", "db-name", "status", "missing"],
)
def test_structuring_errors_name_the_bad_value(data: dict[str, Any], needle: str) -> None:
    with pytest.raises(ValidationError) as info:
        serialize.structure(data, Site)
    assert needle in str(info.value)
    assert isinstance(info.value, AegirError)
