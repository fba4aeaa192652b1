"""Composer's patterns as the lock validator searches them: rewritten to linear time, same strings.

Three layers: each rewrite in ``LINEAR_REWRITES`` against Composer's original, on every short string
over a small alphabet and on Hypothesis strings (random, drawn from the original, and near misses of
those); 5,000-character near misses in a lock refused with an error naming the place and the value,
in a subprocess with a timeout (a pattern that backtracks again fails the test instead of hanging the
suite); and the static check that the generator applies to every pattern.
"""

from __future__ import annotations

import ast
import itertools
import json
import re
import subprocess
import sys
from collections.abc import Iterator
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from aegir.drivers.drupal import _lock_schema
from aegir.drivers.drupal._lock_schema import LINEAR_REWRITES, backtracking_risk, compiled_pattern

NAME, VERSION = (next(p for p in LINEAR_REWRITES if p.startswith(start)) for start in ("^[a-z0-9]", "^[vV]"))

#: pieces that exercise each pattern: what it accepts, its separators, and what it must refuse
#: (capitals, a non-ASCII digit that \d accepts, a newline that $ lets end the text before)
TOKENS = {
    NAME: ["a", "0", "_", ".", "-", "/", "A", "!", "\n"],
    VERSION: [
        "1", "\u0663", ".", "-", "_", "+", "v", "b", "beta", "RC", "a", "alpha", "pl", "patch", "stable",
        "dev", ".x-dev", "x", "\n", "!",
    ],
}  # fmt: skip
LONGEST = {NAME: 5, VERSION: 4}  # tokens per string in the exhaustive test: ~66,000 and ~168,000 strings


def _schema_patterns(node: Any) -> Iterator[str]:
    if isinstance(node, dict):
        for key, value in node.items():
            if key == "pattern" and isinstance(value, str):
                yield value
            if key == "patternProperties" and isinstance(value, dict):
                yield from value
            yield from _schema_patterns(value)
    elif isinstance(node, list):
        for value in node:
            yield from _schema_patterns(value)


SCHEMA_PATTERNS = {p for schema in _lock_schema.load_schemas().values() for p in _schema_patterns(schema)}


def _searches(original: str) -> tuple[Any, Any]:
    """``search`` of Composer's pattern and of what the generated module compiles for it."""
    return re.compile(original).search, re.compile(compiled_pattern(original)).search


def _agree(original: str, text: str) -> None:
    old, new = _searches(original)
    assert bool(old(text)) == bool(new(text)), (
        f"{text!r}: original {bool(old(text))}, rewrite {bool(new(text))}"
    )


# -- the table -----------------------------------------------------------------------------------------


def test_the_table_holds_what_the_schemas_need_and_nothing_else() -> None:
    assert set(LINEAR_REWRITES) == {p for p in SCHEMA_PATTERNS if backtracking_risk(p) is not None}
    assert set(LINEAR_REWRITES) == {NAME, VERSION}
    for original, rewrite in LINEAR_REWRITES.items():
        assert backtracking_risk(rewrite) is None, rewrite
        assert re.compile(rewrite).groups == 0  # nothing captured: the module compiles it as written
        assert compiled_pattern(original) == rewrite


@pytest.mark.parametrize("original", [NAME, VERSION], ids=["name", "version"])
def test_rewrite_agrees_on_every_short_string(original: str) -> None:
    """Every string of up to LONGEST tokens: the near misses, the valid strings and the plain junk alike."""
    old, new = _searches(original)
    tokens = TOKENS[original]
    matched = 0
    for size in range(LONGEST[original] + 1):
        for parts in itertools.product(tokens, repeat=size):
            text = "".join(parts)
            verdict = bool(old(text))
            assert verdict == bool(new(text)), f"{text!r}: original {verdict}"
            matched += verdict
    assert matched > 100  # the alphabet reaches well into what the pattern accepts


def _alphabet(original: str) -> str:
    return "".join(sorted({c for token in TOKENS[original] for c in token} | set("9zZé /")))


