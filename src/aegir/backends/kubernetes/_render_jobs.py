"""The Jobs (and the backup CronJob) that carry out a site's operations inside the cluster.

Every container runs one argv list, never a shell script: a pipeline becomes a row of init
containers sharing an emptyDir (dump, then compress, then upload; the manifest is written last).
Database admin Jobs run in the system namespace, where the admin credentials are; a site's
namespace never holds them.
"""

from __future__ import annotations

import json
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
    "STATUS_MARK",
    "backup_cronjob",
    "backup_job",
    "check_backup_id",
    "copy_job",
    "db_create_job",
    "db_drop_job",
    "health_job",
    "restore_job",
    "tool",
]

Obj = dict[str, Any]
STATUS_MARK = "aegir-http-status="
BACKUP_ID_ENV = "AEGIR_BACKUP_ID"
_BACKUP_ID = re.compile(r"[a-z0-9][a-z0-9-]{0,39}")
_JOB_TTL = 86400


def check_backup_id(value: str) -> str:
    if not _BACKUP_ID.fullmatch(value):
        raise ValidationError(f"invalid backup id {value!r}: use 1-40 lower-case letters, digits or '-'")
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


def _secret_env(secret: str, pairs: dict[str, str]) -> list[Obj]:
    return [
        {"name": env, "valueFrom": {"secretKeyRef": {"name": secret, "key": key}}}
        for env, key in pairs.items()
    ]


def _db(spec: SiteSpec) -> DbSpec:
    if spec.db is None:
        raise ValidationError(f"site {spec.domain!r} has no database (its application does not use one)")
    return spec.db


def _site_db_env(spec: SiteSpec) -> list[Obj]:
    return _secret_env(spec.name("secrets"), {"MYSQL_PWD": _db(spec).password_key})


def _db_args(spec: SiteSpec) -> list[str]:
    db = _db(spec)
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
    db = _db(spec)
    env = _secret_env(opts.db_admin_secret, {"AEGIR_DB_ADMIN_USER": "username", "MYSQL_PWD": "password"})
    argv = ["mariadb", "--host", db.host, "--port", str(db.port), "--user", "$(AEGIR_DB_ADMIN_USER)"]
    return tool(name, opts["db_image"], argv + sql_argv, opts, env=env, mounts=mounts)


def db_create_job(spec: SiteSpec, opts: ClusterOptions) -> tuple[Obj, dict[str, str], Obj]:
    """A Secret holding the setup SQL (filled in at apply time: it carries the password), and the Job
    that runs it as the admin: the track's database, the site's user, grants on that database only."""
    db = _db(spec)
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
    db = _db(spec)
    sql = f"DROP DATABASE IF EXISTS `{db.name}`;"
    if drop_user:
        sql += f" DROP USER IF EXISTS '{db.user}'@'%';"
    name = _naming.fit(f"db-drop-{spec.slug}-{spec.track}")
    md, pod_labels = _admin_meta(spec, opts, name)
    container = _admin_container("drop-database", spec, opts, ["--execute", sql], [])
    return _job(
        md, pod_labels=pod_labels, opts=opts, containers=[container], volumes=[], service_account=None
    )


# -- backups ---------------------------------------------------------------------------------
def _s3_url(opts: ClusterOptions, domain: str, backup: str) -> str:
    return f"s3://{opts['s3_bucket']}/{opts['s3_prefix']}{domain}/{backup}/"


def _s3_env(spec: SiteSpec, opts: ClusterOptions) -> list[Obj]:
    env = _secret_env(
        spec.name("backup-credentials"),
        {"AWS_ACCESS_KEY_ID": "access-key-id", "AWS_SECRET_ACCESS_KEY": "secret-access-key"},
    )
    env += [{"name": "AWS_DEFAULT_REGION", "value": opts["s3_region"]}, {"name": "HOME", "value": "/tmp"}]  # noqa: S108 - an emptyDir
    return env


def _s3(name: str, opts: ClusterOptions, spec: SiteSpec, args: list[str], mounts: list[Obj]) -> Obj:
    argv = ["aws", "s3", *args]
    if opts["s3_endpoint"]:
        argv += ["--endpoint-url", opts["s3_endpoint"]]
    tmp = [{"name": "tmp", "mountPath": "/tmp"}]  # noqa: S108 - an emptyDir, private to the pod
    return tool(name, opts["s3_image"], argv, opts, env=_s3_env(spec, opts), mounts=mounts + tmp)


def _backup_volume(spec: SiteSpec, opts: ClusterOptions) -> Obj:
    claim = "aegir-backups" if opts.shared_namespace else spec.name("backups")
    return {"name": "backups", "persistentVolumeClaim": {"claimName": claim}}


