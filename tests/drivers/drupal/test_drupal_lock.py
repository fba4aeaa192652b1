"""composer.lock: Composer's schema, the ahead-of-time validator, and the packages read from real locks."""

from __future__ import annotations

import copy
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from aegir.core.errors import AegirError, ParseError
from aegir.drivers.drupal import _lock_schema
from aegir.drivers.drupal._lock import (
    parse_lock,
    prepare_for_schema,
    read_lock,
    validate_lock,
)

from ._json_places import locations
from ._realdata import ALL_LOCKS, COMPOSER_PROJECTS, REALDATA, ids, lock_packages

VARBASE_2017 = REALDATA / "drupal-projects" / "d8.3-varbase-8.x-2017" / "composer.lock"
SMALL = REALDATA / "drupal-projects" / "d11.4-drupal-recommended-project-11.4.5" / "composer.lock"


@pytest.fixture(scope="module")
def reference() -> Any:
    return _lock_schema.reference_validator()


def _doc(path: Path) -> Any:
    return json.loads(path.read_text(encoding="utf-8"))


def _small_lock() -> dict[str, Any]:
    """A real lock cut down to three packages and one dev package (keeps jsonschema quick)."""
    doc = _doc(REALDATA / "drupal-projects" / "d8.9-amazeeio-example-simple" / "composer.lock")
    doc["packages"] = doc["packages"][:3]
    doc["packages-dev"] = doc["packages-dev"][:1]
    fixed, _ = prepare_for_schema(doc)  # its empty maps are written as []
    return dict(fixed)


# -- packages from every real lock ------------------------------------------------------------------


@pytest.mark.parametrize("project", COMPOSER_PROJECTS, ids=ids(COMPOSER_PROJECTS))
def test_packages_equal_the_lock(project: Path) -> None:
    lock = read_lock(project / "composer.lock")
    assert [(p.name, p.version, p.dev) for p in lock.packages] == lock_packages(project / "composer.lock")
    types = {
        p["name"]: p.get("type", "library")
        for k in ("packages", "packages-dev")
        for p in _doc(project / "composer.lock")[k]
    }
    assert all(p.type == types[p.name] for p in lock.packages)


def test_capitalised_name_is_accepted_with_a_warning() -> None:
    lock = read_lock(VARBASE_2017)
    assert lock.find("mikey179/vfsstream") is not None
    assert lock.find("mikey179/vfsstream").name == "mikey179/vfsStream"  # type: ignore[union-attr]
    assert len(lock.warnings) == 1
    assert "'mikey179/vfsStream'" in lock.warnings[0] and "$.packages-dev[" in lock.warnings[0]


def test_empty_maps_written_as_lists_are_accepted(reference: Any) -> None:
    doc = _doc(SMALL)
    assert doc["stability-flags"] == [] and doc["platform"] == []
    assert list(reference.iter_errors(doc)), "the raw lock breaks Composer's schema"
    fixed, warnings = prepare_for_schema(doc)
    assert not list(reference.iter_errors(fixed)) and warnings == []
    assert doc["platform"] == [], "the caller's data is not modified"
    assert read_lock(SMALL).warnings == ()


# -- errors name the file and the JSON path ----------------------------------------------------------


def _mutated(change: Callable[[dict[str, Any]], None]) -> bytes:
    doc = _small_lock()
    change(doc)
    return json.dumps(doc).encode()


@pytest.mark.parametrize(
    ("change", "where", "words"),
    [
        (lambda d: d.pop("content-hash"), "$", "must contain"),
        (lambda d: d.__setitem__("packages", {}), "$.packages", "must be array"),
        (lambda d: d["packages"][1].__setitem__("name", 5), "$.packages[1].name", "must be string"),
        (
            lambda d: d["packages"][2].__setitem__("name", "no slash"),
            "$.packages[2].name",
            "must match pattern",
        ),
        (lambda d: d["packages"][0].__setitem__("version", "banana"), "$.packages[0].version", "must match"),
        # the schema's "required" beside "$ref" is ignored in draft 4: the reader's own check catches it
        (lambda d: d["packages"][0].pop("version"), "$.packages[0]", "has no version"),
        (lambda d: d["packages-dev"].__setitem__(0, "drupal/core"), "$.packages-dev[0]", "must be object"),
        (
            lambda d: d.__setitem__("stability-flags", {"drupal/x": "dev"}),
            "$.stability-flags.drupal/x",
            "integer",
        ),
        (
            lambda d: d["packages"][0].__setitem__("autoload", "src/"),
            "$.packages[0].autoload",
            "must be object",
        ),
    ],
)
def test_malformed_lock_names_file_and_json_path(
    change: Callable[[dict[str, Any]], None], where: str, words: str
) -> None:
    with pytest.raises(ParseError) as caught:
        parse_lock(_mutated(change), "/srv/site/composer.lock")
    assert caught.value.path == "/srv/site/composer.lock"
    assert caught.value.where == where
    assert words in str(caught.value)
    assert str(caught.value).startswith(f"/srv/site/composer.lock at {where}: ")


