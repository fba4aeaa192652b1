"""What the WordPress driver hands the operations for a site: settings files, web rules, steps.

The rendered PHP is checked by PHP itself (``php -l``, and string literals read back by PHP).
"""

from __future__ import annotations

import json
import re
import subprocess
from pathlib import Path

import attrs
import pytest
from wp_helpers import site_context

from aegir.core.app import SiteContext
from aegir.core.errors import ConflictError, ValidationError
from aegir.core.model import Codebase, CodebaseScan
from aegir.core.steps import RunCommand, builtin_registry
from aegir.drivers.wordpress import WordPressDriver
from aegir.drivers.wordpress._driver import visible_title
from aegir.drivers.wordpress._siteconfig import SALT_KEYS, php_string

DRIVER = WordPressDriver()
CLASSIC = {"layout": "classic", "core_dir": ".", "content_dir": "wp-content", "wp_config": "absent",
           "wp_config_path": "wp-config.php"}  # fmt: skip
BEDROCK = {"layout": "composer", "core_dir": "web/wp", "content_dir": "web/app", "wp_config": "bedrock",
           "wp_config_path": "web/wp-config.php"}  # fmt: skip


def context(facts: dict[str, str], docroot: str = ".", **changes: object) -> SiteContext:
    codebase = Codebase(name="wp", app="wordpress", root="/srv/cb/wp", docroot=docroot,
                        scan=CodebaseScan(app="wordpress", docroot=docroot, facts=facts))  # fmt: skip
    ctx = site_context(codebase, Path("/srv/cb/wp"), Path("/srv/sites"), "example.com")
    return attrs.evolve(ctx, **changes) if changes else ctx


def php(code: str) -> str:
    done = subprocess.run(["php", "-r", code], capture_output=True, text=True, timeout=30)
    assert done.returncode == 0, done.stderr
    return done.stdout


def test_site_config_holds_placeholders_not_secrets(tmp_path: Path) -> None:
    ctx = context(CLASSIC, extra_settings=("define('WP_MEMORY_LIMIT', '256M');",))
    config, shim = DRIVER.settings_files(ctx)
    assert (config.path, config.mode, config.shared) == ("/srv/sites/example.com/wp-config.php", 0o440, False)
    assert (shim.path, shim.mode, shim.shared) == ("/srv/cb/wp/wp-config.php", 0o644, True)
    placeholders = set(re.findall(r"\{\{secret:([^}]+)\}\}", config.content))
    assert placeholders == {"site/example.com/db"} | {
        f"site/example.com/wp-{k.lower().replace('_', '-')}" for k in SALT_KEYS
    }
    assert "define('DB_HOST', '127.0.0.1:3306');" in config.content
    assert "define('WP_HOME', 'http://example.com');" in config.content
    assert "define('WP_SITEURL', 'http://example.com');" in config.content
    assert "define('AEGIR_FILES_DIR', '/srv/sites/example.com/files');" in config.content
    assert "define('AEGIR_UPLOADS_URL', 'http://example.com/wp-content/uploads');" in config.content
    assert "define('WP_CONTENT_DIR', '/srv/cb/wp/wp-content');" in config.content
    # extra settings come before the defaults they may override
    assert config.content.index("WP_MEMORY_LIMIT") < config.content.index("DISALLOW_FILE_MODS")
    for f in (config, shim):
        path = tmp_path / Path(f.path).name
        path.write_text(f.content)
        lint = subprocess.run(["php", "-l", str(path)], capture_output=True, text=True)
        assert lint.returncode == 0, lint.stdout + lint.stderr


@pytest.mark.parametrize(
    ("changes", "host"),
    [
        ({"db_socket": "/run/aegir/db.sock"}, "localhost:/run/aegir/db.sock"),
        ({"db_host": "10.0.0.5", "db_port": 3307}, "10.0.0.5:3307"),
        ({"db_host": "::1", "db_port": 3307}, "[::1]:3307"),
    ],
)
def test_db_host_forms(changes: dict[str, object], host: str) -> None:
    config = DRIVER.settings_files(context(CLASSIC, **changes))[0]
    assert f"define('DB_HOST', '{host}');" in config.content


@pytest.mark.parametrize("value", ["plain", "it's", "back\\slash", "\\'", "end\\", "ünï ✓", "$x {$y} \\n"])
def test_php_string_literals_read_back_the_same(value: str) -> None:
    assert php(f"echo json_encode({php_string(value)});") == json.dumps(value)


def test_php_string_rejects_nul() -> None:
    with pytest.raises(ValidationError, match="NUL"):
        php_string("a\x00b")


def test_bedrock_site() -> None:
    ctx = context(BEDROCK, docroot="web")
    config, shim = DRIVER.settings_files(ctx)
    assert shim.path == "/srv/cb/wp/web/wp-config.php"
    assert "define('WP_SITEURL', 'http://example.com/wp');" in config.content
    assert "define('WP_CONTENT_URL', 'http://example.com/app');" in config.content
    assert "define('AEGIR_UPLOADS_URL', 'http://example.com/app/uploads');" in config.content
    assert "defined('ABSPATH') || define('ABSPATH', '/srv/cb/wp/web/wp/');" in config.content
    assert "require_once '/srv/cb/wp/vendor/autoload.php';" in config.content
    rules = DRIVER.web_rules(ctx)
    assert rules.aliases == {"/app/uploads/": "/srv/sites/example.com/files/"}
    assert any(d.startswith("^/wp/wp-admin/includes/") for d in rules.deny)
    (step,) = DRIVER.update_steps(ctx)
    assert isinstance(step, RunCommand)
    assert step.env["AEGIR_WP_CORE"] == "/srv/cb/wp/web/wp"


