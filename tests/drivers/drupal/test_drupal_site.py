"""What the drivers hand the hosting layer for a site: settings.php, drush steps, web rules.

No Drupal code exists on these machines: settings are checked by PHP itself (lint, then include and
print what they set), the drush command lines against their exact expected form, and the PHP
snippets drush would run against stand-ins for the few Drupal functions they call.
"""

from __future__ import annotations

import json
import re
import subprocess
from pathlib import Path
from typing import Any

import attrs
import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from aegir.core import serialize
from aegir.core.app import SiteContext
from aegir.core.errors import ValidationError
from aegir.core.secrets import SecretStore, generate_password
from aegir.core.steps import RunCommand, WriteFile, fill_secrets
from aegir.drivers.drupal import Drupal7Driver, DrupalDriver
from aegir.drivers.drupal._drush import DRUSH_YML, DRUSHRC_PHP, SET_PASSWORD_D7, SET_PASSWORD_D8
from aegir.drivers.drupal._php import php_string, secret_literal
from aegir.drivers.drupal._web import DRUPAL7_PHP_ENTRY_POINTS, DRUPAL_PHP_ENTRY_POINTS

from ._sites import make_context

DRUSH = ["/usr/bin/php8.2", "/srv/aegir/codebases/cb1/vendor/bin/drush"]
ROOT_URI = ["--root=/srv/aegir/codebases/cb1/web", "--uri=http://example.com:8080/"]


def _php(php: str, code: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run([php, "-r", code], capture_output=True, text=True, env=env, timeout=60)


def _write_settings(
    ctx: SiteContext, driver: Any, secrets: SecretStore, tmp_path: Path
) -> tuple[Path, dict[str, str]]:
    values = {name: generate_password(length) for name, length in driver.required_secrets(ctx).items()}
    for name, value in values.items():
        secrets.set(name, value)
    (file,) = driver.settings_files(ctx)
    path = tmp_path / "settings.php"
    path.write_text(fill_secrets(file.content, secrets))
    return path, values


# -- settings.php, Drupal 8+ ---------------------------------------------------------------------------


def test_settings_shape() -> None:
    ctx = make_context()
    (file,) = DrupalDriver().settings_files(ctx)
    assert file.path == "/srv/aegir/codebases/cb1/web/sites/example.com/settings.php"
    assert file.mode == 0o440
    assert "'password' => '{{secret:site/example.com/db}}'," in file.content
    assert "$settings['hash_salt'] = '{{secret:site/example.com/hash-salt}}';" in file.content
    assert DrupalDriver().required_secrets(ctx) == {
        "site/example.com/hash-salt": 64,
        "site/example.com/db": 24,
    }
    assert "$config_directories" not in file.content


def test_settings_run_in_php(php: str, secrets: SecretStore, tmp_path: Path) -> None:
    ctx = make_context(extra=("$settings['aegir_plugin_marker'] = 'on';",))
    path, values = _write_settings(ctx, DrupalDriver(), secrets, tmp_path)
    lint = subprocess.run([php, "-l", str(path)], capture_output=True, text=True, check=False)
    assert lint.returncode == 0, lint.stdout + lint.stderr
    out = _php(
        php, f"include {php_string(str(path))}; echo json_encode(['db' => $databases, 's' => $settings]);"
    )
    assert out.returncode == 0, out.stderr
    data = json.loads(out.stdout)
    assert data["db"] == {
        "default": {
            "default": {
                "driver": "mysql",
                "database": "site_example_com",
                "username": "u_example_com",
                "password": values["site/example.com/db"],
                "host": "127.0.0.1",
                "port": 3307,
                "prefix": "",
            }
        }
    }
    s = data["s"]
    assert s["hash_salt"] == values["site/example.com/hash-salt"]
    assert s["config_sync_directory"] == "/srv/aegir/private/example.com/config/sync"
    assert s["file_public_path"] == "sites/example.com/files"
    assert s["file_private_path"] == "/srv/aegir/private/example.com"
    assert s["update_free_access"] is False
    assert s["aegir_plugin_marker"] == "on"
    assert s["trusted_host_patterns"] == ["^example\\.com$", "^www\\.example\\.com$", "^example\\.org$"]


def test_trusted_host_patterns_in_php(php: str, secrets: SecretStore, tmp_path: Path) -> None:
    path, _ = _write_settings(make_context(), DrupalDriver(), secrets, tmp_path)
    hosts = ["example.com", "www.example.com", "example.org", "examplexcom", "evil.com", "example.com.evil.com",
             "wwwxexample.com", "a.example.com", "EXAMPLE.COM"]  # fmt: skip
    code = (
        f"include {php_string(str(path))}; $out = [];"
        f" foreach ({json.dumps(hosts).replace('[', 'array(').replace(']', ')')} as $h) {{"
        " $ok = FALSE; foreach ($settings['trusted_host_patterns'] as $p) { if (preg_match('{' . $p . '}i', $h)) { $ok = TRUE; } }"
        " $out[$h] = $ok; } echo json_encode($out);"
    )  # Drupal matches each pattern as '{' . $pattern . '}i'
    result = _php(php, code)
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout) == {
        "example.com": True, "www.example.com": True, "example.org": True, "examplexcom": False, "evil.com": False,
        "example.com.evil.com": False, "wwwxexample.com": False, "a.example.com": False, "EXAMPLE.COM": True,
    }  # fmt: skip


