"""Config and SQL text: nginx vhosts and main config, php-fpm pools, SQL quoting, client option files.

Hostile and random input may only raise ValidationError; what is rendered is checked by the real
programs (``nginx -t``, ``php-fpm -t``, ``my_print_defaults``)."""

from __future__ import annotations

import subprocess
from pathlib import Path

import attrs
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from aegir.backends.local.dbclient import DbLogin, option_file
from aegir.backends.local.layout import ServerLayout
from aegir.backends.local.nginx_conf import (
    MainConfig,
    VhostTarget,
    quote,
    render_main,
    render_vhost,
    vhost_digest,
)
from aegir.backends.local.phpfpm_conf import PhpFpmConfig, render_phpfpm
from aegir.backends.local.sql import (
    create_database_sql,
    drop_database_sql,
    ident,
    literal,
    unescape_batch_field,
)
from aegir.core.app import WebRules
from aegir.core.backend import Vhost
from aegir.core.errors import BackendError, ValidationError

from ._support import AS_ROOT

TARGET = VhostTarget(
    address="127.0.0.1",
    port=8080,
    maintenance_dir="/srv/aegir/nginx/maintenance",
    maintenance_page="/srv/aegir/nginx/html/maintenance.html",
    fastcgi="unix:/srv/aegir/php/run/php-fpm.sock",
)


def _nginx_test(tmp_path: Path, vhost_text: str) -> subprocess.CompletedProcess[str]:
    lay = ServerLayout(str(tmp_path))
    (tmp_path / "nginx" / "sites").mkdir(parents=True, exist_ok=True)
    (tmp_path / "nginx" / "run").mkdir(exist_ok=True)
    (tmp_path / "tmp").mkdir(exist_ok=True)
    main = MainConfig(
        server="t",
        address="127.0.0.1",
        port=8080,
        pid_file=lay.nginx_pid,
        error_log=str(tmp_path / "error.log"),
        access_log=str(tmp_path / "access.log"),
        temp_dir=str(tmp_path / "tmp"),
        vhosts_dir=lay.vhosts_dir,
        user="www-data" if AS_ROOT else None,
    )
    (tmp_path / "nginx.conf").write_text(render_main(main))
    (tmp_path / "nginx" / "sites" / "site.conf").write_text(vhost_text)
    argv = ["nginx", "-t", "-q", "-c", str(tmp_path / "nginx.conf"), "-e", str(tmp_path / "error.log")]
    return subprocess.run(argv, capture_output=True, text=True, check=False)


def test_a_full_vhost_is_valid_nginx(tmp_path: Path) -> None:
    rules = WebRules(
        deny=(r"(?i)^/wp-content/uploads/.*\.php$", r"^/back\\slash$", r"\.(?:inc|yml){1,2}$"),
        fastcgi_params={"AEGIR_SITE": "/srv/sites/a b/config.php"},
        aliases={"/wp-content/uploads/": "/srv/sites/example.com/files"},
        static_max_age=600,
    )
    vhost = Vhost("Example.COM", "/srv/codebases/wp", rules, aliases=("www.example.com", "bücher.example"))
    text = render_vhost(vhost, TARGET)
    assert "server_name example.com www.example.com xn--bcher-kva.example;" in text
    assert r'location ~ "^/back\\\\slash$"' in text  # nginx halves backslashes inside tokens
    assert "expires 600s;" in text
    result = _nginx_test(tmp_path, text)
    assert result.returncode == 0, result.stderr


def test_static_only_sites_never_hand_out_php_source(tmp_path: Path) -> None:
    text = render_vhost(
        Vhost("static.test", "/srv/static", WebRules(php=False, front_controller=None)), TARGET
    )
    assert "fastcgi_pass" not in text and "php[0-9]?|phtml" in text and "try_files $uri $uri/ =404;" in text
    assert _nginx_test(tmp_path, text).returncode == 0


