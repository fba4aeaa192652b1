"""One managed server (nginx, php-fpm, MariaDB started for real on free ports) shared by the module:
sites served, denied, in maintenance; broken vhosts refused; databases isolated, dumped, loaded."""

from __future__ import annotations

import io
import subprocess
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

from aegir.backends.local import LocalBackend
from aegir.core.app import WebRules
from aegir.core.backend import BackendEnv, Vhost
from aegir.core.errors import BackendError, CommandFailed, ValidationError

from ._support import AS_ROOT, alive, family, managed_server, running

pytestmark = pytest.mark.services


@pytest.fixture(scope="module")
def backend(env: BackendEnv) -> Iterator[LocalBackend]:
    with running(managed_server("web1"), env) as b:
        yield b


def docroot(backend: LocalBackend, domain: str, files: dict[str, str]) -> str:
    root = Path(backend.sites_root()) / domain / "web"
    for name, content in files.items():
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_text(content)
    return str(root)


def publish(backend: LocalBackend, domain: str, files: dict[str, str], rules: WebRules | None = None) -> str:
    root = docroot(backend, domain, files)
    backend.publish_site(Vhost(domain, root, rules or WebRules()))
    return root


def test_status_shows_each_service_with_pid_and_port(backend: LocalBackend) -> None:
    states = {s.name: s for s in backend.status()}
    assert set(states) == {"nginx", "php-fpm", "mariadb"}
    assert all(s.running and s.pid and alive(s.pid) for s in states.values())
    web = backend.server.services[0]
    db = backend.server.services[2]
    assert states["nginx"].port == web.port
    assert states["mariadb"].port == db.port
    assert backend.executor.can_connect("127.0.0.1", db.port or 0)


def test_start_again_is_harmless(backend: LocalBackend) -> None:
    before = {s.name: s.pid for s in backend.status()}
    after = {s.name: s.pid for s in backend.start()}
    assert before == after


def test_php_site_is_served_through_its_front_controller(backend: LocalBackend) -> None:
    publish(backend, "php.test", {"index.php": "<?php echo 'front ', $_SERVER['REQUEST_URI'];"})
    assert backend.http_get("php.test", "/").body == "front /"
    result = backend.http_get("php.test", "/some/clean/path?q=1")
    assert (result.status, result.body) == (200, "front /some/clean/path?q=1")
    # another name on the same server is not this site
    assert backend.http_get("other.test", "/").status == 404


def test_aliases_static_files_and_php_path_info(backend: LocalBackend) -> None:
    root = docroot(
        backend,
        "alias.test",
        {
            "index.php": "<?php echo 'index';",
            "info.php": "<?php echo 'pi=', $_SERVER['PATH_INFO'] ?? '';",
            "style.css": "body{}",
        },
    )
    backend.publish_site(Vhost("alias.test", root, WebRules(), aliases=("www.alias.test",)))
    assert backend.http_get("www.alias.test", "/").body == "index"
    css = backend.http_get("alias.test", "/style.css")
    assert css.status == 200 and css.body == "body{}" and "max-age=3600" in css.headers["Cache-Control"]
    assert backend.http_get("alias.test", "/info.php/extra/path").body == "pi=/extra/path"
    # a PHP file that does not exist is a 404, never handed to PHP-FPM
    assert backend.http_get("alias.test", "/missing.php").status == 404


def test_deny_rules_aliases_and_fastcgi_params(backend: LocalBackend, web_home: Path) -> None:
    uploads = web_home / "uploads-of-rules.test"
    uploads.mkdir()
    (uploads / "photo.txt").write_text("an upload")
    (uploads / "shell.php").write_text("<?php echo 'ran';")
    rules = WebRules(
        deny=(r"^/private\.txt$", r"(?i)^/uploads/.*\.php$", r"^/back\\slash$"),
        fastcgi_params={"AEGIR_SITE_CONFIG": "/etc/some where/config.php"},
        aliases={"/uploads/": str(uploads)},
    )
    files = {
        "index.php": "<?php echo getenv('AEGIR_SITE_CONFIG');",
        "private.txt": "secret",
        ".env": "DB_PASSWORD=x",
        ".well-known/acme-challenge/t": "token",
    }
    publish(backend, "rules.test", files, rules)
    assert backend.http_get("rules.test", "/").body == "/etc/some where/config.php"
    assert backend.http_get("rules.test", "/private.txt").status == 403
    assert backend.http_get("rules.test", "/.env").status == 403
    # a backslash in a rule reaches nginx as one backslash
    assert backend.http_get("rules.test", "/back%5Cslash").status == 403
    assert backend.http_get("rules.test", "/backslash").status == 200
    assert backend.http_get("rules.test", "/.well-known/acme-challenge/t").body == "token"
    assert backend.http_get("rules.test", "/uploads/photo.txt").body == "an upload"
    # PHP never runs under an alias, and the deny rules apply there too
    assert backend.http_get("rules.test", "/uploads/SHELL.PHP").status == 403
    assert backend.http_get("rules.test", "/uploads/missing.txt").status == 404


