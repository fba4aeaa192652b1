"""Backups the cluster made, as records in Aegir's inventory.

A backup Job (``aegir site backup``, a safety or final backup, or a run of the site's backup
CronJob) writes its parts into the cluster's backup store, which Aegir cannot read from where it
runs. So the Job reports what it wrote: its ``checksums`` container prints one line
``aegir-backup-part NAME SIZE`` per part and ``sha256sum``'s ``HEX  PATH`` line for each. This
module parses that report (untrusted text: a line it does not understand makes the record go
without sizes, never an exception), names the store, builds the inventory's
:class:`~aegir.core.model.Backup`, and finds the Jobs a site's backup CronJob made (``backup sync``).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Container, Mapping
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any, Protocol, runtime_checkable

from attrs import field, frozen

from aegir.backends.kubernetes._render_backup import DB_PART, FILES_PART, REPORT_CONTAINER, REPORT_MARK
from aegir.backends.kubernetes._render_jobs import is_backup_id
from aegir.backends.kubernetes._wait import JOB_NAME_LABEL
from aegir.core import _convert

if TYPE_CHECKING:
    from aegir.backends.kubernetes._api import KubeApi
    from aegir.backends.kubernetes._options import ClusterOptions
    from aegir.backends.kubernetes._spec import SiteSpec
    from aegir.core.model import Backup, Codebase, Site

__all__ = [
    "BackupRecord",
    "PartReport",
    "Report",
    "ScheduledRun",
    "backup_of",
    "lookup_facts",
    "parse_report",
    "record_for",
    "report_text",
    "scheduled_runs",
    "site_facts",
    "store_of",
]

Obj = dict[str, Any]
_LINE_LIMIT = 400
_SIZE_LINE = re.compile(re.escape(REPORT_MARK) + r" ([a-z0-9][a-z0-9._-]{0,99}) ([0-9]{1,18})")
_SUM_LINE = re.compile(r"([0-9a-f]{64})  (?:\S*/)?([a-z0-9][a-z0-9._-]{0,99})")


# -- the report --------------------------------------------------------------------------------


@frozen
class PartReport:
    name: str
    size: int
    sha256: str


@frozen
class Report:
    """What a backup Job reported: every part's size and sha256, or why they are not known."""

    parts: tuple[PartReport, ...] = ()
    problem: str | None = None

    @property
    def size(self) -> int:
        return sum(p.size for p in self.parts)


def _shown(line: str) -> str:
    return repr(line[:60] + ("..." if len(line) > 60 else ""))


def _line(line: str) -> tuple[str, int | None, str] | None:
    """A size line (name, size, "") or a checksum line (name, None, sha256); None for anything else."""
    if len(line) > _LINE_LIMIT:
        return None
    if size := _SIZE_LINE.fullmatch(line):
        return size.group(1), int(size.group(2)), ""
    if digest := _SUM_LINE.fullmatch(line):
        return digest.group(2), None, digest.group(1)
    return None


def parse_report(text: str | None, expected: tuple[str, ...]) -> Report:
    """The sizes and sha256 of the ``expected`` parts from the report's log text, all or none:
    a line that is neither a size nor a checksum line, a part reported twice differently, a part
    the backup does not have, or one missing, give a Report with only a ``problem``."""
    if not text or not text.strip():
        return Report(problem="the backup Job's report could not be read (its pod or log is gone)")
    sizes: dict[str, int] = {}
    sums: dict[str, str] = {}
    for number, raw in enumerate(text.splitlines(), 1):
        line = raw.rstrip("\r")
        if not line.strip():
            continue
        found = _line(line)
        if found is None:
            return Report(
                problem=f"line {number} of the backup Job's report is not understood: {_shown(line)}"
            )
        name, size, digest = found
        if name not in expected:
            return Report(problem=f"the backup Job reports a part {name!r} that the backup does not have")
        contradicts = (
            sizes.setdefault(name, size) != size
            if size is not None
            else sums.setdefault(name, digest) != digest
        )
        if contradicts:
            return Report(problem=f"the backup Job reports part {name} twice, differently")
    missing = [n for n in expected if n not in sizes or n not in sums]
    if missing:
        return Report(problem=f"the backup Job did not report the size and sha256 of {', '.join(missing)}")
    return Report(parts=tuple(PartReport(n, sizes[n], sums[n]) for n in expected))