def test_settings_with_socket_and_old_drupal(php: str, secrets: SecretStore, tmp_path: Path) -> None:
    ctx = make_context(version="8.7.14", socket="/srv/aegir/run/mysqld.sock")
    path, _ = _write_settings(ctx, DrupalDriver(), secrets, tmp_path)
    out = _php(php, f"include {php_string(str(path))}; echo json_encode([$databases, $config_directories]);")
    db, config_directories = json.loads(out.stdout)
    assert db["default"]["default"]["host"] == "localhost"
    assert db["default"]["default"]["unix_socket"] == "/srv/aegir/run/mysqld.sock"
    assert config_directories == {"sync": "/srv/aegir/private/example.com/config/sync"}


@settings(max_examples=10, deadline=None)
@given(password=st.integers(min_value=8, max_value=64).map(generate_password))
def test_generated_passwords_stay_inside_their_literal(
    password: str, php: str, tmp_path_factory: pytest.TempPathFactory
) -> None:
    tmp = tmp_path_factory.mktemp("pw")
    store = SecretStore(tmp / "secrets")
    store.set("site/example.com/db", password)
    store.set("site/example.com/hash-salt", password[::-1])
    (file,) = DrupalDriver().settings_files(make_context())
    path = tmp / "settings.php"
    path.write_text(fill_secrets(file.content, store))
    out = _php(
        php,
        f"include {php_string(str(path))}; echo $databases['default']['default']['password'], ' ', $settings['hash_salt'];",
    )
    assert out.stdout == f"{password} {password[::-1]}"


def test_php_string_round_trip(php: str) -> None:
    values = [
        "",
        "'",
        "\\",
        "\\'",
        "a'b\\c",
        "end\\",
        "$x {$y} \\n",
        "ünï€\U0001f600",
        "\n\t\r",
        "' . system('id') . '",
    ]
    code = "echo json_encode(array(" + ", ".join(php_string(v) for v in values) + "));"
    assert json.loads(_php(php, code).stdout) == values


@given(
    text=st.text(
        alphabet=st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00"), max_size=30
    )
)
def test_php_string_escapes_only_quote_and_backslash(text: str) -> None:
    literal = php_string(text)
    assert literal[0] == literal[-1] == "'"
    inner = literal[1:-1]
    assert re.sub(r"\\(['\\])", r"\1", inner) == text
    assert not re.search(r"(?<!\\)(?:\\\\)*'", inner), "no unescaped quote inside"