def test_maintenance_answers_503_for_that_site_only(backend: LocalBackend) -> None:
    publish(backend, "down.test", {"index.php": "<?php echo 'up';"})
    publish(backend, "neighbour.test", {"index.php": "<?php echo 'neighbour';"})
    backend.set_maintenance("down.test", True)
    result = backend.http_get("down.test", "/any/path")
    assert result.status == 503 and "maintenance" in result.body
    assert result.headers["Retry-After"] == "300"
    assert backend.http_get("neighbour.test", "/").body == "neighbour"
    backend.set_maintenance("down.test", True)  # idempotent
    backend.set_maintenance("down.test", False)
    assert backend.http_get("down.test", "/").body == "up"
    backend.set_maintenance("down.test", False)


def test_a_vhost_nginx_rejects_keeps_every_site_up(backend: LocalBackend) -> None:
    publish(backend, "good.test", {"index.php": "<?php echo 'good v1';"})
    root = docroot(backend, "good.test", {})
    broken = WebRules(deny=("(unclosed",))
    with pytest.raises(BackendError, match=r"nginx rejected the configuration.*previous vhost is back"):
        backend.publish_site(Vhost("good.test", root, broken))
    assert backend.http_get("good.test", "/").body == "good v1"
    assert "(unclosed" not in backend.read_file(backend.vhost_path("good.test")).decode()
    with pytest.raises(BackendError, match="nothing was changed"):
        backend.publish_site(Vhost("brand-new.test", root, broken))
    assert not backend.exists(backend.vhost_path("brand-new.test"))
    assert backend.http_get("php.test", "/").status == 200
    # and nginx still reloads fine afterwards
    publish(backend, "after.test", {"index.php": "<?php echo 'after';"})
    assert backend.http_get("after.test", "/").body == "after"


def test_unsafe_values_never_reach_the_config(backend: LocalBackend) -> None:
    root = docroot(backend, "unsafe.test", {})
    for rules in (
        WebRules(deny=('x" ; include /etc/passwd; "',)),
        WebRules(fastcgi_params={"A": "$document_root"}),
        WebRules(fastcgi_params={"A B": "x"}),
        WebRules(front_controller="/index.php; deny all"),
        WebRules(aliases={"uploads": "/tmp"}),
    ):
        with pytest.raises(ValidationError):
            backend.publish_site(Vhost("unsafe.test", root, rules))
    with pytest.raises(ValidationError):
        backend.publish_site(Vhost("unsafe.test", root + '"; x', WebRules()))
    assert not backend.exists(backend.vhost_path("unsafe.test"))


def test_unpublish_removes_the_site(backend: LocalBackend) -> None:
    publish(backend, "gone.test", {"index.php": "<?php echo 'here';"})
    backend.set_maintenance("gone.test", True)
    backend.unpublish_site("gone.test")
    assert backend.http_get("gone.test", "/").status == 404
    assert not backend.exists(backend.vhost_path("gone.test"))
    backend.unpublish_site("gone.test")  # idempotent
    # republished later, the site is not stuck in an old maintenance
    publish(backend, "gone.test", {})
    assert backend.http_get("gone.test", "/").body == "here"


def test_reloads_are_graceful_under_load(backend: LocalBackend) -> None:
    publish(backend, "busy.test", {"index.php": "<?php echo 'busy';"})
    failures: list[str] = []
    done = threading.Event()

    def poll() -> None:
        while not done.is_set():
            try:
                result = backend.http_get("busy.test", "/", timeout=5)
                if result.status != 200:
                    failures.append(str(result.status))
            except BackendError as e:
                failures.append(str(e))

    poller = threading.Thread(target=poll)
    poller.start()
    try:
        for i in range(5):
            publish(backend, f"reload{i}.test", {"index.php": f"<?php echo {i};"})
            assert backend.http_get(f"reload{i}.test", "/").body == str(i)  # new config is live at once
    finally:
        done.set()
        poller.join()
    assert failures == []