def report_text(logs: list[tuple[str, str]]) -> str | None:
    """The report container's log among a Job's logs (container, text), or None."""
    texts = [text for container, text in logs if container == REPORT_CONTAINER]
    return "".join(texts) if texts else None


# -- the store and the record ------------------------------------------------------------------


def store_of(opts: ClusterOptions, namespace: str) -> tuple[str, str]:
    """The store's name in the inventory (``kubernetes:SERVER:WHERE``) and where it is: an S3 URL,
    or ``pvc/NAMESPACE/CLAIM`` (the claim of the site's namespace, or the shared one)."""
    if opts["backup_store"] == "s3":
        where = f"s3://{opts['s3_bucket']}/{opts['s3_prefix']}"
    else:
        claim = "aegir-backups" if opts.shared_namespace else "backups"
        where = f"pvc/{namespace}/{claim}"
    return f"kubernetes:{opts.server}:{where}", where


@frozen
class BackupRecord:
    """What the inventory will say about a backup the cluster makes, known before the Job runs."""

    id: str
    cluster_id: str
    site: str
    server: str
    store: str
    location: str
    created: datetime
    codebase: str
    app: str
    app_version: str | None
    image: str
    namespace: str
    db_name: str | None
    parts: tuple[str, ...] = field(converter=_convert.strs)
    job: str = ""
    scheduled: bool = False


def inventory_id(domain: str, cluster_id: str) -> str:
    """The backup's id in the inventory: the cluster's id is unique per site only (a CronJob's Job
    is ``backup-<minute>`` in every site's namespace), so the domain comes first."""
    from aegir.core.storage import check_backup_id

    return check_backup_id(f"{domain}-{cluster_id}")


def record_for(
    spec: SiteSpec,
    opts: ClusterOptions,
    cluster_id: str,
    created: datetime,
    *,
    job: str = "",
    scheduled: bool = False,
    parts: tuple[str, ...] | None = None,
    subject: Mapping[str, str] | None = None,
) -> BackupRecord:
    """The record of backup ``cluster_id`` of the site; ``subject`` (codebase, app_version, image)
    is what the backup's manifest says when it is not the site's current codebase."""
    store, where = store_of(opts, spec.namespace)
    subject = subject if subject and subject.get("codebase") else None
    if opts["backup_store"] == "s3":
        location = f"{where}{spec.domain}/{cluster_id}/"
    else:
        location = f"{where}:/{spec.domain}/{cluster_id}/"
    return BackupRecord(
        id=inventory_id(spec.domain, cluster_id),
        cluster_id=cluster_id,
        site=spec.domain,
        server=opts.server,
        store=store,
        location=location,
        created=created.astimezone(UTC),
        codebase=subject["codebase"] if subject else spec.codebase,
        app=spec.app,
        app_version=subject.get("app_version") if subject else spec.app_version,
        image=(subject.get("image") if subject else None) or spec.image,
        namespace=spec.namespace,
        db_name=spec.db.name if spec.db else None,
        parts=parts if parts is not None else ((DB_PART,) if spec.db else ()) + (FILES_PART,),
        job=job,
        scheduled=scheduled,
    )


@runtime_checkable
class SiteLookup(Protocol):
    """What the record needs of the inventory, where it has it: the site and its codebase."""

    def find_site(self, domain: str) -> Site | None: ...
    def get_codebase(self, name: str) -> Codebase: ...


def site_facts(site: Site | None, codebase: Codebase | None) -> tuple[dict[str, str], str | None]:
    """What the record keeps about the site besides its parts (never a secret), so a deleted site
    can be cloned back; and the package digest of the codebase's last scan."""
    digest = None
    if codebase is not None and codebase.scan is not None:
        from aegir.core.packages import PackageSet

        digest = PackageSet.from_scan(codebase.scan).digest()
    if site is None:
        return {}, digest
    from aegir.core.backup_steps import site_facts as manifest_facts

    facts = manifest_facts(
        site, url=f"{'https' if site.https else 'http'}://{site.domain}", db_name=site.db_name
    )
    return facts, digest


