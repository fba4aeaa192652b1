"""The name validators (aegir.core.names) against hostile, wrong-typed and Unicode input."""

from __future__ import annotations

import re
from typing import Any

import idna
import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from aegir.core import names as validators
from aegir.core.errors import AegirError, ValidationError
from strategies import NON_NAME_CHARS, db_identifiers, domains, idn_domains, names

HOSTILE = [
    "",
    " ",
    "a b",
    "a;rm -rf /",
    "$(reboot)",
    "`id`",
    "a|b",
    "a&&b",
    "a>b",
    "a<b",
    "*",
    "a\nb",
    "a\rb",
    "a\tb",
    "a\x00b",
    "\x00",
    "../etc/passwd",
    "..",
    "a/../b",
    "/etc/passwd",
    "a/b",
    "a\\b",
    "x'; DROP DATABASE mysql; --",
    'x" OR "1"="1',
    "a`b",
    "a%00b",
    "a" * 300,
    "ünïcödé",
    "n\u0430me",  # a Cyrillic letter that looks like an ASCII "a"
    "\u202eevil",
    "${IFS}",
    "a'b",
]
WRONG_TYPES: list[Any] = [None, 0, 1.5, b"example.com", ["example.com"], {"a": 1}, True]

ASCII_HOST = re.compile(r"(?!-)[a-z0-9-]{1,63}(?<!-)(\.(?!-)[a-z0-9-]{1,63}(?<!-))*")


def _names_the_value(error: AegirError, value: Any) -> bool:
    return repr(value) in str(error)


# -- check_name, check_db_identifier ---------------------------------------------------------------


@pytest.mark.parametrize("value", HOSTILE + WRONG_TYPES, ids=repr)
def test_hostile_names_are_refused_with_the_value_named(value: Any) -> None:
    with pytest.raises(ValidationError) as info:
        validators.check_name("server", value)
    assert _names_the_value(info.value, value)
    assert "server name" in str(info.value)


@pytest.mark.parametrize(
    "value", [*HOSTILE, "Upper", "1starts_with_digit", "has-hyphen", *WRONG_TYPES], ids=repr
)
def test_hostile_db_identifiers_are_refused(value: Any) -> None:
    with pytest.raises(ValidationError) as info:
        validators.check_db_identifier("database name", value)
    assert _names_the_value(info.value, value)


def test_name_length_limits() -> None:
    assert validators.check_name("codebase", "a" * 63) == "a" * 63
    with pytest.raises(ValidationError):
        validators.check_name("codebase", "a" * 64)
    assert validators.check_db_identifier("database user", "a" * 64) == "a" * 64
    with pytest.raises(ValidationError):
        validators.check_db_identifier("database user", "a" * 65)


@given(names)
def test_valid_names_are_accepted_unchanged(value: str) -> None:
    assert validators.check_name("codebase", value) == value


@given(db_identifiers)
def test_valid_db_identifiers_are_accepted_unchanged(value: str) -> None:
    assert validators.check_db_identifier("database name", value) == value


@given(names, st.sampled_from(NON_NAME_CHARS), st.data())
def test_a_name_with_any_foreign_character_is_refused(value: str, bad: str, data: st.DataObject) -> None:
    at = data.draw(st.integers(min_value=0, max_value=len(value)))
    spliced = value[:at] + bad + value[at:]
    with pytest.raises(ValidationError):
        validators.check_name("server", spliced)


@given(st.text(max_size=80) | st.binary(max_size=20) | st.integers() | st.none())
def test_check_name_raises_nothing_but_validation_errors(value: Any) -> None:
    try:
        assert validators.check_name("store", value) == value
    except ValidationError as e:
        assert _names_the_value(e, value)


# -- normalize_domain -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("example.org", "example.org"),
        ("Example.ORG.", "example.org"),
        ("  example.org ", "example.org"),
        ("bücher.example", "xn--bcher-kva.example"),
        ("BÜCHER.Example", "xn--bcher-kva.example"),
        ("пример.рф", "xn--e1afmkfd.xn--p1ai"),
        ("例え.テスト", "xn--r8jz45g.xn--zckzah"),
        ("straße.de", "xn--strae-oqa.de"),  # IDNA 2008: ß is kept, not mapped to "ss"
        ("xn--bcher-kva.example", "xn--bcher-kva.example"),
        # an ASCII label keeps the LDH rules it has in an all-ASCII name, beside a Unicode one
        ("r3--sn-x.example", "r3--sn-x.example"),
        ("bücher.r3--sn-x.example", "xn--bcher-kva.r3--sn-x.example"),
        ("1.2.3.4.nip.io", "1.2.3.4.nip.io"),
        ("a-b.c-d.example", "a-b.c-d.example"),
        ("localhost", "localhost"),
    ],
)
def test_domains_are_normalised_to_a_labels(value: str, expected: str) -> None:
    assert validators.normalize_domain(value) == expected