def test_the_digest_follows_the_content() -> None:
    a = render_vhost(Vhost("a.test", "/srv/a", WebRules()), TARGET)
    b = render_vhost(Vhost("a.test", "/srv/b", WebRules()), TARGET)
    assert vhost_digest(a) and vhost_digest(b) and vhost_digest(a) != vhost_digest(b)
    assert vhost_digest(a) == vhost_digest(render_vhost(Vhost("a.test", "/srv/a", WebRules()), TARGET))
    assert vhost_digest("server {}") is None


def test_https_needs_a_key_and_a_port() -> None:
    cert = Vhost(
        "s.test", "/srv/s", WebRules(), https=True, certificate="/etc/c.pem", certificate_key="/etc/k.pem"
    )
    with pytest.raises(ValidationError, match="no HTTPS port"):
        render_vhost(cert, TARGET)
    text = render_vhost(cert, attrs.evolve(TARGET, https_port=8443))
    assert "listen 127.0.0.1:8443 ssl;" in text and 'ssl_certificate_key "/etc/k.pem";' in text
    with pytest.raises(ValidationError, match="needs its key"):
        render_vhost(Vhost("s.test", "/srv/s", WebRules(), https=True, certificate="/etc/c.pem"), TARGET)
    # a site asking for HTTPS before it has a certificate is served over HTTP meanwhile
    assert "ssl" not in render_vhost(Vhost("s.test", "/srv/s", WebRules(), https=True), TARGET)


def test_php_needs_a_php_service() -> None:
    with pytest.raises(ValidationError, match="no PHP-FPM"):
        render_vhost(Vhost("p.test", "/srv/p", WebRules()), attrs.evolve(TARGET, fastcgi=None))


@settings(max_examples=200)
@given(st.text(max_size=40))
def test_quote_refuses_or_makes_one_token(value: str) -> None:
    try:
        token = quote("value", value, variables=True)
    except ValidationError:
        assert not value or '"' in value or any(ord(c) < 32 or ord(c) == 127 for c in value)
        return
    assert token.startswith('"') and token.endswith('"') and '"' not in token[1:-1]
    assert "\n" not in token
    # nginx's own un-escaping (\\ -> \) gives the value back
    assert token[1:-1].replace("\\\\", "\\") == value


_rules = st.builds(
    WebRules,
    front_controller=st.one_of(st.none(), st.text(max_size=20)),
    php=st.booleans(),
    deny=st.lists(st.text(max_size=20), max_size=3),
    static_max_age=st.integers(-5, 10**6),
    fastcgi_params=st.dictionaries(st.text(max_size=8), st.text(max_size=12), max_size=2),
    aliases=st.dictionaries(st.text(max_size=10), st.text(max_size=20), max_size=2),
)


@settings(max_examples=150)
@given(st.text(max_size=30), st.text(max_size=30), _rules, st.lists(st.text(max_size=15), max_size=2))
def test_hostile_vhosts_raise_only_validation_errors(
    domain: str, root: str, rules: WebRules, aliases: list[str]
) -> None:
    try:
        text = render_vhost(Vhost(domain, root, rules, aliases=aliases), TARGET)
    except ValidationError:
        return
    for line in text.splitlines():
        # every quoted token is closed on its own line: nothing can start a new directive
        assert line.count('"') % 2 == 0, line


def test_some_random_vhosts_are_checked_by_nginx(tmp_path: Path) -> None:
    @settings(max_examples=25, deadline=None)
    @given(_rules)
    def check(rules: WebRules) -> None:
        try:
            text = render_vhost(Vhost("random.test", "/srv/random", rules), TARGET)
        except ValidationError:
            return
        result = _nginx_test(tmp_path, text)
        # nginx may reject a regex it cannot compile, but never a directive we did not mean to write
        assert (
            result.returncode == 0 or "pcre" in result.stderr.lower() or "regex" in result.stderr.lower()
        ), result.stderr

    check()


