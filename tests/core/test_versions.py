"""Composer versions and constraints: known cases, Composer itself as an oracle, and properties."""

from __future__ import annotations

import contextlib
import itertools
import json
import random
import re
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from aegir.core.errors import AegirError, ValidationError
from aegir.core.versions import Version, compare, parse_constraint, parse_version

REALDATA = Path(__file__).resolve().parents[2] / ".." / "shared" / "fixtures" / "realdata"
ADVISORIES = REALDATA / "security-advisories"
COMPOSER_SEMVER = Path("/usr/share/php/Composer/Semver/autoload.php")  # Debian's `composer` package

# -- strategies --------------------------------------------------------------------------------------

_numbers = st.integers(min_value=0, max_value=30)
_words = st.sampled_from(["alpha", "a", "beta", "b", "RC", "rc", "patch", "pl", "p", "ALPHA", "Beta"])


@st.composite
def release_versions(draw: st.DrawFn) -> str:
    """Version strings as people and lock files write them (no branches)."""
    parts = draw(st.lists(_numbers, min_size=1, max_size=4))
    text = draw(st.sampled_from(["", "v"])) + ".".join(map(str, parts))
    if draw(st.booleans()):
        text += draw(st.sampled_from(["-", "", "_", "."])) + draw(_words)
        if draw(st.booleans()):
            text += draw(st.sampled_from(["", ".", "-"])) + str(draw(_numbers))
    if draw(st.integers(0, 4)) == 0:
        text += draw(st.sampled_from(["-dev", ".dev"]))
    return text


branch_versions = st.sampled_from(
    ["dev-main", "dev-master", "dev-1.x", "dev-feature/x", "1.x-dev", "2.1.x-dev"]
)
any_versions = st.one_of(release_versions(), branch_versions)


# -- normalisation -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "normalized"),
    [
        ("1.2", "1.2.0.0"),
        ("v1.2", "1.2.0.0"),
        ("1.2.3.4", "1.2.3.4"),
        ("1.0.0-beta2", "1.0.0.0-beta2"),
        ("1.0.0-b2", "1.0.0.0-beta2"),
        ("2.0.0-rc1", "2.0.0.0-RC1"),
        ("1.0-alpha.3", "1.0.0.0-alpha3"),
        ("1.8.7p2", "1.8.7.0-patch2"),
        ("v10.2.0-patch2", "10.2.0.0-patch2"),
        ("1.0.0-stable", "1.0.0.0"),
        ("1.0-dev", "1.0.0.0-dev"),
        ("1.0.0-beta2-dev", "1.0.0.0-beta2-dev"),
        ("1.0.x-dev", "1.0.9999999.9999999-dev"),
        ("v2.x-dev", "2.9999999.9999999.9999999-dev"),
        ("dev-main", "dev-main"),
        ("master", "dev-master"),
        ("dev-8.x-1.x", "dev-8.x-1.x"),
        ("1.0.0+build.5", "1.0.0.0"),
        ("2024-01-02", "2024.01.02"),
        ("  1.2.3  ", "1.2.3.0"),
        ("1.0.x-dev as 1.0.0", "1.0.9999999.9999999-dev"),
        ("1.0@beta", "1.0.0.0"),
    ],
)
def test_normalize(text: str, normalized: str) -> None:
    assert parse_version(text).normalized == normalized


@pytest.mark.parametrize(
    "text", ["8.x-1.15", "7.x-2.3", "", "   ", "foo", "1.*", "dev-", "1.2.3.4.5.6", "VERSION"]
)
def test_invalid_versions_name_the_string(text: str) -> None:
    with pytest.raises(ValidationError) as info:
        parse_version(text)
    assert repr(text) in str(info.value)


