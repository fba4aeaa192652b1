"""The small parsers: info.yml, Drupal 7 .info, the VERSION constants, installed.json, composer.json.

Real files first, then fuzzing: truncated, wrong-typed and binary inputs may only raise AegirError
subclasses, and the error names the file.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from aegir.core.errors import AegirError, ParseError
from aegir.drivers.drupal._composer_json import ComposerJson
from aegir.drivers.drupal._info_d7 import parse_info
from aegir.drivers.drupal._info_yml import parse_info_yml, php_truthy
from aegir.drivers.drupal._installed import compare_with_lock, parse_installed
from aegir.drivers.drupal._jsonfile import load_json
from aegir.drivers.drupal._lock import read_lock
from aegir.drivers.drupal._php_const import parse_version_constant

from ._realdata import CODEBASES, COMPOSER_PROJECTS, CORE_INFO, REALDATA, load_yaml

INFO_YML = sorted(REALDATA.rglob("*.info.yml"))
D7_INFO = sorted(REALDATA.rglob("*.info"))
INTERLEDGER = REALDATA / "drupal-codebases" / "d10.6-interledger.org-v4"


# -- info.yml -----------------------------------------------------------------------------------------


def test_every_real_info_yml_parses_like_yaml() -> None:
    assert len(INFO_YML) > 250
    for path in INFO_YML:
        info = parse_info_yml(path.read_bytes(), str(path))
        data = load_yaml(path)
        assert info.type == data["type"]
        assert info.label == data.get("name")
        assert info.version == (str(data["version"]) if "version" in data else None)
        assert info.project == data.get("project")
        assert info.hidden == bool(data.get("hidden", False))
        assert info.lifecycle == data.get("lifecycle")


def test_info_yml_keeps_versions_as_text() -> None:
    info = parse_info_yml(b"type: module\nversion: 1.10\nproject: x\n", "a.info.yml")
    assert info.version == "1.10"


@pytest.mark.parametrize(
    ("text", "hidden"),
    [("hidden: true", True), ("hidden: false", False), ("hidden: 0", False), ("hidden: '0'", False),
     ("hidden: 'false'", True), ("hidden: ''", False), ("hidden: 1", True), ("", False)],
)  # fmt: skip
def test_hidden_follows_php_truthiness(text: str, hidden: bool) -> None:
    assert parse_info_yml(f"type: module\n{text}\n".encode(), "a.info.yml").hidden is hidden


@pytest.mark.parametrize(
    ("data", "where", "words"),
    [
        (b"type: module\nname: [unclosed\n", "line 3, column 1", "not valid YAML"),
        (b"- type\n- module\n", "", "must be a mapping"),
        (b"name: X\n", "key 'type'", "is None"),
        (b"type: plugin\n", "key 'type'", "'plugin'"),
        (b"type: module\nversion: [1, 2]\n", "key 'version'", "must be text"),
        (b"type: module\nproject: true\n", "key 'project'", "must be text"),
        (b"\x00\x01type", "", "not valid YAML"),
    ],
)
def test_bad_info_yml(data: bytes, where: str, words: str) -> None:
    with pytest.raises(ParseError) as caught:
        parse_info_yml(data, "web/modules/x/x.info.yml")
    assert caught.value.path == "web/modules/x/x.info.yml"
    assert caught.value.where == where
    assert words in str(caught.value)


_YAMLISH = st.text(alphabet=st.sampled_from(list("type:module \n-[]{}'\"#&*!|>%@`,?0.1\t\\xé")), max_size=60)


@given(data=st.binary(max_size=200) | _YAMLISH.map(str.encode))
def test_fuzz_info_yml(data: bytes) -> None:
    try:
        parse_info_yml(data, "fuzz.info.yml")
    except AegirError as e:
        assert str(e).startswith("fuzz.info.yml")


_REAL_YML = (INTERLEDGER / "web/modules/contrib/token/token.info.yml").read_bytes()


@given(cut=st.integers(min_value=0, max_value=len(_REAL_YML)))
def test_fuzz_info_yml_truncated(cut: int) -> None:
    try:
        info = parse_info_yml(_REAL_YML[:cut], "token.info.yml")
    except AegirError as e:
        assert str(e).startswith("token.info.yml")
    else:
        assert info.type == "module"


@given(
    value=st.recursive(
        st.none() | st.booleans() | st.integers() | st.text(max_size=5),
        lambda i: st.lists(i, max_size=2) | st.dictionaries(st.text(max_size=3), i, max_size=2),
        max_leaves=4,
    )
)
def test_fuzz_info_yml_wrong_types(value: Any) -> None:
    import yaml

    for key in ("type", "version", "project", "name", "hidden", "lifecycle"):
        doc = {"type": "module", key: value}
        try:
            parse_info_yml(yaml.safe_dump(doc).encode(), "typed.info.yml")
        except AegirError as e:
            assert str(e).startswith("typed.info.yml")


# -- Drupal 7 .info -------------------------------------------------------------------------------------

# Drupal 7's own grammar as one regular expression over the whole file: the oracle the line-by-line
# parser is held to on real files.
_ORACLE = re.compile(
    r"""^\s*((?:[^=;\[\]]|\[[^\[\]]*\])+?)\s*=\s*(?:("(?:[^"]|(?<=\\)")*")|('(?:[^']|(?<=\\)')*')|([^\r\n]*?))\s*$""",
    re.M | re.S | re.A,
)


def _oracle(text: str, constants: dict[str, str]) -> dict[str, Any]:
    info: dict[str, Any] = {}
    for key, dq, sq, bare in _ORACLE.findall(text):
        value: Any = (
            re.sub(r"\\(.?)", r"\1", dq[1:-1]) if dq else re.sub(r"\\(.?)", r"\1", sq[1:-1]) if sq else bare
        )
        if re.fullmatch(r"[A-Za-z0-9_]+", value):  # PHP: preg_match('/^\w+$/i') && defined()
            value = {"true": True, "false": False, "null": None}.get(
                value.lower(), constants.get(value, value)
            )
        *parents, last = re.split(r"\]?\[", key.rstrip("]"))
        node = info
        for part in parents:
            name = part or str(len(node))
            if not isinstance(node.get(name), dict):
                node[name] = {}
            node = node[name]
        node[last or str(len(node))] = value
    return info


def test_every_real_d7_info_parses_like_drupal_7() -> None:
    assert len(D7_INFO) > 280
    constants = {"VERSION": "7.88", "DRUPAL_CORE_COMPATIBILITY": "7.x"}
    for path in D7_INFO:
        text = path.read_text(encoding="utf-8")
        assert parse_info(path.read_bytes(), str(path), constants) == _oracle(text, constants), path


def test_d7_info_details() -> None:
    info = parse_info(
        b'; a comment = no\nname = "Quote \\" inside"\nhidden = TRUE\nversion = VERSION\n'
        b"files[] = a.inc\nfiles[] = b.inc\nregions[sidebar first] = Side\nsettings[a][b][] = 1\n"
        b"x[k=v] = 'it\\'s'\nbroken line\n  indented = yes  \nversion = \"7.x-5.6\"\n",
        "x.info",
        {"VERSION": "7.88"},
    )
    assert info == {
        "name": 'Quote " inside',
        "hidden": True,
        "version": "7.x-5.6",
        "files": {"0": "a.inc", "1": "b.inc"},
        "regions": {"sidebar first": "Side"},
        "settings": {"a": {"b": {"0": "1"}}},
        "x": {"k=v": "it's"},
        # Drupal 7 runs a line without '=' into the next key
        "broken line\n  indented": "yes",
    }


def test_d7_info_not_utf8() -> None:
    with pytest.raises(ParseError, match=r"^sites/all/modules/x/x\.info at byte 7: not UTF-8"):
        parse_info(b"name = \xe9t\xe9\n", "sites/all/modules/x/x.info")


_INIISH = st.text(alphabet=st.sampled_from(list("name=ver ;[]\"'\\\n\rTRUEab1_\t")), max_size=80)


@given(data=st.binary(max_size=200) | _INIISH.map(str.encode))
def test_fuzz_d7_info(data: bytes) -> None:
    try:
        info = parse_info(data, "fuzz.info", {"VERSION": "7.1"})
    except AegirError as e:
        assert str(e).startswith("fuzz.info")
    else:
        assert isinstance(info, dict)


@given(text=_INIISH)
def test_d7_info_agrees_with_drupal_on_any_text(text: str) -> None:
    """Drupal 7's whole-file expression is the oracle, quirks included."""
    assert parse_info(text.encode(), "x.info", {"VERSION": "7.1"}) == _oracle(text, {"VERSION": "7.1"})


