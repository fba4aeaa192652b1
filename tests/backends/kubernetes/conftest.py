"""Fixtures of the Kubernetes backend's tests: a fake API server over HTTP, a backend and a step context."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

sys.path.insert(0, str(Path(__file__).parent))

from _k8s_apps import server  # noqa: E402
from _k8s_fake import FakeCluster, Running, kubeconfig, running  # noqa: E402

from aegir.backends.kubernetes import KubernetesBackend  # noqa: E402
from aegir.core.backend import Backend, BackendEnv  # noqa: E402
from aegir.core.model import Site  # noqa: E402
from aegir.core.secrets import SecretStore  # noqa: E402

#: fast deadlines for the fake cluster, which answers at once
FAST = {"poll_interval": "0.01", "rollout_timeout": "1", "job_timeout": "1", "request_timeout": "2"}


class Inventory:
    def __init__(self) -> None:
        self.sites: dict[str, Site] = {}

    def save_site(self, site: Site) -> None:
        self.sites[site.domain] = site

    def delete_site(self, domain: str) -> None:
        self.sites.pop(domain, None)


class StepCtx:
    """The StepContext a task runner hands to steps: secrets, inventory, backends, a log."""

    def __init__(self, backend: Backend, secrets: SecretStore) -> None:
        self._backend = backend
        self.secrets = secrets
        self.inventory = Inventory()
        self.lines: list[str] = []

    def backend(self, server: str) -> Backend:
        return self._backend

    def log(self, message: str, level: str = "info") -> None:
        self.lines.append(self.secrets.redact(message))

    @property
    def text(self) -> str:
        return "\n".join(self.lines)


class Cluster:
    """A running fake cluster, with a backend and step context connected to it."""

    def __init__(self, fake: FakeCluster, served: Running, tmp: Path, **options: str) -> None:
        self.fake = fake
        self.url = served.url
        config = tmp / "kubeconfig"
        config.write_text(kubeconfig(served.url))
        self.secrets = SecretStore(tmp / "secrets")
        self.options = {"kubeconfig": str(config), "context": "fake", **FAST, **options}
        self.backend = KubernetesBackend(server(**self.options), BackendEnv(home=tmp, secrets=self.secrets))
        self.ctx = StepCtx(self.backend, self.secrets)

    def reconfigure(self, **options: str) -> None:
        self.options.update(options)
        self.backend = KubernetesBackend(server(**self.options), BackendEnv(home=self.backend.env.home, secrets=self.secrets))
        self.ctx = StepCtx(self.backend, self.secrets)


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


def run_steps(steps: list[Any], ctx: StepCtx) -> None:
    """Run steps like the task runner: on failure, undo the done steps and the failed one, in reverse."""
    for index, step in enumerate(steps):
        try:
            step.run(ctx)
        except Exception:
            for done in reversed(steps[: index + 1]):
                undo = done.inverse()
                if undo is not None:
                    undo.run(ctx)
            raise
