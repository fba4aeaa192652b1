"""Composer's own schemas for ``composer.lock``, the reference validator, and the generator of the fast one.

``composer-lock-schema.json`` refers to the package schema as ``./composer-schema.json``, so both are
registered under one base URI. The scan uses :mod:`._lock_validator`, generated ahead of time from
these schemas by :func:`generate_code` (regenerate it with ``python -m aegir.drivers.drupal._lock_schema``);
the reference validator (jsonschema Draft 4 + referencing) is what the tests hold it to.

The generator knows the part of JSON Schema draft-04 that Composer's schemas use, with jsonschema's
semantics (``pattern`` is ``re.search``; ``integer`` and ``number`` are never booleans; siblings of
``$ref`` are ignored; ``format`` is not asserted, as jsonschema does without a format checker). Any
other keyword is refused when generating, so a schema update can never weaken the check silently.
The code it writes walks each object's actual keys through a dict of checks, puts simple type checks
inline, shares one function between equal schemas, and builds no location until a check fails. A
value's ``pattern`` is searched after the walk, once per distinct string (types and versions repeat
in a lock); if one fails, the walk runs again searching at once, to name the first bad value and its
place. Patterns compile on first use (a scan imports the module but may never need some of them).

Every pattern must run in linear time, whatever the string: Composer's name and version patterns,
which backtrack exponentially on a near miss, are compiled as rewritten in :data:`LINEAR_REWRITES`
(the same strings), and any pattern that :func:`backtracking_risk` does not judge safe, rewritten or
not, is refused when generating.

The two schema files are copied unchanged from Composer (MIT, see ``schemas/LICENSE``).
"""

from __future__ import annotations

import importlib
import json
import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import unquote, urldefrag, urljoin

from aegir.core.errors import ParseError

if TYPE_CHECKING:
    from jsonschema.protocols import Validator  # type: ignore[import-untyped,unused-ignore]

__all__ = [
    "BASE_URI",
    "GENERATED_MODULE",
    "LINEAR_REWRITES",
    "LOCK_SCHEMA",
    "PACKAGE_SCHEMA",
    "UnsupportedSchema",
    "backtracking_risk",
    "compiled_pattern",
    "generate_code",
    "generate_validator_code",
    "load_schemas",
    "reference_validator",
]

#: a base URI that can never be fetched (RFC 2606 ``.invalid``): every reference resolves locally
BASE_URI = "https://schemas.aegir.invalid/composer/"
LOCK_SCHEMA = "composer-lock-schema.json"
PACKAGE_SCHEMA = "composer-schema.json"
SCHEMA_DIR = Path(__file__).resolve().parent / "schemas"
GENERATED_MODULE = Path(__file__).resolve().parent / "_lock_validator.py"

_DRAFT4 = ("http://json-schema.org/draft-04/schema#", "https://json-schema.org/draft-04/schema#")
#: keywords that assert nothing (``format`` included: see the module docstring)
_IGNORED = frozenset(
    {"$comment", "default", "deprecated", "description", "example", "examples", "format", "title"}
)
_ASSERTING = frozenset(
    {
        "$ref", "additionalProperties", "allOf", "anyOf", "enum", "items", "maxProperties", "maximum",
        "minItems", "minProperties", "minimum", "not", "oneOf", "pattern", "patternProperties",
        "properties", "required", "type",
    }
)  # fmt: skip
_CONTAINERS = frozenset({"definitions"})  # holds schemas, reached only through $ref
_ROOT_ONLY = frozenset({"$schema", "id"})
_CLASSES = {"string": "str", "object": "dict", "array": "list", "boolean": "bool", "null": "NoneType"}
_NUMERIC = {"integer": ("int",), "number": ("int", "float")}
_OBJECT_KEYWORDS = ("required", "minProperties", "maxProperties", "properties", "patternProperties")
_HEADER = '''\
"""composer.lock validator generated ahead of time from Composer's schemas; do not edit by hand.

Regenerate with ``python -m aegir.drivers.drupal._lock_schema`` (from ``schemas/composer-lock-schema.json``
and ``schemas/composer-schema.json``; the generator and its rules are in ``_lock_schema.py``).
Call ``validate(doc)``: it returns None, or raises ``LockViolation`` for the first value that breaks
the schema. Each function checks the schema location named in its first comment (and any equal one).
"""

# ruff: noqa
# mypy: ignore-errors
# fmt: off
import re
from _thread import allocate_lock

from aegir.drivers.drupal._lock_violation import (
    LockViolation, forbidden, key_of, missing, no_match, not_one_of, out_of_range, position, too_few,
    too_many, unexpected, wrong_type,
)

NoneType = type(None)
'''


_DEFERRED_COMMENT = """\
# A value's pattern is checked once the walk is done, once per distinct string: `_q<n>` collects the
# strings. If one fails, the walk runs again with each pattern checked at once (`_e<n>`), to name the
# first bad value and its place. The lock keeps concurrent calls apart (the lists are shared)."""


class UnsupportedSchema(ParseError):
    """The schema uses something the generator does not know; ``where`` is the JSON pointer."""


def load_schemas() -> dict[str, dict[str, Any]]:
    """Both schemas by absolute URI; the lock schema gets the ``id`` (draft-04) its references need."""
    schemas: dict[str, dict[str, Any]] = {}
    for name in (LOCK_SCHEMA, PACKAGE_SCHEMA):
        schema = json.loads((SCHEMA_DIR / name).read_text(encoding="utf-8"))
        schemas[BASE_URI + name] = {**schema, "id": BASE_URI + name}
    return schemas


def reference_validator() -> Validator:
    """A jsonschema Draft 4 validator of composer.lock, with both schemas in one registry."""
    from jsonschema import Draft4Validator  # type: ignore[import-untyped,unused-ignore]
    from referencing import Registry
    from referencing.jsonschema import DRAFT4

    schemas = load_schemas()
    registry: Registry[Any] = Registry().with_resources(
        (uri, DRAFT4.create_resource(schema)) for uri, schema in schemas.items()
    )
    validator: Validator = Draft4Validator(schemas[BASE_URI + LOCK_SCHEMA], registry=registry)
    return validator