def _bounded(pattern: str) -> str:
    """``pattern`` with ``+`` and ``*`` allowing 3 rounds at most: a part of its strings, all short."""
    out: list[str] = []
    escaped = in_class = False
    for char in pattern:
        if not escaped and char in "[]":
            in_class = char == "["
        quantifier = not escaped and not in_class and char in "+*"
        out.append({"+": "{1,3}", "*": "{0,3}"}[char] if quantifier else char)
        escaped = not escaped and char == "\\"
    return "".join(out)


def _valid(original: str) -> st.SearchStrategy[str]:
    # short: the original backtracks exponentially on a near miss of a long valid string
    return st.from_regex(_bounded(original), fullmatch=True)


@pytest.mark.parametrize("original", [NAME, VERSION], ids=["name", "version"])
@settings(max_examples=300, deadline=None)
@given(data=st.data())
def test_rewrite_agrees_on_random_strings(original: str, data: st.DataObject) -> None:
    _agree(original, data.draw(st.text(alphabet=_alphabet(original), max_size=14)))


def test_bounded_patterns_are_short_parts_of_the_originals() -> None:
    assert _bounded(NAME) == "^[a-z0-9]([_.-]?[a-z0-9]{1,3}){0,3}/[a-z0-9](([_.]|-{1,2})?[a-z0-9]{1,3}){0,3}$"
    assert _bounded(r"\d+\+.*[+*]") == r"\d{1,3}\+.{0,3}[+*]"


@pytest.mark.parametrize("original", [NAME, VERSION], ids=["name", "version"])
@settings(max_examples=150, deadline=None)
@given(data=st.data())
def test_rewrite_accepts_what_the_original_generates(original: str, data: st.DataObject) -> None:
    """Valid strings of any length (the original is quick on those), and short ones as the near misses use."""
    old, new = _searches(original)
    for text in (data.draw(st.from_regex(original, fullmatch=True)), data.draw(_valid(original))):
        assert old(text) and new(text), text


@pytest.mark.parametrize("original", [NAME, VERSION], ids=["name", "version"])
@settings(max_examples=500, deadline=None)
@given(data=st.data())
def test_rewrite_agrees_on_near_misses(original: str, data: st.DataObject) -> None:
    """A valid string with one character changed, inserted, removed or appended."""
    text = data.draw(_valid(original))
    where = data.draw(st.integers(0, len(text)))
    char = data.draw(st.sampled_from(_alphabet(original)))
    how = data.draw(st.sampled_from(["change", "insert", "remove", "append"]))
    if how == "change" and where < len(text):
        text = text[:where] + char + text[where + 1 :]
    elif how == "remove":
        text = text[:where] + text[where + 1 :]
    elif how == "append":
        text += char
    else:
        text = text[:where] + char + text[where:]
    _agree(original, text)


# -- long near misses in a lock: an error, never a hang -------------------------------------------------

LONG_MISSES = {
    "name": [
        "a" * 5000 + "!",
        "drupal/" + "a" * 5000 + "!",
        "a1" * 2500 + "/-",
        "drupal/" + "a-" * 2500 + "!",
        "drupal/" + "a" * 5000 + "\n\n",
    ],
    "version": [
        "1.0-beta" + "1" * 5000 + "!",
        "1.0-beta" + ".1" * 2500 + "!",
        "1.0-alpha" + "1" * 5000 + "-dev!",
        "1" * 5000 + "!",
        "v1.2.3.4-rc" + "-1" * 2500 + "x",
    ],
}
LONG_VALID = {"name": "a" * 5000 + "/" + "b-c" * 2000, "version": "1.0-beta" + "1" * 5000}

_SCRIPT = """
import json, sys
from aegir.core.errors import ParseError
from aegir.drivers.drupal._lock import parse_lock
results = []
for field, value in json.load(sys.stdin):
    package = {"name": "drupal/core", "version": "10.1.0", "type": "drupal-core", field: value}
    lock = {"content-hash": "x", "packages": [package], "packages-dev": []}
    try:
        parse_lock(json.dumps(lock).encode(), "/srv/site/composer.lock")
        results.append(None)
    except ParseError as e:
        results.append([e.where, str(e)])
print(json.dumps(results))
"""