@pytest.mark.parametrize(
    "data",
    [
        b"\n" * 200_000 + b"a" * 200_000 + b' = "' + b'\\"' * 50_000,
        b"a b c\n" * 50_000 + b"k = v\n",
        b'k = "x\\"\n' * 30_000,
        b"[a\nb]\n" * 20_000,
        b"[" + b"a\n" * 100_000 + b"]\n",
        b"x[" + b"a=\n" * 50_000 + b"]\n",
        b'k = "' + b'\\"\n' * 50_000,
    ],
)
def test_d7_info_is_fast_on_hostile_input(data: bytes) -> None:
    """Where Drupal 7's backtracking expression takes minutes, the scanner stays linear."""
    import time

    start = time.perf_counter()
    parse_info(data, "big.info")
    assert time.perf_counter() - start < 2.0


def test_d7_info_quirks_match_drupal() -> None:
    cases = [
        'description = "two\nlines"\nname = x\n',
        "empty =\nnext = line\n",
        "key\n= value\n",
        "\n= odd\n",
        "  = spaced\n",
        "# note\n\nfiles[] = a\n",
        "a[x\ny=1]\n;\nz = 2\n",
        "q = 'a\\'b' tail\nr = 1\n",
        's = "x\\"\ny" \n',
    ]
    for text in cases:
        assert parse_info(text.encode(), "q.info") == _oracle(text, {}), text


