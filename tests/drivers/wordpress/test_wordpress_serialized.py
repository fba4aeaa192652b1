"""The serialization-safe URL replacement (replace_urls.php), checked with real PHP.

Values are serialized by PHP's own serialize(), rewritten by the driver's walker, and read back by
PHP's unserialize(): string lengths must be right, nested arrays, objects (stdClass and a plugin's
class with private and protected properties), references, enums and double serialization kept,
and no code of any class may run while the walker works.
"""

from __future__ import annotations

import base64
import json
import re
import subprocess
from importlib import resources
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from aegir.drivers.wordpress._steps import url_pairs

HARNESS = Path(__file__).with_name("serialized_harness.php")
LIBRARY = str(resources.files("aegir.drivers.wordpress").joinpath("replace_urls.php"))
OLD, NEW = "http://old.example", "https://new.example:8443"
PAIRS, _ = url_pairs(OLD + "/", NEW + "/")


def harness(request: dict[str, Any]) -> dict[str, Any]:
    done = subprocess.run(
        ["php", "-d", "display_errors=stderr", str(HARNESS)],
        input=json.dumps({"library": LIBRARY, **request}),
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 0, done.stderr
    assert not done.stderr, done.stderr
    return json.loads(done.stdout)  # type: ignore[no-any-return]


def replace(values: list[bytes], pairs: list[tuple[str, str]] = PAIRS) -> list[bytes]:
    answer = harness(
        {"mode": "replace", "values": [base64.b64encode(v).decode() for v in values], "pairs": pairs}
    )
    return [base64.b64decode(v) for v in answer["values"]]


def expected_text(text: str, pairs: list[tuple[str, str]] = PAIRS) -> str:
    """The documented rule, written independently: whole URLs only, pairs in order."""
    for old, new in pairs:
        text = re.sub(re.escape(old) + r"(?![A-Za-z0-9\-]|\.[A-Za-z0-9\-]|:[0-9])", lambda _m, n=new: n, text)
    return text


def expected_value(value: Any) -> Any:
    if isinstance(value, str):
        return expected_text(value)
    if isinstance(value, list):
        return [expected_value(v) for v in value]
    if isinstance(value, dict):
        return {k: expected_value(v) for k, v in value.items()} or []
    return value


def normalise(value: Any) -> Any:
    """PHP gives [] for an empty array whatever it was before."""
    if isinstance(value, dict):
        return {k: normalise(v) for k, v in value.items()} or []
    if isinstance(value, list):
        return [normalise(v) for v in value]
    return value


@pytest.mark.parametrize(
    ("text", "want"),
    [
        ("see http://old.example.", "see https://new.example:8443."),
        ("<a href='http://old.example/about/'>", "<a href='https://new.example:8443/about/'>"),
        ("http://old.example", "https://new.example:8443"),
        ("https://old.example/x", "https://new.example:8443/x"),
        ("//old.example/x.css", "//new.example:8443/x.css"),
        ('{"u":"http:\\/\\/old.example\\/x"}', '{"u":"https:\\/\\/new.example:8443\\/x"}'),
        ("http://old.example.org/", "http://old.example.org/"),
        ("http://old.example-two.net/", "http://old.example-two.net/"),
        ("http://old.example:8080/", "http://old.example:8080/"),
        ("mailto:admin@old.example", "mailto:admin@old.example"),
        ("old.example", "old.example"),
    ],
)
def test_plain_text_replaces_whole_urls_only(text: str, want: str) -> None:
    assert replace([text.encode()]) == [want.encode()]
    assert expected_text(text) == want


def test_serialized_strings_get_their_new_length() -> None:
    value = b's:24:"http://old.example/a.jpg";'
    assert replace([value]) == [b's:30:"https://new.example:8443/a.jpg";']
    # not exactly one serialized value: replaced as text (its length was wrong before, too)
    broken = b's:99:"http://old.example/";'
    assert replace([broken]) == [b's:99:"https://new.example:8443/";']
    assert replace([b"a:1:{i:0;s:3:"]) == [b"a:1:{i:0;s:3:"]


def test_real_wordpress_option_shapes_round_trip(tmp_path: Path) -> None:
    """Every shape serialized with the old URL, rewritten, equals PHP's serialization of the same
    shape built with the new URL, byte for byte; a plugin class whose __wakeup/__destruct would
    leave a mark is defined in the rewriting process and leaves none."""
    marker = tmp_path / "marker"
    old = harness({"mode": "shapes", "base": OLD, "classes": True, "marker": str(marker)})["values"]
    new = harness({"mode": "shapes", "base": NEW, "classes": True, "marker": str(marker)})["values"]
    marker.unlink(missing_ok=True)
    names = sorted(old)
    assert "plugin_object" in names and "theme_mods_twentytwentythree" in names
    answer = harness(
        {
            "mode": "replace",
            "values": [old[n] for n in names],
            "pairs": PAIRS,
            "classes": True,
            "marker": str(marker),
        }
    )
    assert not marker.exists(), "the walker ran code of a serialized class"
    rewritten = dict(zip(names, answer["values"], strict=True))
    for name in names:
        assert base64.b64decode(rewritten[name]) == base64.b64decode(new[name]), name
    # PHP reads every rewritten value back, objects with their classes and private properties
    back = harness({"mode": "check", "values": rewritten, "classes": True, "marker": str(marker)})["values"]
    assert back == rewritten
    # the old-URL lookalike inside the plugin object stayed as it was
    assert b"https://old.example.org/x" in base64.b64decode(rewritten["plugin_object"])
    # untouched shapes are byte-identical
    assert rewritten["_wp_attachment_metadata"] == old["_wp_attachment_metadata"]
    assert answer["stats"]["opaque"] >= 1  # the enum, left as it is


def test_objects_of_unknown_classes_keep_class_and_properties() -> None:
    """In a process where the class does not exist, its object is still rewritten in place."""
    value = (
        b'O:13:"Acme_Settings":2:{s:8:"endpoint";s:21:"http://old.example/v1";'
        b's:9:"\x00*\x00nested";a:1:{s:4:"home";s:18:"http://old.example";}}'
    )
    (out,) = replace([value])
    assert out == (
        b'O:13:"Acme_Settings":2:{s:8:"endpoint";s:27:"https://new.example:8443/v1";'
        b's:9:"\x00*\x00nested";a:1:{s:4:"home";s:24:"https://new.example:8443";}}'
    )


def test_custom_serialized_payload_is_left_alone() -> None:
    """A class implementing Serializable writes what it likes between the braces: not ours to parse."""
    value = b'C:1:"A":18:{http://old.example}'
    assert replace([value]) == [value]
    nested = b'a:2:{i:0;C:1:"A":18:{http://old.example}i:1;s:18:"http://old.example";}'
    assert replace([nested]) == [
        b'a:2:{i:0;C:1:"A":18:{http://old.example}i:1;s:24:"https://new.example:8443";}'
    ]


_FRAGMENTS = [
    "a",
    " ",
    "/",
    ".",
    "-",
    ":",
    "é",
    "✓",
    '"',
    ";",
    "{",
    OLD,
    OLD + "/p",
    "//old.example",
    "old.example.org",
]
json_leaf = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(min_value=-(2**53), max_value=2**53),
    st.floats(min_value=-1e6, max_value=1e6, allow_nan=False),
    st.lists(st.sampled_from(_FRAGMENTS), max_size=8).map("".join),
)
json_values = st.recursive(
    json_leaf,
    lambda inner: (
        st.lists(inner, max_size=4)
        | st.dictionaries(st.text(alphabet="abcxyz_", min_size=1, max_size=5), inner, max_size=4)
    ),
    max_leaves=12,
)


@given(st.lists(json_values, min_size=1, max_size=8))
def test_any_nested_value_round_trips_through_php(values: list[Any]) -> None:
    answer = harness({"mode": "roundtrip", "json": values, "pairs": PAIRS})
    for value, back in zip(values, answer["back"], strict=True):
        assert back != {"__unserialize_failed__": True}, value
        assert normalise(back) == normalise(expected_value(value))
