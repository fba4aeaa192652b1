"""Backups as Jobs: dump, compress, archive, checksum, and the manifest written last, to a PVC or an
S3 bucket; the CronJob of scheduled backups; restore and copy Jobs that load into an empty track."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any

from aegir.backends.kubernetes._render_jobs import (
    BACKUP_ID_ENV,
    check_backup_id,
    db_args,
    secret_env,
    site_db_env,
    site_job,
    tool,
)
from aegir.backends.kubernetes._render_pod import meta

if TYPE_CHECKING:
    from aegir.backends.kubernetes._options import ClusterOptions
    from aegir.backends.kubernetes._spec import SiteSpec

__all__ = [
    "CRON_HISTORY",
    "CRON_TTL",
    "DB_PART",
    "FILES_PART",
    "REPORT_CONTAINER",
    "REPORT_MARK",
    "backup_cronjob",
    "backup_job",
    "backup_manifest",
    "copy_job",
    "report_argv",
    "restore_job",
]

Obj = dict[str, Any]
DB_PART = "db.sql.gz"
FILES_PART = "files.tar.gz"
#: the start of each line of a backup Job's report (see :func:`report_argv`)
REPORT_MARK = "aegir-backup-part"
#: the container of a backup Job whose log is its report
REPORT_CONTAINER = "checksums"
#: how many finished runs a backup CronJob keeps, and for how long (seconds): the window in which
#: ``aegir backup sync`` must see a run to record it (the report is in the run's pod log)
CRON_HISTORY = 7
CRON_TTL = 7 * 86400


def report_argv(parts: list[str]) -> list[str]:
    """What a backup Job wrote, in its log, as one argv (no shell): ``find`` prints a line
    ``aegir-backup-part NAME SIZE`` per part, then runs ``sha256sum`` on them all (``HEX  PATH``
    lines); a missing part makes it fail, and the Job with it."""
    return [
        "find",
        *parts,
        "-maxdepth",
        "0",
        "-printf",
        REPORT_MARK + r" %f %s\n",
        "-exec",
        "sha256sum",
        "{}",
        "+",
    ]


def _s3_url(opts: ClusterOptions, domain: str, backup: str) -> str:
    return f"s3://{opts['s3_bucket']}/{opts['s3_prefix']}{domain}/{backup}/"


def _s3_env(spec: SiteSpec, opts: ClusterOptions) -> list[Obj]:
    env = secret_env(
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
        "parts": ([DB_PART] if spec.db else []) + [FILES_PART],
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
        dump = ["mariadb-dump", "--single-transaction", "--quick", "--triggers", *db_args(spec)]
        dump += [f"--result-file={bdir}/db.sql", spec.db.name]
        containers.append(tool("dump-database", image, dump, opts, env=site_db_env(spec), mounts=store_mount))
        containers.append(
            tool("compress-database", image, ["gzip", "-6", f"{bdir}/db.sql"], opts, mounts=store_mount)
        )
        parts.append(f"{bdir}/{DB_PART}")
    files_mount = [{"name": "files", "mountPath": "/site", "readOnly": True}]
    tar = ["tar", "-czf", f"{bdir}/files.tar.gz", "-C", "/site", "."]
    containers.append(tool("archive-files", image, tar, opts, mounts=store_mount + files_mount))
    parts.append(f"{bdir}/{FILES_PART}")
    containers.append(tool(REPORT_CONTAINER, image, report_argv(parts), opts, mounts=store_mount))
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
            "successfulJobsHistoryLimit": CRON_HISTORY,
            "failedJobsHistoryLimit": 3,
            "jobTemplate": {
                "metadata": {"labels": job["metadata"]["labels"]},
                "spec": {**job["spec"], "ttlSecondsAfterFinished": CRON_TTL},
            },
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
    names = ([DB_PART] if spec.db else []) + [FILES_PART]
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
        load = ["mariadb", *db_args(spec), "--database", spec.db.name, "--execute", "source /work/db.sql"]
        containers.append(tool("load-database", image, load, opts, env=site_db_env(spec), mounts=work))
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
        dump = ["mariadb-dump", "--single-transaction", "--quick", "--triggers", *db_args(source)]
        dump += ["--result-file=/work/db.sql", source.db.name]
        containers.append(tool("dump-database", image, dump, opts, env=site_db_env(source), mounts=work))
        load = [
            "mariadb",
            *db_args(target),
            "--database",
            target.db.name,
            "--execute",
            "source /work/db.sql",
        ]
        containers.append(tool("load-database", image, load, opts, env=site_db_env(target), mounts=work))
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