def test_stability_and_release() -> None:
    assert parse_version("1.0.0-RC1").stability == "RC"
    assert parse_version("1.0.0-p1").stability == "stable"
    assert parse_version("1.0.x-dev").stability == "dev"
    assert parse_version("dev-main").stability == "dev"
    assert parse_version("v1.2").release == (1, 2, 0, 0)
    assert parse_version("dev-main").release == ()
    assert parse_version("dev-main").is_branch


def test_order_follows_composer() -> None:
    ordered = [
        "0.9",
        "1.0.0-dev",
        "1.0.0-alpha1",
        "1.0.0-beta2-dev",
        "1.0.0-beta2",
        "1.0.0-beta10",
        "1.0.0-RC1",
        "1.0.0",
        "1.0.0-patch1",
        "1.0.1",
        "1.0.x-dev",
        "1.1",
        "dev-feature",
        "dev-main",
    ]
    versions = [parse_version(v) for v in ordered]
    backwards = versions[::-1]
    assert sorted(backwards) == versions
    assert parse_version("v1.2") == parse_version("1.2.0.0")
    assert hash(parse_version("v1.2")) == hash(parse_version("1.2.0"))
    assert compare("1.0.0", "1.0") == 0
    assert compare("8.4.5", "8.4.10") == -1
    assert compare("2.0.0-rc1", "2.0.0-beta9") == 1


# -- constraints --------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("constraint", "allowed", "denied"),
    [
        (">= 8.0.0 <8.4.5", ["8.0.0", "8.0.0-beta1", "8.4.4"], ["7.9", "8.4.5", "8.4.5-rc1", "dev-8.x"]),
        (">=7.0 <7.57 || >= 8.0.0 <8.4.5", ["7.56", "8.3.5"], ["7.57", "8.4.5", "6.38"]),
        (">= 10.3.0 < 10.3.9", ["10.3.8"], ["10.3.9", "10.2.99"]),
        ("^1.2.3", ["1.2.3", "1.9.0"], ["1.2.2", "2.0.0", "2.0.0-beta1"]),
        ("^0.3", ["0.3.0", "0.3.9"], ["0.4.0", "0.2.9"]),
        ("^0.0.3", ["0.0.3"], ["0.0.4"]),
        ("~1.2", ["1.2.0", "1.9"], ["2.0", "1.1"]),
        ("~1.2.3", ["1.2.3", "1.2.99"], ["1.3.0"]),
        ("8.*", ["8.0.0", "8.9.20"], ["9.0.0", "7.99"]),
        ("2.0.*", ["2.0.0", "2.0.9"], ["2.1.0"]),
        ("1.0 - 2.0", ["1.0.0", "2.0.99"], ["2.1.0", "0.9"]),
        ("1.0.0 - 2.1.0", ["2.1.0"], ["2.1.1"]),
        (">=1.0,<2.0|^3", ["1.5", "3.1"], ["2.5", "4.0"]),
        (
            "<1.8.0 || >=2.2.0 <2.2.2 || 2.0.* || 2.1.*",
            ["1.7.9", "2.0.5", "2.1.0", "2.2.1"],
            ["1.8.0", "2.2.2"],
        ),
        ("*", ["0.0.1", "dev-main", "99.0"], []),
        ("1.0.0", ["1.0", "v1.0.0.0"], ["1.0.1", "1.0.0-beta1"]),
        ("!=1.0", ["1.1"], ["1.0.0"]),
        ("dev-main", ["dev-main"], ["dev-master", "1.0"]),
        ("!=dev-main", ["dev-master", "1.0"], ["dev-main"]),
        (">=1.0@dev", ["1.0.0-dev", "1.0"], ["0.9"]),
        ("1.0.x-dev", ["1.0.x-dev"], ["1.0.0"]),
        ("3.0.0 || 3.0.1", ["3.0.1"], ["3.0.2"]),
    ],
)
def test_constraints(constraint: str, allowed: list[str], denied: list[str]) -> None:
    parsed = parse_constraint(constraint)
    for version in allowed:
        assert parsed.allows(version), f"{constraint} should allow {version}"
    for version in denied:
        assert not parsed.allows(version), f"{constraint} should deny {version}"
    assert parse_constraint(str(parsed)) == parsed


