"""A site's basic objects: Namespace, ServiceAccount, Secrets (without data, see
:func:`site_secret`), the ConfigMap and files volume of a track, Services, PodDisruptionBudget."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from aegir.backends.kubernetes import _naming
from aegir.backends.kubernetes._nginx import PING_PATH, server_block
from aegir.backends.kubernetes._render_pod import COMPONENT, INSTANCE, NGINX_KEY, POOL_KEY, meta

if TYPE_CHECKING:
    from aegir.backends.kubernetes._options import ClusterOptions
    from aegir.backends.kubernetes._spec import SiteSpec

__all__ = [
    "MAINTENANCE",
    "VALUES_NOTE",
    "access_mode",
    "backup_pvc",
    "config_map",
    "files_pvc",
    "main_service",
    "namespace",
    "pod_disruption_budget",
    "service_account",
    "settings_secret",
    "site_secret",
    "track_service",
]

Obj = dict[str, Any]
MAINTENANCE = "maintenance"
VALUES_NOTE = "not printed: aegir fills in the data from its secret store when it applies this Secret"
_RESTRICTED = {
    "pod-security.kubernetes.io/enforce": "restricted",
    "pod-security.kubernetes.io/warn": "restricted",
}


def namespace(spec: SiteSpec, opts: ClusterOptions) -> Obj | None:
    """The site's own Namespace (None in a shared namespace, which the server's setup creates)."""
    if opts.shared_namespace:
        return None
    md = meta(spec, spec.namespace, "site", namespaced=False)
    md["labels"].update(_RESTRICTED)
    return {"apiVersion": "v1", "kind": "Namespace", "metadata": md}


def service_account(spec: SiteSpec) -> Obj:
    return {
        "apiVersion": "v1",
        "kind": "ServiceAccount",
        "metadata": meta(spec, spec.name("site"), "site"),
        "automountServiceAccountToken": False,
    }


def _secret(spec: SiteSpec, name: str, component: str, sources: dict[str, str], track: str | None) -> Obj:
    md = meta(spec, name, component, track)
    md["annotations"]["aegir.io/values"] = VALUES_NOTE
    md["annotations"]["aegir.io/keys"] = ",".join(f"{k}={v}" for k, v in sources.items())
    return {"apiVersion": "v1", "kind": "Secret", "metadata": md, "type": "Opaque"}


def site_secret(spec: SiteSpec) -> tuple[Obj, dict[str, str]]:
    """The site's Secret without data, and the template of each value (``{{secret:NAME}}``).

    The data is filled in from Aegir's secret store only when the Secret is applied; printed
    manifests carry an annotation naming where each key's value comes from instead.
    """
    sources = {k.key: k.secret for k in spec.secrets}
    values = {k.key: "{{secret:" + k.secret + "}}" for k in spec.secrets}
    return _secret(spec, spec.name("secrets"), "site", sources, None), values


def settings_secret(spec: SiteSpec, track: str) -> tuple[Obj, dict[str, str]] | None:
    """Settings files that keep placeholders (not rewritable to getenv) go into a Secret."""
    files = [f for f in spec.settings if f.in_secret]
    if not files:
        return None
    sources = {f.key: f"settings file {f.path}" for f in files}
    skeleton = _secret(spec, spec.tracked("settings", track), "web", sources, track)
    return skeleton, {f.key: f.content for f in files}


def _pool_conf(spec: SiteSpec) -> str:
    lines = ["[www]", f"ping.path = {PING_PATH}", "ping.response = pong"]
    lines += [f"env[{k.key}] = ${k.key}" for k in spec.secrets if k.env]
    return "\n".join(lines) + "\n"


def config_map(spec: SiteSpec, track: str) -> Obj:
    data = {f.key: f.content for f in spec.settings if not f.in_secret}
    data[NGINX_KEY] = server_block(spec.docroot, spec.rules, spec.domain)
    data[POOL_KEY] = _pool_conf(spec)
    return {
        "apiVersion": "v1",
        "kind": "ConfigMap",
        "metadata": meta(spec, spec.tracked("config", track), "web", track),
        "data": data,
    }


def access_mode(spec: SiteSpec, opts: ClusterOptions) -> str:
    return str(opts["files_access_mode"] or ("ReadWriteOnce" if spec.replicas <= 1 else "ReadWriteMany"))


def _pvc(
    spec: SiteSpec, name: str, *, component: str, track: str | None, mode: str, size: str, cls: str
) -> Obj:
    body: Obj = {"accessModes": [mode], "resources": {"requests": {"storage": size}}}
    if cls:
        body["storageClassName"] = cls
    return {
        "apiVersion": "v1",
        "kind": "PersistentVolumeClaim",
        "metadata": meta(spec, name, component, track),
        "spec": body,
    }


def files_pvc(spec: SiteSpec, opts: ClusterOptions, track: str) -> Obj:
    return _pvc(
        spec,
        spec.tracked("files", track),
        component="files",
        track=track,
        mode=access_mode(spec, opts),
        size=opts["files_size"],
        cls=opts["storage_class"],
    )


def backup_pvc(spec: SiteSpec, opts: ClusterOptions) -> Obj | None:
    """The site's backup volume (a PVC store in per-site namespaces; shared ones get theirs at setup)."""
    if opts["backup_store"] != "pvc" or opts.shared_namespace:
        return None
    return _pvc(
        spec,
        spec.name("backups"),
        component="backup",
        track=None,
        mode="ReadWriteOnce",
        size=opts["backup_size"],
        cls=opts["backup_storage_class"],
    )


def _service(spec: SiteSpec, name: str, selector: dict[str, str], track: str | None) -> Obj:
    return {
        "apiVersion": "v1",
        "kind": "Service",
        "metadata": meta(spec, name, "web", track),
        "spec": {
            "type": "ClusterIP",
            "selector": selector,
            "ports": [{"name": "http", "port": 80, "targetPort": "http", "protocol": "TCP"}],
        },
    }


def track_service(spec: SiteSpec, track: str) -> Obj:
    """A Service for one track only: health checks reach green through it before the switch."""
    selector = {INSTANCE: spec.slug, COMPONENT: "web", _naming.TRACK_LABEL: track}
    return _service(spec, spec.tracked("web", track), selector, track)


def main_service(spec: SiteSpec, target: str) -> Obj:
    """The Service the Ingress sends traffic to; switching ``target`` (a track or maintenance) is atomic."""
    return _service(spec, spec.name("web"), {INSTANCE: spec.slug, _naming.TRACK_LABEL: target}, None)


def pod_disruption_budget(spec: SiteSpec) -> Obj | None:
    if spec.replicas <= 1:
        return None
    return {
        "apiVersion": "policy/v1",
        "kind": "PodDisruptionBudget",
        "metadata": meta(spec, spec.name("web"), "web"),
        "spec": {"maxUnavailable": 1, "selector": {"matchLabels": {INSTANCE: spec.slug, COMPONENT: "web"}}},
    }