def generate_validator_code() -> str:
    """The source of :mod:`._lock_validator`."""
    return generate_code(load_schemas(), BASE_URI + LOCK_SCHEMA)


def generate_code(schemas: dict[str, dict[str, Any]], root: str) -> str:
    """Python source of a module whose ``validate(doc)`` checks ``doc`` against the schema at ``root``.

    ``schemas`` holds every schema document by absolute URI; a reference to anything else is refused.
    """
    return _Generator(schemas).module(root)


class _Generator:
    """Writes one function per schema location that needs more than an inline type check."""

    def __init__(self, schemas: dict[str, dict[str, Any]]) -> None:
        self.schemas = schemas
        self.functions: dict[str, str] = {}  # location -> function name
        self.pending: list[tuple[str, str, dict[str, Any]]] = []
        self.blocks: list[str] = []
        self.by_content: dict[str, str] = {}  # canonical schema -> function name
        self.constants: dict[str, str] = {}  # source -> name
        self.patterns: dict[str, str] = {}  # pattern -> name of its lazily compiled search
        self.deferred: dict[str, int] = {}  # pattern of values -> number of its queue

    def module(self, root: str) -> str:
        location, schema = self.resolve(root, "#")
        main = self.function(location, schema)
        while self.pending:
            self.blocks.append(self.emit_function(*self.pending.pop(0)))
        regexes = [
            f"def {name}(s):\n    # {pattern!r}, {_REWRITTEN if pattern in LINEAR_REWRITES else ''}"
            f"compiled on first use\n    global {name}\n"
            f"    {name} = re.compile({compiled_pattern(pattern)!r}).search\n    return {name}(s)\n"
            for pattern, name in self.patterns.items()
        ]
        constants = "\n".join(f"{name} = {source}" for source, name in self.constants.items())
        parts = [_HEADER, *regexes, *self.blocks, constants, self.entry(main)]
        return "\n\n".join(p.rstrip("\n") for p in parts) + "\n"

    def entry(self, main: str) -> str:
        """``validate``: patterns of values deferred to one search per distinct string, else ``main`` itself."""
        if not self.deferred:
            return f"validate = {main}\n"
        searches = [self.patterns[pattern] for pattern in self.deferred]
        numbers = range(len(searches))
        queues = "".join(f"_q{i}, " for i in numbers)
        lines = [_DEFERRED_COMMENT]
        for i, (pattern, search) in enumerate(zip(self.deferred, searches, strict=True)):
            lines += [f"_seen{i} = []", f"_q{i} = _seen{i}.append", "", f"def _e{i}(s):"]
            lines += [f"    if not {search}(s): raise no_match(s, {pattern!r})", ""]
        lines += ["_lock = allocate_lock()", "", "def _all_match():"]
        for i, search in enumerate(searches):
            lines += [f"    for s in set(_seen{i}):", f"        if not {search}(s): return False"]
        lines += [
            "    return True",
            "",
            "def validate(doc):",
            f"    global {queues.rstrip(', ')}",
            "    with _lock:",
        ]
        lines += [
            "        try:",
            f"            {main}(doc)",
            "            if _all_match(): return",
            "        finally:",
        ]
        lines += [f"            _seen{i}.clear()" for i in numbers]
        lines += [f"        {queues}= " + "".join(f"_e{i}, " for i in numbers).rstrip()]
        lines += ["        try:", f"            {main}(doc)", "        finally:"]
        lines += [f"            {queues}= " + "".join(f"_seen{i}.append, " for i in numbers).rstrip()]
        lines += [
            "    raise LockViolation('fails a pattern that every value matched on its own')  # never expected"
        ]
        return "\n".join(lines) + "\n"

    # -- locations and references -------------------------------------------------------------------

    def refuse(self, location: str, message: str) -> UnsupportedSchema:
        uri, pointer = urldefrag(location)
        return UnsupportedSchema(message, path=uri.removeprefix(BASE_URI), where="#" + pointer)

    def resolve(self, base: str, ref: str) -> tuple[str, dict[str, Any]]:
        """The location and schema a ``$ref`` (relative to the document ``base``) points to."""
        uri, pointer = urldefrag(urljoin(base, ref))
        if uri not in self.schemas:
            raise self.refuse(base, f"refers to {uri!r}, which is not one of the schemas given")
        node: Any = self.schemas[uri]
        for token in filter(None, unquote(pointer).split("/")):
            key = token.replace("~1", "/").replace("~0", "~")
            if isinstance(node, list) and key.isdigit() and int(key) < len(node):
                node = node[int(key)]
            elif isinstance(node, dict) and key in node:
                node = node[key]
            else:
                raise self.refuse(base, f"$ref {ref!r} points to nothing")
        if not isinstance(node, dict):
            raise self.refuse(base, f"$ref {ref!r} points to {node!r}, not a schema")
        return f"{uri}#{pointer}", node

    def target(self, location: str, schema: dict[str, Any]) -> tuple[str, dict[str, Any]]:
        """Follow ``$ref`` (draft-04 ignores its siblings) to the schema that applies."""
        seen = {location}
        while "$ref" in schema:
            ref = schema["$ref"]
            if not isinstance(ref, str):
                raise self.refuse(location, f"$ref must be a string, not {ref!r}")
            location, schema = self.resolve(urldefrag(location)[0], ref)
            if location in seen:
                raise self.refuse(location, "$ref loops without reaching a schema")
            seen.add(location)
        return location, schema

    def check_keywords(self, location: str, schema: dict[str, Any]) -> None:
        is_root = urldefrag(location)[1] == ""
        for keyword in schema:
            if keyword in _ASSERTING or keyword in _IGNORED or keyword in _CONTAINERS:
                continue
            if keyword in _ROOT_ONLY and is_root:
                continue
            raise self.refuse(location, f"keyword {keyword!r} is not supported by the generator")
        if is_root and schema.get("$schema", _DRAFT4[0]) not in _DRAFT4:
            raise self.refuse(location, f"$schema {schema['$schema']!r} is not draft-04")

    # -- classifying a schema --------------------------------------------------------------------------

    def types(self, location: str, schema: dict[str, Any]) -> list[str] | None:
        if "type" not in schema:
            return None
        names = schema["type"] if isinstance(schema["type"], list) else [schema["type"]]
        for name in names:
            if name not in _CLASSES and name not in _NUMERIC:
                raise self.refuse(location, f"type {name!r} is not a draft-04 type")
        return list(dict.fromkeys(names))

    def simple_type(self, location: str, schema: dict[str, Any]) -> str | None:
        """The isinstance target (``str``, ``(str, list)``) if ``type`` is all the schema asserts."""
        self.check_keywords(location, schema)
        asserting = {
            k for k in schema if k in _ASSERTING and not (k == "additionalProperties" and schema[k] is True)
        }
        names = self.types(location, schema)
        if asserting != {"type"} or names is None:
            return None
        classes = [_CLASSES[n] for n in names if n in _CLASSES]
        numeric = [c for n in names if n in _NUMERIC for c in _NUMERIC[n]]
        if numeric and "bool" not in classes:
            return None  # needs the boolean exclusion: not a plain isinstance
        target = list(dict.fromkeys(classes + numeric))
        return target[0] if len(target) == 1 else f"({', '.join(target)})"

    def asserts_nothing(self, location: str, schema: dict[str, Any]) -> bool:
        self.check_keywords(location, schema)
        return all(k not in _ASSERTING or (k == "additionalProperties" and schema[k] is True) for k in schema)

    def function(self, location: str, schema: dict[str, Any]) -> str:
        """The name of the function checking ``schema`` (after ``$ref``), written once per location.

        Equal schemas of one document (``require``, ``require-dev``, ``conflict`` ...) share one function:
        a smaller module imports faster.
        """
        location, schema = self.target(location, schema)
        if location not in self.functions:
            self.check_keywords(location, schema)
            key = json.dumps([urldefrag(location)[0], canonical(schema)], sort_keys=True)
            if key not in self.by_content:
                self.by_content[key] = f"_v{len(self.by_content)}"
                self.pending.append((self.by_content[key], location, schema))
            self.functions[location] = self.by_content[key]
        return self.functions[location]

    def constant(self, source: str) -> str:
        if source not in self.constants:
            self.constants[source] = f"_C{len(self.constants)}"
        return self.constants[source]

    def regex(self, location: str, pattern: Any) -> str:
        """The name of the search for ``pattern``; refused unless it runs in linear time (as rewritten)."""
        if not isinstance(pattern, str):
            raise self.refuse(location, f"pattern must be a string, not {pattern!r}")
        if pattern not in self.patterns:
            try:
                re.compile(pattern)
            except re.error as e:
                raise self.refuse(location, f"pattern {pattern!r} is not a regular expression: {e}") from None
            risk = backtracking_risk(compiled_pattern(pattern))
            if risk is not None:
                raise self.refuse(
                    location,
                    f"pattern {pattern!r} could backtrack for ages on a near miss: it {risk}; add a "
                    "rewrite that matches the same strings in linear time to LINEAR_REWRITES",
                )
        return self.patterns.setdefault(pattern, f"_re{len(self.patterns)}")

    def check(self, location: str, schema: Any, var: str) -> list[str]:
        """Statements checking ``var`` against ``schema``: none, an inline type check, or a call."""
        if not isinstance(schema, dict):
            raise self.refuse(location, f"expected a schema, found {schema!r}")
        location, schema = self.target(location, schema)
        if self.asserts_nothing(location, schema):
            return []
        simple = self.simple_type(location, schema)
        if simple is not None:
            return [
                f"if not isinstance({var}, {simple}): raise wrong_type({var}, {self.type_name(schema)!r})"
            ]
        return [f"{self.function(location, schema)}({var})"]

    def type_name(self, schema: dict[str, Any]) -> str:
        names = schema["type"] if isinstance(schema["type"], list) else [schema["type"]]
        return " or ".join(dict.fromkeys(names))

    # -- one function --------------------------------------------------------------------------------

    def emit_function(self, name: str, location: str, schema: dict[str, Any]) -> str:
        shown = location.removeprefix(BASE_URI)
        body = self.body(location, schema)
        lines = [f"def {name}(v):", f"    # {shown}", *("    " + line for line in body or ["pass"])]
        return "\n".join(lines) + "\n"

    def body(self, location: str, schema: dict[str, Any]) -> list[str]:
        names = self.types(location, schema)
        lines: list[str] = []
        if names is not None:
            lines.append(f"if not ({type_test(names, 'v')}): raise wrong_type(v, {self.type_name(schema)!r})")
        if "enum" in schema:
            lines += self.enum(location, schema["enum"])
        only = set(names) if names is not None else None
        lines += guarded(only, {"object"}, "isinstance(v, dict)", self.object_checks(location, schema))
        lines += guarded(only, {"array"}, "isinstance(v, list)", self.array_checks(location, schema))
        if "pattern" in schema:
            self.regex(location, schema["pattern"])
            queue = self.deferred.setdefault(schema["pattern"], len(self.deferred))
            check = [f"_q{queue}(v)  # pattern {schema['pattern']!r}, checked later"]
            lines += guarded(only, {"string"}, "isinstance(v, str)", check)
        numeric = {"integer", "number"}
        lines += guarded(only, numeric, type_test(["number"], "v"), self.number_checks(location, schema))
        lines += self.combinations(location, schema)
        return lines

    def enum(self, location: str, values: Any) -> list[str]:
        if not isinstance(values, list) or not values:
            raise self.refuse(location, f"enum must be a non-empty list, not {values!r}")
        tests: list[str] = []
        strings = [v for v in values if isinstance(v, str)]
        if strings:
            tests.append(f"(isinstance(v, str) and v in {self.constant(set_source(strings))})")
        for value in values:
            if value is None or isinstance(value, bool):
                tests.append(f"v is {value!r}")
            elif isinstance(value, (int, float)):
                tests.append(f"({type_test(['number'], 'v')} and v == {value!r})")
            elif not isinstance(value, str):
                raise self.refuse(location, f"enum value {value!r} is not supported by the generator")
        return [f"if not ({' or '.join(tests)}): raise not_one_of(v, {tuple(values)!r})"]

    def object_checks(self, location: str, schema: dict[str, Any]) -> list[str]:
        lines: list[str] = []
        required = schema.get("required")
        if required is not None:
            if (
                not isinstance(required, list)
                or not required
                or not all(isinstance(r, str) for r in required)
            ):
                raise self.refuse(location, f"required must be a non-empty list of names, not {required!r}")
            present = " and ".join(f"{name!r} in v" for name in dict.fromkeys(required))
            lines.append(f"if not ({present}): raise missing(v, {tuple(required)!r})")
        for keyword, test, error in (
            ("minProperties", "len(v) < {}", "too_few"),
            ("maxProperties", "len(v) > {}", "too_many"),
        ):
            if keyword in schema:
                bound = self.bound(location, keyword, schema[keyword])
                lines.append(f"if {test.format(bound)}: raise {error}(v, {bound})")
        properties = self.mapping(location, schema, "properties")
        patterns = self.mapping(location, schema, "patternProperties")
        extra = schema.get("additionalProperties", True)
        if extra is not True and extra is not False and not isinstance(extra, dict):
            raise self.refuse(location, f"additionalProperties must be a boolean or a schema, not {extra!r}")
        searches = {p: self.regex(location, p) for p in patterns}
        closed = extra is False and not patterns
        extra_check = (
            self.check(f"{location}/additionalProperties", extra, "x") if isinstance(extra, dict) else []
        )
        types, names, calls = self.properties(
            location, properties, closed or bool(extra_check and not patterns)
        )
        if extra is False and patterns:
            matches = " or ".join(f"{s}(k)" for s in searches.values())
            known = self.constant(set_source(properties))
            lines += ["for k in v:", f"    if k not in {known} and not ({matches}): raise unexpected(k)"]
        if closed and not properties:
            return [*lines, "if v: raise unexpected(next(iter(v)))"]
        if closed:
            # every key must be a property: a failed lookup is the object's own error, not its value's
            loop = self.lookups(types, names, calls, closed=True)
            return [*lines, *self.loop("k, x", "v.items()", "k", loop, unknown_key=True)]
        if not properties and not patterns:
            # a map of like values: no key to look up, and its key only wanted once a value fails
            return [*lines, *self.loop("x", "v.values()", "key_of(v, x)", extra_check)]
        body: list[str] = []
        if patterns and extra_check:
            body.append(f"known = k in {self.constant(set_source(properties))}")
        body += self.lookups(types, names, calls, tail=[] if patterns else extra_check)
        for pattern, sub in patterns.items():
            check = self.check(f"{location}/patternProperties/{escape(pattern)}", sub, "x")
            if extra_check:
                check = ["known = True", *check]
            if check:
                body += [f"if {searches[pattern]}(k):", *("    " + line for line in check)]
        if patterns and extra_check:
            body += ["if not known:", *("    " + line for line in extra_check)]
        return [*lines, *self.loop("k, x", "v.items()", "k", body)]

    def loop(
        self, target: str, iterable: str, part: str, body: list[str], unknown_key: bool = False
    ) -> list[str]:
        """``for target in iterable: body``; a violation inside gets ``part`` (its key or index) added."""
        if not body:
            return []
        lines = ["try:", f"    for {target} in {iterable}:", *("        " + line for line in body)]
        if unknown_key:
            lines += ["except KeyError:", "    raise unexpected(k) from None"]
        return [*lines, "except LockViolation as e:", f"    e.parts.append({part})", "    raise"]

    def mapping(self, location: str, schema: dict[str, Any], keyword: str) -> dict[str, Any]:
        value = schema.get(keyword, {})
        if not isinstance(value, dict):
            raise self.refuse(location, f"{keyword} must be an object, not {value!r}")
        return value

    def bound(self, location: str, keyword: str, value: Any) -> Any:
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            raise self.refuse(location, f"{keyword} must be a number, not {value!r}")
        return value

    def properties(
        self, location: str, properties: dict[str, Any], keep_unchecked: bool
    ) -> tuple[dict[str, str], dict[str, str], dict[str, str]]:
        """Simple-typed properties (isinstance target, type name) and the others (function name).

        A property that asserts nothing is left out, unless ``keep_unchecked``: then it takes any
        value (``object``), and an unknown key is one found in neither table.
        """
        types: dict[str, str] = {}
        names: dict[str, str] = {}
        calls: dict[str, str] = {}
        for key, given in properties.items():
            where = f"{location}/properties/{escape(key)}"
            if not isinstance(given, dict):
                raise self.refuse(where, f"expected a schema, found {given!r}")
            sub_location, sub = self.target(where, given)
            if self.asserts_nothing(sub_location, sub):
                if keep_unchecked:
                    types[key], names[key] = "object", "anything"
                continue
            simple = self.simple_type(sub_location, sub)
            if simple is not None:
                types[key], names[key] = simple, self.type_name(sub)
            else:
                calls[key] = self.function(sub_location, sub)
        return types, names, calls

    def lookups(
        self,
        types: dict[str, str],
        names: dict[str, str],
        calls: dict[str, str],
        tail: list[str] | None = None,
        closed: bool = False,
    ) -> list[str]:
        """Check value ``x`` of key ``k`` by the property tables; ``tail`` for any other key.

        The larger table is looked in first (a key is likelier to be there: fewer lookups). When
        ``closed``, the last table is subscripted: an unknown key raises KeyError.
        """
        tail = tail or []
        wrong = f"raise wrong_type(x, {self.constant(repr(names))}[k])" if types else ""
        type_table = self.table(types)
        call_table = self.table(calls)
        steps = [s for s in ("types", "calls") if (types if s == "types" else calls)]
        if len(calls) > len(types):
            steps.reverse()
        if not steps:
            return tail
        lines = tail
        for position, step in enumerate(reversed(steps)):
            last = position == 0
            if step == "types" and last and closed:
                lines = [f"if not isinstance(x, {type_table}[k]): {wrong}"]
            elif step == "types" and last and not tail:
                lines = [f"if not isinstance(x, {type_table}.get(k, object)): {wrong}"]  # others: anything
            elif step == "calls" and last and closed:
                lines = [f"{call_table}[k](x)"]
            else:
                found = (
                    [f"t = {type_table}.get(k)", "if t is not None:", f"    if not isinstance(x, t): {wrong}"]
                    if step == "types"
                    else [f"f = {call_table}.get(k)", "if f is not None:", "    f(x)"]
                )
                lines = found + (["else:", *("    " + line for line in lines)] if lines else [])
        return lines

    def table(self, entries: dict[str, str]) -> str:
        return (
            self.constant("{" + ", ".join(f"{k!r}: {v}" for k, v in entries.items()) + "}") if entries else ""
        )

    def array_checks(self, location: str, schema: dict[str, Any]) -> list[str]:
        lines: list[str] = []
        if "minItems" in schema:
            bound = self.bound(location, "minItems", schema["minItems"])
            lines.append(f"if len(v) < {bound}: raise too_few(v, {bound})")
        if "items" in schema:
            if not isinstance(schema["items"], dict):
                raise self.refuse(location, "items as a list of schemas is not supported by the generator")
            check = self.check(f"{location}/items", schema["items"], "x")
            lines += self.loop("x", "v", "position(v, x)", check)  # the index only wanted once an item fails
        return lines

    def number_checks(self, location: str, schema: dict[str, Any]) -> list[str]:
        low = self.bound(location, "minimum", schema["minimum"]) if "minimum" in schema else None
        high = self.bound(location, "maximum", schema["maximum"]) if "maximum" in schema else None
        tests = [t for t in (low is not None and f"v < {low!r}", high is not None and f"v > {high!r}") if t]
        return [f"if {' or '.join(tests)}: raise out_of_range(v, {low!r}, {high!r})"] if tests else []

    def combinations(self, location: str, schema: dict[str, Any]) -> list[str]:
        lines: list[str] = []
        for index, sub in enumerate(self.schema_list(location, schema, "allOf")):
            lines += self.check(f"{location}/allOf/{index}", sub, "v")
        for keyword in ("anyOf", "oneOf"):
            subs = self.schema_list(location, schema, keyword)
            if not subs:
                continue
            where = [f"{location}/{keyword}/{index}" for index in range(len(subs))]
            if keyword == "anyOf" and any(
                self.asserts_nothing(*self.target(w, s)) for w, s in zip(where, subs, strict=True)
            ):
                continue  # one form accepts anything
            forms = self.constant(
                "(" + "".join(f"{self.function(w, s)}, " for w, s in zip(where, subs, strict=True)) + ")"
            )
            if keyword == "anyOf":
                lines += [
                    f"for f in {forms}:",
                    "    try:",
                    "        f(v)",
                    "        break",
                    "    except LockViolation:",
                    "        pass",
                    "else:",
                    f"    raise forbidden('must match one of the {len(subs)} forms allowed here (anyOf), not none')",
                ]
            else:
                lines += [
                    "n = 0",
                    f"for f in {forms}:",
                    "    try:",
                    "        f(v)",
                    "    except LockViolation:",
                    "        continue",
                    "    n += 1",
                    "if n != 1:",
                    f"    raise forbidden(f'must match exactly one of the {len(subs)} forms allowed here (oneOf), not {{n}}')",
                ]
        if "not" in schema:
            inner = schema["not"]
            if not isinstance(inner, dict):
                raise self.refuse(location, f"not must be a schema, not {inner!r}")
            if self.asserts_nothing(*self.target(f"{location}/not", inner)):
                lines.append("raise forbidden('is not allowed here')")
            else:
                shown = json.dumps(inner)
                lines += [
                    "try:",
                    f"    {self.function(f'{location}/not', inner)}(v)",
                    "except LockViolation:",
                    "    pass",
                    "else:",
                    f"    raise forbidden({('must not match ' + shown)!r})",
                ]
        return lines

    def schema_list(self, location: str, schema: dict[str, Any], keyword: str) -> list[Any]:
        subs = schema.get(keyword, [])
        if not isinstance(subs, list) or (keyword in schema and not subs):
            raise self.refuse(location, f"{keyword} must be a non-empty list of schemas, not {subs!r}")
        return subs