@pytest.mark.parametrize(
    "text",
    [
        "~>1.2",
        ">=",
        ">= ,1.0",
        "1.0 ||",
        "|| 1.0",
        "foo",
        "1.0,,2.0",
        ">=1.0 <",
        "~ 1.2",
        ">= >= 1",
        "",
        "1.0,",
    ],
)
def test_invalid_constraints_name_the_string(text: str) -> None:
    with pytest.raises(ValidationError) as info:
        parse_constraint(text)
    assert repr(text) in str(info.value)


def test_wrong_types_are_validation_errors() -> None:
    for value in (None, 1, 1.5, b"1.0", ["1.0"]):
        with pytest.raises(ValidationError):
            parse_version(value)  # type: ignore[arg-type]
        with pytest.raises(ValidationError):
            parse_constraint(value)  # type: ignore[arg-type]


def _advisory_constraints() -> list[str]:
    found: set[str] = set()
    for path in (ADVISORIES / "drupal-advisory-database-osv").rglob("*.json"):
        data = json.loads(path.read_text())
        for affected in data["affected"]:
            found.add(affected["database_specific"]["affected_versions"])
            found.update(r["database_specific"]["constraint"] for r in affected["ranges"])
    import yaml

    for path in ADVISORIES.glob("friendsofphp*/**/*.yaml"):
        data = yaml.safe_load(path.read_text())
        found.update(" ".join(branch["versions"]) for branch in data["branches"].values())
    return sorted(found)


def _lock_versions() -> list[str]:
    found: set[str] = set()
    for path in REALDATA.rglob("composer.lock"):
        data = json.loads(path.read_text())
        for package in data.get("packages", []) + (data.get("packages-dev") or []):
            found.add(package["version"])
    return sorted(found)


def test_every_real_advisory_constraint_and_lock_version_parses() -> None:
    constraints = _advisory_constraints()
    versions = _lock_versions()
    assert len(constraints) > 600 and len(versions) > 700
    for text in constraints:
        parse_constraint(text)
    for text in versions:
        parse_version(text)


# -- Composer itself as the oracle ------------------------------------------------------------------

_ORACLE = r"""<?php
require $argv[1];
$in = json_decode(stream_get_contents(STDIN), true);
$parser = new Composer\Semver\VersionParser();
$out = ['normalize' => [], 'compare' => [], 'satisfies' => []];
foreach ($in['normalize'] as $v) {
    try { $out['normalize'][] = $parser->normalize($v); } catch (\Throwable $e) { $out['normalize'][] = null; }
}
foreach ($in['compare'] as [$a, $b]) {
    $out['compare'][] = version_compare($parser->normalize($a), $parser->normalize($b));
}
foreach ($in['satisfies'] as [$v, $c]) {
    try { $out['satisfies'][] = Composer\Semver\Semver::satisfies($v, $c); }
    catch (\Throwable $e) { $out['satisfies'][] = null; }
}
echo json_encode($out);
"""


