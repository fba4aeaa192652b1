"""The WordPress driver's site steps run for real: Debian's WordPress, a real MariaDB, PHP CLI.

Install (wp_install), login reset (wp_set_password), database upgrade (wp_upgrade), and the domain
fix-up of a cloned database (URLs replaced in every table, serialized values included).
"""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pytest
from wp_helpers import MariaDB, run_step, site_context, write_settings

from aegir.core.app import SiteContext
from aegir.core.model import Codebase
from aegir.core.secrets import SecretStore
from aegir.drivers.wordpress import WordPressDriver

pytestmark = pytest.mark.services

DRIVER = WordPressDriver()


def php_eval(ctx: SiteContext, code: str) -> str:
    """Run PHP with the site's WordPress loaded (through the codebase's selector wp-config.php)."""
    script = (
        "<?php\n$_SERVER['HTTP_HOST'] = " + json.dumps(ctx.site.domain) + ";\n"
        "require " + json.dumps(ctx.codebase_root + "/wp-load.php") + ";\n" + code
    )
    done = subprocess.run(
        ["php", "-d", "display_errors=stderr"],
        input=script,
        env={"AEGIR_WP_CONFIG": ctx.site_dir + "/wp-config.php", "PATH": "/usr/bin:/bin"},
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    return done.stdout


@pytest.fixture(scope="module")
def codebase(wp_codebase: Path) -> Codebase:
    detection = DRIVER.detect(wp_codebase)
    assert detection is not None
    return Codebase(
        name="wp", app="wordpress", root=str(wp_codebase), scan=DRIVER.scan(wp_codebase, detection)
    )


def install(ctx: SiteContext, mariadb: MariaDB, secrets: SecretStore) -> subprocess.CompletedProcess[str]:
    secrets.ensure(ctx.db_password_secret or "", 24)
    secrets.ensure(ctx.admin_password_secret or "", 20)
    mariadb.create_site_db(ctx.db_name or "", secrets.get(ctx.db_password_secret or ""))
    write_settings(DRIVER.settings_files(ctx), secrets)
    (steps,) = [DRIVER.install_steps(ctx)]
    assert len(steps) == 1
    return run_step(steps[0], secrets)


def test_install_login_reset_upgrade(
    codebase: Codebase, wp_codebase: Path, mariadb: MariaDB, secrets: SecretStore, tmp_path: Path
) -> None:
    ctx = site_context(codebase, wp_codebase, tmp_path / "sites", "one.test", mariadb, title="Tom & Jerry's")
    done = install(ctx, mariadb, secrets)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "installed WordPress 6.1.9 at http://one.test/" in done.stdout
    password = secrets.get("site/one.test/admin")
    assert password not in done.stdout + done.stderr
    assert (
        mariadb.sql(
            "SELECT option_value FROM wp_options WHERE option_name IN ('blogname') ", ctx.db_name
        ).strip()
        == "Tom &amp; Jerry&#039;s"
    )  # WordPress stores the title HTML-escaped
    structure = mariadb.sql(
        "SELECT option_value FROM wp_options WHERE option_name='permalink_structure'", ctx.db_name
    )
    assert structure.strip() == "/%year%/%monthnum%/%day%/%postname%/"
    # the admin can log in with the secret password; the uploads folder is the site's own
    out = php_eval(
        ctx,
        "$u = wp_authenticate('admin', getenv('PW') ?: " + json.dumps(password) + ");"
        "echo json_encode(array('ok' => !is_wp_error($u), 'uploads' => wp_upload_dir(null, false)));",
    )
    result = json.loads(out)
    assert result["ok"] is True
    assert result["uploads"]["basedir"] == ctx.files_dir
    assert result["uploads"]["baseurl"] == "http://one.test/wp-content/uploads"

    # login reset: a new password from a new secret
    secrets.set("site/one.test/admin", "NewPassw0rdForTheTest1")
    (reset,) = DRIVER.login_reset_steps(ctx)
    done = run_step(reset, secrets)
    assert done.returncode == 0, done.stderr
    assert "NewPassw0rdForTheTest1" not in done.stdout + done.stderr
    out = php_eval(
        ctx, "echo is_wp_error(wp_authenticate('admin', 'NewPassw0rdForTheTest1')) ? 'no' : 'yes';"
    )
    assert out == "yes"

    # upgrade: current schema is a no-op; an older recorded schema is brought up to date
    (upgrade,) = DRIVER.update_steps(ctx)
    done = run_step(upgrade, secrets)
    assert done.returncode == 0, done.stderr
    assert "database schema 53496 is current" in done.stdout
    mariadb.sql("UPDATE wp_options SET option_value='51917' WHERE option_name='db_version'", ctx.db_name)
    done = run_step(upgrade, secrets)
    assert done.returncode == 0, done.stderr
    assert "upgraded from 51917 to 53496" in done.stdout
    # a newer schema than the code is a refusal, not a silent downgrade
    mariadb.sql("UPDATE wp_options SET option_value='99999' WHERE option_name='db_version'", ctx.db_name)
    done = run_step(upgrade, secrets)
    assert done.returncode == 4
    assert "newer than this code's" in done.stderr


def test_install_fails_loudly(
    codebase: Codebase, wp_codebase: Path, mariadb: MariaDB, secrets: SecretStore, tmp_path: Path
) -> None:
    """Failures exit non-zero with a reason: a second install, and a database that refuses us."""
    ctx = site_context(codebase, wp_codebase, tmp_path / "sites", "two.test", mariadb)
    assert install(ctx, mariadb, secrets).returncode == 0
    (again,) = DRIVER.install_steps(ctx)
    done = run_step(again, secrets)
    assert done.returncode == 3
    assert "already installed" in done.stderr

    secrets.set("site/two.test/db", "not-the-password")
    write_settings(DRIVER.settings_files(ctx), secrets)
    done = run_step(again, secrets)
    assert done.returncode != 0
    assert "aegir: WordPress stopped: Error establishing a database connection" in done.stderr, done.stderr