def type_test(names: list[str], var: str) -> str:
    """A Python expression true when ``var`` has one of the JSON types ``names`` (draft-04 semantics)."""
    classes = [_CLASSES[n] for n in names if n in _CLASSES]
    numeric = list(dict.fromkeys(c for n in names if n in _NUMERIC for c in _NUMERIC[n]))
    tests: list[str] = []
    if "bool" in classes:  # a boolean is an int in Python: with both allowed, one isinstance does
        classes += numeric
        numeric = []
    if classes:
        tests.append(
            f"isinstance({var}, {classes[0] if len(classes) == 1 else '(' + ', '.join(classes) + ')'})"
        )
    if numeric:
        target = numeric[0] if len(numeric) == 1 else "(" + ", ".join(numeric) + ")"
        tests.append(f"(isinstance({var}, {target}) and {var} is not True and {var} is not False)")
    return " or ".join(tests)


def guarded(only: set[str] | None, kinds: set[str], test: str, lines: list[str]) -> list[str]:
    """``lines`` under ``if test:``, unless the schema's own type already says the value is of ``kinds``."""
    if not lines:
        return []
    if only is not None and only <= kinds:
        return lines
    if only is not None and not only & kinds:
        return []  # draft-04: these keywords ignore values of other types, and no such value gets here
    return [f"if {test}:", *("    " + line for line in lines)]


