"""Against a real Kubernetes cluster. Deselected by default; none ran where this was written.

Run them where a cluster (kind, k3d, minikube, a test cluster) and a kubeconfig exist:

    KUBECONFIG=~/.kube/config AEGIR_TEST_KUBE_CONTEXT=kind-aegir \\
        .venv/bin/pytest -m realcluster tests/backends/kubernetes/test_k8s_realcluster.py

``AEGIR_TEST_KUBE_CONTEXT`` must name the context on purpose: without it these tests skip, so a
kubeconfig pointing at a production cluster is never used by accident. They create namespaces named
``aegir-test-*`` and delete them at the end. The whole-site test pulls public images
(nginx-unprivileged, curl, mariadb) and needs a default storage class; the Ingress is created but
not requested (traffic is checked from inside the cluster, by the health-check Jobs).
"""

from __future__ import annotations

import os
import secrets
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import attrs
import pytest
from _k8s_apps import StaticLike
from _k8s_harness import Inventory

from aegir.backends.kubernetes import ApplyConflict, KubernetesBackend, ObjectRef
from aegir.backends.kubernetes._plan import SitePlanner
from aegir.backends.kubernetes._render import site_manifests
from aegir.core.app import AppDriver, SiteContext
from aegir.core.backend import Backend, BackendEnv
from aegir.core.model import Codebase, Server, Site, SiteStatus
from aegir.core.secrets import SecretStore

pytestmark = pytest.mark.realcluster


def _kubeconfig() -> tuple[str, str]:
    context = os.environ.get("AEGIR_TEST_KUBE_CONTEXT", "")
    if not context:
        pytest.skip("set AEGIR_TEST_KUBE_CONTEXT to the kubeconfig context of a test cluster to run these")
    path = os.environ.get("KUBECONFIG", "").split(os.pathsep)[0] or str(Path.home() / ".kube" / "config")
    if not Path(path).is_file():
        pytest.fail(f"AEGIR_TEST_KUBE_CONTEXT is set but there is no kubeconfig at {path} (set KUBECONFIG)")
    return path, context


class Ctx:
    def __init__(self, backend: Backend, store: SecretStore) -> None:
        self._backend = backend
        self.secrets = store
        self.inventory = Inventory()
        self.lines: list[str] = []

    def backend(self, server: str) -> Backend:
        return self._backend

    def backup_store(self, name: str) -> Any:
        raise AssertionError("kubernetes steps keep backups in the cluster's store")

    def log(self, message: str, level: str = "info") -> None:
        self.lines.append(self.secrets.redact(message))
        print(self.lines[-1])


@pytest.fixture(scope="module")
def real(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[KubernetesBackend, Ctx]]:
    run = secrets.token_hex(3)
    config, context = _kubeconfig()
    options = {
        "kubeconfig": config,
        "context": context,
        "code_root": "/usr/share/nginx/html",  # the static test site's codebase image is nginx's own
        "namespace_prefix": f"aegir-test-{run}-",
        "system_namespace": f"aegir-test-{run}-system",
        "rollout_timeout": "300",
        "job_timeout": "300",
    }
    home = tmp_path_factory.mktemp("home")
    store = SecretStore(home / "secrets")
    backend = KubernetesBackend(
        Server(name="real", backend="kubernetes", options=options), BackendEnv(home, store)
    )
    yield backend, Ctx(backend, store)
    for ns in (options["system_namespace"],):
        backend.api.delete(ObjectRef("v1", "Namespace", ns))
    backend.api.close()


def run(steps: list[Any], ctx: Ctx) -> None:
    """Like the task runner: undo what was done (and the failed step) in reverse on failure."""
    for index, step in enumerate(steps):
        try:
            step.run(ctx)
        except Exception:
            for done in reversed(steps[: index + 1]):
                undo = done.inverse()
                if undo is not None:
                    undo.run(ctx)
            raise


