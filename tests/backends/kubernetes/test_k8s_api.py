"""The API wrapper's conversation with an API server, over real HTTP against a kmock fake: what it
sends (server-side apply as field manager aegir, the kubeconfig's token) and how every refusal
(403, 404, 409, 422, 500, no answer in time, nobody listening) comes back as an AegirError."""

from __future__ import annotations

import asyncio
import re
import socket
from pathlib import Path

import kmock
import pytest
from _k8s_fake import kubeconfig
from _k8s_harness import Cluster

from aegir.backends.kubernetes import (
    ApiForbidden,
    ApiServerError,
    ApiUnreachable,
    ApplyConflict,
    KubeApi,
    ObjectInvalid,
    ObjectNotFound,
    ObjectRef,
)
from aegir.core.errors import AegirError, BackendError, ConflictError, NotFoundError

CM = {
    "apiVersion": "v1",
    "kind": "ConfigMap",
    "metadata": {"name": "settings", "namespace": "site-a", "labels": {"app": "a"}},
    "data": {"k": "v"},
}
DEP_PATH = re.compile(r"/apis/apps/v1/namespaces/site-a/deployments/web")
DEP = {
    "apiVersion": "apps/v1",
    "kind": "Deployment",
    "metadata": {"name": "web", "namespace": "site-a"},
    "spec": {"replicas": 1},
}


def test_apply_is_a_server_side_apply_as_aegir_with_the_kubeconfig_token(cluster: Cluster) -> None:
    api = cluster.backend.api
    stored = api.apply(CM)
    assert stored["data"] == {"k": "v"} and stored["metadata"]["uid"]
    request = next(r for r in cluster.fake if r.method == kmock.method.PATCH)
    assert request.url.path == "/api/v1/namespaces/site-a/configmaps/settings"
    assert request.params == {"fieldManager": "aegir", "force": "false"}
    assert request.headers["Content-Type"] == "application/apply-patch+yaml"
    assert request.headers["Authorization"] == "Bearer fake-token"
    assert request.data == CM


def test_a_dry_run_asks_the_server_to_check_only(cluster: Cluster) -> None:
    cluster.backend.api.apply(CM, dry_run=True)
    assert cluster.fake.applied[-1][2] == {"fieldManager": "aegir", "force": "false", "dryRun": "All"}


def test_force_conflicts_option_applies_with_force(cluster: Cluster) -> None:
    cluster.reconfigure(force_conflicts="true")
    cluster.backend.api.apply(CM)
    assert cluster.fake.applied[-1][2]["force"] == "true"


def test_get_list_delete_and_version(cluster: Cluster) -> None:
    api = cluster.backend.api
    ref = ObjectRef.of(CM)
    assert api.get(ref) is None
    api.apply(CM)
    api.apply({**CM, "metadata": {**CM["metadata"], "name": "other", "labels": {"app": "b"}}})
    assert api.get(ref)["data"] == {"k": "v"}  # type: ignore[index]
    assert [o["metadata"]["name"] for o in api.list("v1", "ConfigMap", "site-a", "app=a")] == ["settings"]
    assert len(api.list("v1", "ConfigMap", "site-a")) == 2
    assert api.delete(ref) is True
    assert api.delete(ref) is False  # already gone: not an error
    assert api.get(ref) is None
    assert api.version()["gitVersion"] == "v1.31.0-fake"
    assert cluster.fake.deleted == ["/api/v1/namespaces/site-a/configmaps/settings"]
    delete = next(r for r in cluster.fake if r.method == kmock.method.DELETE)
    assert delete.params == {"propagationPolicy": "Background"}


def test_namespaces_are_cluster_scoped(cluster: Cluster) -> None:
    cluster.backend.api.apply({"apiVersion": "v1", "kind": "Namespace", "metadata": {"name": "site-a"}})
    assert "/api/v1/namespaces/site-a" in cluster.fake.objects