def canonical(schema: Any) -> Any:
    """``schema`` without what asserts nothing, to tell equal schemas apart from equal-looking ones.

    ``definitions`` go too: a reference is resolved from its document, never from the node around it.
    """
    if not isinstance(schema, dict):
        return schema
    if "$ref" in schema:
        return {"$ref": schema["$ref"]}  # draft-04: its siblings are ignored
    out: dict[str, Any] = {}
    for keyword, value in schema.items():
        if keyword in _IGNORED or keyword in _CONTAINERS:
            continue
        if keyword in ("properties", "patternProperties") and isinstance(value, dict):
            out[keyword] = {name: canonical(sub) for name, sub in value.items()}
        elif keyword in ("items", "additionalProperties", "not"):
            out[keyword] = canonical(value)
        elif keyword in ("allOf", "anyOf", "oneOf") and isinstance(value, list):
            out[keyword] = [canonical(sub) for sub in value]
        else:
            out[keyword] = value
    return out


# -- patterns: linear-time rewrites, and the check that keeps backtracking out -------------------------

_NAME_PATTERN = "^[a-z0-9]([_.-]?[a-z0-9]+)*/[a-z0-9](([_.]|-{1,2})?[a-z0-9]+)*$"
_STABILITY = (
    "[sS][tT][aA][bB][lL][eE]|[bB][eE][tT][aA]|[bB]|[rR][cC]|[aA][lL][pP][hH][aA]|[aA]"
    "|[pP][aA][tT][cC][hH]|[pP][lL]|[pP]"
)
_VERSION_PATTERN = (
    r"^[vV]?\d+(?:[.-]\d+){0,3}[._-]?(?:(?:" + _STABILITY + r")(?:(?:[.-]?\d+)*)?)?"
    r"(?:[.-]?[dD][eE][vV]|\.x-dev)?(?:\+.*)?$|^dev-.*$"
)

