"""The Kubernetes backend with Aegir's real application drivers, on real codebase trees (Debian's
WordPress, and the Drupal and Grav trees of the shared fixtures): every operation's manifests are
valid, and the configuration files they carry are accepted by the real nginx and PHP-FPM."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path
from typing import Any

import attrs
import pytest
from _k8s_apps import site
from _k8s_validate import K8S_VERSIONS, problems

from aegir.backends.kubernetes._options import ClusterOptions
from aegir.backends.kubernetes._plan import SitePlanner
from aegir.backends.kubernetes._render import maintenance_objects, site_manifests
from aegir.backends.kubernetes._render_pod import NGINX_KEY, POOL_KEY
from aegir.backends.kubernetes._steps import step_manifests
from aegir.core.app import SiteContext
from aegir.core.model import Codebase, SiteStatus
from aegir.core.plugins import Plugins
from aegir.core.scan import scan_codebase

REALDATA = Path(__file__).resolve().parents[3] / ".." / "shared" / "fixtures" / "realdata"
TREES = {
    "wordpress": Path("/usr/share/wordpress"),
    "drupal": REALDATA / "drupal-codebases" / "d10.6-interledger.org-v4",
    "grav": REALDATA / "grav" / "grav-1.7.53.2-getgrav-core",
}


def real_context(app: str) -> tuple[SiteContext, Any]:
    plugins = Plugins(autoload=False)
    tree = TREES[app].resolve()
    assert tree.is_dir(), f"{tree} is missing (Debian's wordpress package, or ../shared/fixtures)"
    scan = scan_codebase(tree, plugins)
    if app == "grav":  # the fixture keeps system/ only; the driver copies the codebase's user/ skeleton
        scan = attrs.evolve(scan, facts={**scan.facts, "user_dir": "user"})
    driver = plugins.driver(scan.app)
    cb = Codebase(
        name=f"{app}-real", app=scan.app, root=str(tree), docroot=scan.docroot, image="reg/x:1", scan=scan
    )
    value = site(f"{app}.example.org", "wordpress" if driver.uses_database else "grav", codebase=cb.name)
    site_dir = f"/var/aegir/sites/{value.domain}"
    if app == "drupal":  # Drupal finds a site in <docroot>/sites/<host>
        site_dir = f"{cb.root}/{cb.docroot}/sites/{value.domain}"
    ctx = SiteContext(
        site=value,
        codebase=cb,
        codebase_root=cb.root,
        docroot=f"{cb.root}/{cb.docroot}".rstrip("/."),
        site_dir=site_dir,
        files_dir=f"{site_dir}/files",
        private_dir=f"{site_dir}/private",
        url=f"http://{value.domain}/",
        server="k8s",
        db_server="k8s" if driver.uses_database else None,
        db_name=value.db_name if driver.uses_database else None,
        db_user=value.db_user if driver.uses_database else None,
        db_password_secret=f"site/{value.domain}/db" if driver.uses_database else None,
        admin_password_secret=f"site/{value.domain}/admin",
    )
    return ctx, driver


@pytest.mark.parametrize("app", list(TREES))
def test_real_drivers_render_valid_manifests_for_every_operation(app: str) -> None:
    ctx, driver = real_context(app)
    opts = ClusterOptions.parse(
        "k8s", {"backup_store": "s3", "s3_bucket": "backups", "namespace_strategy": "shared"}
    )
    planner = SitePlanner(opts, ctx, driver)
    plans = [planner.plan("install")]
    live_site = attrs.evolve(planner.parts.recorded(ctx.site, planner.spec), status=SiteStatus.ENABLED)
    live = SitePlanner(opts, attrs.evolve(ctx, site=live_site), driver)
    plans += [live.plan(op) for op in ("verify", "backup", "disable", "enable", "delete", "migrate-finish")]
    plans.append(live.plan("restore", backup_id="b1"))
    plans.append(live.plan("migrate", target=attrs.evolve(ctx, site=live_site)))
    objs = site_manifests(live.spec, opts) + [o for p in plans for o in step_manifests(p, include_undo=True)]
    for obj in objs:
        for version in K8S_VERSIONS:
            assert not problems(obj, version), (obj["kind"], obj["metadata"]["name"], version)
    config = next(
        o for o in objs if o["kind"] == "ConfigMap" and o["metadata"]["name"].endswith("config-blue")
    )
    assert "{{secret:" not in str(config["data"])
    install = next(s for s in plans[0] if getattr(s, "label", "").startswith("install "))
    pod = install.job["spec"]["template"]["spec"]  # type: ignore[attr-defined]
    for container in [*pod.get("initContainers", []), *pod["containers"]]:
        assert container["image"] == "reg/x:1"
        assert all(isinstance(a, str) for a in container["command"])


def _nginx_accepts(tmp_path: Path, server_block: str) -> None:
    conf = tmp_path / "nginx.conf"
    conf.write_text(
        f"pid {tmp_path}/nginx.pid;\nerror_log {tmp_path}/error.log;\nevents {{}}\n"
        f"http {{\ninclude /etc/nginx/mime.types;\n{server_block}}}\n"
    )
    result = subprocess.run(
        ["nginx", "-t", "-q", "-c", str(conf), "-e", str(tmp_path / "error.log")],
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stderr + server_block


@pytest.mark.parametrize("app", list(TREES))
def test_nginx_accepts_the_rendered_server_blocks(app: str, tmp_path: Path) -> None:
    ctx, driver = real_context(app)
    opts = ClusterOptions.parse("k8s", {})
    spec = SitePlanner(opts, ctx, driver).spec
    config = next(o for o in site_manifests(spec, opts) if o["kind"] == "ConfigMap")
    _nginx_accepts(tmp_path, config["data"][NGINX_KEY])
    _nginx_accepts(tmp_path, maintenance_objects(spec, opts)[0]["data"][NGINX_KEY])


def _php_fpm() -> str | None:
    return next((p for p in ("php-fpm8.2", "php-fpm") if shutil.which(p)), None)


def test_php_fpm_accepts_the_pool_additions(tmp_path: Path) -> None:
    ctx, driver = real_context("wordpress")
    opts = ClusterOptions.parse("k8s", {})
    spec = SitePlanner(opts, ctx, driver).spec
    pool = next(o for o in site_manifests(spec, opts) if o["kind"] == "ConfigMap")["data"][POOL_KEY]
    assert "env[AEGIR_SECRET_DB] = $AEGIR_SECRET_DB" in pool and "AEGIR_SECRET_ADMIN" not in pool
    conf = tmp_path / "php-fpm.conf"
    conf.write_text(
        f"[global]\nerror_log = {tmp_path}/fpm.log\npid = {tmp_path}/fpm.pid\n"
        "[www]\nlisten = 127.0.0.1:9000\npm = static\npm.max_children = 1\n" + pool
    )
    fpm = _php_fpm()
    assert fpm is not None, "php-fpm is missing (the project's Makefile installs it)"
    result = subprocess.run([fpm, "-t", "-y", str(conf), "-R"], capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr
