"""The ``aegir.testing`` pytest plugin, used the way a driver author uses it: from a test file of theirs."""

from __future__ import annotations

from importlib import metadata

import pytest

pytest_plugins = ["pytester"]

# The inner runs have no ini file of ours; kmock's and pytest-asyncio's plugins (dev dependencies
# for other tests) are kept out so that their configuration warnings do not fail a run with -W error.
INNER_ARGS = ("-p", "no:kmock", "-p", "no:asyncio", "-p", "no:cacheprovider", "-W", "error", "-q")

DRIVER_AUTHOR_TESTS = """
import os
from pathlib import Path

import pytest

from aegir.core.app import AppDriver, Detection
from aegir.core.errors import ApplicationNotDetected, ValidationError
from aegir.core.model import CodebaseScan
from aegir.testing import plugin_for


class TextDriver(AppDriver):
    name = "text"
    label = "a tree with hello.txt"
    uses_database = False

    def detect(self, root):
        return Detection(app="text") if (root / "hello.txt").is_file() else None

    def scan(self, root, detection):
        return CodebaseScan(app="text", facts={"hello": (root / "hello.txt").read_text()})


def test_home_is_fresh_and_in_the_environment(aegir_home):
    assert aegir_home.is_dir()
    assert list(aegir_home.iterdir()) == []
    assert os.environ["AEGIR_HOME"] == str(aegir_home)


def test_scan_with_an_extra_driver(aegir_plugins, scan_tree, make_codebase_tree):
    aegir_plugins.register(plugin_for(apps=[TextDriver]), name="text-plugin")
    root = make_codebase_tree({"hello.txt": "world", "deep/er/blob.bin": b"\\x00\\x01"})
    assert (root / "deep" / "er" / "blob.bin").read_bytes() == b"\\x00\\x01"
    scan = scan_tree(root)
    assert scan.app == "text"
    assert scan.facts == {"hello": "world"}
    assert "text" in aegir_plugins.apps
    assert any(p.name == "text-plugin" and p.registers == ("app:text",) for p in aegir_plugins.info())


def test_scan_of_an_unknown_tree(scan_tree, make_codebase_tree):
    root = make_codebase_tree({"nothing.here": ""})
    with pytest.raises(ApplicationNotDetected):
        scan_tree(root, app=None)


def test_each_call_makes_a_new_tree(make_codebase_tree, tmp_path):
    first = make_codebase_tree({"a": "1"})
    second = make_codebase_tree({"b": "2"})
    named = make_codebase_tree({}, name="empty")
    assert first != second
    assert named == tmp_path / "empty" and named.is_dir()


@pytest.mark.parametrize("bad", ["../escape.txt", "/etc/passwd", ""])
def test_paths_must_stay_in_the_tree(make_codebase_tree, bad):
    with pytest.raises(ValidationError, match="must be a relative path inside the tree"):
        make_codebase_tree({bad: "x"})
"""


def test_the_plugin_is_declared_as_a_pytest11_entry_point() -> None:
    eps = metadata.distribution("aegir").entry_points.select(group="pytest11")
    assert [(ep.name, ep.value) for ep in eps] == [("aegir", "aegir.testing")]


def test_a_driver_author_can_use_the_fixtures(pytester: pytest.Pytester) -> None:
    pytester.makepyfile(test_my_driver=DRIVER_AUTHOR_TESTS)
    result = pytester.runpytest_inprocess(*INNER_ARGS)
    result.assert_outcomes(passed=7)


def test_fixtures_are_listed_with_their_documentation(pytester: pytest.Pytester) -> None:
    pytester.makepyfile(test_nothing="def test_nothing():\n    pass\n")
    result = pytester.runpytest_inprocess(*INNER_ARGS, "--fixtures")
    out = result.stdout.str()
    for fixture in ("aegir_home", "aegir_plugins", "scan_tree", "make_codebase_tree"):
        assert fixture in out
    assert "An empty Aegir home for this test" in out


def test_the_plugin_imports_no_aegir_module_at_load_time(pytester: pytest.Pytester) -> None:
    # pytest loads aegir.testing in every session; it must not pull the library in by itself.
    script = pytester.makepyfile(
        check="""
        import sys
        import aegir.testing
        loaded = sorted(m for m in sys.modules if m.startswith("aegir") and m != "aegir.testing")
        print("LOADED", loaded)
        """
    )
    result = pytester.runpython(script)
    assert result.ret == 0
    result.stdout.fnmatch_lines(["LOADED ['aegir']"])