def test_dev_package_without_name_is_an_error() -> None:
    data = _mutated(lambda d: d["packages-dev"][0].pop("name"))
    with pytest.raises(ParseError, match=r"at \$\.packages-dev\[0\]: package has no name"):
        parse_lock(data, "composer.lock")


@pytest.mark.parametrize(
    ("data", "where"),
    [
        (b"", "line 1, column 1"),
        (b'{"packages": [}', "line 1, column 15"),
        (b'{\n  "a": 1,\n}', "line 3, column 1"),
        (b"\xff\xfe{}", "byte 0"),
        (b"[" * 100_000, ""),
    ],
)
def test_unreadable_lock(data: bytes, where: str) -> None:
    with pytest.raises(ParseError) as caught:
        parse_lock(data, "x/composer.lock")
    assert caught.value.path == "x/composer.lock"
    assert caught.value.where == where


def test_missing_lock_file(tmp_path: Path) -> None:
    with pytest.raises(ParseError, match="cannot read the file"):
        read_lock(tmp_path / "composer.lock")


# -- the ahead-of-time validator ---------------------------------------------------------------------


def test_generated_validator_is_up_to_date() -> None:
    """``python -m aegir.drivers.drupal._lock_schema`` gives exactly the committed module."""
    committed = _lock_schema.GENERATED_MODULE.read_text(encoding="utf-8")
    assert _lock_schema.generate_validator_code() == committed


def test_generated_validator_does_not_import_fastjsonschema() -> None:
    source = _lock_schema.GENERATED_MODULE.read_text(encoding="utf-8")
    assert "import fastjsonschema" not in source and "from fastjsonschema" not in source


def test_shipped_schemas_are_composers_own() -> None:
    for name in (_lock_schema.LOCK_SCHEMA, _lock_schema.PACKAGE_SCHEMA):
        shipped = (_lock_schema.SCHEMA_DIR / name).read_bytes()
        assert shipped == (REALDATA / "schemas" / name).read_bytes()


def _verdicts(doc: Any, reference: Any) -> tuple[bool, bool, list[str]]:
    try:
        validate_lock(doc, "composer.lock")
        aot = True
    except ParseError:
        aot = False
    errors = list(reference.iter_errors(doc))
    paths = [
        "$" + "".join(f"[{p}]" if isinstance(p, int) else f".{p}" for p in e.absolute_path) for e in errors
    ]
    return aot, not errors, paths


@pytest.mark.parametrize(
    "lock", ALL_LOCKS, ids=[f"{p.parent.parent.name}/{p.parent.name}" for p in ALL_LOCKS]
)
def test_validators_agree_on_real_locks(lock: Path, reference: Any) -> None:
    raw = _doc(lock)
    aot, ref, _ = _verdicts(raw, reference)
    assert aot == ref
    fixed, _ = prepare_for_schema(raw)
    aot, ref, _ = _verdicts(fixed, reference)
    assert aot and ref, "every real lock passes once [] maps and capitals are accepted"


BROKEN: list[tuple[str, Callable[[dict[str, Any]], None]]] = [
    ("no content-hash", lambda d: d.pop("content-hash")),
    ("no packages-dev", lambda d: d.pop("packages-dev")),
    ("packages an object", lambda d: d.__setitem__("packages", {"a": 1})),
    ("name an int", lambda d: d["packages"][0].__setitem__("name", 1)),
    ("name with capitals", lambda d: d["packages"][0].__setitem__("name", "Vendor/Pkg")),
    ("bad version", lambda d: d["packages"][1].__setitem__("version", "latest")),
    ("bad type", lambda d: d["packages"][1].__setitem__("type", "Drupal Module")),
    ("require a list", lambda d: d["packages"][0].__setitem__("require", ["php"])),
    ("require value int", lambda d: d["packages"][0].__setitem__("require", {"php": 8})),
    ("dist without url", lambda d: d["packages"][0].__setitem__("dist", {"type": "zip"})),
    ("source not object", lambda d: d["packages"][0].__setitem__("source", "git")),
    ("authors a string", lambda d: d["packages"][0].__setitem__("authors", "me")),
    ("license an int", lambda d: d["packages"][0].__setitem__("license", 3)),
    ("stability flag a string", lambda d: d.__setitem__("stability-flags", {"a/b": "dev"})),
    ("platform value int", lambda d: d.__setitem__("platform", {"php": 8})),
    ("prefer-stable a string", lambda d: d.__setitem__("prefer-stable", "yes")),
    ("alias missing keys", lambda d: d.__setitem__("aliases", [{"package": "a/b"}])),
    ("_readme of ints", lambda d: d.__setitem__("_readme", [1, 2])),
    ("plugin api an int", lambda d: d.__setitem__("plugin-api-version", 2)),
    ("package a list", lambda d: d["packages"].__setitem__(0, [])),
    ("autoload psr-4 a list", lambda d: d["packages"][0].__setitem__("autoload", {"psr-4": ["src"]})),
    ("extra a number", lambda d: d["packages"][0].__setitem__("extra", 1)),
    ("valid: unknown top-level key", lambda d: d.__setitem__("x-aegir", True)),
    ("valid: empty packages", lambda d: d.__setitem__("packages", [])),
]