def test_codebases_a_site_cannot_use() -> None:
    with pytest.raises(ConflictError, match=r"wp-config.php of its own \(wp-config.php\).*codebase verify"):
        DRIVER.settings_files(context({**CLASSIC, "wp_config": "custom"}))
    debian_in_place = attrs.evolve(
        context({**CLASSIC, "wp_config": "debian"}), codebase_root="/usr/share/wordpress"
    )
    with pytest.raises(ConflictError, match=r"under /usr .*--copy-from /usr/share/wordpress"):
        DRIVER.settings_files(debian_in_place)
    with pytest.raises(ValidationError, match="no WordPress core"):
        DRIVER.web_rules(context({"layout": "wp-content", "content_dir": "wp-content"}))
    with pytest.raises(ValidationError, match="outside the docroot"):
        DRIVER.web_rules(context({**CLASSIC, "core_dir": "web", "content_dir": "content"}, docroot="web"))
    with pytest.raises(ValidationError, match="table prefix"):
        DRIVER.settings_files(
            context(CLASSIC, site=attrs.evolve(context(CLASSIC).site, options={"wp_table_prefix": "x;"}))
        )


def test_web_rules() -> None:
    ctx = context(CLASSIC)
    rules = DRIVER.web_rules(ctx)
    assert rules.front_controller == "/index.php"
    assert rules.fastcgi_params == {"AEGIR_WP_CONFIG": "/srv/sites/example.com/wp-config.php"}
    assert rules.aliases == {"/wp-content/uploads/": "/srv/sites/example.com/files/"}

    def denied(path: str, rules_deny: tuple[str, ...] = rules.deny) -> bool:
        return any(re.search(d, path) for d in rules_deny)

    for path in ("/wp-config.php", "/sub/wp-config-sample.php", "/.htaccess", "/.git/config", "/x/.env",
                 "/xmlrpc.php", "/readme.html", "/wp-admin/install.php", "/wp-includes/version.php",
                 "/wp-content/uploads/2024/01/a.PhP", "/wp-content/debug.log", "/composer.lock", "/vendor/x"):  # fmt: skip
        assert denied(path), path
    for path in ("/", "/index.php", "/wp-login.php", "/wp-admin/", "/wp-admin/admin-ajax.php", "/wp-cron.php",
                 "/.well-known/acme-challenge/tok", "/wp-includes/js/jquery/jquery.js",
                 "/wp-content/uploads/2024/01/a.jpg", "/wp-content/plugins/akismet/_inc/akismet.js"):  # fmt: skip
        assert not denied(path), path
    xmlrpc_on = attrs.evolve(ctx, site=attrs.evolve(ctx.site, options={"wp_xmlrpc": "on"}))
    assert not denied("/xmlrpc.php", DRIVER.web_rules(xmlrpc_on).deny)


def test_steps_carry_no_secret_and_journal_round_trip() -> None:
    ctx = context(CLASSIC)
    registry = builtin_registry()
    steps = [
        *DRIVER.install_steps(ctx),
        *DRIVER.update_steps(ctx),
        *DRIVER.login_reset_steps(ctx),
        *DRIVER.domain_fixup_steps(ctx, "http://old.example.com/"),
    ]
    assert len(steps) == 4
    for step in steps:
        assert isinstance(step, RunCommand)
        assert step.argv[0] == "php" and "-r" not in step.argv  # the script comes on stdin
        assert registry.from_data(json.loads(json.dumps(registry.to_data(step)))) == step
    install = steps[0]
    assert isinstance(install, RunCommand)
    assert install.secret_env == {"AEGIR_ADMIN_PASSWORD": "site/example.com/admin"}
    params = json.loads(install.env["AEGIR_WP_PARAMS"])
    assert params == {
        "title": "Site example.com", "admin_user": "admin", "admin_email": "admin@example.com",
        "language": "", "permalink_structure": "/%year%/%monthnum%/%day%/%postname%/",
    }  # fmt: skip
    fixup = steps[3]
    assert isinstance(fixup, RunCommand)
    fix = json.loads(fixup.env["AEGIR_WP_PARAMS"])
    assert fix["pairs"] == [
        ["http://old.example.com", "http://example.com"],
        ["//old.example.com", "//example.com"],
        ["http:\\/\\/old.example.com", "http:\\/\\/example.com"],
        ["\\/\\/old.example.com", "\\/\\/example.com"],
    ]
    assert fix["skip"] == ["wp_posts.guid"]
    assert DRIVER.domain_fixup_steps(ctx, "http://example.com") == []
    with pytest.raises(ValidationError, match="old URL"):
        DRIVER.domain_fixup_steps(ctx, "ftp://old")
    assert DRIVER.site_paths(ctx) == ["/srv/sites/example.com/files"]


@pytest.mark.parametrize(
    ("title", "visible"),
    [
        ("My Blog", "My Blog"),
        ("demo.localhost", "demo.localhost"),
        ("Tom & Jerry's Place", "s Place"),
        ('"Quoted" -- title...', "Quoted"),
        ("", None),
    ],
)
def test_health_text_is_what_the_page_shows(title: str, visible: str | None) -> None:
    assert visible_title(title) == visible