def test_secret_literal_names() -> None:
    assert secret_literal("site/a.b/db") == "'{{secret:site/a.b/db}}'"
    for bad in ("Site/x", "site/../x", "a'b", "", "x y", "{{secret:x}}"):
        with pytest.raises(ValidationError):
            secret_literal(bad)


def test_settings_layout_errors() -> None:
    ctx = make_context()
    with pytest.raises(ValidationError, match="must be under the docroot"):
        DrupalDriver().settings_files(attrs.evolve(ctx, files_dir="/srv/files/example.com"))
    with pytest.raises(ValidationError, match="needs db_name"):
        DrupalDriver().settings_files(attrs.evolve(ctx, db_name=None))
    with pytest.raises(ValidationError, match="cannot be called 'default'"):
        site = attrs.evolve(ctx.site, domain="default")
        DrupalDriver().install_steps(attrs.evolve(ctx, site=site, site_dir="/srv/aegir/sites/default"))


def test_site_outside_the_codebase(php: str, secrets: SecretStore, tmp_path: Path) -> None:
    """The hosting layer's default layout: the site lives in <sites root>/<domain>, linked into the docroot."""
    ctx = make_context(outside=True)
    (file,) = DrupalDriver().settings_files(ctx)
    assert file.path == "/srv/aegir/sites/example.com/settings.php"
    path, _ = _write_settings(ctx, DrupalDriver(), secrets, tmp_path)
    out = _php(php, f"include {php_string(str(path))}; echo json_encode($settings);")
    s = json.loads(out.stdout)
    assert s["file_public_path"] == "sites/example.com/files"
    assert s["file_private_path"] == "/srv/aegir/sites/example.com/private"
    assert s["config_sync_directory"] == "/srv/aegir/sites/example.com/private/config/sync"
    link, *rest = DrupalDriver().install_steps(ctx)
    assert isinstance(link, RunCommand)
    assert list(link.argv) == [
        "ln",
        "-sfn",
        "/srv/aegir/sites/example.com",
        "/srv/aegir/codebases/cb1/web/sites/example.com",
    ]
    assert link.undo is not None and list(link.undo.argv) == [
        "rm",
        "-f",
        "/srv/aegir/codebases/cb1/web/sites/example.com",
    ]
    assert "--sites-subdir=example.com" in _argv(rest[1])
    for steps in (
        DrupalDriver().update_steps(ctx),
        DrupalDriver().login_reset_steps(ctx),
        Drupal7Driver().domain_fixup_steps(ctx, "http://a/"),
    ):
        assert (
            isinstance(steps[0], RunCommand) and steps[0].argv[:2] == ("ln", "-sfn") and steps[0].undo is None
        )
    # inside the docroot there is nothing to link
    assert all(
        not (isinstance(s, RunCommand) and s.argv[0] == "ln")
        for s in DrupalDriver().install_steps(make_context())
    )


def test_link_step_on_a_real_tree(tmp_path: Path) -> None:
    """The link step's command, run for real: settings reachable through it, idempotent, undone cleanly."""
    docroot = tmp_path / "codebase" / "web"
    (docroot / "sites" / "default").mkdir(parents=True)
    site_dir = tmp_path / "sites" / "example.com"
    (site_dir / "files").mkdir(parents=True)
    (site_dir / "settings.php").write_text("<?php\n")
    ctx = attrs.evolve(
        make_context(outside=True),
        docroot=str(docroot),
        site_dir=str(site_dir),
        files_dir=str(site_dir / "files"),
    )
    (link,) = [
        s for s in DrupalDriver().install_steps(ctx) if isinstance(s, RunCommand) and s.argv[0] == "ln"
    ]
    for _ in range(2):
        subprocess.run(list(link.argv), check=True)
    linked = docroot / "sites" / "example.com"
    assert linked.is_symlink() and (linked / "settings.php").read_text() == "<?php\n"
    assert sorted(p.name for p in site_dir.iterdir()) == ["files", "settings.php"], "no link nested inside"
    assert link.undo is not None
    subprocess.run(list(link.undo.argv), check=True)
    assert not linked.exists() and (site_dir / "settings.php").is_file()


