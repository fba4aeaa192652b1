"""Objects a Kubernetes server needs once, before any site: the system namespace, the managed
MariaDB StatefulSet (when ``database=managed``) and, with a shared namespace, that namespace and
its backup volume."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from aegir.backends.kubernetes._options import ClusterOptions

__all__ = ["admin_secret", "server_manifests"]

Obj = dict[str, Any]
MARIADB_UID = 999  # the mysql user of the official mariadb image


def _labels(opts: ClusterOptions, name: str, component: str) -> dict[str, str]:
    return {
        "app.kubernetes.io/name": name,
        "app.kubernetes.io/instance": f"aegir-{opts.server}",
        "app.kubernetes.io/component": component,
        "app.kubernetes.io/part-of": "aegir",
        "app.kubernetes.io/managed-by": "aegir",
    }


def _meta(opts: ClusterOptions, name: str, component: str, namespace: str | None = None) -> Obj:
    md: Obj = {"name": name}
    if namespace:
        md["namespace"] = namespace
    md["labels"] = _labels(opts, "mariadb" if component == "database" else "aegir", component)
    md["annotations"] = {"aegir.io/server": opts.server}
    return md


def _namespace(opts: ClusterOptions, name: str) -> Obj:
    md = _meta(opts, name, "namespace")
    md["labels"]["pod-security.kubernetes.io/enforce"] = "restricted"
    md["labels"]["pod-security.kubernetes.io/warn"] = "restricted"
    return {"apiVersion": "v1", "kind": "Namespace", "metadata": md}


def admin_secret(opts: ClusterOptions) -> tuple[Obj, dict[str, str]]:
    """The managed MariaDB's admin Secret without data, and its value templates."""
    md = _meta(opts, "mariadb-admin", "database", opts["system_namespace"])
    md["annotations"]["aegir.io/values"] = (
        "not printed: aegir fills in the data from its secret store when it applies this Secret"
    )
    secret = {"apiVersion": "v1", "kind": "Secret", "metadata": md, "type": "Opaque"}
    return secret, {"username": "root", "password": "{{secret:server/" + opts.server + "/db-admin}}"}


def _mariadb(opts: ClusterOptions) -> list[Obj]:
    ns = opts["system_namespace"]
    selector = _labels(opts, "mariadb", "database")
    container = {
        "name": "mariadb",
        "image": opts["db_image"],
        "imagePullPolicy": opts["image_pull_policy"],
        "args": ["--character-set-server=utf8mb4", "--collation-server=utf8mb4_unicode_ci"],
        "env": [
            {
                "name": "MARIADB_ROOT_PASSWORD",
                "valueFrom": {"secretKeyRef": {"name": "mariadb-admin", "key": "password"}},
            }
        ],
        "ports": [{"name": "mysql", "containerPort": 3306, "protocol": "TCP"}],
        "volumeMounts": [
            {"name": "data", "mountPath": "/var/lib/mysql"},
            {"name": "run", "mountPath": "/run/mysqld"},
            {"name": "tmp", "mountPath": "/tmp"},  # noqa: S108 - an emptyDir, private to the pod
        ],
        "resources": {"requests": {"cpu": "100m", "memory": "256Mi"}, "limits": {"memory": "1Gi"}},
        "securityContext": {
            "allowPrivilegeEscalation": False,
            "readOnlyRootFilesystem": True,
            "capabilities": {"drop": ["ALL"]},
        },
        "readinessProbe": {"tcpSocket": {"port": "mysql"}, "periodSeconds": 5},
        "livenessProbe": {"tcpSocket": {"port": "mysql"}, "initialDelaySeconds": 30, "periodSeconds": 10},
    }
    claim: Obj = {
        "metadata": {"name": "data"},
        "spec": {
            "accessModes": ["ReadWriteOnce"],
            "resources": {"requests": {"storage": opts["db_storage_size"]}},
        },
    }
    if opts["storage_class"]:
        claim["spec"]["storageClassName"] = opts["storage_class"]
    statefulset = {
        "apiVersion": "apps/v1",
        "kind": "StatefulSet",
        "metadata": _meta(opts, "mariadb", "database", ns),
        "spec": {
            "serviceName": "mariadb",
            "replicas": 1,
            "selector": {"matchLabels": selector},
            "template": {
                "metadata": {"labels": selector},
                "spec": {
                    "automountServiceAccountToken": False,
                    "enableServiceLinks": False,
                    "securityContext": {
                        "runAsNonRoot": True,
                        "runAsUser": MARIADB_UID,
                        "runAsGroup": MARIADB_UID,
                        "fsGroup": MARIADB_UID,
                        "seccompProfile": {"type": "RuntimeDefault"},
                    },
                    "containers": [container],
                    "volumes": [{"name": "run", "emptyDir": {}}, {"name": "tmp", "emptyDir": {}}],
                },
            },
            "volumeClaimTemplates": [claim],
        },
    }
    service = {
        "apiVersion": "v1",
        "kind": "Service",
        "metadata": _meta(opts, "mariadb", "database", ns),
        "spec": {
            "type": "ClusterIP",
            "selector": selector,
            "ports": [{"name": "mysql", "port": 3306, "targetPort": "mysql", "protocol": "TCP"}],
        },
    }
    policy = {
        "apiVersion": "networking.k8s.io/v1",
        "kind": "NetworkPolicy",
        "metadata": _meta(opts, "mariadb", "database", ns),
        "spec": {
            "podSelector": {"matchLabels": selector},
            "policyTypes": ["Ingress"],
            "ingress": [
                {
                    "from": [
                        {"namespaceSelector": {"matchLabels": {"app.kubernetes.io/managed-by": "aegir"}}}
                    ],
                    "ports": [{"port": 3306, "protocol": "TCP"}],
                }
            ],
        },
    }
    return [service, policy, statefulset]


def server_manifests(opts: ClusterOptions) -> list[Obj]:
    """The server's objects in apply order; the admin Secret (see :func:`admin_secret`) goes first
    of the MariaDB objects and is applied with its values by the setup step."""
    objs: list[Obj] = [_namespace(opts, opts["system_namespace"])]
    if opts.shared_namespace:
        objs.append(_namespace(opts, opts["namespace"]))
        if opts["backup_store"] == "pvc":
            spec: Obj = {
                "accessModes": ["ReadWriteMany"],
                "resources": {"requests": {"storage": opts["backup_size"]}},
            }
            if opts["backup_storage_class"]:
                spec["storageClassName"] = opts["backup_storage_class"]
            objs.append(
                {
                    "apiVersion": "v1",
                    "kind": "PersistentVolumeClaim",
                    "metadata": _meta(opts, "aegir-backups", "backup", opts["namespace"]),
                    "spec": spec,
                }
            )
    if opts.managed_db:
        objs += _mariadb(opts)
    return objs