@pytest.mark.parametrize(
    "value",
    [
        # Unicode labels are valid host names (IDNA); the rest of HOSTILE is not
        *[h for h in HOSTILE if h not in {"ünïcödé", "n\u0430me"}],
        "127.0.0.1",
        "10.0.0.1",
        "::1",
        "[::1]",
        "example.org:8080",
        "http://example.org",
        "example.org/path",
        "user@example.org",
        "-leading.example",
        "trailing-.example",
        "double..dot.example",
        ".example.org",
        "a" * 64 + ".example",
        ".".join(["a" * 60] * 5),
        "exa_mple.org",
        "☃.example",  # not a valid IDNA 2008 label (a symbol)
        "xn--.example",
    ],
    ids=repr,
)
def test_hostile_domains_are_refused_with_the_value_named(value: str) -> None:
    with pytest.raises(ValidationError) as info:
        validators.normalize_domain(value)
    assert _names_the_value(info.value, value)
    assert "invalid domain" in str(info.value)


@pytest.mark.parametrize("value", WRONG_TYPES, ids=repr)
def test_wrong_typed_domains_are_refused(value: Any) -> None:
    with pytest.raises(ValidationError, match="invalid domain"):
        validators.normalize_domain(value)


@given(domains)
def test_ascii_domains_are_fixed_points(value: str) -> None:
    assert validators.normalize_domain(value) == value
    assert validators.normalize_domain(value.upper() + ".") == value


@given(idn_domains)
@example("ß.00--0.xn--p1ai")  # an ASCII label with "--" in 3rd and 4th place, which IDNA refuses to encode
def test_unicode_domains_become_stable_a_labels(value: str) -> None:
    normal = validators.normalize_domain(value)
    assert normal.isascii()
    assert ASCII_HOST.fullmatch(normal)
    assert any(label.startswith("xn--") for label in normal.split("."))
    # normalising is idempotent, and the U-label form comes back to the same A-labels
    assert validators.normalize_domain(normal) == normal
    unicode_form = ".".join(
        idna.decode(label) if label.startswith("xn--") else label for label in normal.split(".")
    )
    assert validators.normalize_domain(unicode_form) == normal


@given(st.text(max_size=300))
@example("a\x00b.example")
@example("example.org\u0085")
@example("ǅ.example")
@example("ß" * 300)
def test_normalize_domain_raises_nothing_but_validation_errors(value: str) -> None:
    try:
        normal = validators.normalize_domain(value)
    except ValidationError as e:
        assert _names_the_value(e, value)
    else:
        assert ASCII_HOST.fullmatch(normal), normal
        assert len(normal) <= 253
        assert not normal.split(".")[-1].isdigit()


# -- check_relative_path ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "expected"),
    [(".", "."), ("web", "web"), ("web/", "web"), ("a/b/c", "a/b/c"), ("./web", "./web")],
)
def test_relative_paths_are_accepted(value: str, expected: str) -> None:
    assert validators.check_relative_path("docroot", value) == expected


@pytest.mark.parametrize(
    "value",
    ["/etc", "..", "../web", "web/..", "a/../../b", "a\x00b", "a\\..\\b", "C:\\web", *WRONG_TYPES],
    ids=repr,
)
def test_escaping_relative_paths_are_refused(value: Any) -> None:
    with pytest.raises(ValidationError) as info:
        validators.check_relative_path("docroot", value)
    assert _names_the_value(info.value, value)


@given(st.text(max_size=60))
def test_accepted_relative_paths_never_leave_their_directory(value: str) -> None:
    try:
        result = validators.check_relative_path("docroot", value)
    except ValidationError:
        return
    assert not result.startswith("/")
    assert ".." not in result.split("/")
    assert "\x00" not in result
