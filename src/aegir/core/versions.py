"""Composer version semantics: normalise and order versions, parse constraints and test versions against them.

Written to Composer's documentation (getcomposer.org/doc/articles/versions.md) and to the behaviour of
``composer/semver``: a version is normalised to four numbers plus an optional stability modifier
(``1.2`` -> ``1.2.0.0``, ``v2.0-RC1`` -> ``2.0.0.0-RC1``, ``1.0.x-dev`` -> ``1.0.9999999.9999999-dev``),
or is a development branch (``dev-main``). Releases are ordered like PHP's ``version_compare`` on the
normalised form: ``dev < alpha < beta < RC < stable < patch``. Development branches cannot be compared
with releases in Composer (they match no range); for a total order they sort after every release.

One deliberate difference: Composer reads ``dev-x - 1.0`` as a single branch named ``x - 1.0``;
Aegir refuses branch names with spaces, commas or ``|`` as invalid input. It also refuses, as invalid
input, any number of more than 1,000 digits (a version or a constraint), which Composer reads.

``univers`` and ``packaging`` were considered: ``univers`` has no Composer range parser and orders
``RC1`` before ``beta2``; ``packaging`` implements PEP 440, which has neither ``^`` nor ``||``.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Final

from aegir.core.errors import ValidationError

__all__ = ["Constraint", "Version", "compare", "parse_constraint", "parse_version"]

# PHP version_compare ranks of the special forms; a plain number ranks between RC and patch.
_RANK: Final = {"dev": 0, "alpha": 1, "beta": 2, "RC": 3, "patch": 5}
_NUMBER_RANK: Final = 4
# Closes every key: ranks just below any number, so a longer version wins when the extra part is a
# number or patch and loses when it is dev/alpha/beta/RC, as PHP's version_compare decides.
_END: Final = (_NUMBER_RANK, -1)
_STABILITY_WORDS: Final = {
    "stable": "stable",
    "beta": "beta",
    "b": "beta",
    "rc": "RC",
    "alpha": "alpha",
    "a": "alpha",
    "patch": "patch",
    "pl": "patch",
    "p": "patch",
}
_BRANCH_NUMBER: Final = "9999999"

# [._-]? (stability word (numbers)?)? ([.-]?dev)?  -- the pre-release part Composer accepts
_MODIFIER = r"[._-]?(?:(stable|beta|b|RC|alpha|a|patch|pl|p)((?:[.-]?\d+)*+)?)?([.-]?dev)?"
_CLASSICAL = re.compile(r"v?(\d{1,5})(\.\d++)?(\.\d++)?(\.\d++)?" + _MODIFIER, re.IGNORECASE)
_DATE = re.compile(r"v?(\d{4}(?:[.:-]?\d{2}){1,6}(?:[.:-]?\d{1,3})?)" + _MODIFIER, re.IGNORECASE)
_BRANCH = re.compile(r"v?(\d++)(\.(?:\d++|[xX*]))?(\.(?:\d++|[xX*]))?(\.(?:\d++|[xX*]))?", re.IGNORECASE)
_DEV_SUFFIX = re.compile(r"(.*?)[.-]?dev", re.IGNORECASE)
_ALIAS = re.compile(r"([^,\s]++) ++as ++([^,\s]++)")
_FLAG = re.compile(r"@(stable|RC|beta|alpha|dev)$", re.IGNORECASE)
_BUILD = re.compile(r"([^,\s+]++)\+\S++")
_SPECIAL_BRANCHES: Final = frozenset({"master", "trunk", "default"})
# A longer number is no version, and would break int() (which refuses 4,300 digits) with a ValueError.
_MAX_DIGITS: Final = 1000
_LONG_NUMBER = re.compile(rf"(?<!\d)\d{{{_MAX_DIGITS + 1}}}")  # tried once per run of digits: linear


class Version:
    """One normalised Composer version: hashable, totally ordered, equal when Composer says equal."""

    __slots__ = ("_key", "normalized", "text")

    text: str
    normalized: str
    _key: tuple[object, ...]

    def __init__(self, text: str, normalized: str, key: tuple[object, ...]) -> None:
        self.text = text
        self.normalized = normalized
        self._key = key

    @property
    def is_branch(self) -> bool:
        """A development branch (``dev-main``): Composer matches it only by name."""
        return self.normalized.startswith("dev-")

    @property
    def stability(self) -> str:
        """``dev``, ``alpha``, ``beta``, ``RC`` or ``stable`` (patch releases count as stable)."""
        if self.is_branch or self.normalized.lower().endswith("-dev"):
            return "dev"
        _, _, modifier = self.normalized.partition("-")
        word = re.match(r"[a-zA-Z]*", modifier)
        name = word.group(0) if word else ""
        return name if name in ("alpha", "beta", "RC") else "stable"

    @property
    def release(self) -> tuple[int, ...]:
        """The numeric parts (``(1, 2, 0, 0)``); empty for a development branch."""
        if self.is_branch:
            return ()
        numbers, _, _ = self.normalized.partition("-")
        return tuple(int(n) for n in numbers.split("."))

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Version) and self._key == other._key

    def __hash__(self) -> int:
        return hash(self._key)

    def __lt__(self, other: Version) -> bool:
        return self._key < other._key

    def __le__(self, other: Version) -> bool:
        return self._key <= other._key

    def __gt__(self, other: Version) -> bool:
        return self._key > other._key

    def __ge__(self, other: Version) -> bool:
        return self._key >= other._key

    def __str__(self) -> str:
        return self.text

    def __repr__(self) -> str:
        return f"Version({self.text!r}, normalized={self.normalized!r})"


def _bad_version(text: str, why: str = "") -> ValidationError:
    detail = f" ({why})" if why else ""
    return ValidationError(
        f"invalid version {text!r}{detail}: not a Composer version; expected forms like 1.2.3, v1.2, "
        "1.2.3-beta1, 1.0.x-dev or dev-main"
    )


def _with_modifier(version: str, match: re.Match[str], index: int) -> str:
    word, numbers, dev = match.group(index), match.group(index + 1), match.group(index + 2)
    if word:
        stability = _STABILITY_WORDS[word.lower()]
        if stability == "stable":
            return version
        version += "-" + stability + (numbers.lstrip(".-") if numbers else "")
    if dev:
        version += "-dev"
    return version


def _normalize_branch(name: str) -> str | None:
    """``1.0.x`` -> ``1.0.9999999.9999999-dev``; None when the name is not numeric."""
    match = _BRANCH.fullmatch(name.strip())
    if match is None:
        return None
    parts = [match.group(1)] + [(match.group(i) or ".x")[1:] for i in range(2, 5)]
    return ".".join(_BRANCH_NUMBER if p in ("x", "X", "*") else p for p in parts) + "-dev"


def normalize(text: str) -> str:
    """Composer's normalised form of a version string; ValidationError naming it when it is not one."""
    if not isinstance(text, str):
        raise ValidationError(f"invalid version {text!r}: expected a string")
    version = text.strip()
    if not version or "\x00" in version:
        raise _bad_version(text)
    if _LONG_NUMBER.search(version):
        raise _bad_version(text, f"a number of more than {_MAX_DIGITS} digits")
    alias = _ALIAS.fullmatch(version)
    if alias:
        version = alias.group(1)
    flag = _FLAG.search(version)
    if flag:
        version = version[: flag.start()]
    if version in _SPECIAL_BRANCHES:
        version = "dev-" + version
    if version[:4].lower() == "dev-":
        if len(version) == 4 or any(c.isspace() or c in ",|" for c in version):
            raise _bad_version(text, "a branch name needs characters after 'dev-' and no spaces")
        return "dev-" + version[4:]
    build = _BUILD.fullmatch(version)
    if build:
        version = build.group(1)
    match = _CLASSICAL.fullmatch(version)
    if match:
        numbers = match.group(1) + "".join(match.group(i) or ".0" for i in range(2, 5))
        return _with_modifier(numbers, match, 5)
    match = _DATE.fullmatch(version)
    if match:
        return _with_modifier(re.sub(r"\D", ".", match.group(1)), match, 2)
    dev = _DEV_SUFFIX.fullmatch(version)
    if dev:
        branch = _normalize_branch(dev.group(1))
        if branch is not None:
            return branch
    raise _bad_version(text)