def backup_manifest(spec: SiteSpec, opts: ClusterOptions, backup: str | None, created: str) -> Obj:
    """The ConfigMap with the backup's manifest.json: written into the store last, after every part."""
    data = {
        "site": spec.domain,
        "backup": backup or "scheduled",
        "created": created,
        "codebase": spec.codebase,
        "image": spec.image,
        "app": spec.app,
        "app_version": spec.app_version,
        "parts": (["db.sql.gz"] if spec.db else []) + ["files.tar.gz"],
        "store": opts["backup_store"],
    }
    name = spec.name(f"backup-{backup}" if backup else "backup-manifest")
    return {
        "apiVersion": "v1",
        "kind": "ConfigMap",
        "metadata": meta(spec, name, "backup"),
        "data": {"manifest.json": json.dumps(data, indent=2, sort_keys=True) + "\n"},
    }


def _backup_containers(
    spec: SiteSpec, opts: ClusterOptions, manifest_map: str
) -> tuple[list[Obj], list[Obj]]:
    s3 = opts["backup_store"] == "s3"
    bdir = "/work" if s3 else f"/backups/{spec.domain}/$({BACKUP_ID_ENV})"
    store_mount = [{"name": "work" if s3 else "backups", "mountPath": "/work" if s3 else "/backups"}]
    image = opts["db_image"]
    containers: list[Obj] = []
    if not s3:
        containers.append(tool("make-dir", image, ["mkdir", "-p", bdir], opts, mounts=store_mount))
    parts = []
    if spec.db:
        dump = ["mariadb-dump", "--single-transaction", "--quick", "--triggers", *_db_args(spec)]
        dump += [f"--result-file={bdir}/db.sql", spec.db.name]
        containers.append(
            tool("dump-database", image, dump, opts, env=_site_db_env(spec), mounts=store_mount)
        )
        containers.append(
            tool("compress-database", image, ["gzip", "-6", f"{bdir}/db.sql"], opts, mounts=store_mount)
        )
        parts.append(f"{bdir}/db.sql.gz")
    files_mount = [{"name": "files", "mountPath": "/site", "readOnly": True}]
    tar = ["tar", "-czf", f"{bdir}/files.tar.gz", "-C", "/site", "."]
    containers.append(tool("archive-files", image, tar, opts, mounts=store_mount + files_mount))
    parts.append(f"{bdir}/files.tar.gz")
    containers.append(tool("checksums", image, ["sha256sum", *parts], opts, mounts=store_mount))
    manifest_mount = [{"name": "manifest", "mountPath": "/aegir/manifest", "readOnly": True}]
    if s3:
        url = _s3_url(opts, spec.domain, f"$({BACKUP_ID_ENV})")
        containers.append(_s3("upload-parts", opts, spec, ["cp", "--recursive", "/work/", url], store_mount))
        containers.append(
            _s3(
                "upload-manifest",
                opts,
                spec,
                ["cp", "/aegir/manifest/manifest.json", url + "manifest.json"],
                manifest_mount,
            )
        )
    else:
        cp = ["cp", "/aegir/manifest/manifest.json", f"{bdir}/manifest.json"]
        containers.append(tool("write-manifest", image, cp, opts, mounts=store_mount + manifest_mount))
    volumes: list[Obj] = [
        {"name": "files", "persistentVolumeClaim": {"claimName": spec.tracked("files"), "readOnly": True}},
        {"name": "manifest", "configMap": {"name": manifest_map}},
        {"name": "work", "emptyDir": {}} if s3 else _backup_volume(spec, opts),
        {"name": "tmp", "emptyDir": {}},
    ]
    return containers, volumes


def _with_backup_id(containers: list[Obj], value: Obj) -> list[Obj]:
    """Every container gets the backup id (used in paths as ``$(AEGIR_BACKUP_ID)``)."""
    return [{**c, "env": [{"name": BACKUP_ID_ENV, **value}, *c.get("env", [])]} for c in containers]


def backup_job(spec: SiteSpec, opts: ClusterOptions, backup: str, created: str) -> tuple[Obj, Obj]:
    """The manifest ConfigMap and the Job that backs up the current track to the store."""
    check_backup_id(backup)
    manifest = backup_manifest(spec, opts, backup, created)
    containers, volumes = _backup_containers(spec, opts, manifest["metadata"]["name"])
    containers = _with_backup_id(containers, {"value": backup})
    return manifest, site_job(spec, opts, spec.name(f"backup-{backup}"), containers, volumes)


