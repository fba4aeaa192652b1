"""The harness of the Kubernetes backend's tests: a backend and a step context wired to a fake cluster."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from _k8s_apps import server
from _k8s_fake import FakeCluster, Running, kubeconfig

from aegir.backends.kubernetes import KubernetesBackend
from aegir.core.backend import Backend, BackendEnv
from aegir.core.model import Site
from aegir.core.secrets import SecretStore

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
        if "api" in self.backend.__dict__:
            self.backend.api.close()
        self.options.update(options)
        self.backend = KubernetesBackend(
            server(**self.options), BackendEnv(home=self.backend.env.home, secrets=self.secrets)
        )
        self.ctx = StepCtx(self.backend, self.secrets)


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