#: Composer's patterns that backtrack exponentially on a near miss, each with a rewrite that ``re.search``
#: finds in exactly the same strings, in linear time. Only quantifiers change, made possessive (``*+``,
#: ``++``, ``{0,3}+``: never give back what they took) where giving back can never lead to a match:
#:
#: - package name, ``([_.-]?[a-z0-9]+)*``: a run of letters and digits splits into ``[a-z0-9]+`` rounds
#:   in 2^n ways, all tried before a near miss (``"a" * 30 + "!"``) fails. Possessive, each round takes
#:   its whole run and the loop as many rounds as it can: it stops at the first character that neither
#:   continues a run nor starts ``separator + run``. Every match of the original has its loop stop at
#:   such a character too (``/`` or the end, which no round can take), and what the possessive loop
#:   takes is a sequence of rounds: same strings. The same holds for ``(([_.]|-{1,2})?[a-z0-9]+)*``.
#: - version, ``(?:(?:[.-]?\d+)*)?`` after the stability word: digits split into rounds in 2^n ways
#:   (``"1.0-beta" + "1" * 30 + "!"``). It becomes ``(?:[.-]?\d++)*+`` (the outer ``?`` of a loop that
#:   may run zero times adds nothing). What may follow it (``[.-]?dev``, ``.x-dev``, ``+...``, the
#:   end) never starts with a digit, nor with ``.`` or ``-`` before a digit, so stopping earlier than
#:   the possessive loop can never match.
#: - version, ``(?:[.-]\d+){0,3}``: at most 4 ways, but the check below wants every loop decided by one
#:   character. ``{0,3}+``: giving back a round leaves ``[.-]`` before a digit, which nothing after the
#:   loop (``[._-]?`` then a stability word, ``[.-]?dev``, ``.x-dev``, ``+``, the end) can take.
#:
#: tests/drivers/drupal/test_lock_patterns.py holds each rewrite to its original on generated strings.
LINEAR_REWRITES: dict[str, str] = {
    _NAME_PATTERN: "^[a-z0-9](?:[_.-]?[a-z0-9]++)*+/[a-z0-9](?:(?:[_.]|-{1,2})?[a-z0-9]++)*+$",
    _VERSION_PATTERN: (
        r"^[vV]?\d+(?:[.-]\d+){0,3}+[._-]?(?:(?:" + _STABILITY + r")(?:[.-]?\d++)*+)?"
        r"(?:[.-]?[dD][eE][vV]|\.x-dev)?(?:\+.*)?$|^dev-.*$"
    ),
}
_REWRITTEN = "rewritten to run in linear time (LINEAR_REWRITES in _lock_schema.py), "