# -- VERSION constants --------------------------------------------------------------------------------


def test_real_version_constants() -> None:
    drupal_php = INTERLEDGER / "web/core/lib/Drupal.php"
    assert parse_version_constant(drupal_php.read_bytes(), str(drupal_php), drupal7=False) == "10.6.12"
    for d7 in [*(c for c in CODEBASES if c.name.startswith("d7")), CORE_INFO / "7.105-drops-7"]:
        boot = d7 / "includes/bootstrap.inc"
        assert re.fullmatch(r"7\.\d+", parse_version_constant(boot.read_bytes(), str(boot), drupal7=True))
    for excerpt in CORE_INFO.glob("*/core/lib-Drupal.php.version-constants.txt"):
        version = parse_version_constant(excerpt.read_bytes(), str(excerpt), drupal7=False)
        assert version == excerpt.parent.parent.name


@pytest.mark.parametrize(
    ("data", "drupal7", "version"),
    [
        (b'<?php\nclass Drupal {\n  const VERSION = "11.2-dev";\n}', False, "11.2-dev"),
        (b"  const VERSION='9.5.11' ;", False, "9.5.11"),
        (b'define( "VERSION" , "7.105" );', True, "7.105"),
        (b"define('VERSION', '7.x-dev');", True, "7.x-dev"),
    ],
)
def test_version_constant_forms(data: bytes, drupal7: bool, version: str) -> None:
    assert parse_version_constant(data, "f.php", drupal7=drupal7) == version


@pytest.mark.parametrize(
    ("data", "drupal7", "words"),
    [
        (b"<?php // nothing here", False, "no const VERSION"),
        (b"<?php define('VERSION', '7.1');", False, "no const VERSION"),
        (b"<?php const VERSION = '10.1';", True, "no define('VERSION'"),
        (b"<?php\n\nconst VERSION = 'abc';", False, "at line 3: VERSION 'abc' does not look like"),
    ],
)
def test_version_constant_errors(data: bytes, drupal7: bool, words: str) -> None:
    with pytest.raises(ParseError, match=re.escape(words)):
        parse_version_constant(data, "core/lib/Drupal.php", drupal7=drupal7)


@given(data=st.binary(max_size=200), drupal7=st.booleans())
def test_fuzz_version_constant(data: bytes, drupal7: bool) -> None:
    try:
        parse_version_constant(data, "fuzz.php", drupal7=drupal7)
    except AegirError as e:
        assert str(e).startswith("fuzz.php")


