"""A pytest plugin for authors of third-party drivers and backends (entry point ``pytest11: aegir``).

Installed with aegir, it gives every test session these fixtures:

- ``aegir_home``: a fresh Aegir home directory; ``AEGIR_HOME`` points at it for the test.
- ``aegir_plugins``: a :class:`aegir.core.plugins.Plugins` loaded from entry points as configured
  (``AEGIR_DISABLE_PLUGIN_AUTOLOAD=1`` keeps third-party plugins out); register an extra plugin
  object with ``aegir_plugins.register(obj)``, or a driver class with :func:`plugin_for`.
- ``scan_tree``: ``scan_tree(path, app=None)`` scans a codebase tree with those plugins.
- ``make_codebase_tree``: ``make_codebase_tree({"index.html": "<h1>hi</h1>"})`` writes files under
  the test's ``tmp_path`` and returns the tree's root.

pytest loads this module for every run in an environment where aegir is installed, so it imports
nothing from aegir at module level: each fixture imports what it needs when it is used.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol

import pytest

if TYPE_CHECKING:
    from aegir.core.model import CodebaseScan
    from aegir.core.plugins import Plugins

__all__ = [
    "ScanTree",
    "aegir_home",
    "aegir_plugins",
    "make_codebase_tree",
    "plugin_for",
    "scan_tree",
]


class ScanTree(Protocol):
    def __call__(self, root: Path | str, app: str | None = None) -> CodebaseScan: ...


def plugin_for(
    *,
    apps: Iterable[type[Any]] = (),
    backends: Iterable[type[Any]] = (),
    stores: Iterable[type[Any]] = (),
    steps: Iterable[type[Any]] = (),
) -> object:
    """A plugin object whose registry hooks register the given classes (for ``Plugins.register``)."""
    from aegir.core.hookspecs import hookimpl

    app_classes, backend_classes = tuple(apps), tuple(backends)
    store_classes, step_classes = tuple(stores), tuple(steps)

    class _TestPlugin:
        @hookimpl
        def aegir_register_apps(self, registry: Any) -> None:
            for cls in app_classes:
                registry.add(cls)

        @hookimpl
        def aegir_register_backends(self, registry: Any) -> None:
            for cls in backend_classes:
                registry.add(cls)

        @hookimpl
        def aegir_register_stores(self, registry: Any) -> None:
            for cls in store_classes:
                registry.add(cls)

        @hookimpl
        def aegir_register_steps(self, registry: Any) -> None:
            for cls in step_classes:
                registry.add(cls)

    return _TestPlugin()


@pytest.fixture
def aegir_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """An empty Aegir home for this test; ``AEGIR_HOME`` is set to it until the test ends."""
    home = tmp_path / "aegir-home"
    home.mkdir()
    monkeypatch.setenv("AEGIR_HOME", str(home))
    return home


@pytest.fixture
def aegir_plugins() -> Plugins:
    """The plugins installed in this environment, loaded through the ``aegir`` entry points."""
    from aegir.core.plugins import Plugins

    return Plugins()


@pytest.fixture
def scan_tree(aegir_plugins: Plugins) -> ScanTree:
    """A function that detects and scans a codebase tree with ``aegir_plugins``."""
    from aegir.core.scan import scan_codebase

    def scan(root: Path | str, app: str | None = None) -> CodebaseScan:
        return scan_codebase(Path(root), aegir_plugins, app)

    return scan


@pytest.fixture
def make_codebase_tree(tmp_path: Path) -> Callable[..., Path]:
    """A function that writes ``{relative path: text or bytes}`` into a new tree and returns its root.

    Paths may not leave the tree (no absolute paths, no ``..``); the second call in a test makes a
    second tree (``codebase-2``) unless ``name`` is given.
    """
    from aegir.core.errors import ValidationError

    made: list[Path] = []

    def make(files: Mapping[str, str | bytes], name: str | None = None) -> Path:
        root = tmp_path / (name or f"codebase-{len(made) + 1}")
        for relative, content in files.items():
            parts = Path(relative).parts
            if Path(relative).is_absolute() or ".." in parts or not parts:
                raise ValidationError(
                    f"make_codebase_tree: {relative!r} must be a relative path inside the tree"
                )
            target = root / relative
            target.parent.mkdir(parents=True, exist_ok=True)
            if isinstance(content, bytes):
                target.write_bytes(content)
            else:
                target.write_text(content, encoding="utf-8")
        root.mkdir(parents=True, exist_ok=True)
        made.append(root)
        return root

    return make
