"""An Aegir home on the fake cluster, driven from the command line: what the tests of whole
operations on Kubernetes share (test_k8s_gaps, _restore_cleanup, _backup_records, _migrate_cli).

:class:`KubeWorld` adds Kubernetes servers on the ``cluster`` fixture's fake API server, saves
Debian's WordPress as codebases, installs shop.example.org on server ``k8s``, and decides how every
Job the cluster runs ends. A test file subclasses it with what only that file needs.
"""

from __future__ import annotations

import hashlib
import json
import posixpath
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from functools import partial
from pathlib import Path
from typing import Any, ClassVar

import attrs
import pytest
from _k8s_harness import Cluster

from aegir.backends.kubernetes._render_jobs import STATUS_MARK
from aegir.cli import main
from aegir.core.model import Codebase, CodebaseScan, Server, Site
from aegir.core.operations.sites import install_plan, new_site
from aegir.core.scan import scan_codebase
from aegir.hosting import Hosting

DOMAIN = "shop.example.org"
NAMESPACE = "aegir-shop-example-org"
TITLE = "Shop Site"
WORDPRESS = Path("/usr/share/wordpress")

Job = dict[str, Any]


def containers(job: Job) -> list[dict[str, Any]]:
    """A Job's init containers and containers, in the order they run."""
    spec = job["spec"]["template"]["spec"]
    return [*spec.get("initContainers", []), *spec["containers"]]


def sha(job: str, part: str) -> str:
    """The sha256 the fake cluster's backup Job ``job`` reports for ``part``."""
    return hashlib.sha256(f"{job}/{part}".encode()).hexdigest()


def backup_id_of(job: Job) -> str:
    """The cluster id of the backup a backup, check or delete Job is for."""
    name = job["metadata"]["name"]
    annotated = job["metadata"].get("annotations", {}).get("aegir.io/backup")
    if annotated:  # a check or delete Job
        return str(annotated)
    checksums = next(c for c in containers(job) if c["name"] == "checksums")
    env = next(e for e in checksums["env"] if e["name"] == "AEGIR_BACKUP_ID")
    return str(env.get("value") or name)  # a CronJob's runs take the Job's name


def checksums_report(job: Job, sizes: Mapping[str, int], writer: str | None = None) -> str:
    """What a backup Job's checksums container prints: a size line per part, then sha256sum's
    lines (a check Job of that backup prints the same: ``writer`` is the backup Job's name)."""
    name = job["metadata"]["name"]
    checksums = next(c for c in containers(job) if c["name"] == "checksums")
    argv = checksums["command"]
    backup_id = backup_id_of(job)
    paths = [p.replace("$(AEGIR_BACKUP_ID)", backup_id) for p in argv[1 : argv.index("-maxdepth")]]
    parts = [posixpath.basename(p) for p in paths]
    lines = [f"aegir-backup-part {n} {sizes[n]}" for n in parts]
    lines += [f"{sha(writer or name, n)}  {p}" for n, p in zip(parts, paths, strict=True)]
    return "\n".join(lines) + "\n"


def close(h: Hosting) -> None:
    """Close a Hosting and the API clients of the backends it opened (the fake server outlives them)."""
    for backend in h.__dict__.get("_backends", {}).values():
        if "api" in backend.__dict__:
            backend.api.close()
    h.close()