def _key_of(normalized: str) -> tuple[object, ...]:
    if normalized.startswith("dev-"):
        # Branches come after every release (Composer 1 gave dev-master 9999999) and by name among
        # themselves; the leading 1 keeps the two kinds of key from ever being compared part by part.
        return (1, normalized[4:])
    numbers, _, modifier = normalized.partition("-")
    release = [int(n) for n in numbers.split(".")]
    # "1.2" and "1.2.0.0" are the same release; dates may have more than four parts.
    release += [0] * (4 - len(release))
    tokens: list[tuple[int, int]] = [(_NUMBER_RANK, n) for n in release]
    for piece in re.findall(r"[a-zA-Z]+|\d+", modifier):
        if piece.isdigit():
            tokens.append((_NUMBER_RANK, int(piece)))
        else:
            tokens.append((_RANK[piece], 0))
    tokens.append(_END)
    return (0, tuple(tokens))


@lru_cache(maxsize=8192)
def _parse_cached(text: str) -> Version:
    normalized = normalize(text)
    return Version(text.strip(), normalized, _key_of(normalized))


def parse_version(text: str | Version) -> Version:
    """Parse a Composer version (``1.2.3``, ``v1.2``, ``1.2.3.4``, ``2.0.0-beta2``, ``1.x-dev``, ``dev-main``)."""
    if isinstance(text, Version):
        return text
    if not isinstance(text, str):
        raise ValidationError(f"invalid version {text!r}: expected a string")
    return _parse_cached(text)


