"""Every WordPress parser under hostile input: truncated, wrong-typed and binary files.

Only AegirError subclasses may escape, and a ParseError names the file (and a position when there is one).
"""

from __future__ import annotations

import json
import tempfile
from pathlib import Path
from typing import Any

from hypothesis import given
from hypothesis import strategies as st

from aegir.core.composer import load_json_object, lock_packages
from aegir.core.errors import AegirError, ParseError
from aegir.drivers.wordpress import WordPressDriver
from aegir.drivers.wordpress._headers import parse_headers
from aegir.drivers.wordpress._phpvalues import parse_assignments

REALDATA = Path(__file__).resolve().parents[3] / ".." / "shared" / "fixtures" / "realdata"
VERSION_FILES = sorted((REALDATA / "wordpress" / "core-version-php").glob("*/wp-includes/version.php"))
PHP_BITS = ["<?php", "?>", "$wp_version", " = ", "'6.1'", '"x\\"y"', ";", "/*", "*/", "//", "#", "\n",
            "array(", ")", "[", "]", ",", "=>", "1.5", "-", "true", "null", "\\", "'", '"', "#["]  # fmt: skip
json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=10),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner, max_size=4),
    max_leaves=15,
)


def only_parse_errors(path: str, text: str) -> None:
    try:
        parse_assignments(text, path)
    except ParseError as e:
        assert path in str(e)
        assert "line " in e.where


@given(st.lists(st.sampled_from(PHP_BITS) | st.text(max_size=5), max_size=40).map("".join))
def test_php_values_from_php_like_noise(text: str) -> None:
    only_parse_errors("wp-includes/version.php", text)


@given(st.binary(max_size=300))
def test_php_values_from_binary(data: bytes) -> None:
    only_parse_errors("v.php", data.decode("utf-8", errors="replace"))


@given(st.data())
def test_php_values_from_truncated_real_files(data: st.DataObject) -> None:
    path = data.draw(st.sampled_from(VERSION_FILES))
    text = path.read_text()
    cut = data.draw(st.integers(min_value=0, max_value=len(text)))
    only_parse_errors("version.php", text[:cut])


def test_php_values_at_every_cut_of_the_newest_file() -> None:
    text = (REALDATA / "wordpress/core-version-php/trunk-HEAD/wp-includes/version.php").read_text()
    for cut in range(len(text) + 1):
        only_parse_errors("version.php", text[:cut])
    assert parse_assignments(text, "v")["required_php_extensions"] == ["json", "hash"]


@given(st.text(max_size=400), st.lists(st.text(min_size=1, max_size=12), max_size=4))
def test_headers_never_fail(text: str, fields: list[str]) -> None:
    found = parse_headers(text, tuple(fields))
    assert set(found) <= set(fields)


@given(json_values)
def test_lock_of_any_shape(value: Any) -> None:
    try:
        packages = lock_packages(value if isinstance(value, dict) else {"packages": value}, "composer.lock")
    except ParseError as e:
        assert str(e).startswith("composer.lock at $.packages")
    else:
        assert all(isinstance(p.name, str) and isinstance(p.version, str) for p in packages)


@given(st.binary(max_size=200) | json_values.map(lambda v: json.dumps(v).encode()))
def test_json_files_of_any_bytes(data: bytes) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "composer.lock"
        path.write_bytes(data)
        try:
            load_json_object(path, "composer.lock")
        except ParseError as e:
            assert str(e).startswith("composer.lock")


@given(
    composer=json_values | st.fixed_dictionaries({"extra": json_values, "require": json_values}),
    lock=st.binary(max_size=120) | json_values.map(lambda v: json.dumps(v).encode()),
    plugin=st.binary(max_size=200),
    style=st.binary(max_size=200),
    version=st.binary(max_size=200),
)
def test_whole_scan_of_hostile_trees(
    composer: Any, lock: bytes, plugin: bytes, style: bytes, version: bytes
) -> None:
    driver = WordPressDriver()
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        (root / "composer.json").write_text(json.dumps(composer))
        (root / "composer.lock").write_bytes(lock)
        for rel, data in (
            ("web/app/plugins/p/p.php", b"<?php\n/* Plugin Name: P */\n" + plugin),
            ("web/app/themes/t/style.css", b"/* Theme Name: T */\n" + style),
            ("web/wp/wp-includes/version.php", version),
        ):
            (root / rel).parent.mkdir(parents=True, exist_ok=True)
            (root / rel).write_bytes(data)
        try:
            detection = driver.detect(root)
            if detection is not None:
                driver.scan(root, detection)
        except AegirError as e:
            assert "composer" in str(e) or "version.php" in str(e) or "WordPress" in str(e), str(e)