def backup_cronjob(spec: SiteSpec, opts: ClusterOptions, schedule: str, created: str) -> tuple[Obj, Obj]:
    """Scheduled backups: each run's id is the name of the Job the CronJob made."""
    manifest = backup_manifest(spec, opts, None, created)
    containers, volumes = _backup_containers(spec, opts, manifest["metadata"]["name"])
    job_name = {"valueFrom": {"fieldRef": {"fieldPath": "metadata.labels['batch.kubernetes.io/job-name']"}}}
    job = site_job(spec, opts, "unused", _with_backup_id(containers, job_name), volumes)
    cron = {
        "apiVersion": "batch/v1",
        "kind": "CronJob",
        "metadata": meta(spec, spec.name("backup"), "backup"),
        "spec": {
            "schedule": schedule,
            "concurrencyPolicy": "Forbid",
            "startingDeadlineSeconds": 600,
            "successfulJobsHistoryLimit": 3,
            "failedJobsHistoryLimit": 3,
            "jobTemplate": {"metadata": {"labels": job["metadata"]["labels"]}, "spec": job["spec"]},
        },
    }
    return manifest, cron


def restore_job(spec: SiteSpec, opts: ClusterOptions, source_domain: str, backup: str) -> Obj:
    """Load a backup (of ``source_domain``) into this track's empty database and files volume.

    The manifest is fetched first: a backup without one is incomplete and the Job fails there.
    """
    check_backup_id(backup)
    image = opts["db_image"]
    work = [{"name": "work", "mountPath": "/work"}]
    containers: list[Obj] = []
    names = (["db.sql.gz"] if spec.db else []) + ["files.tar.gz"]
    if opts["backup_store"] == "s3":
        url = _s3_url(opts, source_domain, backup)
        containers.append(
            _s3("fetch-manifest", opts, spec, ["cp", url + "manifest.json", "/work/manifest.json"], work)
        )
        containers += [
            _s3(f"fetch-{i}", opts, spec, ["cp", url + n, f"/work/{n}"], work) for i, n in enumerate(names)
        ]
    else:
        src = f"/backups/{source_domain}/{backup}"
        store = [{"name": "backups", "mountPath": "/backups", "readOnly": True}]
        containers.append(
            tool("fetch-manifest", image, ["cp", f"{src}/manifest.json", "/work/"], opts, mounts=work + store)
        )
        containers.append(
            tool(
                "fetch-parts",
                image,
                ["cp", *[f"{src}/{n}" for n in names], "/work/"],
                opts,
                mounts=work + store,
            )
        )
    if spec.db:
        containers.append(
            tool("decompress-database", image, ["gzip", "-d", "/work/db.sql.gz"], opts, mounts=work)
        )
        load = ["mariadb", *_db_args(spec), "--database", spec.db.name, "--execute", "source /work/db.sql"]
        containers.append(tool("load-database", image, load, opts, env=_site_db_env(spec), mounts=work))
    untar = ["tar", "-xzf", "/work/files.tar.gz", "-C", "/site", "--no-same-owner"]
    containers.append(
        tool("extract-files", image, untar, opts, mounts=[*work, {"name": "files", "mountPath": "/site"}])
    )
    volumes: list[Obj] = [
        {"name": "files", "persistentVolumeClaim": {"claimName": spec.tracked("files")}},
        {"name": "work", "emptyDir": {}},
        {"name": "tmp", "emptyDir": {}},
    ]
    if opts["backup_store"] != "s3":
        volumes.append(_backup_volume(spec, opts))
    return site_job(spec, opts, spec.name(f"restore-{backup}-{spec.track}"), containers, volumes)


def copy_job(source: SiteSpec, target: SiteSpec, opts: ClusterOptions) -> Obj:
    """Copy the live data of one track into another's empty database and files volume."""
    image = opts["db_image"]
    work = [{"name": "work", "mountPath": "/work"}]
    containers: list[Obj] = []
    if source.db and target.db:
        dump = ["mariadb-dump", "--single-transaction", "--quick", "--triggers", *_db_args(source)]
        dump += ["--result-file=/work/db.sql", source.db.name]
        containers.append(tool("dump-database", image, dump, opts, env=_site_db_env(source), mounts=work))
        load = [
            "mariadb",
            *_db_args(target),
            "--database",
            target.db.name,
            "--execute",
            "source /work/db.sql",
        ]
        containers.append(tool("load-database", image, load, opts, env=_site_db_env(target), mounts=work))
    copy = ["cp", "-R", "--preserve=mode,timestamps", "/from/.", "/to/"]
    mounts: list[Obj] = [
        {"name": "from", "mountPath": "/from", "readOnly": True},
        {"name": "to", "mountPath": "/to"},
    ]
    containers.append(tool("copy-files", image, copy, opts, mounts=mounts))
    volumes: list[Obj] = [
        {"name": "from", "persistentVolumeClaim": {"claimName": source.tracked("files"), "readOnly": True}},
        {"name": "to", "persistentVolumeClaim": {"claimName": target.tracked("files")}},
        {"name": "work", "emptyDir": {}},
    ]
    return site_job(target, opts, target.name(f"copy-{source.track}-to-{target.track}"), containers, volumes)


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
