"""Jobs that reach into the cluster's backup store for one backup: check it (the manifest is there,
and each part's size and sha256, reported like a backup Job's) and delete it.

They run in the site's namespace, where the store is mounted (a PVC) or its credentials are (S3),
each container one argv list. A backup is ``DOMAIN/ID`` in the store; ``ID`` is checked to be a
DNS label first, so a path or key never reaches further than that one backup.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from aegir.backends.kubernetes._render_backup import (
    REPORT_CONTAINER,
    _backup_volume,
    _s3,
    _s3_url,
    report_argv,
)
from aegir.backends.kubernetes._render_jobs import check_backup_id, site_job, tool

if TYPE_CHECKING:
    from aegir.backends.kubernetes._options import ClusterOptions
    from aegir.backends.kubernetes._spec import SiteSpec

__all__ = ["BACKUP_ANNOTATION", "MANIFEST", "check_job", "drop_job"]

Obj = dict[str, Any]
MANIFEST = "manifest.json"
#: the backup a check or delete Job is for (its id in the cluster), for whoever reads the Job
BACKUP_ANNOTATION = "aegir.io/backup"


def _for_backup(job: Obj, backup: str) -> Obj:
    job["metadata"]["annotations"][BACKUP_ANNOTATION] = backup
    return job


def _pvc_dir(spec: SiteSpec, backup: str) -> str:
    return f"/backups/{spec.domain}/{check_backup_id(backup)}"


def check_job(spec: SiteSpec, opts: ClusterOptions, backup: str, parts: tuple[str, ...]) -> Obj:
    """A Job that fails if the backup's manifest is missing or empty, and whose ``checksums``
    container reports each part's size and sha256 (a missing part fails it too)."""
    image = opts["db_image"]
    containers: list[Obj] = []
    store: list[Obj]
    if opts["backup_store"] == "s3":
        work: list[Obj] = [{"name": "work", "mountPath": "/work"}]
        url = _s3_url(opts, spec.domain, check_backup_id(backup))
        containers.append(_s3("fetch", opts, spec, ["cp", "--recursive", url, "/work/"], work))
        where, store = "/work", work
        volumes: list[Obj] = [{"name": "work", "emptyDir": {}}, {"name": "tmp", "emptyDir": {}}]
    else:
        where = _pvc_dir(spec, backup)
        store = [{"name": "backups", "mountPath": "/backups", "readOnly": True}]
        volume = _backup_volume(spec, opts)
        volume["persistentVolumeClaim"]["readOnly"] = True
        volumes = [volume]
    containers.append(
        tool("check-manifest", image, ["test", "-s", f"{where}/{MANIFEST}"], opts, mounts=store)
    )
    argv = report_argv([f"{where}/{part}" for part in parts])
    containers.append(tool(REPORT_CONTAINER, image, argv, opts, mounts=store))
    return _for_backup(site_job(spec, opts, spec.name(f"check-{backup}"), containers, volumes), backup)


def drop_job(spec: SiteSpec, opts: ClusterOptions, backup: str) -> Obj:
    """A Job that deletes the backup from the store (nothing there is fine: it is idempotent)."""
    if opts["backup_store"] == "s3":
        # the URL ends with '/': only this backup's keys, never those of an id it is a prefix of
        url = _s3_url(opts, spec.domain, check_backup_id(backup))
        container = _s3("delete", opts, spec, ["rm", "--recursive", url], [])
        volumes: list[Obj] = [{"name": "tmp", "emptyDir": {}}]
    else:
        mounts = [{"name": "backups", "mountPath": "/backups"}]
        argv = ["rm", "-r", "-f", "--", _pvc_dir(spec, backup)]
        container = tool("delete", opts["db_image"], argv, opts, mounts=mounts)
        volumes = [_backup_volume(spec, opts)]
    return _for_backup(site_job(spec, opts, spec.name(f"drop-{backup}"), [container], volumes), backup)