def compare(a: str | Version, b: str | Version) -> int:
    """-1, 0 or 1 as ``a`` is older than, the same release as, or newer than ``b``."""
    va, vb = parse_version(a), parse_version(b)
    return (va > vb) - (va < vb)


# -- constraints ------------------------------------------------------------------------------------

_OPERATORS: Final = ("==", "!=", "<>", ">=", "<=", ">", "<", "=")
_VERSION_RE = (
    r"v?(\d++)(?:\.(\d++))?(?:\.(\d++))?(?:\.(\d++))?(?:" + _MODIFIER + r"|\.([xX*][.-]?dev))(?:\+\S+)?"
)
_TILDE = re.compile(r"~>?" + _VERSION_RE, re.IGNORECASE)
_CARET = re.compile(r"\^" + _VERSION_RE, re.IGNORECASE)
_WILDCARD = re.compile(r"v?(\d++)(?:\.(\d++))?(?:\.(\d++))?(?:\.[xX*])++")
_ALL = re.compile(r"(v)?[xX*](\.[xX*])*", re.IGNORECASE)
_COMPARISON = re.compile(r"(<>|!=|>=?|<=?|==?)?\s*(.*)", re.DOTALL)
_HAS_MODIFIER = re.compile(r"-" + _MODIFIER + r"$")
_REF = re.compile(r"(dev-[^,\s@]+?|[^,\s@]+?\.x-dev)#.+", re.IGNORECASE)
_HYPHEN = re.compile(rf"(?P<from>{_VERSION_RE}) +- +(?P<to>{_VERSION_RE})", re.IGNORECASE)
_CONSTRAINT_FLAG = re.compile(r"([^,\s]*?)@(stable|RC|beta|alpha|dev)", re.IGNORECASE)
# The parts are stripped after splitting: `\s*\|\|?\s*` would be tried from every space of a long run
# of spaces, each try reading the rest of the run (quadratic time on a bad constraint).
_OR_SPLIT = re.compile(r"\|\|?")
_STANDALONE_OPERATOR = re.compile(r"(<>|!=|>=?|<=?|==?)")


class _Term:
    """One comparison (``>=1.2.0.0-dev``) of a constraint."""

    __slots__ = ("op", "version")

    def __init__(self, op: str, version: Version) -> None:
        self.op = op
        self.version = version

    def allows(self, candidate: Version) -> bool:
        a_branch, b_branch = candidate.is_branch, self.version.is_branch
        if self.op == "!=" and (a_branch or b_branch):
            return candidate.normalized != self.version.normalized
        if a_branch and b_branch:
            return self.op == "==" and candidate.normalized == self.version.normalized
        if a_branch or b_branch:
            # Composer: a development branch is not comparable with a release, so it matches no range.
            return False
        c = compare(candidate, self.version)
        return {
            "==": c == 0,
            "!=": c != 0,
            "<": c < 0,
            "<=": c <= 0,
            ">": c > 0,
            ">=": c >= 0,
        }[self.op]

    def __str__(self) -> str:
        text = self.version.normalized
        if self.op not in ("<", ">=") or self.version.is_branch or _composer_sees_modifier(text):
            return self.op + text
        # Written so that parsing gives the same term back: a bare "<1.0" or ">=1.0" gains "-dev".
        if "-" not in text:
            return self.op + text + "-stable"
        # "<1.0-RC1" also gains "-dev"; no release lies between 1.0-RC1-dev and 1.0-RC1, so "<=" on the
        # dev form (and ">" for ">=") is the same set.
        return {"<": "<=", ">=": ">"}[self.op] + text + "-dev"