# -- settings.php, Drupal 7 ----------------------------------------------------------------------------


def test_d7_settings_run_in_php(php: str, secrets: SecretStore, tmp_path: Path) -> None:
    ctx = make_context(app="drupal7", version="7.105", extra=("$conf['aegir_marker'] = 1;",))
    path, values = _write_settings(ctx, Drupal7Driver(), secrets, tmp_path)
    assert subprocess.run([php, "-l", str(path)], capture_output=True, check=False).returncode == 0
    code = (
        f"include {php_string(str(path))};"
        " echo json_encode(array($databases, $drupal_hash_salt, $conf, $update_free_access));"
    )
    db, salt, conf, free = json.loads(_php(php, code).stdout)
    assert db["default"]["default"]["password"] == values["site/example.com/db"]
    assert db["default"]["default"]["database"] == "site_example_com"
    assert salt == values["site/example.com/hash-salt"]
    assert conf == {
        "file_public_path": "sites/example.com/files",
        "file_private_path": "/srv/aegir/private/example.com",
        "aegir_marker": 1,
    }
    assert free is False
    assert "[" not in Path(path).read_text().split("$databases", 1)[1].split(";", 1)[0].replace(
        "['default']", ""
    )


# -- drush steps ---------------------------------------------------------------------------------------


def _argv(step: Any) -> list[str]:
    assert isinstance(step, RunCommand)
    return list(step.argv)


def test_install_steps_d8() -> None:
    ctx = make_context()
    write, install, password = DrupalDriver().install_steps(ctx)
    assert isinstance(write, WriteFile)
    assert (write.path, write.content, write.mode) == (
        "/srv/aegir/private/example.com/drush/drush.yml",
        DRUSH_YML,
        0o600,
    )
    assert _argv(install) == [
        *DRUSH, *ROOT_URI, "--config=/srv/aegir/private/example.com/drush/drush.yml", "site:install", "standard", "--yes",
        "--sites-subdir=example.com", "--site-name=Example Site", "--account-name=admin",
        "--account-mail=ops@example.com", "--site-mail=ops@example.com",
    ]  # fmt: skip
    assert install.secret_env == {"AEGIR_ADMIN_PASS": "site/example.com/admin"}
    assert install.cwd == "/srv/aegir/codebases/cb1" and install.server == "local"
    assert _argv(password) == [*DRUSH, *ROOT_URI, "php:eval", SET_PASSWORD_D8]
    assert password.env == {"AEGIR_ADMIN_USER": "admin"}
    assert password.secret_env == {"AEGIR_ADMIN_PASS": "site/example.com/admin"}


def test_install_profile_choice() -> None:
    driver = DrupalDriver()
    assert _argv(driver.install_steps(make_context(profile="minimal"))[1])[6] == "minimal"
    assert _argv(driver.install_steps(make_context(profiles=("az_quickstart",)))[1])[6] == "az_quickstart"
    steps = driver.install_steps(make_context(profile="recipe:recipes/site_recipe"))
    assert _argv(steps[1])[6] == "minimal"
    assert _argv(steps[3]) == [*DRUSH, *ROOT_URI, "recipe", "/srv/aegir/codebases/cb1/recipes/site_recipe"]
    assert _argv(steps[4]) == [*DRUSH, *ROOT_URI, "cache:rebuild"]


def test_update_reset_and_fixup_steps_d8() -> None:
    ctx = make_context(facts={"drush": "bin/drush"})
    drush = ["/usr/bin/php8.2", "/srv/aegir/codebases/cb1/bin/drush"]
    driver = DrupalDriver()
    assert [_argv(s) for s in driver.update_steps(ctx)] == [
        [*drush, *ROOT_URI, "updatedb", "--yes"],
        [*drush, *ROOT_URI, "cache:rebuild"],
    ]
    assert [_argv(s) for s in driver.login_reset_steps(ctx)] == [
        [*drush, *ROOT_URI, "php:eval", SET_PASSWORD_D8]
    ]
    assert [_argv(s) for s in driver.domain_fixup_steps(ctx, "http://old.example.com/")] == [
        [*drush, *ROOT_URI, "cache:rebuild"]
    ]


