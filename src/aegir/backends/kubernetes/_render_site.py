"""A site's Kubernetes objects, rendered as plain dicts by pure functions of its SiteSpec.

Per site: Namespace (or a shared one), ServiceAccount, Secrets, a ConfigMap and a files volume per
track, the web Deployment (PHP-FPM and nginx), Services, Ingress, NetworkPolicies and, with more
than one replica, a PodDisruptionBudget. :func:`site_manifests` lists them in the order they are
applied. Secrets are rendered without data; see :func:`site_secret`.
"""

from __future__ import annotations

import hashlib
import ipaddress
from typing import TYPE_CHECKING, Any

from aegir.backends.kubernetes import _naming
from aegir.backends.kubernetes._nginx import HEALTH_PATH, MAINTENANCE_CONF, PING_PATH, WEB_PORT, server_block
from aegir.backends.kubernetes._render_pod import (
    COMPONENT,
    INSTANCE,
    NGINX_KEY,
    POOL_KEY,
    container_security,
    labels,
    meta,
    php_env,
    php_mounts,
    php_volumes,
    pod_security,
    resources,
)

if TYPE_CHECKING:
    from aegir.backends.kubernetes._options import ClusterOptions
    from aegir.backends.kubernetes._spec import SiteSpec

__all__ = [
    "MAINTENANCE",
    "VALUES_NOTE",
    "backup_pvc",
    "config_map",
    "deployment",
    "files_pvc",
    "ingress",
    "main_service",
    "maintenance_objects",
    "namespace",
    "network_policies",
    "pod_disruption_budget",
    "service_account",
    "settings_secret",
    "site_manifests",
    "site_secret",
    "track_objects",
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


def _access_mode(spec: SiteSpec, opts: ClusterOptions) -> str:
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
        mode=_access_mode(spec, opts),
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
        if _access_mode(spec, opts) == "ReadWriteMany"
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


def ingress(spec: SiteSpec, opts: ClusterOptions) -> Obj:
    hosts = [spec.domain, *spec.aliases]
    md = meta(spec, spec.name("web"), "web")
    body: Obj = {}
    if opts["ingress_class"]:
        body["ingressClassName"] = opts["ingress_class"]
    if spec.https:
        body["tls"] = [{"hosts": hosts, "secretName": spec.name("tls")}]
        if opts["cluster_issuer"]:
            md["annotations"]["cert-manager.io/cluster-issuer"] = opts["cluster_issuer"]
    backend = {"service": {"name": spec.name("web"), "port": {"number": 80}}}
    body["rules"] = [
        {"host": host, "http": {"paths": [{"path": "/", "pathType": "Prefix", "backend": backend}]}}
        for host in hosts
    ]
    return {"apiVersion": "networking.k8s.io/v1", "kind": "Ingress", "metadata": md, "spec": body}


def _policy(spec: SiteSpec, name: str, selector: Obj, types: list[str], **rules: Any) -> Obj:
    body: Obj = {"podSelector": selector, "policyTypes": types}
    body.update(rules)
    return {
        "apiVersion": "networking.k8s.io/v1",
        "kind": "NetworkPolicy",
        "metadata": meta(spec, spec.name(name), "network"),
        "spec": body,
    }


def _db_peer(opts: ClusterOptions) -> list[Obj] | None:
    if opts.managed_db:
        return [
            {
                "namespaceSelector": {
                    "matchLabels": {"kubernetes.io/metadata.name": opts["system_namespace"]}
                },
                "podSelector": {"matchLabels": {"app.kubernetes.io/name": "mariadb"}},
            }
        ]
    try:
        address = ipaddress.ip_address(opts["db_host"])
    except ValueError:
        return None  # a host name: NetworkPolicy cannot name it, so the port alone is allowed
    return [{"ipBlock": {"cidr": f"{address}/{address.max_prefixlen}"}}]


def network_policies(spec: SiteSpec, opts: ClusterOptions) -> list[Obj]:
    """Deny by default; let the ingress controller (and health Jobs) reach web pods, and the site's
    pods reach DNS and the database; Jobs may also reach the web pods and the backup store."""
    site = {"matchLabels": {INSTANCE: spec.slug}}
    served = {
        "matchLabels": {INSTANCE: spec.slug},
        "matchExpressions": [{"key": COMPONENT, "operator": "In", "values": ["web", MAINTENANCE]}],
    }
    jobs = {"matchLabels": {INSTANCE: spec.slug, COMPONENT: "job"}}
    web_port = [{"port": WEB_PORT, "protocol": "TCP"}]
    ingress_from = [
        {"namespaceSelector": {"matchLabels": {"kubernetes.io/metadata.name": opts["ingress_namespace"]}}},
        {"podSelector": jobs},
    ]
    dns = {
        "to": [{"namespaceSelector": {}, "podSelector": {"matchLabels": {"k8s-app": "kube-dns"}}}],
        "ports": [{"port": 53, "protocol": "UDP"}, {"port": 53, "protocol": "TCP"}],
    }
    db_rule: Obj = {"ports": [{"port": opts["db_port"], "protocol": "TCP"}]}
    peer = _db_peer(opts)
    if peer is not None:
        db_rule = {"to": peer, **db_rule}
    job_egress: list[Obj] = [{"to": [{"podSelector": served}], "ports": web_port}]
    if opts["backup_store"] == "s3":
        job_egress.append({"ports": [{"port": 443, "protocol": "TCP"}, {"port": 80, "protocol": "TCP"}]})
    return [
        _policy(spec, "deny-all", site, ["Ingress", "Egress"]),
        _policy(spec, "allow-web", served, ["Ingress"], ingress=[{"from": ingress_from, "ports": web_port}]),
        _policy(spec, "allow-dns-db", site, ["Egress"], egress=[dns, db_rule]),
        _policy(spec, "allow-jobs", jobs, ["Egress"], egress=job_egress),
    ]


def pod_disruption_budget(spec: SiteSpec) -> Obj | None:
    if spec.replicas <= 1:
        return None
    return {
        "apiVersion": "policy/v1",
        "kind": "PodDisruptionBudget",
        "metadata": meta(spec, spec.name("web"), "web"),
        "spec": {"maxUnavailable": 1, "selector": {"matchLabels": {INSTANCE: spec.slug, COMPONENT: "web"}}},
    }


def track_objects(spec: SiteSpec, opts: ClusterOptions, track: str) -> list[Obj]:
    """What one track needs before its Deployment: its ConfigMap, files volume and Service."""
    return [config_map(spec, track), files_pvc(spec, opts, track), track_service(spec, track)]


def site_manifests(spec: SiteSpec, opts: ClusterOptions, *, target: str | None = None) -> list[Obj]:
    """Every object of the site's current track, in apply order (Secrets without data)."""
    track = spec.track
    objs: list[Obj | None] = [
        namespace(spec, opts),
        service_account(spec),
        site_secret(spec)[0],
    ]
    settings = settings_secret(spec, track)
    objs.append(settings[0] if settings else None)
    objs += [*network_policies(spec, opts), backup_pvc(spec, opts)]
    objs += track_objects(spec, opts, track)
    objs += [
        deployment(spec, opts, track),
        main_service(spec, target or track),
        pod_disruption_budget(spec),
        ingress(spec, opts),
    ]
    return [o for o in objs if o is not None]
