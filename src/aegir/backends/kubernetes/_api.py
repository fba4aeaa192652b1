"""The one module that talks to Kubernetes: a thin wrapper over the official ``kubernetes`` client.

It loads a kubeconfig context (or the in-cluster account), and offers the few verbs Aegir needs:
server-side apply (field manager ``aegir``), get, list, delete, pod logs, and the server version.
The client's transport (auth, TLS, proxies) does the HTTP; every failure comes out as one of the
AegirErrors of :mod:`._errors`. ``kubernetes`` is imported here only, and only when connecting.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any
from urllib.parse import quote

from attrs import frozen

from aegir.backends.kubernetes._errors import (
    ApiForbidden,
    ApiServerError,
    ApiUnreachable,
    ApplyConflict,
    ObjectInvalid,
    ObjectNotFound,
)
from aegir.core.errors import AegirError, BackendError, ValidationError

__all__ = ["FIELD_MANAGER", "RESOURCES", "KubeApi", "ObjectRef"]

FIELD_MANAGER = "aegir"
APPLY_CONTENT_TYPE = "application/apply-patch+yaml"

#: (apiVersion, kind) -> (plural, namespaced): the kinds Aegir renders, so no discovery round trip
RESOURCES: dict[tuple[str, str], tuple[str, bool]] = {
    ("v1", "Namespace"): ("namespaces", False),
    ("v1", "ServiceAccount"): ("serviceaccounts", True),
    ("v1", "Secret"): ("secrets", True),
    ("v1", "ConfigMap"): ("configmaps", True),
    ("v1", "PersistentVolumeClaim"): ("persistentvolumeclaims", True),
    ("v1", "Service"): ("services", True),
    ("v1", "Pod"): ("pods", True),
    ("apps/v1", "Deployment"): ("deployments", True),
    ("apps/v1", "StatefulSet"): ("statefulsets", True),
    ("batch/v1", "Job"): ("jobs", True),
    ("batch/v1", "CronJob"): ("cronjobs", True),
    ("networking.k8s.io/v1", "Ingress"): ("ingresses", True),
    ("networking.k8s.io/v1", "NetworkPolicy"): ("networkpolicies", True),
    ("policy/v1", "PodDisruptionBudget"): ("poddisruptionbudgets", True),
}


@frozen
class ObjectRef:
    """Which object: enough to find it in the API (and to describe it in messages)."""

    api_version: str
    kind: str
    name: str
    namespace: str | None = None

    @classmethod
    def of(cls, obj: Mapping[str, Any]) -> ObjectRef:
        md = obj.get("metadata") or {}
        return cls(str(obj.get("apiVersion")), str(obj.get("kind")), str(md.get("name")), md.get("namespace"))

    def describe(self) -> str:
        where = f"{self.namespace}/" if self.namespace else ""
        return f"{self.kind} {where}{self.name}"

    def path(self) -> str:
        return collection_path(self.api_version, self.kind, self.namespace) + "/" + quote(self.name, safe="")


def collection_path(api_version: str, kind: str, namespace: str | None) -> str:
    try:
        plural, namespaced = RESOURCES[(api_version, kind)]
    except KeyError:
        raise ValidationError(
            f"aegir does not handle Kubernetes objects of kind {api_version}/{kind}"
        ) from None
    base = "/api/v1" if api_version == "v1" else f"/apis/{api_version}"
    if namespaced:
        if not namespace:
            raise ValidationError(f"a {kind} needs a namespace")
        base += f"/namespaces/{quote(namespace, safe='')}"
    return f"{base}/{plural}"


def _status_message(data: bytes) -> str:
    try:
        body = json.loads(data)
    except (ValueError, UnicodeDecodeError):
        return data[:300].decode("utf-8", "replace").strip()
    if isinstance(body, dict) and body.get("message"):
        return str(body["message"])
    return data[:300].decode("utf-8", "replace").strip()


def _api_error(status: int, message: str, what: str, where: str) -> AegirError:
    text = f"{what}: the API server answered {status}: {message}"
    if status in (401, 403):
        return ApiForbidden(f"{text} (check the RBAC permissions of {where})")
    if status == 404:
        return ObjectNotFound(text)
    if status == 409:
        return ApplyConflict(
            f"{text} (another field manager owns these fields; change them there, or set the server "
            "option force_conflicts=true to take them over)"
        )
    if status in (400, 422):
        return ObjectInvalid(
            f"{text} (the manifest was rejected; the options of the server may not suit the cluster)"
        )
    return ApiServerError(f"{text} (the API server failed; try again when {where} is healthy)")


class KubeApi:
    """One cluster (one kubeconfig context), and the verbs Aegir uses on it."""

    def __init__(
        self, api_client: Any, *, where: str, request_timeout: float = 30.0, force: bool = False
    ) -> None:
        self._client = api_client
        self.where = where
        self.request_timeout = request_timeout
        self.force = force

    @classmethod
    def connect(
        cls, *, kubeconfig: str = "", context: str = "", request_timeout: float = 30.0, force: bool = False
    ) -> KubeApi:
        """Load the kubeconfig ``context`` (``in-cluster``: the pod's service account)."""
        from kubernetes import client, config

        cfg = client.Configuration()
        where = f"kubeconfig context {context!r}" if context else "the current kubeconfig context"
        try:
            if context == "in-cluster":
                config.load_incluster_config(client_configuration=cfg)  # type: ignore[no-untyped-call]
                where = "the in-cluster service account"
            else:
                config.load_kube_config(  # type: ignore[no-untyped-call]
                    config_file=kubeconfig or None,
                    context=context or None,
                    client_configuration=cfg,
                    persist_config=False,
                )
        except (config.ConfigException, OSError, ValueError, TypeError) as e:
            source = kubeconfig or "$KUBECONFIG or ~/.kube/config"
            raise BackendError(f"cannot load {where} from {source}: {e}") from e
        # Failed requests surface at once; the waits poll again on their own schedule.
        cfg.retries = False
        return cls(client.ApiClient(cfg), where=where, request_timeout=request_timeout, force=force)

    def close(self) -> None:
        self._client.close()

    # -- the one HTTP call -----------------------------------------------------------------------
    def _call(
        self,
        method: str,
        path: str,
        what: str,
        *,
        query: list[tuple[str, str]] | None = None,
        body: Any = None,
        content_type: str = "application/json",
        accept: str = "application/json",
        missing_ok: bool = False,
    ) -> bytes | None:
        import urllib3

        headers = {"Accept": accept, "Content-Type": content_type}
        try:
            request = self._client.param_serialize(
                method,
                path,
                query_params=query or [],
                header_params=headers,
                body=body,
                auth_settings=["BearerToken"],
            )
            response = self._client.call_api(*request, _request_timeout=self.request_timeout)
            data: bytes = response.read() or b""
        except (urllib3.exceptions.HTTPError, OSError) as e:
            raise ApiUnreachable(
                f"{what}: no answer from the API server of {self.where} within {self.request_timeout:g}s "
                f"({type(e).__name__}: {e})"
            ) from e
        except Exception as e:  # the client's own ApiException (TLS failures come as status 0)
            raise ApiUnreachable(f"{what}: the request to {self.where} failed: {e}") from e
        status = int(response.status)
        if status == 404 and missing_ok:
            return None
        if status >= 400:
            raise _api_error(status, _status_message(data), what, self.where)
        return data

    def _json(self, data: bytes | None, what: str) -> dict[str, Any]:
        try:
            value = json.loads(data or b"{}")
        except ValueError as e:
            raise ApiServerError(
                f"{what}: the API server answered with something that is not JSON: {e}"
            ) from e
        if not isinstance(value, dict):
            raise ApiServerError(
                f"{what}: the API server answered with {type(value).__name__}, not an object"
            )
        return value

    # -- verbs -----------------------------------------------------------------------------------
    def apply(self, obj: Mapping[str, Any], *, dry_run: bool = False) -> dict[str, Any]:
        """Server-side apply ``obj`` as field manager ``aegir``; returns the object as stored.

        With ``dry_run`` the API server checks the object (schema, admission) and stores nothing.
        """
        ref = ObjectRef.of(obj)
        what = f"apply {ref.describe()}" + (" (dry run)" if dry_run else "")
        query = [("fieldManager", FIELD_MANAGER), ("force", "true" if self.force else "false")]
        if dry_run:
            query.append(("dryRun", "All"))
        data = self._call(
            "PATCH", ref.path(), what, query=query, body=dict(obj), content_type=APPLY_CONTENT_TYPE
        )
        return self._json(data, what)

    def get(self, ref: ObjectRef) -> dict[str, Any] | None:
        """The object, or None if it does not exist."""
        what = f"read {ref.describe()}"
        data = self._call("GET", ref.path(), what, missing_ok=True)
        return None if data is None else self._json(data, what)

    def list(
        self, api_version: str, kind: str, namespace: str | None, selector: str = ""
    ) -> list[dict[str, Any]]:
        what = f"list {kind} objects in {namespace or 'the cluster'}"
        query = [("labelSelector", selector)] if selector else []
        body = self._json(
            self._call("GET", collection_path(api_version, kind, namespace), what, query=query), what
        )
        items = body.get("items") or []
        return [i for i in items if isinstance(i, dict)]

    def delete(self, ref: ObjectRef) -> bool:
        """Delete the object (its dependents in the background); False if it was not there."""
        what = f"delete {ref.describe()}"
        query = [("propagationPolicy", "Background")]
        return self._call("DELETE", ref.path(), what, query=query, missing_ok=True) is not None

    def pod_log(self, namespace: str, pod: str, container: str) -> str | None:
        """A container's log, or None if the container has not started (or the pod is gone)."""
        path = f"/api/v1/namespaces/{quote(namespace, safe='')}/pods/{quote(pod, safe='')}/log"
        what = f"read the log of {namespace}/{pod} container {container}"
        try:
            data = self._call(
                "GET", path, what, query=[("container", container)], accept="text/plain, */*", missing_ok=True
            )
        except ObjectInvalid:  # 400: the container is waiting to start
            return None
        return None if data is None else data.decode("utf-8", "replace")

    def version(self) -> dict[str, Any]:
        return self._json(self._call("GET", "/version", "read the server version"), "read the server version")