class _Corpus:
    """Version and constraint strings drawn from a seeded generator: wide, odd, and reproducible."""

    WORDS = ["alpha", "a", "beta", "b", "RC", "rc", "patch", "pl", "p", "stable", "dev", "ALPHA", "Beta"]

    def __init__(self, seed: int) -> None:
        self.r = random.Random(seed)

    def num(self) -> str:
        return str(self.r.choice([0, 0, 1, 1, 2, 3, 5, 8, 10, 11, 99, 2024]))

    def version(self, branches: bool = True) -> str:
        r = self.r
        k = r.random()
        if branches and k < 0.08:
            return "dev-" + r.choice(["main", "master", "1.x", "feature/x", "8.x-1.x"])
        if branches and k < 0.12:
            return r.choice(["master", "trunk"])
        text = ("v" if r.random() < 0.15 else "") + ".".join(self.num() for _ in range(r.randint(1, 4)))
        if r.random() < 0.12:
            return text + r.choice([".x-dev", "-dev", ".*-dev"])
        if r.random() < 0.4:
            text += r.choice(["-", "", "_", "."]) + r.choice(self.WORDS)
            if r.random() < 0.6:
                text += r.choice(["", ".", "-"]) + self.num()
        if r.random() < 0.1:
            text += r.choice(["-dev", ".dev", "dev"])
        if r.random() < 0.05:
            text += "+build" + self.num()
        return text

    def single(self) -> str:
        r = self.r
        k = r.random()
        if k < 0.15:
            return r.choice(["^", "~"]) + self.version()
        if k < 0.5:
            return r.choice(["<", ">", "<=", ">=", "==", "=", "!=", "<>", ">= ", "< ", ""]) + self.version()
        if k < 0.6:
            return ".".join(self.num() for _ in range(r.randint(1, 3))) + r.choice([".*", ".x", ".X"])
        if k < 0.7:
            # Composer reads "dev-x - 1.0" as one branch name with spaces; Aegir refuses it instead.
            return self.version(branches=False) + " - " + self.version(branches=False)
        if k < 0.75:
            return r.choice(["*", "x", "*.*"])
        if k < 0.8:
            return self.version() + "@" + r.choice(["dev", "beta", "RC", "stable", "alpha"])
        return self.version()

    def constraint(self) -> str:
        r = self.r
        groups = [
            r.choice([" ", ",", " , "]).join(self.single() for _ in range(r.randint(1, 3)))
            for _ in range(r.randint(1, 3))
        ]
        return r.choice([" || ", "||", "|", " | "]).join(groups)


def _oracle(tmp_path: Path, request: dict[str, list[object]]) -> dict[str, list[object]]:
    assert COMPOSER_SEMVER.is_file(), "Composer's semver library is missing: apt-get install composer"
    script = tmp_path / "oracle.php"
    script.write_text(_ORACLE)
    done = subprocess.run(
        ["php", str(script), str(COMPOSER_SEMVER)],
        input=json.dumps(request),
        capture_output=True,
        text=True,
        check=True,
        timeout=120,
    )
    result: dict[str, list[object]] = json.loads(done.stdout)
    return result


def _ours(constraint: str, version: str) -> bool | None:
    try:
        return parse_constraint(constraint).allows(version)
    except ValidationError:
        return None


def test_agrees_with_composer_on_generated_versions_and_constraints(tmp_path: Path) -> None:
    corpus = _Corpus(seed=20240611)
    versions = [corpus.version() for _ in range(3000)]
    pairs = [[corpus.r.choice(versions), corpus.r.choice(versions)] for _ in range(3000)]
    checks = [[corpus.version(), corpus.constraint()] for _ in range(4000)]
    answer = _oracle(tmp_path, {"normalize": versions, "compare": [], "satisfies": checks})

    normalized: dict[str, str | None] = {}
    for text, expected in zip(versions, answer["normalize"], strict=True):
        try:
            normalized[text] = parse_version(text).normalized
        except ValidationError:
            normalized[text] = None
        assert normalized[text] == expected, text
    comparable = [
        [a, b]
        for a, b in pairs
        if normalized[a]
        and normalized[b]
        and not (normalized[a] or "").startswith("dev-")
        and not (normalized[b] or "").startswith("dev-")
    ]
    compared = _oracle(tmp_path, {"normalize": [], "compare": comparable, "satisfies": []})["compare"]
    for (a, b), expected in zip(comparable, compared, strict=True):
        assert compare(a, b) == expected, (a, b)
    mismatches = [
        (v, c, _ours(c, v), expected)
        for (v, c), expected in zip(checks, answer["satisfies"], strict=True)
        if _ours(c, v) != expected
    ]
    assert mismatches == []
    # the corpus is not mostly errors: most constraints parse and both answers occur
    answers = [a for a in answer["satisfies"] if a is not None]
    assert len(answers) > 2500 and 0 < sum(bool(a) for a in answers) < len(answers)