def _serving_workers(backend: LocalBackend, master: int) -> set[int]:
    """The nginx workers that take requests: a worker an earlier reload retired may still be
    finishing ("is shutting down") and leaves on its own time, so it is not counted."""
    return {
        pid
        for pid, title in backend.executor.child_processes(master)
        if "worker process" in title and "shutting down" not in title
    }


def test_publishing_the_same_vhost_again_needs_no_reload(backend: LocalBackend) -> None:
    assert backend.nginx is not None
    root = publish(backend, "same.test", {"index.php": "<?php echo 'same';", "x.css": "b{}"})
    master = backend.nginx.pid()
    assert master is not None
    workers = _serving_workers(backend, master)
    assert workers
    backend.publish_site(Vhost("same.test", root, WebRules()))  # a verify: nothing changed
    assert _serving_workers(backend, master) == workers
    backend.publish_site(Vhost("same.test", root, WebRules(static_max_age=60)))
    assert not _serving_workers(backend, master) & workers
    assert "max-age=60" in backend.http_get("same.test", "/x.css").headers.get("Cache-Control", "")


@pytest.mark.skipif(not AS_ROOT, reason="ownership by the web user needs root")
def test_site_files_as_root_are_readable_not_writable_by_php(backend: LocalBackend) -> None:
    root = docroot(backend, "perm.test", {})
    settings = f"{root}/settings.php"
    backend.write_file(settings, b"<?php $secret = 'abc';", 0o640)
    files_dir = f"{root}/files"
    backend.make_dir(files_dir, 0o775)
    check = (
        "<?php include __DIR__ . '/settings.php';"
        " echo posix_getpwuid(posix_geteuid())['name'], ' ', $secret, ' ',"
        " is_writable(__DIR__ . '/settings.php') ? 'writable' : 'read-only', ' ',"
        " file_put_contents(__DIR__ . '/files/up.txt', 'x') ? 'upload-ok' : 'upload-failed';"
    )
    (Path(root) / "index.php").write_text(check)
    backend.publish_site(Vhost("perm.test", root, WebRules()))
    assert backend.php_user() == "www-data"
    assert backend.http_get("perm.test", "/").body == "www-data abc read-only upload-ok"
    stat = Path(settings).stat()
    assert (stat.st_uid, stat.st_mode & 0o777) == (0, 0o640)


def test_php_binary_matches_php_fpm(backend: LocalBackend) -> None:
    php = backend.php_binary()
    version = subprocess.run(
        [php, "-r", "echo PHP_MAJOR_VERSION, '.', PHP_MINOR_VERSION;"], capture_output=True
    )
    assert version.stdout.decode() == "8.2"


def test_site_url_carries_the_port(backend: LocalBackend) -> None:
    port = backend.server.services[0].port
    assert backend.site_url("a.test") == f"http://a.test:{port}/"


# -- databases -------------------------------------------------------------------------------------
def _client(
    backend: LocalBackend, tmp_path: Path, user: str, password: str, sql: str
) -> subprocess.CompletedProcess[str]:
    """The site's own view: the mariadb client over TCP, as the site user, password in a 0600 file."""
    cnf = tmp_path / f"{user}.cnf"
    cnf.write_text(f'[client]\nuser={user}\npassword="{password}"\nhost=127.0.0.1\nprotocol=tcp\n')
    cnf.chmod(0o600)
    endpoint = backend.db_endpoint()
    argv = ["mariadb", f"--defaults-file={cnf}", f"--port={endpoint.port}", "--batch", "--skip-column-names"]
    return subprocess.run(argv, input=sql, capture_output=True, text=True, timeout=30)


def test_site_database_users_are_isolated(backend: LocalBackend, tmp_path: Path) -> None:
    backend.create_database("site_a", "site_a", "PasswordA123")
    backend.create_database("site_b", "site_b", "PasswordB123")
    backend.db_query("site_b", "CREATE TABLE secrets (v TEXT); INSERT INTO secrets VALUES ('b only');")
    own = _client(backend, tmp_path, "site_a", "PasswordA123", "CREATE TABLE site_a.t (i INT); SELECT 1;")
    assert own.returncode == 0, own.stderr
    other = _client(backend, tmp_path, "site_a", "PasswordA123", "SELECT v FROM site_b.secrets;")
    assert other.returncode != 0 and "denied" in other.stderr
    assert "site_b" not in _client(backend, tmp_path, "site_a", "PasswordA123", "SHOW DATABASES;").stdout
    wrong = _client(backend, tmp_path, "site_a", "PasswordB123", "SELECT 1;")
    assert wrong.returncode != 0 and "denied" in wrong.stderr
    grants = backend.db_query(None, "SHOW GRANTS FOR 'site_a'@'127.0.0.1';")
    assert any("`site_a`.*" in row[0] for row in grants)
    assert not any("*.*" in row[0] and "USAGE" not in row[0] for row in grants)