@pytest.mark.parametrize(("label", "change"), BROKEN, ids=[b[0] for b in BROKEN])
def test_validators_agree_on_broken_variants(
    label: str, change: Callable[[dict[str, Any]], None], reference: Any
) -> None:
    doc = _small_lock()
    change(doc)
    aot, ref, paths = _verdicts(doc, reference)
    assert aot == ref
    assert aot == label.startswith("valid")
    if not aot:
        with pytest.raises(ParseError) as caught:
            validate_lock(doc, "composer.lock")
        # the AOT validator stops at the first violation: it is one of those jsonschema finds
        assert caught.value.where in paths


_SCALARS = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(min_value=-(2**40), max_value=2**40),
    st.floats(allow_nan=False, allow_infinity=False),
    st.text(max_size=12),
)
_JSON = st.recursive(
    _SCALARS,
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=8), inner, max_size=3),
    max_leaves=6,
)


_BASE = _small_lock()
_PLACES = [p for p in locations(_BASE) if p]


@given(place=st.sampled_from(_PLACES), value=_JSON)
def test_validators_agree_on_random_mutations(place: tuple[Any, ...], value: Any, reference: Any) -> None:
    doc = copy.deepcopy(_BASE)
    node = doc
    for key in place[:-1]:
        node = node[key]
    node[place[-1]] = value
    aot, ref, _ = _verdicts(doc, reference)
    assert aot == ref, f"validators disagree after setting {place} to {value!r}"


def test_trailing_newline_as_jsonschema_reads_it(reference: Any) -> None:
    """A pattern's ``$`` also matches before a final newline (Python's ``re.search``, as jsonschema)."""
    doc = _small_lock()
    doc["packages"][0]["name"] = "vendor/package\n"
    assert _verdicts(doc, reference)[:2] == (True, True)
    doc["packages"][0]["name"] = "vendor/package\n\n"
    assert _verdicts(doc, reference)[:2] == (False, False)


# -- fuzzing: only AegirError escapes, naming the file -------------------------------------------------

_REAL = SMALL.read_bytes()


@given(data=st.binary(max_size=400))
def test_fuzz_binary(data: bytes) -> None:
    try:
        parse_lock(data, "fuzz/composer.lock")
    except AegirError as e:
        assert str(e).startswith("fuzz/composer.lock")


@given(cut=st.integers(min_value=0, max_value=len(_REAL) - 1))
def test_fuzz_truncated(cut: int) -> None:
    with pytest.raises(ParseError) as caught:
        parse_lock(_REAL[:cut], "fuzz/composer.lock")
    assert caught.value.path == "fuzz/composer.lock"


@given(value=_JSON, place=st.sampled_from(_PLACES))
def test_fuzz_wrong_types(value: Any, place: tuple[Any, ...]) -> None:
    doc = copy.deepcopy(_BASE)
    node = doc
    for key in place[:-1]:
        node = node[key]
    node[place[-1]] = value
    try:
        lock = parse_lock(json.dumps(doc).encode(), "fuzz/composer.lock")
    except AegirError as e:
        assert str(e).startswith("fuzz/composer.lock")
    else:
        assert all(isinstance(p.name, str) and isinstance(p.version, str) for p in lock.packages)


@given(doc=_JSON)
def test_fuzz_any_json(doc: Any) -> None:
    try:
        parse_lock(json.dumps(doc).encode(), "fuzz/composer.lock")
    except AegirError as e:
        assert str(e).startswith("fuzz/composer.lock")
