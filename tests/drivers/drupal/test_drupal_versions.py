"""drupal.org release names and Composer versions (``8.x-1.15`` is release ``1.15.0``)."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from aegir.drivers.drupal._versions import is_dev_version, release_to_semver

from ._realdata import CODEBASES, load_yaml, lock_versions

_NUM = st.integers(min_value=0, max_value=300).map(str)
_PRE = st.sampled_from(["", "-alpha1", "-beta2", "-rc1", "-beta12", "-alpha3+5-dev", "+3-dev"])


@pytest.mark.parametrize(
    ("release", "semver"),
    [
        ("8.x-1.15", "1.15.0"),
        ("8.x-1.0-beta2", "1.0.0-beta2"),
        ("8.x-2.0-rc1", "2.0.0-rc1"),
        ("8.x-1.x-dev", "1.x-dev"),
        ("7.x-3.25", "3.25.0"),
        ("8.x-3.0-alpha1+5-dev", "3.0.0-alpha1+5-dev"),
        ("3.6.3", "3.6.3"),
        ("3.x-dev", "3.x-dev"),
        ("10.6.12", "10.6.12"),
        ("VERSION", "VERSION"),
        ("", ""),
        ("8.x-dev", "8.x-dev"),
        ("8.x-8.x-1.2", "8.x-8.x-1.2"),
    ],
)
def test_examples(release: str, semver: str) -> None:
    assert release_to_semver(release) == semver


@given(core=st.sampled_from(["6", "7", "8"]), major=_NUM, minor=_NUM, pre=_PRE)
def test_legacy_release_maps_to_semver(core: str, major: str, minor: str, pre: str) -> None:
    assert release_to_semver(f"{core}.x-{major}.{minor}{pre}") == f"{major}.{minor}.0{pre}"


@given(major=_NUM, minor=_NUM, patch=_NUM, pre=_PRE)
def test_semver_is_left_alone(major: str, minor: str, patch: str, pre: str) -> None:
    version = f"{major}.{minor}.{patch}{pre}"
    assert release_to_semver(version) == version


_PIECES = st.sampled_from(["8.x-", "7.x-", "1", ".", "2", "x", "-dev", "-beta1", "+3", "-", "0"])


@given(version=st.text(max_size=20) | st.lists(_PIECES, max_size=8).map("".join))
def test_idempotent_and_total(version: str) -> None:
    once = release_to_semver(version)
    assert release_to_semver(once) == once


@given(core=st.sampled_from(["7", "8"]), major=_NUM)
def test_dev_branches(core: str, major: str) -> None:
    mapped = release_to_semver(f"{core}.x-{major}.x-dev")
    assert mapped == f"{major}.x-dev" and is_dev_version(mapped)


def test_dev_versions() -> None:
    assert is_dev_version("dev-main") and is_dev_version("2.x-dev") and is_dev_version("1.0.0+5-dev")
    assert not is_dev_version("1.0.0") and not is_dev_version("1.0.0-beta1") and not is_dev_version("devel")


def test_real_info_versions_equal_their_locked_release() -> None:
    """In the full D10 codebase every contrib info.yml maps to exactly its composer.lock version."""
    codebase = next(c for c in CODEBASES if c.name.startswith("d10"))
    locked = lock_versions(codebase / "composer.lock")
    checked = 0
    for path in (codebase / "web" / "modules" / "contrib").rglob("*.info.yml"):
        data = load_yaml(path)
        if "project" in data and "tests" not in path.parts:
            assert release_to_semver(str(data["version"])) == locked[f"drupal/{data['project']}"], path
            checked += 1
    assert checked > 50
