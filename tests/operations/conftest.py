"""Fixtures for the operations tests: one managed local server (nginx, php-fpm, MariaDB on free
ports) per test module, with a copy of Debian's WordPress as a codebase."""

from __future__ import annotations

import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from ops_support import start_hosting, stop_hosting

from aegir.core.plugins import Plugins
from aegir.hosting import Hosting


@pytest.fixture(scope="module")
def module_plugins() -> Plugins | None:
    """The plugins of the module's Hosting (a module overrides this to add a test plugin)."""
    return None


@pytest.fixture(scope="module")
def hosting(module_plugins: Plugins | None) -> Iterator[Hosting]:
    # a home the web user can enter (pytest's own tmp dirs are 0700)
    home = Path(tempfile.mkdtemp(prefix="aegir-ops-"))
    home.chmod(0o755)
    try:
        h, pids = start_hosting(home, plugins=module_plugins)
        try:
            yield h
        finally:
            stop_hosting(h, pids)
    finally:
        shutil.rmtree(home, ignore_errors=True)
