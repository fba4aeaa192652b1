"""What the Grav driver hands the operations for a site, and its steps carried out for real.

No Grav code can be obtained here, so Grav itself never runs: the steps (folders, the user/ skeleton,
the system link, the admin account written by PHP) run, and what Grav would read is checked.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from pathlib import Path

import attrs
import pytest
import yaml

from aegir.core.app import SiteContext
from aegir.core.errors import ValidationError
from aegir.core.model import Codebase, Site
from aegir.core.secrets import SecretStore
from aegir.core.steps import MakeDir, RemovePath, RunCommand, Step, builtin_registry, fill_secrets
from aegir.drivers.grav import GravDriver

DRIVER = GravDriver()


def context(root: Path, sites: Path, realdata_tree: Path | None = None, **site: object) -> SiteContext:
    tree = realdata_tree or root
    detection = DRIVER.detect(tree)
    assert detection is not None
    codebase = Codebase(name="grav", app="grav", root=str(root), scan=DRIVER.scan(tree, detection))
    value = Site(domain="example.com", codebase="grav", server="local", title=site.pop("title", "Grav Site"),
                 admin_email="admin@example.com", **site)  # type: ignore[arg-type]  # fmt: skip
    site_dir = sites / "example.com"
    return SiteContext(
        site=value, codebase=codebase, codebase_root=str(root), docroot=str(root), site_dir=str(site_dir),
        files_dir=str(site_dir / "files"), private_dir=str(site_dir / "private"), url="https://example.com/",
        server="local", admin_password_secret="site/example.com/admin", php_binary="php",
    )  # fmt: skip


def carry_out(step: Step, secrets: SecretStore) -> None:
    """What the local backend does with these step kinds."""
    if isinstance(step, MakeDir):
        Path(step.path).mkdir(mode=step.mode, parents=True, exist_ok=True)
    elif isinstance(step, RemovePath):
        shutil.rmtree(step.path, ignore_errors=True)
    else:
        assert isinstance(step, RunCommand), step
        env = {"PATH": "/usr/bin:/bin", **step.env, **{k: secrets.get(v) for k, v in step.secret_env.items()}}
        done = subprocess.run(list(step.argv), input=step.stdin, cwd=step.cwd, env=env, capture_output=True,
                              text=True, timeout=60)  # fmt: skip
        assert done.returncode == 0, done.stderr
        assert all(v not in done.stdout + done.stderr for v in env.values() if len(v) > 12 and "/" not in v)


def test_web_rules(tmp_path: Path, realdata: Path) -> None:
    ctx = context(Path("/srv/cb/grav"), Path("/srv/sites"), realdata / "grav/grav-1.7.46-site-GRAV-UAS")
    rules = DRIVER.web_rules(ctx)
    assert rules.front_controller == "/index.php"
    assert rules.fastcgi_params == {
        "GRAV_ROOT": "/srv/cb/grav", "GRAV_WEBROOT": "/srv/sites/example.com", "GRAV_USER_PATH": "user",
        "GRAV_SYSTEM_PATH": "/srv/cb/grav/system", "GRAV_CACHE_PATH": "/srv/sites/example.com/cache",
        "GRAV_LOG_PATH": "/srv/sites/example.com/logs", "GRAV_TMP_PATH": "/srv/sites/example.com/tmp",
        "GRAV_BACKUP_PATH": "/srv/sites/example.com/backup", "GRAV_ENVIRONMENT": "aegir",
    }  # fmt: skip
    assert rules.aliases == {
        "/user/": "/srv/sites/example.com/user/",
        "/assets/": "/srv/sites/example.com/assets/",
        "/images/": "/srv/sites/example.com/images/",
    }

    def denied(path: str) -> bool:
        return any(re.search(d, path) for d in rules.deny)

    for path in ("/user/accounts/admin.yaml", "/user/config/system.yaml", "/user/env/aegir/config/security.yaml",
                 "/user/plugins/login/login.php", "/user/pages/01.home/default.md", "/cache/compiled/x",
                 "/logs/grav.log", "/backup/x.zip", "/system/config/system.YAML", "/vendor/a/b/c.php",
                 "/composer.json", "/.git/HEAD", "/.dependencies", "/setup.php", "/bin/grav", "/tmp/x",
                 "/system/src/Grav/Common/Grav.php"):  # fmt: skip
        assert denied(path), path
    for path in ("/", "/index.php", "/blog/my-post", "/user/themes/quark/css-compiled/theme.min.css",
                 "/user/pages/01.home/photo.jpg", "/system/assets/jquery/jquery-3.x.min.js", "/assets/a1b2.css",
                 "/images/a/b/c.jpg", "/.well-known/acme-challenge/token"):  # fmt: skip
        assert not denied(path), path


def test_settings(tmp_path: Path, realdata: Path) -> None:
    tree = realdata / "grav/grav-1.7.46-site-GRAV-UAS"
    ctx = attrs.evolve(
        context(tree, tmp_path, title='Tom\'s "Grav"'), extra_settings=("pages:\n  theme: quark",)
    )
    files = {Path(f.path).name: f for f in DRIVER.settings_files(ctx)}
    assert set(files) == {"system.yaml", "site.yaml", "security.yaml"}
    for f in files.values():
        assert f.path.startswith(f"{ctx.site_dir}/user/env/aegir/config/") and not f.shared
    secrets = SecretStore(tmp_path / "secrets")
    secrets.ensure("site/example.com/grav-salt", 64)
    system = yaml.safe_load(files["system.yaml"].content)
    assert system == {"absolute_urls": False, "force_ssl": True, "gpm": {"official_gpm_only": True},
                      "pages": {"theme": "quark"}}  # fmt: skip
    assert yaml.safe_load(files["site.yaml"].content) == {
        "title": 'Tom\'s "Grav"',
        "author": {"email": "admin@example.com"},
    }
    assert "{{secret:site/example.com/grav-salt}}" in files["security.yaml"].content
    assert len(yaml.safe_load(fill_secrets(files["security.yaml"].content, secrets))["salt"]) == 64
    assert DRIVER.health_text(ctx) == "Grav"
    assert DRIVER.domain_fixup_steps(ctx, "https://old.example.com/") == []
    assert DRIVER.uses_database is False
    with pytest.raises(ValidationError, match="control character"):
        DRIVER.settings_files(context(tree, tmp_path, title="two\nlines"))


def test_old_grav_is_refused(realdata: Path, tmp_path: Path) -> None:
    ctx = context(realdata / "grav/grav-1.5.1-site-scopeweb", tmp_path)
    for make in (DRIVER.web_rules, DRIVER.settings_files, DRIVER.install_steps):
        with pytest.raises(ValidationError, match=r"Grav 1.5.1: .* need Grav 1.7 or newer"):
            make(ctx)


def test_install_update_reset_for_real(tmp_path: Path, realdata: Path) -> None:
    codebase = tmp_path / "codebases/grav"
    shutil.copytree(realdata / "grav/grav-1.7.46-site-GRAV-UAS", codebase)
    (codebase / "user/pages/01.home").mkdir(parents=True)
    (codebase / "user/pages/01.home/default.md").write_text("---\ntitle: Home\n---\n# Hello\n")
    (codebase / "user/env/aegir/config").mkdir(parents=True)
    (codebase / "user/env/aegir/config/site.yaml").write_text("title: from the codebase\n")
    ctx = context(codebase, tmp_path / "sites")
    secrets = SecretStore(tmp_path / "secrets")
    secrets.set("site/example.com/admin", "first-Passw0rd-for-grav")
    secrets.ensure("site/example.com/grav-salt", 64)
    # what the install plan does first: the settings files
    for f in DRIVER.settings_files(ctx):
        Path(f.path).parent.mkdir(parents=True, exist_ok=True)
        Path(f.path).write_text(fill_secrets(f.content, secrets))
    steps = DRIVER.install_steps(ctx)
    registry = builtin_registry()
    for step in steps:
        assert registry.from_data(json.loads(json.dumps(registry.to_data(step)))) == step
        carry_out(step, secrets)
    site = Path(ctx.site_dir)
    for name in ("cache", "logs", "tmp", "backup", "assets", "images"):
        assert (site / name).is_dir()
    assert (site / "user/pages/01.home/default.md").read_text().endswith("# Hello\n")
    assert (site / "user/plugins/admin/blueprints.yaml").is_file()
    assert "from the codebase" not in (site / "user/env/aegir/config/site.yaml").read_text()  # ours kept
    assert (site / "system").readlink() == codebase / "system"
    account = site / "user/accounts/admin.yaml"
    data = yaml.safe_load(account.read_text())
    assert data["email"] == "admin@example.com" and data["access"]["admin"]["super"] is True
    assert "first-Passw0rd" not in account.read_text()

    def verifies(password: str) -> bool:
        stored = yaml.safe_load(account.read_text())["hashed_password"]
        code = "echo password_verify(getenv('P'), getenv('H')) ? 'y' : 'n';"
        env = {"P": password, "H": stored, "PATH": "/usr/bin:/bin"}
        return subprocess.run(["php", "-r", code], capture_output=True, text=True, env=env).stdout == "y"

    assert verifies("first-Passw0rd-for-grav")
    # a login reset keeps the account's other lines
    account.write_text(account.read_text() + "twofa_secret: KEEPME\n")
    secrets.set("site/example.com/admin", "second-Passw0rd-for-grav")
    for step in DRIVER.login_reset_steps(ctx):
        carry_out(step, secrets)
    assert verifies("second-Passw0rd-for-grav") and not verifies("first-Passw0rd-for-grav")
    assert yaml.safe_load(account.read_text())["twofa_secret"] == "KEEPME"
    # after a code change: the link follows the new codebase, the cache is emptied
    other = tmp_path / "codebases/grav2"
    shutil.copytree(codebase, other)
    (site / "cache/compiled.php").write_text("<?php")
    moved = attrs.evolve(ctx, codebase_root=str(other), docroot=str(other))
    for step in DRIVER.update_steps(moved):
        carry_out(step, secrets)
    assert (site / "system").readlink() == other / "system"
    assert (site / "cache").is_dir() and not any((site / "cache").iterdir())
    assert DRIVER.site_paths(ctx) == [f"{site}/user"]
    # rolling the copy back removes the site's user folder
    copy = next(s for s in steps if isinstance(s, RunCommand) and s.argv[0] == "cp")
    undo = copy.inverse()
    assert undo is not None
    carry_out(undo, secrets)
    assert not (site / "user").exists()