def test_main_config_and_php_pool_are_valid(tmp_path: Path) -> None:
    assert _nginx_test(tmp_path, "").returncode == 0
    pool = PhpFpmConfig(
        server="web1",
        pid_file=str(tmp_path / "php.pid"),
        error_log=str(tmp_path / "php.log"),
        listen=str(tmp_path / "php.sock"),
        user="www-data" if AS_ROOT else None,
        listen_owner="www-data" if AS_ROOT else None,
        max_children=1,
    )
    conf = tmp_path / "php-fpm.conf"
    conf.write_text(render_phpfpm(pool))
    result = subprocess.run(
        ["php-fpm8.2", "-t", "-y", str(conf)], capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stderr
    for bad in ({"pid_file": 'x"y'}, {"listen": "a;b"}, {"max_children": 0}, {"user": "bad user"}):
        with pytest.raises(ValidationError):
            render_phpfpm(attrs.evolve(pool, **bad))


def test_socket_paths_must_fit() -> None:
    layout = ServerLayout("/tmp/" + "x" * 100)
    with pytest.raises(BackendError, match="longer than 107 bytes"):
        layout.check_socket_path(layout.php_socket)
    assert ServerLayout("/srv/a").check_socket_path("/srv/a/s.sock") == "/srv/a/s.sock"


# -- SQL --------------------------------------------------------------------------------------------
def test_sql_statements_grant_one_database_only() -> None:
    sql = create_database_sql("site_a", "site_a", "pw'\\x", ("localhost", "127.0.0.1"))
    assert "GRANT ALL PRIVILEGES ON `site_a`.* TO 'site_a'@'localhost';" in sql
    assert "IDENTIFIED BY 'pw\\'\\\\x';" in sql
    assert "*.*" not in sql
    assert drop_database_sql("site_a", None, ("%",)) == "DROP DATABASE IF EXISTS `site_a`;\n"
    for bad in ("a`b", "A", "1a", "a-b", "", "x" * 65, "a b"):
        with pytest.raises(ValidationError):
            ident("database name", bad)
    with pytest.raises(ValidationError):
        create_database_sql("ok", "ok", "x", ("bad'host",))
    with pytest.raises(ValidationError):
        literal("nul\x00")


@given(st.text().filter(lambda s: "\x00" not in s))
def test_literal_round_trips_through_mysql_escapes(value: str) -> None:
    quoted = literal(value)
    assert quoted[0] == quoted[-1] == "'"
    body = quoted[1:-1]
    # every quote inside is escaped: the literal cannot end early
    i = 0
    out = []
    while i < len(body):
        if body[i] == "\\":
            out.append(body[i + 1])
            i += 2
        else:
            assert body[i] != "'"
            out.append(body[i])
            i += 1
    assert "".join(out) == value


@given(st.text(alphabet=st.sampled_from("ab\\\t\nn0t")))
def test_batch_fields_unescape(value: str) -> None:
    escaped = value.replace("\\", "\\\\").replace("\t", "\\t").replace("\n", "\\n")
    assert unescape_batch_field(escaped) == value


# -- client option files ----------------------------------------------------------------------------
@settings(max_examples=40, deadline=None)
@given(
    st.text(
        alphabet=st.characters(blacklist_categories=("Cs",), blacklist_characters="\n\r\x00"),
        min_size=1,
        max_size=30,
    )
)
def test_option_file_passwords_read_back_exactly(
    tmp_path_factory: pytest.TempPathFactory, password: str
) -> None:
    path = tmp_path_factory.mktemp("cnf") / "client.cnf"
    path.write_text(
        option_file(DbLogin(user="admin", host="127.0.0.1", port=3306, password_secret="x"), password)
    )
    result = subprocess.run(
        ["my_print_defaults", f"--defaults-file={path}", "client"], capture_output=True, check=False
    )
    lines = result.stdout.decode("utf-8", errors="surrogateescape").split("\n")
    assert f"--password={password}" in lines
    assert "--user=admin" in lines and "--protocol=tcp" in lines


def test_option_files_refuse_line_breaks() -> None:
    with pytest.raises(BackendError):
        option_file(DbLogin(user="a"), "two\nlines")
    assert "password" not in option_file(DbLogin(user="root", socket="/run/x.sock"), None)
