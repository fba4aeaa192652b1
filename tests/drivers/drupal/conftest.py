"""Fixtures for the Drupal driver tests: plugins, site contexts, a PHP CLI."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from aegir.core.plugins import Plugins
from aegir.core.secrets import SecretStore


@pytest.fixture(scope="session")
def plugins() -> Plugins:
    return Plugins(autoload=False)


@pytest.fixture(scope="session")
def php() -> str:
    found = shutil.which("php")
    assert found, "the PHP CLI (Debian package php-cli) is needed to check rendered PHP"
    return found


@pytest.fixture
def secrets(tmp_path: Path) -> SecretStore:
    return SecretStore(tmp_path / "secrets")
