"""A managed server whose web server is Apache (apache2, php-fpm and MariaDB started for real on
free ports): the behaviours test_managed_server.py checks for nginx, through the same backend API."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

from aegir.backends.local import LocalBackend
from aegir.core.app import WebRules
from aegir.core.backend import BackendEnv, Vhost
from aegir.core.errors import BackendError, ValidationError
from aegir.core.model import Server, Service, ServiceType
from ports import free_port

from ._support import AS_ROOT, alive, family, running

pytestmark = pytest.mark.services


def apache_server(name: str) -> Server:
    services = [Service(ServiceType.APACHE, free_port()), Service(ServiceType.PHP_FPM)]
    return Server(name, "local", services)


@pytest.fixture(scope="module")
def backend(env: BackendEnv) -> Iterator[LocalBackend]:
    with running(apache_server("ap1"), env) as b:
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


def test_status_shows_apache_and_php(backend: LocalBackend) -> None:
    states = {s.name: s for s in backend.status()}
    assert set(states) == {"apache", "php-fpm"}
    assert all(s.running and s.pid and alive(s.pid) for s in states.values())
    assert states["apache"].type == "apache" and states["apache"].port == backend.server.services[0].port
    assert backend.nginx is None and backend.apache is not None
    config = Path(backend.layout.apache_conf).read_text()
    assert "mod_mpm_event.so" in config and "mod_php" not in config and "AllowOverride None" in config


def test_php_site_is_served_through_its_front_controller(backend: LocalBackend) -> None:
    publish(
        backend,
        "php.test",
        {"index.php": "<?php echo 'front ', $_SERVER['REQUEST_URI'], ' ', $_GET['q'] ?? '';"},
    )
    assert backend.http_get("php.test", "/").body == "front / "
    result = backend.http_get("php.test", "/some/clean/path?q=1")
    assert (result.status, result.body) == (200, "front /some/clean/path?q=1 1")
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
    assert backend.http_get("alias.test", "/missing.php").status == 404
    # a missing static file goes to the front controller, as with nginx
    assert backend.http_get("alias.test", "/missing.css").body == "index"


def test_deny_rules_aliases_and_fastcgi_params(backend: LocalBackend, web_home: Path) -> None:
    uploads = web_home / "uploads-of-ap-rules.test"
    uploads.mkdir()
    (uploads / "photo.txt").write_text("an upload")
    (uploads / "shell.php").write_text("<?php echo 'ran';")
    (uploads / "run.php").write_text("<?php echo 'ran';")
    rules = WebRules(
        deny=(r"^/private\.txt$", r"(?i)^/uploads/.*\.php$", r"^/back\\slash$", r"^/nowhere$"),
        fastcgi_params={"AEGIR_SITE_CONFIG": "/etc/some where/config.php"},
        aliases={"/uploads/": str(uploads)},
    )
    files = {
        "index.php": "<?php echo getenv('AEGIR_SITE_CONFIG');",
        "private.txt": "secret",
        ".env": "DB_PASSWORD=x",
        ".htaccess": "Require all denied",
        ".well-known/acme-challenge/t": "token",
    }
    publish(backend, "rules.test", files, rules)
    assert backend.http_get("rules.test", "/").body == "/etc/some where/config.php"
    assert backend.http_get("rules.test", "/private.txt").status == 403
    assert backend.http_get("rules.test", "/.env").status == 403
    # a denied path that does not exist is denied, not handed to the front controller
    assert backend.http_get("rules.test", "/nowhere").status == 403
    assert backend.http_get("rules.test", "/back%5Cslash").status == 403
    assert backend.http_get("rules.test", "/backslash").status == 200
    assert backend.http_get("rules.test", "/.well-known/acme-challenge/t").body == "token"
    assert backend.http_get("rules.test", "/uploads/photo.txt").body == "an upload"
    assert backend.http_get("rules.test", "/uploads/SHELL.PHP").status == 403
    assert backend.http_get("rules.test", "/uploads/missing.txt").status == 404
    # .htaccess is never read: the rules come from Aegir only (the file itself is a dot-file)
    assert backend.http_get("rules.test", "/index.php").status == 200


def test_php_never_runs_under_an_alias(backend: LocalBackend, web_home: Path) -> None:
    uploads = web_home / "uploads-of-noexec.test"
    uploads.mkdir()
    (uploads / "run.php").write_text("<?php echo 'ran';")
    publish(
        backend, "noexec.test", {"index.php": "<?php echo 'i';"}, WebRules(aliases={"/files/": str(uploads)})
    )
    # as with nginx, a file there is a static file (drivers deny PHP files under their aliases)
    assert backend.http_get("noexec.test", "/files/run.php").body == "<?php echo 'ran';"


def test_maintenance_answers_503_for_that_site_only(backend: LocalBackend) -> None:
    publish(backend, "down.test", {"index.php": "<?php echo 'up';"})
    publish(backend, "neighbour.test", {"index.php": "<?php echo 'neighbour';"})
    backend.set_maintenance("down.test", True)
    result = backend.http_get("down.test", "/any/path")
    assert result.status == 503 and "maintenance" in result.body
    assert result.headers["Retry-After"] == "300"
    assert result.headers["Cache-Control"] == "no-store"
    assert backend.http_get("neighbour.test", "/").body == "neighbour"
    # the page is not reachable on its own
    assert backend.http_get("neighbour.test", "/__aegir_maintenance.html").status == 403
    backend.set_maintenance("down.test", True)  # idempotent
    backend.set_maintenance("down.test", False)
    assert backend.http_get("down.test", "/").body == "up"
    backend.set_maintenance("down.test", False)


def test_a_vhost_apache_rejects_keeps_every_site_up(backend: LocalBackend) -> None:
    publish(backend, "good.test", {"index.php": "<?php echo 'good v1';"})
    root = docroot(backend, "good.test", {})
    broken = WebRules(deny=("(unclosed",))
    with pytest.raises(BackendError, match=r"Apache rejected the configuration.*previous vhost is back"):
        backend.publish_site(Vhost("good.test", root, broken))
    assert backend.http_get("good.test", "/").body == "good v1"
    assert "(unclosed" not in backend.read_file(backend.vhost_path("good.test")).decode()
    with pytest.raises(BackendError, match="nothing was changed"):
        backend.publish_site(Vhost("brand-new.test", root, broken))
    assert not backend.exists(backend.vhost_path("brand-new.test"))
    assert backend.http_get("php.test", "/").status == 200
    publish(backend, "after.test", {"index.php": "<?php echo 'after';"})
    assert backend.http_get("after.test", "/").body == "after"


def test_unsafe_values_never_reach_the_config(backend: LocalBackend) -> None:
    root = docroot(backend, "unsafe.test", {})
    for rules, named in (
        (WebRules(deny=('x" ; include /etc/passwd; "',)), "include /etc/passwd"),
        (WebRules(deny=("^/${APACHE_RUN_DIR}$",)), "APACHE_RUN_DIR"),
        (WebRules(deny=("a\nInclude /etc/passwd",)), "Include /etc/passwd"),
        (WebRules(fastcgi_params={"A": "$document_root"}), "$document_root"),
        (WebRules(fastcgi_params={"A B": "x"}), "A B"),
        (WebRules(front_controller="/index.php; deny all"), "deny all"),
        (WebRules(aliases={"uploads": "/tmp"}), "uploads"),
    ):
        with pytest.raises(ValidationError) as caught:
            backend.publish_site(Vhost("unsafe.test", root, rules))
        assert named in str(caught.value)
    with pytest.raises(ValidationError, match="Apache config"):
        backend.publish_site(Vhost("unsafe.test", root + '"; x', WebRules()))
    assert not backend.exists(backend.vhost_path("unsafe.test"))


def test_unpublish_removes_the_site(backend: LocalBackend) -> None:
    publish(backend, "gone.test", {"index.php": "<?php echo 'here';"})
    backend.set_maintenance("gone.test", True)
    backend.unpublish_site("gone.test")
    assert backend.http_get("gone.test", "/").status == 404
    assert not backend.exists(backend.vhost_path("gone.test"))
    backend.unpublish_site("gone.test")  # idempotent
    publish(backend, "gone.test", {})
    assert backend.http_get("gone.test", "/").body == "here"


def test_reloads_are_graceful_under_load(backend: LocalBackend) -> None:
    publish(backend, "busy.test", {"index.php": "<?php echo 'busy';"})
    failures: list[str] = []
    served = 0
    done = threading.Event()

    def poll() -> None:
        nonlocal served
        while not done.is_set():
            try:
                result = backend.http_get("busy.test", "/", timeout=5)
                if result.status != 200 or result.body != "busy":
                    failures.append(f"{result.status} {result.body[:40]}")
                served += 1
            except BackendError as e:
                failures.append(str(e))

    pollers = [threading.Thread(target=poll) for _ in range(2)]
    for poller in pollers:
        poller.start()
    try:
        for i in range(5):
            publish(backend, f"reload{i}.test", {"index.php": f"<?php echo {i};"})
            assert backend.http_get(f"reload{i}.test", "/").body == str(i)  # new config is live at once
    finally:
        done.set()
        for poller in pollers:
            poller.join()
    assert failures == [] and served > 10


def test_publishing_the_same_vhost_again_needs_no_reload(backend: LocalBackend) -> None:
    assert backend.apache is not None
    root = publish(backend, "same.test", {"index.php": "<?php echo 'same';", "x.css": "b{}"})
    master = backend.apache.pid()
    assert master is not None
    children = {p for p, _ in backend.executor.child_processes(master)}
    backend.publish_site(Vhost("same.test", root, WebRules()))  # a verify: nothing changed
    assert {p for p, _ in backend.executor.child_processes(master)} == children
    backend.publish_site(Vhost("same.test", root, WebRules(static_max_age=60)))
    assert "max-age=60" in backend.http_get("same.test", "/x.css").headers.get("Cache-Control", "")
    assert backend.apache.pid() == master  # graceful: the same master


@pytest.mark.skipif(not AS_ROOT, reason="workers as the web user need root")
def test_workers_and_php_run_as_the_web_user(backend: LocalBackend) -> None:
    assert backend.apache is not None
    master = backend.apache.pid()
    assert master is not None
    users = set()
    for pid, _ in backend.executor.child_processes(master):
        uid = Path(f"/proc/{pid}").stat().st_uid
        users.add(uid)
    import pwd

    assert users == {pwd.getpwnam("www-data").pw_uid}
    publish(backend, "who.test", {"index.php": "<?php echo posix_getpwuid(posix_geteuid())['name'];"})
    assert backend.http_get("who.test", "/").body == "www-data"


def test_private_preview_is_served_on_its_own_port_even_in_maintenance(backend: LocalBackend) -> None:
    root = publish(backend, "pre.test", {"index.php": "<?php echo 'live';"})
    green = docroot(backend, "pre.test-green", {"index.php": "<?php echo 'green ', $_SERVER['HTTP_HOST'];"})
    backend.set_maintenance("pre.test", True)
    backend.publish_preview(Vhost("pre.test", green, WebRules()))
    port = backend.server.services[0].port
    assert backend.http_get_preview("pre.test", "/").body == f"green pre.test:{port}"
    assert backend.http_get("pre.test", "/").status == 503  # the live site is untouched
    backend.unpublish_preview("pre.test")
    with pytest.raises(BackendError, match="no private preview"):
        backend.http_get_preview("pre.test", "/")
    backend.set_maintenance("pre.test", False)
    assert backend.http_get("pre.test", "/").body == "live"
    assert root


def test_stop_leaves_no_process(backend: LocalBackend) -> None:
    pids = family(backend)
    assert len(pids) >= 4
    states = backend.stop()
    assert not any(s.running or s.pid for s in states)
    assert [p for p in pids if alive(p)] == []
    assert not Path(backend.layout.apache_pid).exists()
    assert backend.stop() == states
