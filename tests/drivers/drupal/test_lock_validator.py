"""The generator of the composer.lock validator, held to jsonschema (Draft 4) keyword by keyword and lock by lock.

Three layers: small schemas, one or two keywords each, compiled by the generator at test time and
compared with jsonschema on random JSON; the refusals that keep a schema update from weakening the
check silently; and the generated lock validator against the reference on random locks drawn from
Composer's own schemas, then broken at one random place.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from functools import cache
from typing import Any
from urllib.parse import urldefrag, urljoin

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from jsonschema import Draft4Validator
from referencing import Registry
from referencing.jsonschema import DRAFT4

from aegir.drivers.drupal import _lock_schema, _lock_validator
from aegir.drivers.drupal._lock_schema import UnsupportedSchema, generate_code
from aegir.drivers.drupal._lock_violation import LockViolation

from ._json_places import locations
from ._realdata import REALDATA

TOY = "https://toy.aegir.invalid/schema.json"
OTHER = "https://toy.aegir.invalid/other.json"


def _json_path(parts: Any) -> str:
    return "$" + "".join(f"[{p}]" if isinstance(p, int) else f".{p}" for p in parts)


def _compiled(code: str) -> Callable[[Any], None]:
    """The ``validate`` of generated source, loaded as a module would be (tests run the generator's output)."""
    namespace: dict[str, Any] = {"__name__": "generated_for_test"}
    exec(compile(code, "<generated>", "exec"), namespace)  # noqa: S102 - the code under test is generated
    validate: Callable[[Any], None] = namespace["validate"]
    return validate


def _toy(schema: dict[str, Any]) -> tuple[Callable[[Any], None], Any]:
    """Our validator and jsonschema's for ``schema``, with OTHER_DOC reachable as ``other.json``."""
    schemas = {TOY: {**schema, "id": TOY}, OTHER: {**OTHER_DOC, "id": OTHER}}
    registry: Registry[Any] = Registry().with_resources(
        (uri, DRAFT4.create_resource(s)) for uri, s in schemas.items()
    )
    return _compiled(generate_code(schemas, TOY)), Draft4Validator(schemas[TOY], registry=registry)


def _agree(ours: Callable[[Any], None], reference: Any, instance: Any) -> None:
    """Same verdict; when invalid, our (first) error is at a place where jsonschema finds one."""
    paths = {_json_path(e.absolute_path) for e in reference.iter_errors(instance)}
    try:
        ours(instance)
    except LockViolation as e:
        assert paths, f"only ours rejects {instance!r}: {_json_path(e.path)}: {e.reason}"
        assert _json_path(e.path) in paths, (
            f"{instance!r}: ours at {_json_path(e.path)}, jsonschema at {paths}"
        )
        assert e.reason.startswith(("must", "is not")), e.reason
    else:
        assert not paths, f"only jsonschema rejects {instance!r}: {paths}"


# -- one keyword at a time, against jsonschema -----------------------------------------------------

OTHER_DOC: dict[str, Any] = {"definitions": {"a/b": {"type": "integer"}, "x~y": {"enum": ["x"]}}}

TOYS: dict[str, dict[str, Any]] = {
    "type integer or string": {"type": ["integer", "string"]},
    "type number": {"type": "number"},
    "type boolean or integer": {"type": ["boolean", "integer"]},
    "type null": {"type": "null"},
    "type number or null": {"type": ["number", "null"], "format": "uri"},
    "enum mixed": {"enum": ["a", 1, 1.5, True, None]},
    "enum bools": {"type": ["boolean", "string"], "enum": ["php-only", True, False]},
    "enum false": {"enum": [False]},
    "closed object": {
        "type": "object",
        "required": ["a"],
        "properties": {"a": {"type": "string"}, "b": {"type": "integer"}, "c": {"description": "any"}},
        "additionalProperties": False,
    },
    "closed object with checks": {
        "properties": {"a": {"type": "string", "pattern": "^x"}, "b": {"type": "string"}, "c": {}},
        "additionalProperties": False,
    },
    "closed empty object": {"type": "object", "additionalProperties": False},
    "object keywords without type": {
        "properties": {"a": {"type": "array", "items": {"type": "string"}}, "c": {}},
        "additionalProperties": {"type": "integer"},
    },
    "map of strings": {"type": "object", "additionalProperties": {"type": "string"}},
    "map of enums": {"additionalProperties": {"enum": ["x", 1]}},
    "pattern properties, closed": {
        "properties": {"ignore-me": {"type": "string"}, "a": {}},
        "patternProperties": {"^ig": {"not": {}}, "x$": {"type": "integer"}},
        "additionalProperties": False,
    },
    "pattern properties, extra schema": {
        "properties": {"b": {}, "x": {"type": "string"}},
        "patternProperties": {"^a": {"type": "string"}, "^ab": {"enum": ["ab"]}},
        "additionalProperties": {"type": "boolean"},
    },
    "pattern properties, open": {"patternProperties": {"^(a|b)$": {"type": "null"}}},
    "property counts": {
        "type": "object",
        "minProperties": 1,
        "maxProperties": 1,
        "additionalProperties": {"type": "boolean", "enum": [False]},
    },
    "array or string": {
        "type": ["array", "string"],
        "items": {"type": "object", "required": ["a", "b"]},
        "minItems": 1,
        "pattern": "^x",
    },
    "array of arrays": {"type": "array", "items": {"type": "array", "items": {"type": "integer"}}},
    "bounded integer": {"type": "integer", "minimum": 10, "maximum": 99},
    "lower bound only": {"minimum": 0},
    "upper bound only": {"maximum": 1.5},
    "anyOf": {"anyOf": [{"type": "string"}, {"type": "object", "properties": {"a": {"type": "boolean"}}}]},
    "anyOf accepting anything": {"anyOf": [{"type": "string"}, {}]},
    "oneOf overlapping": {"oneOf": [{"type": "integer"}, {"type": "number"}, {"enum": ["x"]}]},
    "allOf and not required": {"allOf": [{"type": "object"}, {"not": {"required": ["a", "b"]}}]},
    "not": {"not": {"type": "string"}},
    "ref siblings ignored": {
        "definitions": {"s": {"type": "string"}},
        "properties": {"a": {"$ref": "#/definitions/s", "type": "integer"}},
    },
    "ref to another document": {
        "properties": {
            "a": {"$ref": "other.json#/definitions/a~1b"},
            "b": {"$ref": "other.json#/definitions/x~0y"},
        }
    },
    "recursive ref": {"type": "object", "properties": {"a": {"$ref": "#"}, "b": {"type": "string"}}},
    "pattern and newline": {"type": "string", "pattern": "^a+$"},
    "pattern searched, not matched": {"pattern": "b"},
}

_KEYS = st.sampled_from(["a", "b", "c", "x", "ab", "ax", "ig", "ignore-me", "1"]) | st.text(max_size=3)
_STRINGS = st.sampled_from(["", "a", "aa", "a\n", "a\n\n", "x", "xa", "ab", "b", "php-only"]) | st.text(
    max_size=4
)
_SCALARS = st.one_of(
    st.none(),
    st.booleans(),
    st.sampled_from([0, 1, 9, 10, 99, 100, -1, 1.0, 1.5, 0.0, 2**70]),
    st.integers(),
    st.floats(allow_nan=False),
    _STRINGS,
)
_JSON = st.recursive(
    _SCALARS,
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(_KEYS, inner, max_size=3),
    max_leaves=8,
)


@cache
def _toy_validators(name: str) -> tuple[Callable[[Any], None], Any]:
    return _toy(TOYS[name])


@pytest.mark.parametrize("name", TOYS)
@settings(suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(instance=_JSON)
def test_keyword_semantics_match_jsonschema(name: str, instance: Any) -> None:
    _agree(*_toy_validators(name), instance)


@pytest.mark.parametrize(
    ("name", "instance", "where", "reason"),
    [
        ("type integer or string", True, "$", "must be integer or string, not boolean True"),
        ("type integer or string", [1], "$", "must be integer or string, not array"),
        ("closed object", {"a": "x", "d": 1}, "$", "must not contain 'd'"),
        ("closed object", {"b": 1}, "$", "must contain 'a'"),
        ("closed object", {"a": "x", "b": "1"}, "$.b", "must be integer, not string '1'"),
        ("closed object with checks", {"a": "y"}, "$.a", "must match pattern ^x ('y' does not)"),
        ("pattern properties, closed", {"ignore": 1}, "$.ignore", "is not allowed here"),
        ("pattern properties, closed", {"zz": 1}, "$", "must not contain 'zz'"),
        ("map of strings", {"a": "x", "b": 2}, "$.b", "must be string, not integer 2"),
        ("array of arrays", [[1], [2, "x"]], "$[1][1]", "must be integer"),
        ("array or string", [{"a": 1, "b": 2}, {"a": 1}], "$[1]", "must contain 'b'"),
        ("array or string", [], "$", "must have at least 1 items, not 0"),
        ("bounded integer", 100, "$", "must be between 10 and 99, not 100"),
        ("enum mixed", 2, "$", "must be one of 'a', 1, 1.5, True, None, not 2"),
        ("oneOf overlapping", 3, "$", "exactly one of the 3 forms allowed here (oneOf), not 2"),
        ("anyOf", 3, "$", "one of the 2 forms allowed here (anyOf), not none"),
        ("allOf and not required", {"a": 1, "b": 2}, "$", 'must not match {"required": ["a", "b"]}'),
        ("recursive ref", {"a": {"a": {"b": 1}}}, "$.a.a.b", "must be string"),
        ("property counts", {"a": False, "b": False}, "$", "at most 1 properties"),
    ],
)
def test_first_error_names_place_and_reason(name: str, instance: Any, where: str, reason: str) -> None:
    ours, _ = _toy_validators(name)
    with pytest.raises(LockViolation) as caught:
        ours(instance)
    assert _json_path(caught.value.path) == where
    assert reason in caught.value.reason


def test_an_object_listed_twice_fails_at_its_first_place() -> None:
    ours, _ = _toy_validators("array of arrays")
    bad = [1, "x"]
    with pytest.raises(LockViolation) as caught:
        ours([[1], bad, [2], bad])
    assert caught.value.path == (1, 1)
    ours, _ = _toy_validators("map of strings")
    with pytest.raises(LockViolation) as caught:
        ours({"a": "x", "b": 20, "c": 20})  # one int object under two keys
    assert caught.value.path == ("b",)


# -- what the generator refuses ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("schema", "where", "words"),
    [
        ({"uniqueItems": True}, "#", "keyword 'uniqueItems' is not supported"),
        ({"properties": {"a": {"type": "string", "maxLength": 3}}}, "#/properties/a", "'maxLength'"),
        ({"items": {"additionalItems": False}}, "#/items", "'additionalItems'"),
        ({"properties": {"a": {"id": "x.json", "type": "string"}}}, "#/properties/a", "'id'"),
        ({"items": [{"type": "string"}]}, "#", "items as a list"),
        ({"type": "any"}, "#", "type 'any'"),
        ({"enum": [{"a": 1}]}, "#", "enum value"),
        ({"minimum": 1, "exclusiveMinimum": True}, "#", "'exclusiveMinimum'"),
        ({"$ref": "https://elsewhere.invalid/x.json"}, "#", "not one of the schemas given"),
        ({"$ref": "#/definitions/nothing"}, "#", "points to nothing"),
        (
            {"definitions": {"a": {"$ref": "#/definitions/a"}}, "$ref": "#/definitions/a"},
            "#/definitions/a",
            "loops",
        ),
        ({"$schema": "http://json-schema.org/draft-07/schema#"}, "#", "not draft-04"),
        ({"anyOf": []}, "#", "non-empty list"),
        ({"required": "a"}, "#", "list of names"),
        ({"additionalProperties": "no"}, "#", "boolean or a schema"),
        ({"properties": {"a": 3}}, "#/properties/a", "expected a schema"),
        ({"minItems": "1"}, "#", "must be a number"),
        ({"properties": {"a": {"pattern": "^(a+)+$"}}}, "#/properties/a", "add a rewrite"),
        ({"patternProperties": {"^(?:a|a)*$": {}}}, "#", "could backtrack for ages"),
        ({"pattern": "("}, "#", "is not a regular expression"),
    ],
)
def test_generator_refuses_what_it_does_not_know(schema: dict[str, Any], where: str, words: str) -> None:
    with pytest.raises(UnsupportedSchema) as caught:
        generate_code({TOY: {**schema, "id": TOY}}, TOY)
    assert caught.value.where == where
    assert caught.value.path == TOY
    assert words in str(caught.value)


def test_generated_code_does_not_depend_on_hash_order() -> None:
    """The committed module is compared byte for byte: sets must be written the same in every process."""
    script = "from aegir.drivers.drupal._lock_schema import generate_validator_code as g; print(g(), end='')"
    outputs = {
        subprocess.run(
            [sys.executable, "-c", script],
            env={"PYTHONHASHSEED": seed, "PYTHONDONTWRITEBYTECODE": "1"},
            capture_output=True,
            text=True,
            check=True,
        ).stdout
        for seed in ("1", "2")
    }
    assert len(outputs) == 1
    assert outputs.pop() == _lock_schema.GENERATED_MODULE.read_text(encoding="utf-8")


def test_no_pattern_is_compiled_at_import() -> None:
    """Importing the validator (every scan does) compiles no regular expression; a pattern compiles on first use."""
    namespace: dict[str, Any] = {}
    exec(compile(_lock_schema.generate_validator_code(), "<generated>", "exec"), namespace)  # noqa: S102
    searches = {name: value for name, value in namespace.items() if re.fullmatch(r"_re\d+", name)}
    assert searches and all(callable(s) and not isinstance(s, re.Pattern) for s in searches.values())
    assert all(getattr(s, "__self__", None) is None for s in searches.values())
    assert not any(isinstance(v, re.Pattern) for v in namespace.values())
    first = next(iter(searches))
    assert namespace[first]("drupal/core")  # the name pattern: compiled now, and kept
    assert isinstance(namespace[first].__self__, re.Pattern)


# -- the lock validator against the reference, on random locks from Composer's schemas ----------------


def _resolve(base: str, ref: str) -> tuple[str, dict[str, Any]]:
    uri, pointer = urldefrag(urljoin(base, ref))
    node: Any = _SCHEMAS[uri]
    for token in filter(None, pointer.split("/")):
        node = node[token.replace("~1", "/").replace("~0", "~")]
    return uri, node


_SCHEMAS = _lock_schema.load_schemas()


def _instances(schema: dict[str, Any], base: str) -> st.SearchStrategy[Any]:
    """Values that mostly satisfy ``schema`` (allOf and not are approximated: the reference decides)."""
    if "$ref" in schema:
        return _instances(*reversed(_resolve(base, schema["$ref"])))
    if "enum" in schema:
        return st.sampled_from(schema["enum"])
    for keyword in ("anyOf", "oneOf"):
        if keyword in schema:
            return st.one_of([_instances(s, base) for s in schema[keyword]])
    if "allOf" in schema:
        return _instances(schema["allOf"][0], base)
    names = schema.get("type", ["string", "integer", "boolean", "object", "array", "null"])
    names = names if isinstance(names, list) else [names]
    return st.one_of([_of_type(name, schema, base) for name in names])


def _of_type(name: str, schema: dict[str, Any], base: str) -> st.SearchStrategy[Any]:
    if name == "string":
        # fullmatch: no padding, whose extra search could backtrack for ages on the name pattern
        return (
            st.from_regex(schema["pattern"], fullmatch=True) if "pattern" in schema else st.text(max_size=6)
        )
    if name == "integer":
        return st.integers(schema.get("minimum", -(2**40)), schema.get("maximum", 2**40))
    if name == "number":
        return st.integers() | st.floats(allow_nan=False)
    if name == "boolean":
        return st.booleans()
    if name == "null":
        return st.none()
    if name == "array":
        items = _instances(schema["items"], base) if "items" in schema else _SCALARS
        return st.lists(items, min_size=schema.get("minItems", 0), max_size=2)
    properties = schema.get("properties", {})
    required = [k for k in schema.get("required", []) if k in properties]
    extra = schema.get("additionalProperties", True)
    fixed = st.fixed_dictionaries(
        {k: _instances(properties[k], base) for k in required},
        optional={k: _instances(s, base) for k, s in properties.items() if k not in required},
    )
    if isinstance(extra, dict):
        more = st.dictionaries(st.text(min_size=1, max_size=4), _instances(extra, base), max_size=2)
        return st.builds(lambda a, b: {**b, **a}, fixed, more)
    return fixed


_LOCK = _lock_schema.BASE_URI + _lock_schema.LOCK_SCHEMA


@cache
def _reference() -> Any:
    return _lock_schema.reference_validator()


def _lock_validate(doc: Any) -> None:
    _lock_validator.validate(doc)


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large]
)
@given(doc=_instances(_SCHEMAS[_LOCK], _LOCK))
def test_random_locks_from_the_schema(doc: Any) -> None:
    _agree(_lock_validate, _reference(), doc)


@settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large]
)
@given(data=st.data(), doc=_instances(_SCHEMAS[_LOCK], _LOCK))
def test_random_locks_broken_at_one_place(data: st.DataObject, doc: Any) -> None:
    place = data.draw(st.sampled_from(locations(doc)), label="place")
    how = data.draw(st.sampled_from(["replace", "drop", "add key", "empty list"]), label="how")
    parent: Any = None
    node = doc
    for key in place:
        parent, node = node, node[key]
    if how == "replace" and place:
        parent[place[-1]] = data.draw(_JSON, label="value")
    elif how == "drop" and place and isinstance(parent, dict):
        del parent[place[-1]]
    elif how == "add key" and isinstance(node, dict):
        node[data.draw(_KEYS | st.sampled_from(["name", "version", "dist", "extra"]), label="key")] = (
            data.draw(_JSON)
        )
    elif how == "empty list" and isinstance(node, dict) and place:
        parent[place[-1]] = []  # an empty map as PHP writes it
    _agree(_lock_validate, _reference(), doc)


def test_the_strategy_draws_valid_non_trivial_locks() -> None:
    """Guards the two tests above: they must see valid locks with packages, not only broken ones."""
    from hypothesis import find

    found = find(
        _instances(_SCHEMAS[_LOCK], _LOCK),
        lambda d: _reference().is_valid(d) and any(len(p) > 3 for p in d["packages"] + d["packages-dev"]),
        settings=settings(database=None, max_examples=2000),
    )
    _lock_validate(found)