def lookup_facts(inventory: object, record: BackupRecord) -> tuple[dict[str, str], str | None]:
    """:func:`site_facts` from the inventory a step runs with (nothing if it cannot tell)."""
    from aegir.core.errors import AegirError

    if not isinstance(inventory, SiteLookup):
        return {}, None
    site = inventory.find_site(record.site)
    try:
        codebase = inventory.get_codebase(record.codebase)
    except AegirError:
        codebase = None
    return site_facts(site, codebase)


def backup_of(
    record: BackupRecord,
    report: Report,
    *,
    completed: datetime,
    facts: Mapping[str, str],
    package_digest: str | None,
) -> Backup:
    """The inventory's Backup: complete (the Job succeeded), shaped like a local backup's manifest,
    with where the cluster keeps it under ``backend_store``."""
    from aegir.core.model import Backup, BackupState
    from aegir.core.version import __version__

    if report.problem is None:
        parts: list[Obj] = [
            {"name": p.name, "size": p.size, "sha256": p.sha256, "compression": "gzip"} for p in report.parts
        ]
        warnings: list[str] = []
    else:
        parts = [{"name": name, "compression": "gzip"} for name in record.parts]
        warnings = [f"sizes and sha256 not recorded: {report.problem}"]
    extra = {**facts, "server": record.server, "namespace": record.namespace, "image": record.image}
    if record.db_name:
        extra["db_name"] = record.db_name
    manifest: Obj = {
        "id": record.id,
        "subject": {
            "kind": "site",
            "subject": record.site,
            "site": record.site,
            "codebase": record.codebase,
            "package_digest": package_digest,
            "app": record.app,
            "app_version": record.app_version,
            "schema_version": None,
            "extra": extra,
        },
        "created": record.created.isoformat(),
        "completed": completed.astimezone(UTC).isoformat(),
        "aegir_version": __version__,
        "parts": parts,
        "warnings": warnings,
        "format": 1,
        "backend_store": {
            "backend": "kubernetes",
            "server": record.server,
            "id": record.cluster_id,
            "location": record.location,
            "job": record.job,
            "scheduled": record.scheduled,
        },
    }
    return Backup(
        id=record.id,
        site=record.site,
        store=record.store,
        created=record.created,
        state=BackupState.COMPLETE,
        size=report.size,
        kind="site",
        manifest=manifest,
    )


# -- the runs of a backup CronJob -------------------------------------------------------------


@frozen
class ScheduledRun:
    """One Job of a site's backup CronJob: ``complete`` (with the Backup to record), ``failed`` or
    ``running``."""

    job: str
    state: str
    backup: Backup | None = None
    detail: str = ""


def _conditions(job: Obj) -> dict[str, Obj]:
    status = job.get("status") or {}
    found = status.get("conditions") if isinstance(status, dict) else None
    return {str(c.get("type")): c for c in found or [] if isinstance(c, dict) and c.get("status") == "True"}


def job_state(job: Obj) -> tuple[str, str]:
    """``complete``, ``failed`` or ``running``, and what the Job's conditions say."""
    conditions = _conditions(job)
    for kind in ("Failed", "FailureTarget"):
        if kind in conditions:
            cond = conditions[kind]
            return "failed", f"{cond.get('reason') or kind}: {cond.get('message') or ''}".strip().rstrip(":")
    if "Complete" in conditions or "SuccessCriteriaMet" in conditions:
        return "complete", ""
    return "running", ""


def _owned_by(job: Obj, cronjob: str) -> bool:
    owners = (job.get("metadata") or {}).get("ownerReferences") or []
    return any(
        isinstance(o, dict) and o.get("kind") == "CronJob" and o.get("name") == cronjob for o in owners
    )


def _moment(value: object) -> datetime | None:
    if not isinstance(value, str) or not value:
        return None
    try:
        moment = datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        return None
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


def _times(job: Obj) -> tuple[datetime | None, datetime | None]:
    """When the run stands for (the CronJob's scheduled time, else when the Job started or was
    made) and when it completed."""
    md, status = job.get("metadata") or {}, job.get("status") or {}
    annotations = md.get("annotations") or {}
    created = (
        _moment(annotations.get("batch.kubernetes.io/cronjob-scheduled-timestamp"))
        or _moment(status.get("startTime"))
        or _moment(md.get("creationTimestamp"))
    )
    return created, _moment(status.get("completionTime"))


def _pod_spec(job: Obj) -> Obj:
    spec = ((job.get("spec") or {}).get("template") or {}).get("spec") or {}
    return spec if isinstance(spec, dict) else {}