class KubeWorld:
    """An Aegir home with the Kubernetes servers of :attr:`servers` on the fake cluster, Debian's
    WordPress as the codebases of :attr:`images`, and site shop.example.org installed on ``k8s``
    from ``wp-1``.

    How the cluster's Jobs end: every one succeeds, and a health check sees the site's title, but
    ``failing``: Jobs whose name contains one of these fail; ``never_run``: Jobs of these names never
    finish; ``pages``: what the health check of that name gets instead, (status, body); ``report``:
    what a backup Job's checksums container prints (None: no report, only ``checksums: done``).

    The backup store, as far as Jobs see it: ``stored`` maps (namespace, cluster backup id) to the
    backup Job that wrote it. A check Job of a backup not there fails (as ``test -s`` of its
    manifest would), one of a backup there reports what its backup Job reported (with
    :attr:`report_sizes`); a delete Job removes it."""

    #: the servers: name -> options besides the kubeconfig, context and fast deadlines
    servers: ClassVar[Mapping[str, Mapping[str, str]]] = {"k8s": {}}
    #: the codebases: name -> container image
    images: ClassVar[Mapping[str, str | None]] = {"wp-1": "registry.example.org/wp:1"}
    #: the part sizes backup Jobs report (None: they report nothing)
    report_sizes: ClassVar[Mapping[str, int] | None] = None

    def __init__(self, cluster: Cluster, home: Path) -> None:
        self.fake = cluster.fake
        self.home = home
        #: the kubeconfig of the fake cluster, its context and fast deadlines
        self.base_options = dict(cluster.options)
        self.failing: set[str] = set()
        self.never_run: set[str] = set()
        self.pages: dict[str, tuple[int, str]] = {}
        self.report: Callable[[Job], str] | None = None
        self.stored: dict[tuple[str, str], str] = {}
        #: what a check Job prints instead of its backup's report (a garbled or hostile one)
        self.check_report: Callable[[Job], str] | None = None
        if self.report_sizes is not None:
            self.report = partial(checksums_report, sizes=self.report_sizes)
        self.fake.job_script = self.jobs
        home.mkdir()
        with self.hosting() as h:
            for name, options in self.servers.items():
                self.add_server(h, name, **options)
            scan = scan_codebase(WORDPRESS, h.plugins)
            for name, image in self.images.items():
                h.store.save_codebase(self.codebase(name, image, scan))
            h.backend("k8s").setup()  # the system namespace and the managed MariaDB
        self.install(DOMAIN, "k8s")

    def codebase(self, name: str, image: str | None, scan: CodebaseScan) -> Codebase:
        return Codebase(name=name, app=scan.app, root=str(WORDPRESS), image=image, scan=scan)

    def add_server(self, h: Hosting, name: str, **options: str) -> None:
        """A Kubernetes server on the fake cluster; one with an S3 store gets its access keys."""
        h.store.add_server(Server(name=name, backend="kubernetes", options={**self.base_options, **options}))
        if options.get("backup_store") == "s3":
            for key in ("access-key-id", "secret-access-key"):
                h.secrets.ensure(f"server/{name}/s3/{key}", 20)

    @contextmanager
    def hosting(self) -> Iterator[Hosting]:
        h = Hosting(self.home)
        try:
            yield h
        finally:
            close(h)

    def install(self, domain: str, server: str, **options: str) -> Site:
        """Install ``domain`` from ``wp-1`` on ``server`` (its database too), with site ``options``."""
        with self.hosting() as h:
            site = new_site(h, domain, "wp-1", server=server, db_server=server)
            site = attrs.evolve(site, title=TITLE, options={**site.options, **options})
            h.run(install_plan(h, site))
            return h.store.get_site(domain)

    def jobs(self, job: Job) -> tuple[bool, dict[str, str]] | None:
        name = job["metadata"]["name"]
        names = [c["name"] for c in containers(job)]
        if name in self.never_run:
            return None
        if any(f in name for f in self.failing):
            return False, {c: f"{c}: failed on purpose\n" for c in names}
        if "health-" in name:
            status, body = self.pages.get(name, (200, f"<title>{TITLE}</title>"))
            return True, {"http-get": f"{body}\n{STATUS_MARK}{status}\n"}
        logs = {c: f"{c}: done\n" for c in names}
        key = (
            (job["metadata"]["namespace"], backup_id_of(job))
            if "checksums" in names or "delete" in names
            else None
        )
        if key is not None and "delete" in names:
            self.stored.pop(key, None)
        elif key is not None and "check-manifest" in names:
            writer = self.stored.get(key)
            if writer is None:
                return False, {**logs, "check-manifest": "", "checksums": f"find: '{key[1]}': No such file\n"}
            if self.check_report is not None:
                logs["checksums"] = self.check_report(job)
            elif self.report_sizes is not None:
                logs["checksums"] = checksums_report(job, self.report_sizes, writer)
        elif key is not None:
            self.stored[key] = name
            if self.report is not None:
                logs["checksums"] = self.report(job)
        return True, logs

    def cli(self, capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
        """Run ``aegir`` on this home: its exit code, stdout and stderr (never a traceback)."""
        code = main(["--home", str(self.home), *argv])
        out = capsys.readouterr()
        assert "Traceback" not in out.err
        return code, out.out, out.err

    def json(self, capsys: pytest.CaptureFixture[str], *argv: str) -> Any:
        """Run ``aegir ... --json``, which must succeed: what it printed."""
        code, out, err = self.cli(capsys, *argv, "--json")
        assert code == 0, err
        return json.loads(out)

    def site(self, domain: str = DOMAIN) -> Site:
        with self.hosting() as h:
            return h.store.get_site(domain)

    def obj(self, kind: str, name: str) -> dict[str, Any] | None:
        """An object in the namespace of shop.example.org."""
        return self.fake.find(kind, name, NAMESPACE)

    def selector(self) -> str:
        """The track the Service of shop.example.org sends the traffic to."""
        svc = self.obj("Service", "web")
        assert svc is not None
        return str(svc["spec"]["selector"]["aegir.io/track"])

    def applied(self, fragment: str) -> list[dict[str, Any]]:
        """The objects applied at an API path containing ``fragment``, in order, each time."""
        return [o for p, o, _ in self.fake.applied if fragment in p]