# -- patterns checked after the walk, once per distinct string -------------------------------------------


def _lock_with(*packages: dict[str, Any]) -> dict[str, Any]:
    return {"content-hash": "x", "packages": list(packages), "packages-dev": []}


GOOD = {"name": "drupal/core", "version": "10.1.0", "type": "drupal-core"}


def test_a_pattern_failure_is_named_at_the_first_bad_value() -> None:
    doc = _lock_with(GOOD, {**GOOD, "version": "banana"}, {**GOOD, "name": "No/Caps", "version": "pear"})
    with pytest.raises(LockViolation) as caught:
        _lock_validate(doc)
    assert _json_path(caught.value.path) == "$.packages[1].version"
    assert "'banana' does not" in caught.value.reason


def test_state_is_reset_between_calls() -> None:
    for _ in range(2):
        with pytest.raises(LockViolation):
            _lock_validate(_lock_with({**GOOD, "type": "Drupal Core"}))
        _lock_validate(_lock_with(GOOD, GOOD))
    seen = [v for k, v in vars(_lock_validator).items() if k.startswith("_seen")]
    queues = [v for k, v in vars(_lock_validator).items() if re.fullmatch(r"_q\d+", k)]
    assert seen and all(s == [] for s in seen), "nothing is kept from one call to the next"
    assert all(getattr(q, "__self__", None) is s for q, s in zip(queues, seen, strict=True))