def test_pod_logs_and_a_container_not_started_yet(cluster: Cluster) -> None:
    cluster.fake.logs[("site-a", "job-1-x", "dump")] = "dumped 3 tables\n"
    api = cluster.backend.api
    assert api.pod_log("site-a", "job-1-x", "dump") == "dumped 3 tables\n"
    assert api.pod_log("site-a", "job-1-x", "upload") is None  # 400 "waiting to start"
    request = next(r for r in cluster.fake if r.url.path.endswith("/log"))
    assert request.params == {"container": "dump"}


@pytest.mark.parametrize(
    ("status", "error", "also", "words"),
    [
        (401, ApiForbidden, PermissionError, "check the RBAC permissions of kubeconfig context 'fake'"),
        (403, ApiForbidden, PermissionError, 'deployments.apps "web" is forbidden'),
        (404, ObjectNotFound, NotFoundError, "the API server answered 404"),
        (409, ApplyConflict, ConflictError, "force_conflicts=true"),
        (422, ObjectInvalid, ValueError, 'Deployment.apps "web" is invalid'),
        (500, ApiServerError, BackendError, "the API server failed"),
        (503, ApiServerError, BackendError, "try again"),
    ],
)
def test_api_refusals_become_clear_aegir_errors(
    cluster: Cluster, status: int, error: type[AegirError], also: type[Exception], words: str
) -> None:
    messages = {
        403: 'deployments.apps "web" is forbidden: User "aegir" cannot patch resource',
        409: 'Apply failed with 1 conflict: conflict with "kubectl-edit": .spec.replicas',
        422: 'Deployment.apps "web" is invalid: spec.template.metadata.labels: Invalid value',
    }
    cluster.fake[kmock.method.PATCH, DEP_PATH] << kmock.KubernetesError(
        status=status, reason="Refused", message=messages.get(status, "refused")
    )
    with pytest.raises(error) as caught:
        cluster.backend.api.apply(DEP)
    assert isinstance(caught.value, also)
    text = str(caught.value)
    assert text.startswith("apply Deployment site-a/web: the API server answered")
    assert words in text
    assert messages.get(status, "refused") in text


def test_no_answer_in_time_is_a_timeout(cluster: Cluster) -> None:
    async def slow() -> dict[str, str]:
        await asyncio.sleep(3)
        return {}

    cluster.reconfigure(request_timeout="0.3")
    cluster.fake[kmock.method.GET, "/version"] << slow
    with pytest.raises(ApiUnreachable, match=r"read the server version: no answer .* within 0.3s") as caught:
        cluster.backend.api.version()
    assert isinstance(caught.value, TimeoutError)


def test_nobody_listening_is_unreachable(tmp_path: Path) -> None:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    config = tmp_path / "kubeconfig"
    config.write_text(kubeconfig(f"http://127.0.0.1:{port}"))
    api = KubeApi.connect(kubeconfig=str(config), context="fake", request_timeout=2)
    with pytest.raises(ApiUnreachable, match=r"read the server version: no answer from the API server"):
        api.version()


def test_a_bad_kubeconfig_or_context_is_a_clear_error(tmp_path: Path) -> None:
    config = tmp_path / "kubeconfig"
    config.write_text(kubeconfig("http://127.0.0.1:1"))
    with pytest.raises(BackendError, match=r"cannot load kubeconfig context 'prod' from .*kubeconfig"):
        KubeApi.connect(kubeconfig=str(config), context="prod")
    with pytest.raises(BackendError, match=r"cannot load the current kubeconfig context from .*missing"):
        KubeApi.connect(kubeconfig=str(tmp_path / "missing"))


def test_an_answer_that_is_not_json_is_a_server_error(cluster: Cluster) -> None:
    cluster.fake[kmock.method.GET, "/version"] << b"<html>proxy error</html>"
    with pytest.raises(ApiServerError, match="not JSON"):
        cluster.backend.api.version()
