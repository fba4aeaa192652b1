"""A site's web Deployment (PHP-FPM and nginx, non-root, probes, limits) and its maintenance page."""

from __future__ import annotations

import hashlib
from typing import TYPE_CHECKING, Any

from aegir.backends.kubernetes import _naming
from aegir.backends.kubernetes._nginx import HEALTH_PATH, MAINTENANCE_CONF, WEB_PORT
from aegir.backends.kubernetes._render_pod import (
    COMPONENT,
    INSTANCE,
    NGINX_KEY,
    container_security,
    labels,
    meta,
    php_env,
    php_mounts,
    php_volumes,
    pod_security,
    resources,
)
from aegir.backends.kubernetes._render_site import MAINTENANCE, access_mode, config_map, settings_secret

if TYPE_CHECKING:
    from aegir.backends.kubernetes._options import ClusterOptions
    from aegir.backends.kubernetes._spec import SiteSpec

__all__ = ["deployment", "maintenance_objects"]

Obj = dict[str, Any]


def _config_hash(cm: Obj, secret: tuple[Obj, dict[str, str]] | None) -> str:
    digest = hashlib.sha256()
    for key, value in sorted(cm["data"].items()):
        digest.update(key.encode() + b"\0" + value.encode() + b"\0")
    for key, value in sorted((secret[1] if secret else {}).items()):
        digest.update(key.encode() + b"\0" + value.encode() + b"\0")
    return digest.hexdigest()[:16]


def _nginx_container(spec: SiteSpec, opts: ClusterOptions) -> Obj:
    mounts: list[Obj] = [
        {"name": "code", "mountPath": spec.code_root, "readOnly": True},
        {"name": "files", "mountPath": spec.site_dir, "readOnly": True},
    ]
    mounts += [
        {"name": "files", "mountPath": path, "subPath": sub, "readOnly": True}
        for path, sub in spec.extra_mounts
    ]
    mounts += [
        {
            "name": "config",
            "mountPath": "/etc/nginx/conf.d/default.conf",
            "subPath": NGINX_KEY,
            "readOnly": True,
        },
        {"name": "tmp", "mountPath": "/tmp"},  # noqa: S108 - an emptyDir, private to the pod
    ]
    return {
        "name": "nginx",
        "image": opts["web_image"],
        "imagePullPolicy": opts["image_pull_policy"],
        "ports": [{"name": "http", "containerPort": WEB_PORT, "protocol": "TCP"}],
        "volumeMounts": mounts,
        "resources": resources(opts, "web"),
        "securityContext": container_security(True),
        "readinessProbe": {
            "httpGet": {"path": HEALTH_PATH, "port": "http"},
            "periodSeconds": 5,
            "failureThreshold": 3,
        },
        "livenessProbe": {"tcpSocket": {"port": "http"}, "initialDelaySeconds": 10, "periodSeconds": 10},
    }


def _php_container(spec: SiteSpec, opts: ClusterOptions) -> Obj:
    return {
        "name": "php",
        "image": spec.image,
        "imagePullPolicy": opts["image_pull_policy"],
        "env": php_env(spec),
        "ports": [{"name": "fastcgi", "containerPort": 9000, "protocol": "TCP"}],
        "volumeMounts": php_mounts(spec, opts),
        "resources": resources(opts, "php"),
        "securityContext": container_security(bool(opts["read_only_root"])),
        "readinessProbe": {"tcpSocket": {"port": "fastcgi"}, "periodSeconds": 5},
        "livenessProbe": {"tcpSocket": {"port": "fastcgi"}, "initialDelaySeconds": 10, "periodSeconds": 10},
    }