def test_agrees_with_composer_on_real_advisories_and_lock_versions(tmp_path: Path) -> None:
    constraints = _advisory_constraints()
    versions = [*_lock_versions(), "7.56", "7.57", "7.88", "8.4.5-rc1", "9.5.11", "10.3.8", "11.0.0"]
    rng = random.Random(7)
    checks = [[v, c] for c in constraints for v in rng.sample(versions, 12)]
    answer = _oracle(tmp_path, {"normalize": [], "compare": [], "satisfies": checks})
    for (version, constraint), expected in zip(checks, answer["satisfies"], strict=True):
        assert parse_constraint(constraint).allows(version) == expected, (version, constraint)


# -- properties --------------------------------------------------------------------------------------


@given(st.lists(any_versions, min_size=3, max_size=12))
def test_order_is_total_and_consistent(texts: list[str]) -> None:
    versions = [parse_version(t) for t in texts]
    ordered = sorted(versions)
    for a, b in itertools.pairwise(ordered):
        assert a <= b and not b < a
    for a in versions:
        for b in versions:
            assert (a < b) + (a == b) + (a > b) == 1
            assert compare(a, b) == -compare(b, a)
            if a == b:
                assert hash(a) == hash(b)


@given(any_versions)
def test_normalized_form_round_trips(text: str) -> None:
    version = parse_version(text)
    again = parse_version(version.normalized)
    assert again == version and again.normalized == version.normalized
    assert isinstance(version, Version) and str(version) == text.strip()


@given(st.integers(0, 20), st.integers(0, 20), st.integers(0, 20), release_versions())
def test_caret_tilde_wildcard_hyphen_equal_their_ranges(x: int, y: int, z: int, probe: str) -> None:
    def same(a: str, b: str) -> None:
        assert parse_constraint(a).allows(probe) == parse_constraint(b).allows(probe), (a, b, probe)

    if x > 0:
        same(f"^{x}.{y}.{z}", f">={x}.{y}.{z} <{x + 1}.0.0")
    elif y > 0:
        same(f"^0.{y}.{z}", f">=0.{y}.{z} <0.{y + 1}.0")
    else:
        same(f"^0.0.{z}", f">=0.0.{z} <0.0.{z + 1}")
    same(f"~{x}.{y}", f">={x}.{y} <{x + 1}.0")
    same(f"~{x}.{y}.{z}", f">={x}.{y}.{z} <{x}.{y + 1}.0")
    same(f"{x}.{y}.*", f">={x}.{y} <{x}.{y + 1}")
    same(f"{x}.{y}.{z} - {x + 1}.{y}.{z}", f">={x}.{y}.{z} <={x + 1}.{y}.{z}")
    same(f">={x}.{y}, <{x + 1}", f">={x}.{y} <{x + 1}")
    assert parse_constraint(f"^{x}.{y} || ~{z}.0").allows(probe) == (
        parse_constraint(f"^{x}.{y}").allows(probe) or parse_constraint(f"~{z}.0").allows(probe)
    )


@st.composite
def constraints(draw: st.DrawFn) -> str:
    singles = st.one_of(
        st.builds(
            lambda op, v: op + v,
            st.sampled_from(["", "<", ">", "<=", ">=", "!=", "==", "^", "~", ">= "]),
            release_versions(),
        ),
        st.builds(lambda a, b: f"{a}.{b}.*", _numbers, _numbers),
        branch_versions,
        st.just("*"),
    )
    groups = draw(st.lists(st.lists(singles, min_size=1, max_size=3), min_size=1, max_size=3))
    return " || ".join(draw(st.sampled_from([" ", ", "])).join(g) for g in groups)