def compiled_pattern(pattern: str) -> str:
    """What the generated module compiles for a schema's ``pattern``: its rewrite if any, no captures."""
    return without_captures(LINEAR_REWRITES.get(pattern, pattern))


# The check reads a pattern as ``re`` does (its own parser, ``re._parser``: Python's reading of a
# character class is subtle) into the small tree below, and judges it on sets of characters.
_Set = tuple[tuple[int, int], ...]  # sorted, disjoint, inclusive ranges of code points
_END = 0x110000  # past every code point: "the end of the text", which `$` and `\Z` look for
_NOTHING: _Set = ()
_LONG = 256  # a repetition allowed more rounds than this counts as unbounded
_MAX_TRIES = 1024  # undecided choices outside repetitions: each path is linear, but not 2^30 of them


@dataclass(frozen=True, slots=True)
class _Char:
    """One character of ``chars``."""

    chars: _Set


@dataclass(frozen=True, slots=True)
class _Zero:
    """A zero-width assertion: ``^`` (``begin``), ``$``/``\\Z`` (``ahead``: what may come next), ``\\b``."""

    begin: bool
    ahead: _Set | None


@dataclass(frozen=True, slots=True)
class _Look:
    body: _Node


@dataclass(frozen=True, slots=True)
class _Seq:
    items: tuple[_Node, ...]


@dataclass(frozen=True, slots=True)
class _Alt:
    branches: tuple[_Node, ...]


@dataclass(frozen=True, slots=True)
class _Repeat:
    low: int
    high: int | None  # None: unbounded
    possessive: bool
    body: _Node


@dataclass(frozen=True, slots=True)
class _Atomic:
    body: _Node


_Node = _Char | _Zero | _Look | _Seq | _Alt | _Repeat | _Atomic


class _Risk(Exception):
    """What makes a pattern unsafe, said as the end of a sentence starting "it"."""


def backtracking_risk(pattern: str) -> str | None:
    """Why ``re.search(pattern, s)`` might take more than linear time in ``len(s)``, or None.

    Conservative: None only when every repetition is decided by the next character. A loop that is
    not possessive must not be able to both go on and stop at the same character (its first
    characters and those that may follow it are disjoint), must consume something each round, and
    inside any repetition alternatives must start differently. Outside repetitions, ``?`` and ``|``
    may be undecided (each way to try them is linear), up to ``_MAX_TRIES`` ways together.
    Possessive loops and atomic groups never give back, so only their inside is checked. A
    lookaround may not repeat without bound (it can run at every position), and neither may a
    pattern that a search tries at every start (no ``^``). Flags, backreferences and conditionals
    are refused: the check does not read them.
    """
    try:
        parsed = importlib.import_module("re._parser").parse(pattern)
    except re.error as e:
        return f"is not a regular expression ({e})"
    try:
        if parsed.state.flags & ~re.UNICODE:
            raise _Risk("sets flags, which the check does not read")
        tree = _tree(parsed.data)
        if not _anchored(tree) and _unbounded(tree):
            raise _Risk("repeats without bound and is not anchored with ^, so a search tries every start")
        _Judge().check(tree, _NOTHING, strict=False)
    except _Risk as risk:
        return str(risk)
    return None