def test_the_cluster_answers(real: tuple[KubernetesBackend, Ctx]) -> None:
    backend, _ = real
    assert backend.api.version()["gitVersion"].startswith("v1.")


def test_server_side_apply_conflicts_are_reported_and_force_takes_over(
    real: tuple[KubernetesBackend, Ctx],
) -> None:
    from kubernetes import client, config

    backend, _ = real
    ns = f"{backend.options['namespace_prefix']}ssa"
    api = backend.api
    api.apply({"apiVersion": "v1", "kind": "Namespace", "metadata": {"name": ns}})
    try:
        cm = {
            "apiVersion": "v1",
            "kind": "ConfigMap",
            "metadata": {"name": "c", "namespace": ns},
            "data": {"k": "aegir"},
        }
        api.apply(cm)
        other = config.new_client_from_config(
            config_file=backend.options["kubeconfig"], context=backend.options["context"] or None
        )
        client.CoreV1Api(other).patch_namespaced_config_map(
            "c", ns, {**cm, "data": {"k": "someone else"}}, field_manager="someone-else", force=True,
            _content_type="application/apply-patch+yaml",
        )  # fmt: skip
        with pytest.raises(ApplyConflict, match="someone-else"):
            api.apply(cm)
        api.force = True
        api.apply(cm)
        assert api.get(ObjectRef.of(cm))["data"] == {"k": "aegir"}  # type: ignore[index]
    finally:
        api.force = False
        api.delete(ObjectRef("v1", "Namespace", ns))


def _static_context(backend: KubernetesBackend) -> tuple[SiteContext, AppDriver]:
    domain = f"static-{secrets.token_hex(3)}.aegir.test"
    cb = Codebase(
        name="static",
        app="static",
        root="/usr/share/nginx/html",
        image="docker.io/nginxinc/nginx-unprivileged:1.27-alpine",
    )
    site = Site(domain=domain, codebase="static", server="real", status=SiteStatus.QUEUED)
    ctx = SiteContext(
        site=site, codebase=cb, codebase_root=cb.root, docroot=cb.root, site_dir=f"/var/aegir/sites/{domain}",
        files_dir=f"/var/aegir/sites/{domain}/files", private_dir=f"/var/aegir/sites/{domain}/private",
        url=f"http://{domain}/", server="real", admin_password_secret=f"site/{domain}/admin",
    )  # fmt: skip
    return ctx, StaticLike()


def test_every_manifest_of_a_site_passes_the_api_servers_own_checks(
    real: tuple[KubernetesBackend, Ctx],
) -> None:
    backend, _ = real
    ctx, driver = _static_context(backend)
    planner = SitePlanner(backend.options, ctx, driver)
    objs = site_manifests(planner.spec, backend.options)
    namespace = objs[0]
    backend.api.apply(namespace)
    try:
        for obj in objs[1:]:
            backend.api.apply(obj, dry_run=True)
    finally:
        backend.api.delete(ObjectRef.of(namespace))


def test_a_static_site_is_installed_disabled_enabled_and_deleted(real: tuple[KubernetesBackend, Ctx]) -> None:
    """The whole life of a site with no database: the codebase image is nginx's own (its html)."""
    backend, ctx_ = real
    ctx, driver = _static_context(backend)
    run(SitePlanner(backend.options, ctx, driver).plan("install"), ctx_)
    site = ctx_.inventory.sites[ctx.site.domain]
    assert site.status is SiteStatus.ENABLED
    live = attrs.evolve(ctx, site=site)
    for op in ("disable", "enable", "verify", "delete"):
        run(SitePlanner(backend.options, live, driver).plan(op), ctx_)
        live = attrs.evolve(live, site=ctx_.inventory.sites.get(site.domain, live.site))
    assert (
        backend.api.get(
            ObjectRef("v1", "Namespace", SitePlanner(backend.options, ctx, driver).spec.namespace)
        )
        is None
    )