class Constraint:
    """A parsed Composer constraint: OR (``||``) of AND (space, comma) groups of comparisons."""

    __slots__ = ("groups", "source")

    def __init__(self, source: str, groups: tuple[tuple[_Term, ...], ...]) -> None:
        self.source = source
        #: an empty group matches everything (``*``)
        self.groups = groups

    def allows(self, version: str | Version) -> bool:
        """Whether ``version`` satisfies the constraint, as Composer decides."""
        candidate = parse_version(version)
        return any(all(term.allows(candidate) for term in group) for group in self.groups)

    def __str__(self) -> str:
        return " || ".join(" ".join(str(t) for t in group) if group else "*" for group in self.groups)

    def __repr__(self) -> str:
        return f"Constraint({self.source!r} -> {self!s})"

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Constraint) and str(self) == str(other)

    def __hash__(self) -> int:
        return hash(str(self))


def _bad_constraint(source: str, part: str, why: str) -> ValidationError:
    where = f" in {part!r}" if part.strip() != source.strip() else ""
    return ValidationError(f"invalid version constraint {source!r}{where}: {why}")


def _numbers(match: re.Match[str]) -> list[str]:
    found = [match.group(i) or "" for i in range(1, min(5, (match.re.groups or 0) + 1))]
    return found + [""] * (4 - len(found))


def _bump(parts: list[str], position: int) -> str:
    """The four-part version with part ``position`` (1-based) raised by one and later parts zeroed."""
    out = []
    for i, part in enumerate(parts, start=1):
        if i < position:
            out.append(str(int(part or "0")))
        elif i == position:
            out.append(str(int(part or "0") + 1))
        else:
            out.append("0")
    return ".".join(out)


def _pad(parts: list[str], position: int) -> str:
    return ".".join(str(int(p or "0")) if i <= position else "0" for i, p in enumerate(parts, start=1))


def _composer_sees_modifier(text: str) -> bool:
    """Composer's test for an explicit stability: on the lower-cased text, so "-RC1" is not seen."""
    return _HAS_MODIFIER.search(text.lower()) is not None


def _term(op: str, normalized: str) -> _Term:
    return _Term(op, Version(normalized, normalized, _key_of(normalized)))


def _parse_single(source: str, text: str) -> list[_Term]:
    """One AND-part (``^1.2``, ``>= 8.0.0``, ``1.0 - 2.0``, ``8.*``) as comparisons; [] is match-all."""
    alias = _ALIAS.fullmatch(text)
    if alias:
        text = alias.group(1)
    flag_match = _CONSTRAINT_FLAG.fullmatch(text)
    flag = ""
    if flag_match:
        text = flag_match.group(1) or "*"
        word = flag_match.group(2).lower()
        if word != "stable":
            flag = "RC" if word == "rc" else word
    ref = _REF.fullmatch(text)
    if ref:
        text = ref.group(1)

    everything = _ALL.fullmatch(text)
    if everything:
        return [_term(">=", "0.0.0.0-dev")] if (everything.group(1) or everything.group(2)) else []

    tilde = _TILDE.fullmatch(text)
    if tilde:
        if text.startswith("~>"):
            raise _bad_constraint(source, text, "invalid operator '~>'; use '~'")
        parts = _numbers(tilde)
        position = max((i for i, p in enumerate(parts, start=1) if p), default=1)
        if tilde.group(8):
            position += 1
        suffix = "" if (tilde.group(5) or tilde.group(7) or tilde.group(8)) else "-dev"
        low = normalize(text[1:] + suffix)
        return [_term(">=", low), _term("<", _bump(parts, max(1, position - 1)) + "-dev")]

    caret = _CARET.fullmatch(text)
    if caret:
        parts = _numbers(caret)
        if parts[0] != "0" or not parts[1]:
            position = 1
        elif parts[1] != "0" or not parts[2]:
            position = 2
        else:
            position = 3
        suffix = "" if (caret.group(5) or caret.group(7) or caret.group(8)) else "-dev"
        low = normalize(text[1:] + suffix)
        return [_term(">=", low), _term("<", _bump(parts, position) + "-dev")]

    wildcard = _WILDCARD.fullmatch(text)
    if wildcard:
        parts = _numbers(wildcard)
        position = 3 if parts[2] else 2 if parts[1] else 1
        low = _pad(parts, position) + "-dev"
        high = _term("<", _bump(parts, position) + "-dev")
        return [high] if low == "0.0.0.0-dev" else [_term(">=", low), high]

    hyphen = _HYPHEN.fullmatch(text)
    if hyphen:
        g = hyphen.group
        low_suffix = "" if (g(6) or g(8) or g(9)) else "-dev"
        lower = _term(">=", normalize(g("from")) + low_suffix)
        to_parts = [g(i) or "" for i in range(11, 15)]
        if (to_parts[1] and to_parts[2]) or g(15) or g(17) or g(18):
            return [lower, _term("<=", normalize(g("to")))]
        normalize(g("to"))
        return [lower, _term("<", _bump(to_parts, 2 if to_parts[1] else 1) + "-dev")]

    comparison = _COMPARISON.fullmatch(text)
    if comparison is None:  # pragma: no cover - the pattern accepts every string
        raise _bad_constraint(source, text, "not a constraint")
    op, rest = comparison.group(1) or "=", comparison.group(2)
    if not rest:
        raise _bad_constraint(source, text, f"operator {op!r} without a version")
    try:
        version = normalize(rest)
    except ValidationError:
        # "foo-dev" is a branch written the old way: Composer reads it as dev-foo.
        if rest.lower().endswith("-dev") and re.fullmatch(r"[0-9a-zA-Z./-]+", rest):
            version = normalize("dev-" + rest[:-4])
        else:
            raise _bad_constraint(source, text, f"{rest!r} is not a version") from None
    op = {"=": "==", "<>": "!="}.get(op, op)
    if op != "==" and flag and parse_version(version).stability == "stable":
        version += "-" + flag
    elif (
        op in ("<", ">=")
        and not _composer_sees_modifier(rest)
        and not version.startswith("dev-")
        and not version.endswith("-dev")  # Composer writes "-dev-dev": the same set of real versions
    ):
        # "<8.4.5" keeps 8.4.5's own pre-releases out, ">=8.0" lets 8.0's in: Composer's reading.
        version += "-dev"
    return [_term(op, version)]