def _tree(items: Any) -> _Node:
    """Our tree of the parser's list of ``(opcode, argument)``."""
    nodes: list[_Node] = []
    for op, arg in items:
        name = str(op)
        if name == "LITERAL":
            nodes.append(_Char(((arg, arg),)))
        elif name == "NOT_LITERAL":
            nodes.append(_Char(_invert(((arg, arg),))))
        elif name == "ANY":  # no DOTALL (flags are refused): anything but a newline
            nodes.append(_Char(_invert(((10, 10),))))
        elif name == "IN":
            nodes.append(_Char(_char_class(arg)))
        elif name == "BRANCH":
            nodes.append(_Alt(tuple(_tree(branch) for branch in arg[1])))
        elif name == "SUBPATTERN":
            if arg[1] or arg[2]:
                raise _Risk("sets flags in a group, which the check does not read")
            nodes.append(_tree(arg[3]))
        elif name in ("MAX_REPEAT", "MIN_REPEAT", "POSSESSIVE_REPEAT"):
            low, high, body = arg
            bounded = None if high > _LONG else int(high)
            nodes.append(_Repeat(int(low), bounded, name == "POSSESSIVE_REPEAT", _tree(body)))
        elif name == "ATOMIC_GROUP":
            nodes.append(_Atomic(_tree(arg)))
        elif name in ("ASSERT", "ASSERT_NOT"):
            nodes.append(_Look(_tree(arg[1])))
        elif name == "AT" and str(arg) in _ANCHORS:
            nodes.append(_ANCHORS[str(arg)])
        else:
            raise _Risk(f"uses {name}, which the check does not know")
    return _Seq(tuple(nodes))


_ANCHORS = {
    "AT_BEGINNING": _Zero(begin=True, ahead=None),
    "AT_BEGINNING_STRING": _Zero(begin=True, ahead=None),
    "AT_END": _Zero(begin=False, ahead=((10, 10), (_END, _END))),  # `$` also matches before a final newline
    "AT_END_STRING": _Zero(begin=False, ahead=((_END, _END),)),
    "AT_BOUNDARY": _Zero(begin=False, ahead=None),
    "AT_NON_BOUNDARY": _Zero(begin=False, ahead=None),
}


def _char_class(items: Any) -> _Set:
    ranges: list[tuple[int, int]] = []
    negate = False
    for op, arg in items:
        name = str(op)
        if name == "NEGATE":
            negate = True
        elif name == "LITERAL":
            ranges.append((arg, arg))
        elif name == "RANGE":
            ranges.append((arg[0], arg[1]))
        elif name == "CATEGORY":
            ranges += _category(str(arg))
        else:
            raise _Risk(f"uses {name} in a character class, which the check does not know")
    merged = _merge(ranges)
    return _invert(merged) if negate else merged


@cache
def _category(name: str) -> _Set:
    """``\\d``, ``\\s``, ``\\w`` (and their negations) as ``re`` reads them in a str pattern: Unicode."""
    escape = {"DIGIT": r"\d", "SPACE": r"\s", "WORD": r"\w"}.get(name.rsplit("_", maxsplit=1)[-1])
    if escape is None:
        raise _Risk(f"uses {name}, which the check does not know")
    every = "".join(map(chr, range(_END)))  # index = code point
    runs = tuple((m.start(), m.end() - 1) for m in re.finditer(escape + "+", every))
    return _invert(runs) if "_NOT_" in name else runs


def _merge(ranges: list[tuple[int, int]]) -> _Set:
    out: list[tuple[int, int]] = []
    for low, high in sorted(ranges):
        if out and low <= out[-1][1] + 1:
            out[-1] = (out[-1][0], max(high, out[-1][1]))
        else:
            out.append((low, high))
    return tuple(out)


def _invert(chars: _Set) -> _Set:
    """Every code point not in ``chars`` (the end of the text is no code point)."""
    out: list[tuple[int, int]] = []
    start = 0
    for low, high in chars:
        if low > start:
            out.append((start, low - 1))
        start = high + 1
    if start < _END:
        out.append((start, _END - 1))
    return tuple(out)


def _shared(a: _Set, b: _Set) -> int | None:
    """A character in both sets, or None."""
    i = j = 0
    while i < len(a) and j < len(b):
        low, high = max(a[i][0], b[j][0]), min(a[i][1], b[j][1])
        if low <= high:
            return low
        if a[i][1] < b[j][1]:
            i += 1
        else:
            j += 1
    return None


def _shown(char: int) -> str:
    return "the end of the text" if char == _END else repr(chr(char))


def _first(node: _Node) -> tuple[_Set, bool]:
    """The characters ``node`` can start with, and whether what follows it can start instead.

    ``$`` stands for what it lets follow (a newline or the end), so nothing after it counts.
    """
    if isinstance(node, _Char):
        return node.chars, False
    if isinstance(node, _Zero):
        return (node.ahead, False) if node.ahead is not None else (_NOTHING, True)
    if isinstance(node, _Look):
        return _NOTHING, True
    if isinstance(node, (_Repeat, _Atomic)):
        chars, transparent = _first(node.body)
        return chars, transparent or (isinstance(node, _Repeat) and node.low == 0)
    if isinstance(node, _Alt):
        firsts = [_first(branch) for branch in node.branches]
        return _merge([r for chars, _ in firsts for r in chars]), any(t for _, t in firsts)
    chars = _NOTHING
    for item in node.items:
        more, transparent = _first(item)
        chars = _merge([*chars, *more])
        if not transparent:
            return chars, False
    return chars, True