def test_d7_steps() -> None:
    ctx = make_context(app="drupal7", version="7.105", profiles=("pantheon",))
    driver = Drupal7Driver()
    write, install, password = driver.install_steps(ctx)
    assert isinstance(write, WriteFile) and write.content == DRUSHRC_PHP
    assert write.path == "/srv/aegir/private/example.com/drush/drushrc.php"
    assert _argv(install) == [
        "drush", *ROOT_URI, "--config=/srv/aegir/private/example.com/drush/drushrc.php", "site-install", "pantheon", "--yes",
        "--sites-subdir=example.com", "--site-name=Example Site", "--account-name=admin",
        "--account-mail=ops@example.com", "--site-mail=ops@example.com",
    ]  # fmt: skip
    assert _argv(password) == ["drush", *ROOT_URI, "php-eval", SET_PASSWORD_D7]
    assert [_argv(s) for s in driver.update_steps(ctx)] == [
        ["drush", *ROOT_URI, "updb", "-y"],
        ["drush", *ROOT_URI, "cc", "all"],
    ]
    assert [_argv(s) for s in driver.domain_fixup_steps(ctx, "http://old/")] == [
        ["drush", *ROOT_URI, "cc", "all"]
    ]


def test_no_secret_in_any_plan(secrets: SecretStore) -> None:
    """Steps are journaled as JSON: no password, salt or --account-pass may appear in them."""
    for driver, app in ((DrupalDriver(), "drupal"), (Drupal7Driver(), "drupal7")):
        ctx = make_context(app=app)
        values = [secrets.ensure(name, length) for name, length in driver.required_secrets(ctx).items()]
        values.append(secrets.ensure("site/example.com/admin"))
        steps = [*driver.install_steps(ctx), *driver.update_steps(ctx), *driver.login_reset_steps(ctx)]
        journal = json.dumps([serialize.unstructure(s) for s in steps])
        assert "account-pass" not in " ".join(a for s in steps if isinstance(s, RunCommand) for a in s.argv)
        assert all(v not in journal for v in values)
        for file in driver.settings_files(ctx):
            assert all(v not in file.content for v in values)


def test_steps_need_an_admin_secret() -> None:
    ctx = attrs.evolve(make_context(), admin_password_secret=None)
    with pytest.raises(ValidationError, match="no admin password secret"):
        DrupalDriver().login_reset_steps(ctx)


def test_drush_yml_reads_the_password_from_the_environment() -> None:
    assert yaml.safe_load(DRUSH_YML) == {
        "command": {"site": {"install": {"options": {"account-pass": "${env.AEGIR_ADMIN_PASS}"}}}}
    }


def test_drushrc_php_reads_the_password_from_the_environment(php: str, tmp_path: Path) -> None:
    path = tmp_path / "drushrc.php"
    path.write_text(DRUSHRC_PHP)
    out = _php(
        php,
        f"include {php_string(str(path))}; echo json_encode($command_specific);",
        env={"AEGIR_ADMIN_PASS": "s3cret"},
    )
    assert json.loads(out.stdout) == {"site-install": {"account-pass": "s3cret"}}


# Stand-ins for the Drupal API the snippets call: enough to see they read the environment, find the
# user by name and hand the password to the API (hashing is Drupal's business).
_D8_STUBS = """
class FakeAccount { public $name; public $pass = NULL; public $active = FALSE; public $saved = FALSE;
  function __construct($n) { $this->name = $n; }
  function setPassword($p) { $this->pass = $p; return $this; }
  function activate() { $this->active = TRUE; return $this; }
  function save() { $this->saved = TRUE; $GLOBALS['saved'] = $this; } }
class FakeStorage { function loadByProperties($p) { return $p['name'] === 'admin' ? array(7 => new FakeAccount('admin')) : array(); } }
class FakeManager { function getStorage($t) { return $t === 'user' ? new FakeStorage() : NULL; } }
class Drupal { static function entityTypeManager() { return new FakeManager(); } }
"""
_D7_STUBS = """
function user_load_by_name($n) { return $n === 'admin' ? (object) array('name' => 'admin') : FALSE; }
function user_save($account, $edit) { $GLOBALS['saved'] = array($account->name, $edit); return $account; }
"""


def test_set_password_snippet_d8(php: str) -> None:
    code = (
        _D8_STUBS
        + SET_PASSWORD_D8
        + " echo json_encode(array($GLOBALS['saved']->pass, $GLOBALS['saved']->active));"
    )
    ok = _php(php, code, env={"AEGIR_ADMIN_USER": "admin", "AEGIR_ADMIN_PASS": "n3wPass"})
    assert ok.returncode == 0, ok.stderr
    assert ok.stdout.splitlines() == ["password of admin set", '["n3wPass",true]']
    nobody = _php(php, _D8_STUBS + SET_PASSWORD_D8, env={"AEGIR_ADMIN_USER": "root", "AEGIR_ADMIN_PASS": "x"})
    assert nobody.returncode != 0 and "there is no user named root" in nobody.stdout + nobody.stderr
    empty = _php(php, _D8_STUBS + SET_PASSWORD_D8, env={"AEGIR_ADMIN_USER": "admin"})
    assert empty.returncode != 0 and "the new password is empty" in empty.stdout + empty.stderr


def test_set_password_snippet_d7(php: str) -> None:
    code = _D7_STUBS + SET_PASSWORD_D7 + " echo json_encode($GLOBALS['saved']);"
    ok = _php(php, code, env={"AEGIR_ADMIN_USER": "admin", "AEGIR_ADMIN_PASS": "n3wPass"})
    assert ok.returncode == 0, ok.stderr
    assert ok.stdout.splitlines() == ["password of admin set", '["admin",{"pass":"n3wPass","status":1}]']
    empty = _php(php, _D7_STUBS + SET_PASSWORD_D7, env={"AEGIR_ADMIN_USER": "admin", "AEGIR_ADMIN_PASS": ""})
    assert empty.returncode != 0


# -- web rules, paths, health --------------------------------------------------------------------------

DENIED = [
    "/sites/default/settings.php", "/core/lib/Drupal.php", "/.htaccess", "/.git/config", "/.env", "/composer.json",
    "/composer.lock", "/vendor/autoload.php", "/vendor/bin/drush", "/modules/contrib/token/token.module",
    "/core/core.services.yml", "/sites/default/files/evil.php", "/sites/default/files/x.phar",
    "/index.php.bak", "/index.php~", "/sites/example.com/private/report.pdf", "/themes/x/templates/page.html.twig",
    "/web.config", "/core/modules/system/system.install", "/profiles/p/p.profile", "/dump.sql", "/db.mysql",
    "/core/install.php.orig", "/package.json", "/core/scripts/run-tests.sh", "/xmlrpc.php",
]  # fmt: skip
ALLOWED = [
    "/", "/index.php", "/update.php", "/core/install.php", "/core/rebuild.php", "/core/authorize.php", "/node/1",
    "/sites/default/files/image.png", "/.well-known/acme-challenge/abc", "/core/misc/drupal.js",
    "/themes/x/logo.svg", "/robots.txt", "/sites/default/files/styles/large/public/a.jpg", "/user/login",
]  # fmt: skip


def _denied(rules: tuple[str, ...], path: str) -> bool:
    return any(re.search(rule, path) for rule in rules)


def test_web_rules_d8() -> None:
    rules = DrupalDriver().web_rules(make_context())
    assert (rules.front_controller, rules.php) == ("/index.php", True)
    assert [p for p in DENIED if not _denied(rules.deny, p)] == []
    assert [p for p in ALLOWED if _denied(rules.deny, p)] == []
    assert all(not _denied(rules.deny, "/" + p) for p in DRUPAL_PHP_ENTRY_POINTS)


