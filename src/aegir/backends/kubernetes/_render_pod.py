"""Building blocks shared by every rendered object: metadata, labels, security contexts, resources,
and the volumes and mounts a site's PHP code sees (in the web pod and in Jobs alike)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from aegir.backends.kubernetes import _naming

if TYPE_CHECKING:
    from aegir.backends.kubernetes._options import ClusterOptions
    from aegir.backends.kubernetes._spec import SiteSpec

__all__ = [
    "POOL_KEY",
    "container_security",
    "labels",
    "meta",
    "php_env",
    "php_mounts",
    "php_volumes",
    "pod_security",
    "resources",
]

Obj = dict[str, Any]
POOL_KEY = "php-fpm-pool.conf"
NGINX_KEY = "nginx.conf"
INSTANCE = "app.kubernetes.io/instance"
COMPONENT = "app.kubernetes.io/component"


def labels(spec: SiteSpec, component: str, track: str | None = None) -> dict[str, str]:
    out = {
        "app.kubernetes.io/name": spec.app,
        INSTANCE: spec.slug,
        COMPONENT: component,
        "app.kubernetes.io/part-of": "aegir",
        "app.kubernetes.io/managed-by": "aegir",
        _naming.SITE_LABEL: spec.slug,
    }
    if track:
        out[_naming.TRACK_LABEL] = track
    return out


def meta(
    spec: SiteSpec, name: str, component: str, track: str | None = None, *, namespaced: bool = True
) -> Obj:
    out: Obj = {"name": name}
    if namespaced:
        out["namespace"] = spec.namespace
    out["labels"] = labels(spec, component, track)
    out["annotations"] = {_naming.DOMAIN_ANNOTATION: spec.domain}
    return out


def pod_security(opts: ClusterOptions) -> Obj:
    return {
        "runAsNonRoot": True,
        "runAsUser": opts["run_as_user"],
        "runAsGroup": opts["run_as_group"],
        "fsGroup": opts["run_as_group"],
        "fsGroupChangePolicy": "OnRootMismatch",
        "seccompProfile": {"type": "RuntimeDefault"},
    }


def container_security(read_only: bool = True) -> Obj:
    return {
        "allowPrivilegeEscalation": False,
        "readOnlyRootFilesystem": read_only,
        "capabilities": {"drop": ["ALL"]},
    }


def resources(opts: ClusterOptions, kind: str) -> Obj:
    """Requests and limits for ``kind`` (``php`` or ``web``); empty limits are left out."""
    requests = {"cpu": opts[f"{kind}_cpu_request"], "memory": opts[f"{kind}_memory_request"]}
    limits = {"memory": opts[f"{kind}_memory_limit"]}
    if opts[f"{kind}_cpu_limit"]:
        limits["cpu"] = opts[f"{kind}_cpu_limit"]
    return {"requests": requests, "limits": limits}


def php_env(spec: SiteSpec) -> list[Obj]:
    """Secret values as environment variables (the settings read them with getenv)."""
    secret = spec.name("secrets")
    env: list[Obj] = [{"name": "AEGIR_SITE", "value": spec.domain}]
    env += [
        {"name": k.key, "valueFrom": {"secretKeyRef": {"name": secret, "key": k.key}}}
        for k in spec.secrets
        if k.env
    ]
    return env


def php_volumes(spec: SiteSpec, track: str) -> list[Obj]:
    volumes: list[Obj] = [
        {"name": "files", "persistentVolumeClaim": {"claimName": spec.tracked("files", track)}},
        {"name": "config", "configMap": {"name": spec.tracked("config", track), "defaultMode": 0o440}},
        {"name": "tmp", "emptyDir": {}},
    ]
    if any(f.in_secret for f in spec.settings):
        volumes.append(
            {
                "name": "settings",
                "secret": {"secretName": spec.tracked("settings", track), "defaultMode": 0o440},
            }
        )
    return volumes


def php_mounts(spec: SiteSpec, opts: ClusterOptions) -> list[Obj]:
    """Where the PHP code finds its files volume, settings, pool configuration and scratch space."""
    mounts: list[Obj] = [{"name": "files", "mountPath": spec.site_dir}]
    mounts += [{"name": "files", "mountPath": path, "subPath": sub} for path, sub in spec.extra_mounts]
    for f in spec.settings:
        mounts.append(
            {
                "name": "settings" if f.in_secret else "config",
                "mountPath": f.path,
                "subPath": f.key,
                "readOnly": True,
            }
        )
    mounts.append(
        {
            "name": "config",
            "mountPath": f"{opts['php_fpm_pool_dir']}/zz-aegir.conf",
            "subPath": POOL_KEY,
            "readOnly": True,
        }
    )
    mounts.append({"name": "tmp", "mountPath": "/tmp"})  # noqa: S108 - an emptyDir, private to the pod
    return mounts
