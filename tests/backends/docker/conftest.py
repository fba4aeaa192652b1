"""One private podman (the Docker API) for all the docker backend's tests of a run."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from ._podman import Podman, running_podman


@pytest.fixture(scope="session")
def podman() -> Iterator[Podman]:
    with running_podman() as server:
        yield server
