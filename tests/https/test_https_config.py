"""The nginx text of HTTPS (no services): challenges served from the per-server directory by every
vhost and the default server, a site with a certificate split into TLS and a redirecting HTTP block
that both answer the vhost digest, HSTS only when asked; the names a CA is asked for; the ACME
settings checked by ``config set``."""

from __future__ import annotations

from pathlib import Path

import attrs
import pytest

from aegir.backends.local.nginx_conf import MainConfig, VhostTarget, render_main, render_vhost, vhost_digest
from aegir.cli import main
from aegir.core.app import WebRules
from aegir.core.backend import Vhost
from aegir.core.errors import ValidationError
from aegir.core.operations.https import check_certificate_name

TARGET = VhostTarget(
    address="127.0.0.1",
    port=8080,
    maintenance_dir="/srv/aegir/nginx/maintenance",
    maintenance_page="/srv/aegir/nginx/html/maintenance.html",
    fastcgi="unix:/srv/aegir/php/run/php-fpm.sock",
    https_port=8443,
    acme_dir="/srv/aegir/nginx/acme/.well-known/acme-challenge",
)
CERT = Vhost(
    "s.example.org",
    "/srv/s",
    WebRules(php=True, front_controller="/index.php"),
    aliases=("www.s.example.org",),
    https=True,
    certificate="/srv/aegir/certs/s.example.org/v1/fullchain.pem",
    certificate_key="/srv/aegir/certs/s.example.org/v1/privkey.pem",
)
CHALLENGE = 'location ^~ "/.well-known/acme-challenge/" {'


def test_a_plain_vhost_serves_challenges() -> None:
    text = render_vhost(attrs.evolve(CERT, https=False, certificate=None, certificate_key=None), TARGET)
    assert CHALLENGE in text and 'root "/srv/aegir/nginx/acme";' in text
    assert "ssl" not in text and "return 301" not in text
    assert text.count("server {") == 1


def test_a_vhost_with_a_certificate_redirects_http_except_challenges() -> None:
    text = render_vhost(CERT, TARGET)
    tls, http = text.split("\n}\n", 1)
    assert "listen 127.0.0.1:8443 ssl;" in tls and "listen 127.0.0.1:8080;" not in tls
    assert "ssl_protocols TLSv1.2 TLSv1.3;" in tls and "ssl_session_tickets off;" in tls
    assert 'ssl_certificate_key "/srv/aegir/certs/s.example.org/v1/privkey.pem";' in tls
    assert "server_name s.example.org www.s.example.org;" in http
    assert "listen 127.0.0.1:8080;" in http and CHALLENGE in http
    assert "return 301 https://$host:8443$request_uri;" in http
    assert "Strict-Transport-Security" not in text  # HSTS is off unless asked
    # both blocks answer the same digest, which follows the content
    digest = vhost_digest(text)
    assert digest and text.count(f'return 200 "{digest}";') == 2
    assert vhost_digest(render_vhost(attrs.evolve(CERT, certificate="/srv/other.pem"), TARGET)) != digest
    on_443 = render_vhost(CERT, attrs.evolve(TARGET, https_port=443))
    assert "return 301 https://$host$request_uri;" in on_443


def test_hsts_when_the_operator_asks() -> None:
    text = render_vhost(CERT, attrs.evolve(TARGET, hsts_max_age=31536000))
    assert 'add_header Strict-Transport-Security "max-age=31536000" always;' in text


def test_the_default_server_serves_challenges() -> None:
    config = MainConfig(
        server="web1",
        address="127.0.0.1",
        port=8080,
        pid_file="/srv/aegir/nginx/run/nginx.pid",
        error_log="/srv/aegir/nginx/logs/error.log",
        access_log="/srv/aegir/nginx/logs/access.log",
        temp_dir="/srv/aegir/nginx/tmp",
        vhosts_dir="/srv/aegir/nginx/sites",
    )
    text = render_main(config)
    assert CHALLENGE in text and 'root "/srv/aegir/nginx/acme";' in text


@pytest.mark.parametrize(
    ("name", "why"),
    [
        ("shop.test", "reserved"),
        ("localhost", "full domain names"),
        ("intranet", "full domain names"),
        ("a.example", "reserved"),
        ("10.0.0.1", "IP address"),
        ("bad_name.example.org", "invalid domain"),
    ],
)
def test_names_no_ca_certifies_are_refused(name: str, why: str) -> None:
    with pytest.raises(ValidationError, match=why):
        check_certificate_name(name)


def test_idn_names_are_certified_as_a_labels() -> None:
    assert check_certificate_name("Bücher.Example.ORG") == "xn--bcher-kva.example.org"


def test_acme_settings_are_checked(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    home = str(tmp_path)
    assert main(["--home", home, "config", "set", "acme_directory", "http://ca.example.org/dir"]) == 2
    assert "https://" in capsys.readouterr().err
    assert main(["--home", home, "config", "set", "acme_email", "a@b.org, c@d.org"]) == 2
    assert main(["--home", home, "config", "set", "acme_ca_bundle", home]) == 2
    assert main(["--home", home, "config", "set", "acme_directory", "https://ca.example.org/dir"]) == 0
    capsys.readouterr()
    assert main(["--home", home, "config", "get", "acme_directory"]) == 0
    assert capsys.readouterr().out.strip() == "https://ca.example.org/dir"
