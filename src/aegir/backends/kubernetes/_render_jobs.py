"""The Jobs that carry out a site's operations inside the cluster: the building blocks, the database
admin Jobs, health checks, and Jobs in the codebase image (backups are in :mod:`._render_backup`).

Every container runs one argv list, never a shell script: a pipeline becomes a row of init
containers sharing an emptyDir (dump, then compress, then upload; the manifest is written last).
Database admin Jobs run in the system namespace, where the admin credentials are; a site's
namespace never holds them.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any

from aegir.backends.kubernetes import _naming
from aegir.backends.kubernetes._render_pod import (
    container_security,
    labels,
    meta,
    php_env,
    php_mounts,
    php_volumes,
    pod_security,
)
from aegir.core.errors import ValidationError

if TYPE_CHECKING:
    from aegir.backends.kubernetes._options import ClusterOptions
    from aegir.backends.kubernetes._spec import DbSpec, SiteSpec

__all__ = [
    "BACKUP_ID_ENV",
    "STATUS_MARK",
    "check_backup_id",
    "db_args",
    "db_create_job",
    "db_drop_job",
    "db_of",
    "health_job",
    "is_backup_id",
    "php_job",
    "secret_env",
    "site_db_env",
    "site_job",
    "tool",
]

Obj = dict[str, Any]
STATUS_MARK = "aegir-http-status="
BACKUP_ID_ENV = "AEGIR_BACKUP_ID"
#: a backup's id in the cluster: Aegir's stamps (``20250601-120000``) and the names of the Jobs a
#: backup CronJob makes, which Kubernetes keeps to a DNS label (63 characters: the CronJob's name,
#: at most 52, ``-`` and the minute of the run); Job and ConfigMap names built from it are fitted
#: to 63 by :func:`._naming.fit`, and in the store it is one path component
_BACKUP_ID = re.compile(r"[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?")
_JOB_TTL = 86400


def is_backup_id(value: str) -> bool:
    """A cluster backup id, which is also how Kubernetes names its objects: a DNS label."""
    return _BACKUP_ID.fullmatch(value) is not None


def check_backup_id(value: str) -> str:
    if not is_backup_id(value):
        raise ValidationError(
            f"invalid backup id {value!r}: use 1-63 lower-case letters, digits or '-', "
            "starting and ending with a letter or digit"
        )
    return value


def tool(
    name: str,
    image: str,
    argv: list[str],
    opts: ClusterOptions,
    *,
    env: list[Obj] | None = None,
    mounts: list[Obj] | None = None,
    workdir: str | None = None,
    read_only: bool = True,
) -> Obj:
    """One container of a Job: one command, as an argv list."""
    out: Obj = {"name": name, "image": image, "imagePullPolicy": opts["image_pull_policy"], "command": argv}
    if workdir:
        out["workingDir"] = workdir
    if env:
        out["env"] = env
    if mounts:
        out["volumeMounts"] = mounts
    out["resources"] = {
        "requests": {"cpu": "50m", "memory": "64Mi"},
        "limits": {"memory": opts["job_memory_limit"]},
    }
    out["securityContext"] = container_security(read_only)
    return out


def _job(
    md: Obj,
    *,
    pod_labels: dict[str, str],
    opts: ClusterOptions,
    containers: list[Obj],
    volumes: list[Obj],
    service_account: str | None,
) -> Obj:
    pod: Obj = {
        "restartPolicy": "Never",
        "automountServiceAccountToken": False,
        "enableServiceLinks": False,
        "securityContext": pod_security(opts),
    }
    if service_account:
        pod["serviceAccountName"] = service_account
    if len(containers) > 1:
        pod["initContainers"] = containers[:-1]
    pod["containers"] = containers[-1:]
    pod["volumes"] = volumes
    return {
        "apiVersion": "batch/v1",
        "kind": "Job",
        "metadata": md,
        "spec": {
            "backoffLimit": 0,
            "activeDeadlineSeconds": int(opts["job_timeout"]),
            "ttlSecondsAfterFinished": _JOB_TTL,
            "template": {"metadata": {"labels": pod_labels}, "spec": pod},
        },
    }


def site_job(
    spec: SiteSpec, opts: ClusterOptions, name: str, containers: list[Obj], volumes: list[Obj]
) -> Obj:
    """A Job in the site's namespace, under the site's ServiceAccount."""
    return _job(
        meta(spec, name, "job"),
        pod_labels=labels(spec, "job"),
        opts=opts,
        containers=containers,
        volumes=volumes,
        service_account=spec.name("site"),
    )


def secret_env(secret: str, pairs: dict[str, str]) -> list[Obj]:
    return [
        {"name": env, "valueFrom": {"secretKeyRef": {"name": secret, "key": key}}}
        for env, key in pairs.items()
    ]


def db_of(spec: SiteSpec) -> DbSpec:
    if spec.db is None:
        raise ValidationError(f"site {spec.domain!r} has no database (its application does not use one)")
    return spec.db


def site_db_env(spec: SiteSpec) -> list[Obj]:
    return secret_env(spec.name("secrets"), {"MYSQL_PWD": db_of(spec).password_key})


def db_args(spec: SiteSpec) -> list[str]:
    db = db_of(spec)
    return ["--host", db.host, "--port", str(db.port), "--user", db.user]


# -- database admin (system namespace) -----------------------------------------------------------
def _admin_meta(spec: SiteSpec, opts: ClusterOptions, name: str) -> tuple[Obj, dict[str, str]]:
    pod_labels = {
        "app.kubernetes.io/name": "mariadb-admin",
        "app.kubernetes.io/instance": f"aegir-{opts.server}",
        "app.kubernetes.io/component": "db-admin",
        "app.kubernetes.io/part-of": "aegir",
        "app.kubernetes.io/managed-by": "aegir",
        _naming.SITE_LABEL: spec.slug,
    }
    md = {
        "name": name,
        "namespace": opts["system_namespace"],
        "labels": dict(pod_labels),
        "annotations": {_naming.DOMAIN_ANNOTATION: spec.domain},
    }
    return md, pod_labels


def _admin_container(
    name: str, spec: SiteSpec, opts: ClusterOptions, sql_argv: list[str], mounts: list[Obj]
) -> Obj:
    db = db_of(spec)
    env = secret_env(opts.db_admin_secret, {"AEGIR_DB_ADMIN_USER": "username", "MYSQL_PWD": "password"})
    argv = ["mariadb", "--host", db.host, "--port", str(db.port), "--user", "$(AEGIR_DB_ADMIN_USER)"]
    return tool(name, opts["db_image"], argv + sql_argv, opts, env=env, mounts=mounts)


def db_create_job(spec: SiteSpec, opts: ClusterOptions) -> tuple[Obj, dict[str, str], Obj]:
    """A Secret holding the setup SQL (filled in at apply time: it carries the password), and the Job
    that runs it as the admin: the track's database, the site's user, grants on that database only."""
    db = db_of(spec)
    name = _naming.fit(f"db-create-{spec.slug}-{spec.track}")
    md, _ = _admin_meta(spec, opts, name)
    secret = {
        "apiVersion": "v1",
        "kind": "Secret",
        "metadata": {
            **md,
            "annotations": {**md["annotations"], "aegir.io/values": "the setup SQL; filled in at apply time"},
        },
        "type": "Opaque",
    }
    password = "{{secret:" + next(k.secret for k in spec.secrets if k.key == db.password_key) + "}}"
    sql = (
        f"CREATE DATABASE `{db.name}` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;\n"
        f"CREATE USER IF NOT EXISTS '{db.user}'@'%' IDENTIFIED BY '{password}';\n"
        f"ALTER USER '{db.user}'@'%' IDENTIFIED BY '{password}';\n"
        f"GRANT ALL PRIVILEGES ON `{db.name}`.* TO '{db.user}'@'%';\n"
    )
    md, pod_labels = _admin_meta(spec, opts, name)
    mounts = [{"name": "sql", "mountPath": "/aegir/sql", "readOnly": True}]
    container = _admin_container(
        "create-database", spec, opts, ["--execute", "source /aegir/sql/setup.sql"], mounts
    )
    volumes = [{"name": "sql", "secret": {"secretName": name, "defaultMode": 0o440}}]
    job = _job(
        md, pod_labels=pod_labels, opts=opts, containers=[container], volumes=volumes, service_account=None
    )
    return secret, {"setup.sql": sql}, job


def db_drop_job(spec: SiteSpec, opts: ClusterOptions, *, drop_user: bool) -> Obj:
    """Drop the track's database (and the site's user, when the whole site goes)."""
    db = db_of(spec)
    sql = f"DROP DATABASE IF EXISTS `{db.name}`;"
    if drop_user:
        sql += f" DROP USER IF EXISTS '{db.user}'@'%';"
    name = _naming.fit(f"db-drop-{spec.slug}-{spec.track}")
    md, pod_labels = _admin_meta(spec, opts, name)
    container = _admin_container("drop-database", spec, opts, ["--execute", sql], [])
    return _job(
        md, pod_labels=pod_labels, opts=opts, containers=[container], volumes=[], service_account=None
    )


def health_job(spec: SiteSpec, opts: ClusterOptions, service: str, path: str, *, retry: bool) -> Obj:
    """curl the site through a Service with its Host header; the page and status land in the logs."""
    argv = ["curl", "--silent", "--show-error", "--max-time", "30", "--header", f"Host: {spec.domain}"]
    if retry:
        argv += ["--retry", "10", "--retry-delay", "3", "--retry-connrefused"]
    argv += ["--output", "-", "--write-out", f"\\n{STATUS_MARK}%{{http_code}}\\n", f"http://{service}{path}"]
    container = tool("http-get", opts["curl_image"], argv, opts)
    return site_job(spec, opts, spec.name(f"health-{service}"), [container], [])


def php_job(
    spec: SiteSpec, opts: ClusterOptions, name: str, containers: list[Obj], extra_volumes: list[Obj]
) -> Obj:
    """A Job whose containers run in the codebase image with the site's volumes, settings and secrets."""
    ready = [
        {
            **c,
            "env": php_env(spec) + c.get("env", []),
            "volumeMounts": php_mounts(spec, opts) + c.get("volumeMounts", []),
        }
        for c in containers
    ]
    return site_job(spec, opts, name, ready, php_volumes(spec, spec.track) + extra_volumes)