def _and_parts(source: str, text: str) -> list[str]:
    """Split one OR-group on commas and spaces, keeping ``>= 1.0`` and ``1.0 - 2.0`` whole."""
    words = re.findall(r"[^\s,]+|,", text)
    parts: list[str] = []
    pending_op = ""
    i = 0
    last_was_comma = True
    while i < len(words):
        word = words[i]
        if word == ",":
            if last_was_comma or pending_op:
                raise _bad_constraint(source, text, "a comma with no constraint before it")
            last_was_comma = True
            i += 1
            continue
        if _STANDALONE_OPERATOR.fullmatch(word):
            if pending_op:
                raise _bad_constraint(source, text, f"two operators in a row: {pending_op!r} {word!r}")
            pending_op = word
            i += 1
            continue
        word = pending_op + word
        pending_op = ""
        if i + 2 < len(words) and words[i + 1] in ("-", "as") and words[i + 2] != ",":
            word = f"{word} {words[i + 1]} {words[i + 2]}"
            i += 2
        parts.append(word)
        last_was_comma = False
        i += 1
    if pending_op:
        raise _bad_constraint(source, text, f"operator {pending_op!r} without a version")
    if last_was_comma and words:
        raise _bad_constraint(source, text, "a trailing comma")
    return parts


@lru_cache(maxsize=4096)
def _parse_constraint_cached(text: str) -> Constraint:
    stripped = text.strip()
    if not stripped:
        raise ValidationError(f"invalid version constraint {text!r}: empty")
    if "\x00" in stripped:
        raise ValidationError(f"invalid version constraint {text!r}: contains a NUL byte")
    if _LONG_NUMBER.search(stripped):
        raise ValidationError(
            f"invalid version constraint {text!r}: a number of more than {_MAX_DIGITS} digits"
        )
    groups: list[tuple[_Term, ...]] = []
    for or_part in (part.strip() for part in _OR_SPLIT.split(stripped)):
        if not or_part:
            raise _bad_constraint(text, stripped, "an empty alternative around '||'")
        terms: list[_Term] = []
        for part in _and_parts(text, or_part):
            single = _parse_single(text, part)
            if not single:
                continue  # "*" adds nothing to an AND group
            terms.extend(single)
        groups.append(tuple(terms))
    return Constraint(text, tuple(groups))


def parse_constraint(text: str) -> Constraint:
    """Parse a Composer constraint: ``^1.2``, ``~1.2.3``, ``8.*``, ``1.0 - 2.0``, ``>= 8.0.0 <8.4.5``,
    ``>=7.0 <7.57 || >= 8.0.0 <8.4.5``, ``>=1.0,<2.0|^3``, ``1.0.*@dev``, ``dev-main``."""
    if not isinstance(text, str):
        raise ValidationError(f"invalid version constraint {text!r}: expected a string")
    return _parse_constraint_cached(text)
