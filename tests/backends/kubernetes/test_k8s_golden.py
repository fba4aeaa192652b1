"""Golden files fix the shape of what the Kubernetes backend renders and plans.

A change to a manifest or a plan shows up as a diff of ``golden/*``. When the change is intended,
regenerate and review the diff:

    AEGIR_UPDATE_GOLDEN=1 .venv/bin/pytest tests/backends/kubernetes/test_k8s_golden.py
    git diff tests/backends/kubernetes/golden/
"""

from __future__ import annotations

import os
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path

import attrs
import pytest
from _k8s_apps import DRIVERS, codebase, context, site
from _k8s_validate import K8S_VERSIONS, problems

from aegir.backends.kubernetes import _render_backup as backups
from aegir.backends.kubernetes import _render_jobs as jobs
from aegir.backends.kubernetes._driver_jobs import driver_job
from aegir.backends.kubernetes._options import ClusterOptions
from aegir.backends.kubernetes._plan import SitePlanner
from aegir.backends.kubernetes._render import maintenance_objects, site_manifests
from aegir.backends.kubernetes._render_server import admin_secret, server_manifests
from aegir.backends.kubernetes._yaml import dump_all
from aegir.core.model import SiteStatus

GOLDEN = Path(__file__).parent / "golden"
NOW = datetime(2025, 6, 1, 12, 0, tzinfo=UTC)
S3 = {
    "namespace_strategy": "shared",
    "database": "external",
    "db_host": "10.20.30.40",
    "backup_store": "s3",
    "s3_bucket": "aegir-backups",
    "s3_endpoint": "https://s3.example.org",
}


def planner(app: str, options: dict[str, str], **changes: object) -> SitePlanner:
    value = site(f"{app}.example.org", app, **changes)
    opts = ClusterOptions.parse("k8s", options)
    first = SitePlanner(opts, context(value, codebase(app)), DRIVERS[app], NOW)
    live = attrs.evolve(first.parts.recorded(value, first.spec), status=SiteStatus.ENABLED)
    return SitePlanner(opts, context(live, codebase(app)), DRIVERS[app], NOW)


def wordpress_site() -> str:
    p = planner(
        "wordpress",
        {"cluster_issuer": "letsencrypt", "replicas": "2"},
        https=True,
        aliases=("www.example.org",),
    )
    return dump_all(site_manifests(p.spec, p.opts) + maintenance_objects(p.spec, p.opts))


def drupal_shared_s3() -> str:
    p = planner("drupal", S3)
    return dump_all(site_manifests(p.spec, p.opts))


def grav_and_static() -> str:
    grav, static = planner("grav", {}), planner("static", {})
    return dump_all(site_manifests(grav.spec, grav.opts) + site_manifests(static.spec, static.opts))


def server() -> str:
    opts = ClusterOptions.parse("k8s", {"storage_class": "fast"})
    shared = ClusterOptions.parse("k8s", {"namespace_strategy": "shared"})
    return dump_all([*server_manifests(opts), admin_secret(opts)[0], *server_manifests(shared)[1:3]])


def wordpress_jobs() -> str:
    p = planner("wordpress", {"backup_schedule": "0 3 * * *"})
    spec, opts = p.spec, p.opts
    green, _ = p.track_spec("green")
    created = NOW.isoformat()
    secret, _values, create = jobs.db_create_job(spec, opts)
    input_secret, _inputs, install = driver_job(
        spec, opts, "install-blue", DRIVERS["wordpress"].install_steps(p.kctx)
    )
    assert input_secret is not None
    return dump_all(
        [
            secret,
            create,
            jobs.db_drop_job(spec, opts, drop_user=True),
            *backups.backup_job(spec, opts, "20250601-120000", created),
            *backups.backup_cronjob(spec, opts, "0 3 * * *", created),
            backups.restore_job(green, opts, spec.domain, "20250601-120000"),
            backups.copy_job(spec, green, opts),
            jobs.health_job(spec, opts, "web-green", "/", retry=True),
            input_secret,
            install,
        ]
    )


def drupal_s3_jobs() -> str:
    p = planner("drupal", S3)
    green, _ = p.track_spec("green")
    return dump_all(
        [
            *backups.backup_job(p.spec, p.opts, "b1", NOW.isoformat()),
            backups.restore_job(green, p.opts, p.spec.domain, "b1"),
        ]
    )


def plans() -> str:
    p = planner("wordpress", {})
    target = context(
        attrs.evolve(p.ctx.site),
        attrs.evolve(codebase("wordpress"), image="registry.example.org/sites/app:2.0"),
    )
    first = SitePlanner(
        p.opts, context(site("wordpress.example.org", "wordpress"), codebase("wordpress")), p.driver, NOW
    )
    out = []
    for name, steps in [
        ("install", first.plan("install")),
        ("migrate", p.plan("migrate", target=target)),
        ("restore", p.plan("restore", backup_id="20250501-030000")),
        ("disable", p.plan("disable")),
        ("enable", p.plan("enable")),
        ("delete", p.plan("delete")),
    ]:
        out.append(f"# {name}")
        for i, step in enumerate(steps):
            undo = step.inverse()
            out.append(
                f"{i + 1:>3}. {step.describe()}" + (f"\n       undo: {undo.describe()}" if undo else "")
            )
    return "\n".join(out) + "\n"


CASES: dict[str, Callable[[], str]] = {
    "wordpress-site.yaml": wordpress_site,
    "drupal-shared-external-s3.yaml": drupal_shared_s3,
    "grav-and-static.yaml": grav_and_static,
    "server.yaml": server,
    "wordpress-jobs.yaml": wordpress_jobs,
    "drupal-s3-jobs.yaml": drupal_s3_jobs,
    "plans.txt": plans,
}


@pytest.mark.parametrize("name", list(CASES))
def test_golden(name: str) -> None:
    text = CASES[name]()
    path = GOLDEN / name
    if os.environ.get("AEGIR_UPDATE_GOLDEN") == "1":
        path.write_text(text)
    assert path.exists(), f"{path} is missing: run with AEGIR_UPDATE_GOLDEN=1 to write it"
    assert text == path.read_text(), (
        f"{name} differs from the golden file (see the module docstring to update it)"
    )


@pytest.mark.parametrize("name", [n for n in CASES if n.endswith(".yaml")])
def test_golden_files_are_valid_manifests(name: str) -> None:
    import yaml

    for obj in yaml.safe_load_all((GOLDEN / name).read_text()):
        for version in K8S_VERSIONS:
            assert not problems(obj, version), (name, obj["kind"], obj["metadata"]["name"], version)