# -- installed.json -----------------------------------------------------------------------------------


def test_real_installed_json_matches_its_lock() -> None:
    installed = parse_installed(
        (INTERLEDGER / "vendor/composer/installed.json").read_bytes(), "installed.json"
    )
    assert installed.dev is True and len(installed.versions) == 115
    assert compare_with_lock(read_lock(INTERLEDGER / "composer.lock").packages, installed) == []


def test_installed_json_composer1_list_form() -> None:
    packages = json.loads((INTERLEDGER / "vendor/composer/installed.json").read_text())["packages"]
    installed = parse_installed(json.dumps(packages).encode(), "installed.json")
    assert installed.dev is None
    assert compare_with_lock(read_lock(INTERLEDGER / "composer.lock").packages, installed) == []


@pytest.mark.parametrize(
    ("doc", "where", "words"),
    [
        ({"packages": {}}, "$.packages", "must be a list"),
        ("x", "$", "must be a list of packages"),
        ([1], "$[0]", "must be an object"),
        ({"packages": [{"version": "1.0"}]}, "$.packages[0]", "has no name"),
        ([{"name": "a/b", "version": 2}], "$[0]", "'a/b' has no version"),
    ],
)
def test_bad_installed_json(doc: Any, where: str, words: str) -> None:
    with pytest.raises(ParseError) as caught:
        parse_installed(json.dumps(doc).encode(), "vendor/composer/installed.json")
    assert caught.value.where == where and words in str(caught.value)


_ANY_JSON = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=6),
    lambda i: (
        st.lists(i, max_size=3)
        | st.dictionaries(st.sampled_from(["packages", "name", "version", "dev", "x"]), i, max_size=3)
    ),
    max_leaves=8,
)


@given(doc=_ANY_JSON)
def test_fuzz_installed_json(doc: Any) -> None:
    try:
        parse_installed(json.dumps(doc).encode(), "fuzz/installed.json")
    except AegirError as e:
        assert str(e).startswith("fuzz/installed.json")


@given(data=st.binary(max_size=200))
def test_fuzz_installed_json_binary(data: bytes) -> None:
    try:
        parse_installed(data, "fuzz/installed.json")
    except AegirError as e:
        assert str(e).startswith("fuzz/installed.json")


# -- composer.json ------------------------------------------------------------------------------------


@pytest.mark.parametrize("project", COMPOSER_PROJECTS, ids=[p.name for p in COMPOSER_PROJECTS])
def test_real_composer_json_web_root(project: Path) -> None:
    data = json.loads((project / "composer.json").read_text())
    composer = ComposerJson(data)
    expected = {"web": "web", "html": "html", "docroot": "docroot"}
    web_root = composer.web_root()
    scaffold = data.get("extra", {}).get("drupal-scaffold", {}).get("locations", {}).get("web-root")
    if scaffold:
        assert web_root == expected[scaffold.strip("./")]
    elif "installer-paths" in data.get("extra", {}):
        assert web_root == "docroot"  # the 2017 Varbase lock names drupal/core by package name
    else:
        assert web_root is None  # an install-profile repository: no web root of its own
    assert composer.requires_drupal_core()


@given(doc=_ANY_JSON, package=st.text(max_size=10), kind=st.text(max_size=10))
def test_fuzz_composer_json_accessors(doc: Any, package: str, kind: str) -> None:
    composer = ComposerJson(doc)
    composer.web_root()
    composer.vendor_dir()
    composer.requires_drupal_core()
    composer.install_dir(package, kind)


@given(data=st.binary(max_size=100))
def test_fuzz_json_reader(data: bytes) -> None:
    try:
        load_json(data, "fuzz.json")
    except AegirError as e:
        assert str(e).startswith("fuzz.json")


def test_php_truthy() -> None:
    assert [php_truthy(v) for v in ("", "0", "0.0", "false", 0, 0.0, None, [], {}, "a", 1, True)] == [
        False, False, True, True, False, False, False, False, False, True, True, True,
    ]  # fmt: skip