def test_long_near_misses_in_a_lock_are_errors_naming_place_and_value() -> None:
    cases = [(field, value) for field, values in LONG_MISSES.items() for value in values]
    cases += list(LONG_VALID.items())
    done = subprocess.run(
        [sys.executable, "-c", _SCRIPT],
        input=json.dumps(cases),
        capture_output=True,
        text=True,
        timeout=120,  # seconds: generous; before the rewrites one of these would run for years
        check=True,
    )
    results = json.loads(done.stdout)
    for (field, value), result in zip(cases, results, strict=True):
        if value == LONG_VALID.get(field):
            assert result is None, f"a valid 5,000-character {field} is refused: {result}"
            continue
        assert result is not None, f"{value[:20]!r}... is accepted"
        where, message = result
        assert where == f"$.packages[0].{field}"
        assert message.startswith(
            f"/srv/site/composer.lock at {where}: does not match Composer's lock schema"
        )
        assert repr(value)[:40] in message  # the value itself, quoted (shortened)


# -- the static check -------------------------------------------------------------------------------------


def test_every_pattern_the_module_compiles_passes_the_check() -> None:
    tree = ast.parse(_lock_schema.GENERATED_MODULE.read_text(encoding="utf-8"))
    compiled = [
        node.args[0].value
        for node in ast.walk(tree)
        if isinstance(node, ast.Call)
        and ast.unparse(node.func) == "re.compile"
        and isinstance(node.args[0], ast.Constant)
    ]
    functions = [n for n in tree.body if isinstance(n, ast.FunctionDef) and re.fullmatch(r"_re\d+", n.name)]
    assert len(compiled) == len(functions) == len(SCHEMA_PATTERNS)
    assert {backtracking_risk(p) for p in compiled} == {None}
    assert set(compiled) == {compiled_pattern(p) for p in SCHEMA_PATTERNS}


@pytest.mark.parametrize(
    ("pattern", "words"),
    [
        (r"^(a+)+$", "can both go on and stop at 'a'"),
        (r"^(?:\d+)*$", "can both go on and stop at '0'"),
        (r"^\d*\d*x", "can both go on and stop at '0'"),
        (r"^(?:x+x+)+y", "can both go on and stop at 'x'"),
        (r"^(?:[a-z]+,)*[a-z]+$", "can both go on and stop at 'a'"),
        (r"^(?:a|a)*$", "alternatives, inside a repetition"),
        (r"^(?:b|beta|c)*$", "both start with 'b'"),
        (r"^(?:a?)*$", "something that can match the empty string"),
        (r"^(?:a|b|ab){2}c", "both start with 'a'"),
        (r"^[^x]*$", "stop at '\\n'"),
        (
            "^" + "a?" * 11 + "a" * 11 + "$",
            "more than 1024 ways",
        ),  # 2^11 ways to fail on "a" * 11 + "!"  # `$` may stop before a final newline, which [^x] takes too
        (r"a+$", "not anchored"),
        (r"^(?=.*x)", "inside a lookaround"),
        (r"(?i)^a+$", "flags"),
        (r"^(?i:a)+$", "flags"),
        (r"^(a)\1+$", "GROUPREF"),
        (r"^(a)?(?(1)b|c)$", "GROUPREF_EXISTS"),
        (r"(", "not a regular expression"),
    ],
)
def test_check_refuses_patterns_that_may_backtrack(pattern: str, words: str) -> None:
    risk = backtracking_risk(pattern)
    assert risk is not None and words in risk, risk


@pytest.mark.parametrize(
    "pattern",
    [
        r"^a+$",
        r"^[a-z]+(?:-[a-z]+)*$",
        r"^[a-z0-9]++(?:[_.-][a-z0-9]++)*+/",
        r"^.*$",  # `.` never takes the newline `$` may stop before
        r"^(?:a|ab)*c",  # re reads it as a(?:|b): one character decides every step
        r"^(?:package|packages|license|licence)$",  # ambiguous, but repeated nowhere
        r"^ignore(?!-unreachable$)",
        r"^(?>a+)+b",
        r"x$",
        r"\bsa-\d{4}\b",  # unanchored, but nothing repeats without bound
        r"^[a-z]{1,200}$",
        "^" + "a?" * 10 + "a" * 10 + "$",  # undecided, but 2^10 ways at most
    ],
)
def test_check_accepts_patterns_decided_by_one_character(pattern: str) -> None:
    assert backtracking_risk(pattern) is None