def _parts_of(job: Obj) -> tuple[str, ...]:
    """The parts the Job writes: a database dump only if it has a dump container."""
    pod = _pod_spec(job)
    names = {
        str(c.get("name"))
        for c in [*(pod.get("initContainers") or []), *(pod.get("containers") or [])]
        if isinstance(c, dict)
    }
    return ((DB_PART,) if "dump-database" in names else ()) + (FILES_PART,)


def _manifest_facts(api: KubeApi, job: Obj, namespace: str) -> dict[str, str]:
    """What the backup's manifest ConfigMap (the ``manifest.json`` the Job wrote into the store)
    says of the codebase: strings only, and only those that look right."""
    import json

    from aegir.backends.kubernetes._api import ObjectRef
    from aegir.core.errors import AegirError

    volume = next(
        (
            v
            for v in _pod_spec(job).get("volumes") or []
            if isinstance(v, dict) and v.get("name") == "manifest"
        ),
        None,
    )
    name = ((volume or {}).get("configMap") or {}).get("name")
    if not isinstance(name, str) or not is_backup_id(name):
        return {}
    try:
        cm = api.get(ObjectRef("v1", "ConfigMap", name, namespace))
        data = json.loads(((cm or {}).get("data") or {}).get("manifest.json") or "{}")
    except (AegirError, ValueError, TypeError, AttributeError):
        return {}
    if not isinstance(data, dict):
        return {}
    return {
        k: v
        for k in ("codebase", "app_version", "image")
        if isinstance(v := data.get(k), str) and 0 < len(v) <= 200
    }


def _report_log(api: KubeApi, namespace: str, job: str) -> str | None:
    """The report container's log of the Job's (newest) pod, or None if no pod has it any more."""
    pods = api.list("v1", "Pod", namespace, f"{JOB_NAME_LABEL}={job}")
    pods.sort(key=lambda p: str((p.get("metadata") or {}).get("creationTimestamp") or ""), reverse=True)
    for pod in pods:
        text = api.pod_log(namespace, str((pod.get("metadata") or {}).get("name")), REPORT_CONTAINER)
        if text is not None:
            return text
    return None


def scheduled_runs(
    api: KubeApi,
    opts: ClusterOptions,
    spec: SiteSpec,
    known: Container[str],
    *,
    facts: Callable[[str], tuple[dict[str, str], str | None]],
    redact: Callable[[str], str],
) -> list[ScheduledRun]:
    """The Jobs of the site's backup CronJob that the inventory does not know yet (``known``: ids
    in the inventory), oldest first; only complete ones have their logs read (one list call, and
    for each new complete run its pod list and the report's log). ``facts(codebase)``
    gives what the record keeps about the site and that codebase's package digest."""
    from aegir.backends.kubernetes._naming import SITE_LABEL

    cronjob = spec.name("backup")
    jobs = api.list("batch/v1", "Job", spec.namespace, f"{SITE_LABEL}={spec.slug}")
    runs: list[ScheduledRun] = []
    manifest: dict[str, str] | None = None
    for job in sorted(jobs, key=lambda j: str((j.get("metadata") or {}).get("creationTimestamp") or "")):
        name = str((job.get("metadata") or {}).get("name") or "")
        if not _owned_by(job, cronjob) or not is_backup_id(name):
            continue
        if inventory_id(spec.domain, name) in known:
            continue
        state, detail = job_state(job)
        if state != "complete":
            runs.append(ScheduledRun(name, state, detail=redact(detail)))
            continue
        created, completed = _times(job)
        if created is None:
            runs.append(
                ScheduledRun(name, "unreadable", detail="the Job says neither when it was made nor ran")
            )
            continue
        if manifest is None:  # the same ConfigMap for every run of the CronJob
            manifest = _manifest_facts(api, job, spec.namespace)
        record = record_for(
            spec, opts, name, created, job=name, scheduled=True, parts=_parts_of(job), subject=manifest
        )
        report = parse_report(_report_log(api, spec.namespace, name), record.parts)
        if report.problem is not None:
            report = Report(problem=redact(report.problem))
        site, digest = facts(record.codebase)
        backup = backup_of(record, report, completed=completed or created, facts=site, package_digest=digest)
        runs.append(ScheduledRun(name, "complete", backup, report.problem or ""))
    return runs