@given(constraints(), st.lists(any_versions, min_size=1, max_size=8))
def test_constraint_text_round_trips(text: str, probes: list[str]) -> None:
    parsed = parse_constraint(text)
    again = parse_constraint(str(parsed))
    assert str(again) == str(parsed)
    for probe in probes:
        assert again.allows(probe) == parsed.allows(probe), (text, str(parsed), probe)


@settings(max_examples=300)
@given(st.one_of(st.text(max_size=40), st.binary(max_size=40).map(lambda b: b.decode("latin-1"))))
def test_fuzz_only_aegir_errors_escape(text: str) -> None:
    for parse in (parse_version, parse_constraint):
        with contextlib.suppress(AegirError):
            parse(text)
    with contextlib.suppress(AegirError):
        parse_constraint(">=1.0 <2.0").allows(text)


@settings(max_examples=200)
@given(st.text(alphabet="0123456789.v-|,<>=!~^* xX@devalphbtRCp", max_size=30), any_versions)
def test_fuzz_constraint_alphabet(text: str, probe: str) -> None:
    try:
        parsed = parse_constraint(text)
    except AegirError:
        return
    parsed.allows(probe)
    assert parse_constraint(str(parsed)) == parsed


# -- bad input in linear time -------------------------------------------------------------------------

_OR_TEXT = st.text(alphabet=" \t\n\u00a0\u2003|a1,>=", max_size=30)


@settings(max_examples=500)
@given(_OR_TEXT)
def test_or_split_equals_splitting_with_the_spaces_around_the_pipes(text: str) -> None:
    """The parts split on pipes and then stripped are what ``\\s*\\|\\|?\\s*`` cut (Unicode spaces too)."""
    from aegir.core import versions

    stripped = text.strip()
    assert [p.strip() for p in versions._OR_SPLIT.split(stripped)] == re.split(r"\s*\|\|?\s*", stripped)


_LINEAR_SCRIPT = """
import json, sys
from aegir.core.errors import AegirError
from aegir.core.versions import parse_constraint, parse_version
out = []
for kind, text in json.load(sys.stdin):
    try:
        parsed = parse_version(text) if kind == "version" else parse_constraint(text)
        out.append(parsed.normalized if kind == "version" else [parsed.allows(v) for v in ("1.0", "2.0")])
    except AegirError as e:
        out.append(type(e).__name__)
print(json.dumps(out))
"""


def test_long_bad_input_takes_linear_time() -> None:
    """Near misses thousands of characters long, and a constraint padded with a million spaces (the
    pattern that once split it was tried from every space): an answer at once, never minutes of
    backtracking; numbers too long for ``int()``: a ValidationError, not a ValueError. In a subprocess
    with a generous timeout, so that a regression fails the test instead of hanging the suite."""
    near_misses = [
        "1.0-beta" + "1" * 5000 + "!",
        "1.0-beta" + ".1" * 2500 + "!",
        "1" * 5000 + "!",
        "2020" + "-01" * 2000 + "!",
        "1.0" + ".x" * 2500 + "-dev",
        "v" + "1" * 5000 + " as 1.0",
        "1." + "1" * 5000,
    ]
    cases = [("version", text) for text in near_misses]
    cases += [("constraint", prefix + text) for text in near_misses for prefix in ("^", "~")]
    cases += [
        ("constraint", "1.0" + " " * 1_000_000 + "!"),
        ("constraint", "1." + "1" * 1001 + ".*"),
        ("constraint", ">=1.0" + " " * 1_000_000 + "|| <3"),
        ("constraint", "~1." + "9" * 1000),
        ("version", "1." + "9" * 1000),
    ]
    done = subprocess.run(
        [sys.executable, "-c", _LINEAR_SCRIPT],
        input=json.dumps(cases),
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )
    results = json.loads(done.stdout)
    assert results[:-3] == ["ValidationError"] * (len(cases) - 3)
    assert results[-3:] == [[True, True], [False, False], "1." + "9" * 1000 + ".0.0"]
