"""Shared test set-up: Hypothesis profiles, paths to the real-data fixtures, a fresh Aegir home."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings

REPO = Path(__file__).resolve().parents[1]
REALDATA = (REPO / ".." / "shared" / "fixtures" / "realdata").resolve()

# CI gates a landing: the same examples on every run, so a red run is a regression, not a draw.
# Development runs keep exploring new examples (and Hypothesis' database replays what failed).
settings.register_profile(
    "ci", max_examples=150, deadline=None, derandomize=True, suppress_health_check=[HealthCheck.too_slow]
)
settings.register_profile("fast", max_examples=25, deadline=None)
settings.register_profile("dev", max_examples=60, deadline=None)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci" if os.environ.get("CI") else "dev"))


@pytest.fixture(scope="session")
def realdata() -> Path:
    assert REALDATA.is_dir(), f"real-data fixtures not found at {REALDATA}"
    return REALDATA


@pytest.fixture
def home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    path = tmp_path / "aegir-home"
    path.mkdir()
    monkeypatch.setenv("AEGIR_HOME", str(path))
    yield path
