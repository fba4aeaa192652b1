"""The Drupal drivers inside the hosting layer's real plan builder (no service is started: the plan
is built and read, not run; running it needs a Drupal codebase, which these machines cannot get)."""

from __future__ import annotations

from pathlib import Path

import pytest

from aegir.core.model import Codebase, Server, Service
from aegir.core.operations.sites import install_plan, new_site
from aegir.core.plugins import Plugins
from aegir.core.scan import scan_codebase
from aegir.core.steps import GenerateSecret, HealthCheck, PublishSite, RunCommand, WriteFile
from aegir.hosting import Hosting

from ._realdata import REALDATA

INTERLEDGER = REALDATA / "drupal-codebases" / "d10.6-interledger.org-v4"


@pytest.fixture
def hosting(tmp_path: Path) -> Hosting:
    hosting = Hosting(tmp_path / "home", plugins=Plugins(autoload=False))
    services = (Service("nginx", port=18080), Service("php-fpm"), Service("mariadb", port=13306))
    hosting.store.add_server(Server(name="local", backend="local", services=services))
    scan = scan_codebase(INTERLEDGER, hosting.plugins)
    root = str(INTERLEDGER.resolve())
    hosting.store.save_codebase(
        Codebase(name="il", app="drupal", root=root, docroot=scan.docroot, servers=("local",), scan=scan)
    )
    return hosting


def test_install_plan(hosting: Hosting) -> None:
    site = new_site(hosting, "example.com", "il", title="Interledger")
    assert site.profile == "standard"
    plan = install_plan(hosting, site)
    steps = list(plan.steps)
    web = f"{INTERLEDGER.resolve()}/web"
    site_dir = f"{hosting.backend('local').sites_root()}/example.com"
    assert GenerateSecret("site/example.com/hash-salt", 64) in steps
    (settings,) = [s for s in steps if isinstance(s, WriteFile) and s.path.endswith("settings.php")]
    assert settings.path == f"{site_dir}/settings.php"
    assert "{{secret:site/example.com/hash-salt}}" in settings.content
    publish = next(s for s in steps if isinstance(s, PublishSite))
    assert publish.vhost.root == web and publish.vhost.rules.front_controller == "/index.php"
    commands = [s for s in steps if isinstance(s, RunCommand)]
    link, install, password = commands
    assert list(link.argv) == ["ln", "-sfn", site_dir, f"{web}/sites/example.com"]
    assert steps.index(publish) < steps.index(link) < steps.index(install)
    assert install.argv[1] == f"{INTERLEDGER.resolve()}/vendor/bin/drush"
    assert (
        install.argv[5:8] == ("site:install", "standard", "--yes")
        and "--sites-subdir=example.com" in install.argv
    )
    assert install.secret_env == {"AEGIR_ADMIN_PASS": "site/example.com/admin"}
    assert password.argv[4] == "php:eval"
    health = next(s for s in steps if isinstance(s, HealthCheck))
    assert health.expect_text == "Interledger"
    assert all("account-pass" not in a for c in commands for a in c.argv)