def test_create_is_repeatable_and_drop_is_idempotent(backend: LocalBackend, tmp_path: Path) -> None:
    backend.create_database("site_c", "site_c", "FirstPass1")
    backend.create_database("site_c", "site_c", "SecondPass2")  # a re-run sets the new password
    assert _client(backend, tmp_path, "site_c", "SecondPass2", "SELECT 1;").returncode == 0
    assert backend.database_exists("site_c")
    backend.drop_database("site_c", "site_c")
    backend.drop_database("site_c", "site_c")
    assert not backend.database_exists("site_c")
    assert _client(backend, tmp_path, "site_c", "SecondPass2", "SELECT 1;").returncode != 0
    assert backend.db_query(None, "SELECT COUNT(*) FROM mysql.user WHERE User = 'site_c';") == [("0",)]


def test_dump_and_load_round_trip(backend: LocalBackend) -> None:
    backend.create_database("dump_src", "dump_src", "DumpSource1")
    backend.db_query(
        "dump_src",
        "CREATE TABLE posts (id INT PRIMARY KEY, title VARCHAR(100), body LONGBLOB);"
        "INSERT INTO posts VALUES (1, 'Grüße \\t tab', 0x00FF10), (2, 'it''s', NULL);"
        "CREATE TRIGGER bump BEFORE INSERT ON posts FOR EACH ROW SET NEW.title = UPPER(NEW.title);",
    )
    dump = io.BytesIO()
    backend.dump_database("dump_src", dump)
    assert b"CREATE TABLE `posts`" in dump.getvalue() and b"TRIGGER" in dump.getvalue()
    backend.create_database("dump_dst", "dump_dst", "DumpTarget1")
    dump.seek(0)
    backend.load_database("dump_dst", dump)
    query = "SELECT id, title, HEX(body) FROM posts ORDER BY id;"
    assert backend.db_query("dump_dst", query) == backend.db_query("dump_src", query)
    assert backend.db_query("dump_dst", query)[0] == ("1", "Grüße \t tab", "00FF10")
    backend.db_query("dump_dst", "INSERT INTO posts VALUES (3, 'lower', NULL);")
    assert backend.db_query("dump_dst", "SELECT title FROM posts WHERE id = 3;") == [("LOWER",)]


def test_a_dump_cannot_run_client_commands(backend: LocalBackend, web_home: Path) -> None:
    marker = web_home / "pwned"
    backend.create_database("sandboxed", "sandboxed", "Sandboxed123")
    evil = f"CREATE TABLE t (i INT);\n\\! touch {marker}\n".encode()
    with pytest.raises(CommandFailed, match=r"Unknown command|sandbox"):
        backend.load_database("sandboxed", io.BytesIO(evil))
    assert not marker.exists()


def test_database_errors_name_the_server_and_hide_passwords(backend: LocalBackend) -> None:
    backend.env.secrets.remember("SyntaxPassword9")
    with pytest.raises(CommandFailed) as caught:
        backend.db_query(None, "SELECT 'SyntaxPassword9' FROM;")
    assert "web1" in str(caught.value) and "SyntaxPassword9" not in str(caught.value)
    with pytest.raises(ValidationError):
        backend.create_database("bad-name", "u", "x")
    with pytest.raises(ValidationError):
        backend.dump_database("x; DROP", io.BytesIO())


# -- reload and stop (last: this stops the shared server) -------------------------------------------
def test_php_fpm_reload_gets_a_new_master_pid(backend: LocalBackend) -> None:
    assert backend.php is not None
    before = backend.php.pid()
    backend.reload()
    after = backend.php.pid()
    assert after is not None and after != before
    assert {s.name: s.pid for s in backend.status()}["php-fpm"] == after
    assert backend.http_get("php.test", "/").body == "front /"


def test_stop_leaves_no_process(backend: LocalBackend) -> None:
    pids = family(backend)
    assert len(pids) >= 6  # three masters, their workers
    states = backend.stop()
    assert not any(s.running or s.pid for s in states)
    assert [p for p in pids if alive(p)] == []
    assert not Path(backend.layout.nginx_pid).exists()
    assert backend.stop() == states  # idempotent