def _least(node: _Node) -> int:
    """The fewest characters ``node`` consumes."""
    if isinstance(node, _Char):
        return 1
    if isinstance(node, (_Zero, _Look)):
        return 0
    if isinstance(node, _Repeat):
        return node.low * _least(node.body)
    if isinstance(node, _Atomic):
        return _least(node.body)
    if isinstance(node, _Alt):
        return min(_least(branch) for branch in node.branches)
    return sum(_least(item) for item in node.items)


def _children(node: _Node) -> tuple[_Node, ...]:
    if isinstance(node, (_Look, _Repeat, _Atomic)):
        return (node.body,)
    if isinstance(node, _Alt):
        return node.branches
    if isinstance(node, _Seq):
        return node.items
    return ()


def _unbounded(node: _Node) -> bool:
    return (isinstance(node, _Repeat) and node.high is None) or any(map(_unbounded, _children(node)))


def _anchored(node: _Node) -> bool:
    """Every match starts with ``^``: a search tries the pattern at the start of the text only."""
    if isinstance(node, _Zero):
        return node.begin
    if isinstance(node, _Alt):
        return all(map(_anchored, node.branches))
    if isinstance(node, _Seq):
        return bool(node.items) and _anchored(node.items[0])
    return isinstance(node, _Atomic) and _anchored(node.body)


class _Judge:
    """Walks the tree, raising :class:`_Risk` where backtracking could take more than linear time."""

    def __init__(self) -> None:
        self.tries = 1  # ways to try the undecided choices outside repetitions, all together

    def check(self, node: _Node, follow: _Set, strict: bool) -> None:
        """``follow``: the characters that can come after ``node``. ``strict``: inside a repetition,
        where every choice must be decided by the next character (an undecided one multiplies by the
        rounds)."""
        if isinstance(node, _Seq):
            after = follow
            for item in reversed(node.items):
                self.check(item, after, strict)
                chars, transparent = _first(item)
                after = _merge([*chars, *after]) if transparent else chars
        elif isinstance(node, _Alt):
            self.alternatives(node, follow, strict)
        elif isinstance(node, _Look):
            if _unbounded(node.body):
                raise _Risk("repeats without bound inside a lookaround, which may run at every position")
            self.check(node.body, _NOTHING, strict)
        elif isinstance(node, _Atomic):
            self.check(node.body, _NOTHING, strict)
        elif isinstance(node, _Repeat):
            self.repeat(node, follow, strict)

    def alternatives(self, node: _Alt, follow: _Set, strict: bool) -> None:
        seen, empty, undecided = _NOTHING, 0, False
        for branch in node.branches:
            self.check(branch, follow, strict)
            chars, transparent = _first(branch)
            empty += transparent
            if strict and empty > 1:
                raise _Risk("has two alternatives, inside a repetition, that can both match nothing")
            chars = _merge([*chars, *follow]) if transparent else chars
            both = _shared(seen, chars)
            if strict and both is not None:
                raise _Risk(
                    f"has two alternatives, inside a repetition, that can both start with {_shown(both)}"
                )
            undecided = undecided or both is not None or empty > 1
            seen = _merge([*seen, *chars])
        if undecided:
            self.multiply(len(node.branches))

    def repeat(self, node: _Repeat, follow: _Set, strict: bool) -> None:
        if node.high is None and _least(node.body) == 0:
            raise _Risk("repeats without bound something that can match the empty string")
        again = node.high is None or node.high > 1
        first, _ = _first(node.body)
        if node.possessive:  # never gives back: only what happens inside one round matters
            self.check(node.body, first if again else _NOTHING, strict or again)
            return
        both = _shared(first, follow) if node.high is None or node.high > node.low else None
        if both is not None and (strict or again):
            raise _Risk(f"has a repetition that can both go on and stop at {_shown(both)}")
        if both is not None:
            self.multiply(2)  # an optional part (at most one round) that may be taken or not
        self.check(node.body, _merge([*first, *follow]) if again else follow, strict or again)

    def multiply(self, ways: int) -> None:
        self.tries *= ways
        if self.tries > _MAX_TRIES:
            raise _Risk(f"has undecided choices that together make more than {_MAX_TRIES} ways to try")


_GROUP_REFERENCES = re.compile(r"\\[1-9]|\(\?P=|\(\?\(")  # backreferences, conditionals
_INLINE_FLAGS = re.compile(r"\(\?[aiLmsux-]")  # verbose mode, say, changes what a bracket is


def without_captures(pattern: str) -> str:
    """``pattern`` with its groups made non-capturing: the same verdict, found faster (no group marks).

    Returned unchanged when anything could refer to a group or change how the pattern is read.
    """
    if _GROUP_REFERENCES.search(pattern) or _INLINE_FLAGS.search(pattern):
        return pattern
    out: list[str] = []
    i = 0
    while i < len(pattern):
        if pattern[i] == "\\":
            out.append(pattern[i : i + 2])
            i += 2
        elif pattern[i] == "[":  # a set: "]" right after "[" or "[^" is a member, not the end
            j = i + 1 + pattern.startswith("^", i + 1)
            j += pattern.startswith("]", j)
            while j < len(pattern) and pattern[j] != "]":
                j += 2 if pattern[j] == "\\" else 1
            out.append(pattern[i : j + 1])
            i = j + 1
        elif pattern.startswith("(?P<", i):
            out.append("(?:")
            i = pattern.index(">", i) + 1
        elif pattern[i] == "(" and not pattern.startswith("(?", i):
            out.append("(?:")
            i += 1
        else:
            out.append(pattern[i])
            i += 1
    rewritten = "".join(out)
    return rewritten if re.compile(rewritten).groups == 0 else pattern


def set_source(names: Any) -> str:
    """Source of a frozenset of strings, sorted: the generated module must not depend on hash order."""
    return "frozenset((" + "".join(f"{n!r}, " for n in sorted(names)) + "))"


def escape(token: str) -> str:
    """A JSON pointer token (RFC 6901)."""
    return token.replace("~", "~0").replace("/", "~1")


def main() -> None:
    GENERATED_MODULE.write_text(generate_validator_code(), encoding="utf-8")
    print(f"wrote {GENERATED_MODULE}")


if __name__ == "__main__":
    main()