def test_web_rules_d7() -> None:
    rules = Drupal7Driver().web_rules(make_context(app="drupal7"))
    assert all(not _denied(rules.deny, "/" + p) for p in DRUPAL7_PHP_ENTRY_POINTS)
    for path in ["/sites/default/settings.php", "/modules/node/node.info", "/modules/node/node.test",
                 "/includes/bootstrap.inc", "/.htaccess", "/sites/default/files/x.php", "/scripts/drupal.sh"]:  # fmt: skip
        assert _denied(rules.deny, path), path
    for path in ["/", "/cron.php", "/install.php", "/misc/drupal.js", "/sites/default/files/a.png"]:
        assert not _denied(rules.deny, path), path


def _free_port() -> int:
    import socket

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@pytest.mark.services
def test_web_rules_in_a_real_nginx(tmp_path: Path) -> None:
    """The deny rules, quoted the way the local backend writes them, in a running nginx: every
    denied path gets 403, every allowed one reaches the catch-all location."""
    import os
    import shutil
    import signal
    import time
    import urllib.error
    import urllib.request

    from aegir.backends.local.nginx_conf import quote

    nginx = shutil.which("nginx") or "/usr/sbin/nginx"
    port = _free_port()
    servers = []
    for index, rules in enumerate(
        (DrupalDriver().web_rules(make_context()), Drupal7Driver().web_rules(make_context()))
    ):
        locations = "\n".join(
            f"    location ~ {quote('deny rule', r, variables=True)} {{ return 403; }}" for r in rules.deny
        )
        servers.append(
            f"  server {{\n    listen 127.0.0.1:{port};\n    server_name d{index}.test;\n{locations}\n"
            '    location / { return 200 "ok"; }\n  }'
        )
    conf = tmp_path / "nginx.conf"
    conf.write_text(
        f"pid {tmp_path}/nginx.pid;\nerror_log {tmp_path}/error.log;\ndaemon on;\nevents {{}}\nhttp {{\n"
        f"  access_log off;\n  client_body_temp_path {tmp_path}/body;\n" + "\n".join(servers) + "\n}\n"
    )
    subprocess.run([nginx, "-p", str(tmp_path), "-c", str(conf)], check=True, capture_output=True)
    pid = int((tmp_path / "nginx.pid").read_text())
    try:

        def status(host: str, path: str) -> int:
            request = urllib.request.Request(f"http://127.0.0.1:{port}{path}", headers={"Host": host})
            for attempt in range(50):
                try:
                    with urllib.request.urlopen(request, timeout=5) as response:  # noqa: S310 - http URL made here
                        return int(response.status)
                except urllib.error.HTTPError as e:
                    return int(e.code)
                except (ConnectionError, urllib.error.URLError):
                    time.sleep(0.05 * (attempt + 1))
            raise AssertionError("nginx did not answer")

        assert [p for p in DENIED if status("d0.test", p) != 403] == []
        assert [p for p in ALLOWED if status("d0.test", p) != 200] == []
        assert status("d1.test", "/modules/node/node.info") == 403
        assert status("d1.test", "/cron.php") == 200
    finally:
        os.kill(pid, signal.SIGQUIT)
        for _ in range(100):
            try:
                os.kill(pid, 0)
            except ProcessLookupError:
                break
            time.sleep(0.05)


def test_site_paths_and_health() -> None:
    ctx = make_context()
    assert DrupalDriver().site_paths(ctx) == [
        "/srv/aegir/codebases/cb1/web/sites/example.com/files",
        "/srv/aegir/private/example.com",
    ]
    assert DrupalDriver().health_text(ctx) == "Example Site"
    assert Drupal7Driver().health_text(make_context(title="Ben & Jerry's")) is None
    assert DrupalDriver().health_text(make_context(title=None)) is None