def test_concurrent_calls_keep_their_own_verdicts() -> None:
    """Threads share the collected strings; the lock keeps one call's bad value from another's verdict."""
    real = json.loads(
        (
            REALDATA / "drupal-projects" / "d8.9-drupal-recommended-project-8.9.20" / "composer.lock"
        ).read_text()
    )
    real = {**real, "platform": {}, "platform-dev": {}, "stability-flags": {}}
    last = len(real["packages"]) - 1
    cases = [
        (real, None),
        (
            {**real, "packages": [*real["packages"][:-1], {**GOOD, "name": "bad name"}]},
            f"$.packages[{last}].name",
        ),
        (_lock_with(GOOD, GOOD), None),
        (_lock_with({**GOOD, "version": 3}), "$.packages[0].version"),
    ]

    def verdict(index: int) -> tuple[int, str | None]:
        doc, _ = cases[index % len(cases)]
        try:
            _lock_validate(doc)
        except LockViolation as e:
            return index, _json_path(e.path)
        return index, None

    interval = sys.getswitchinterval()
    sys.setswitchinterval(1e-6)
    try:
        with ThreadPoolExecutor(max_workers=8) as pool:
            results = list(pool.map(verdict, range(400)))
    finally:
        sys.setswitchinterval(interval)
    assert all(where == cases[i % len(cases)][1] for i, where in results)