def deployment(spec: SiteSpec, opts: ClusterOptions, track: str, replicas: int | None = None) -> Obj:
    """The web Deployment of one track: an init container copies the code for nginx to serve."""
    count = spec.replicas if replicas is None else replicas
    selector = {INSTANCE: spec.slug, COMPONENT: "web", _naming.TRACK_LABEL: track}
    cm = config_map(spec, track)
    copy_code = {
        "name": "copy-code",
        "image": spec.image,
        "imagePullPolicy": opts["image_pull_policy"],
        "command": ["cp", "-R", f"{spec.code_root}/.", "/aegir/code/"],
        "volumeMounts": [{"name": "code", "mountPath": "/aegir/code"}],
        "resources": {"limits": {"memory": opts["job_memory_limit"]}},
        "securityContext": container_security(True),
    }
    containers = [_nginx_container(spec, opts)]
    if spec.php:
        containers.insert(0, _php_container(spec, opts))
    strategy: Obj = (
        {"type": "RollingUpdate", "rollingUpdate": {"maxSurge": 1, "maxUnavailable": 0}}
        if access_mode(spec, opts) == "ReadWriteMany"
        else {"type": "Recreate"}
    )
    template_meta: Obj = {
        "labels": labels(spec, "web", track),
        "annotations": {
            _naming.DOMAIN_ANNOTATION: spec.domain,
            "aegir.io/config-hash": _config_hash(cm, settings_secret(spec, track)),
        },
    }
    version = _naming.label_value(spec.app_version)
    if version:
        template_meta["labels"]["app.kubernetes.io/version"] = version
    return {
        "apiVersion": "apps/v1",
        "kind": "Deployment",
        "metadata": meta(spec, spec.tracked("web", track), "web", track),
        "spec": {
            "replicas": count,
            "revisionHistoryLimit": 3,
            "selector": {"matchLabels": selector},
            "strategy": strategy,
            "template": {
                "metadata": template_meta,
                "spec": {
                    "serviceAccountName": spec.name("site"),
                    "automountServiceAccountToken": False,
                    "enableServiceLinks": False,
                    "securityContext": pod_security(opts),
                    "initContainers": [copy_code],
                    "containers": containers,
                    "volumes": [*php_volumes(spec, track), {"name": "code", "emptyDir": {}}],
                },
            },
        },
    }


def maintenance_objects(spec: SiteSpec, opts: ClusterOptions) -> list[Obj]:
    """A ConfigMap and a one-pod Deployment that answer 503 while the site is disabled or migrating."""
    name = spec.name(MAINTENANCE)
    cm = {
        "apiVersion": "v1",
        "kind": "ConfigMap",
        "metadata": meta(spec, name, MAINTENANCE, MAINTENANCE),
        "data": {NGINX_KEY: MAINTENANCE_CONF},
    }
    selector = {INSTANCE: spec.slug, COMPONENT: MAINTENANCE, _naming.TRACK_LABEL: MAINTENANCE}
    container = {
        "name": "nginx",
        "image": opts["web_image"],
        "imagePullPolicy": opts["image_pull_policy"],
        "ports": [{"name": "http", "containerPort": WEB_PORT, "protocol": "TCP"}],
        "volumeMounts": [
            {
                "name": "config",
                "mountPath": "/etc/nginx/conf.d/default.conf",
                "subPath": NGINX_KEY,
                "readOnly": True,
            },
            {"name": "tmp", "mountPath": "/tmp"},  # noqa: S108 - an emptyDir, private to the pod
        ],
        "resources": {"requests": {"cpu": "10m", "memory": "16Mi"}, "limits": {"memory": "64Mi"}},
        "securityContext": container_security(True),
        "readinessProbe": {"httpGet": {"path": HEALTH_PATH, "port": "http"}, "periodSeconds": 5},
    }
    dep = {
        "apiVersion": "apps/v1",
        "kind": "Deployment",
        "metadata": meta(spec, name, MAINTENANCE, MAINTENANCE),
        "spec": {
            "replicas": 1,
            "revisionHistoryLimit": 1,
            "selector": {"matchLabels": selector},
            "template": {
                "metadata": {"labels": labels(spec, MAINTENANCE, MAINTENANCE)},
                "spec": {
                    "serviceAccountName": spec.name("site"),
                    "automountServiceAccountToken": False,
                    "enableServiceLinks": False,
                    "securityContext": pod_security(opts),
                    "containers": [container],
                    "volumes": [
                        {"name": "config", "configMap": {"name": name, "defaultMode": 0o440}},
                        {"name": "tmp", "emptyDir": {}},
                    ],
                },
            },
        },
    }
    return [cm, dep]
