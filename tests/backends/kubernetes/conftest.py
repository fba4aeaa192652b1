"""Fixtures of the Kubernetes backend's tests: a fake API server over HTTP, with a backend on it."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from _k8s_fake import FakeCluster, running
from _k8s_harness import Cluster


@pytest.fixture
def cluster(tmp_path: Path) -> Iterator[Cluster]:
    fake = FakeCluster()
    with running(fake) as served:
        c = Cluster(fake, served, tmp_path)
        try:
            yield c
        finally:
            if "api" in c.backend.__dict__:
                c.backend.api.close()
