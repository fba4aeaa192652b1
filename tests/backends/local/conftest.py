"""Fixtures for the local backend tests: an Aegir home the web user can reach, its secrets."""

from __future__ import annotations

import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest

from aegir.core.backend import BackendEnv
from aegir.core.secrets import SecretStore


@pytest.fixture(scope="module")
def web_home() -> Iterator[Path]:
    """A home under /tmp, mode 0755: pytest's own tmp dirs are 0700, which www-data cannot enter."""
    path = Path(tempfile.mkdtemp(prefix="aegir-local-"))
    path.chmod(0o755)
    yield path
    shutil.rmtree(path, ignore_errors=True)


@pytest.fixture(scope="module")
def env(web_home: Path) -> BackendEnv:
    return BackendEnv(home=web_home, secrets=SecretStore(web_home / "secrets"))
