"""HTTPS end to end against a real ACME CA (pebble), with real http-01 validation through the
managed nginx: install --https, the chain pebble issued served on the HTTPS port, HTTP sent to
HTTPS, the key 0600 and nowhere in logs or output, cert list, renew-due (a new serial served), a
failing challenge rolled back, and HTTPS turned off again."""

from __future__ import annotations

import json
import stat
from pathlib import Path

import pytest
from https_support import Pebble
from https_web import aegir, cert_dir, http_get, ports, tls_get

from aegir.hosting import Hosting

pytestmark = pytest.mark.services

DOMAIN = "blog.aegir-https.net"


def all_task_text(h: Hosting) -> str:
    lines = []
    for task in h.store.list_tasks():
        lines.append(task.error or "")
        lines += [line.message for line in h.store.task_log(task.id)]
    return "\n".join(lines)


def test_install_with_https_serves_pebbles_chain(
    world: tuple[Hosting, Pebble], capsys: pytest.CaptureFixture[str]
) -> None:
    h, peb = world
    code, out, err = aegir(h, capsys, "site", "install", DOMAIN, "--codebase", "wp", "--https", "--json")
    assert code == 0, err
    info = json.loads(out)
    _, https_port = ports(h)
    assert info["https"] is True and info["url"] == f"https://{DOMAIN}:{https_port}/"
    status, body, _serial = tls_get(h, peb, DOMAIN)
    assert status == 200 and DOMAIN in body
    # plain HTTP goes to HTTPS; the challenge path stays on HTTP (404 for an unknown token)
    assert http_get(h, DOMAIN, "/wp-login.php?x=1") == (
        301,
        f"https://{DOMAIN}:{https_port}/wp-login.php?x=1",
    )
    assert http_get(h, DOMAIN, "/.well-known/acme-challenge/nothing-here")[0] == 404
    # HSTS is off unless the operator asks
    site = h.store.get_site(DOMAIN)
    version = site.options["certificate"]
    key = cert_dir(h, DOMAIN) / version / "privkey.pem"
    assert stat.S_IMODE(key.stat().st_mode) == 0o600
    secret = key.read_text()
    assert "PRIVATE KEY" in secret
    key_body = secret.split("-----")[2].strip().splitlines()[1]
    assert key_body not in out + err
    assert key_body not in all_task_text(h)
    # the challenge answers are gone
    challenges = Path(h.backend("web1").acme_challenge_dir())  # type: ignore[attr-defined]
    assert list(challenges.iterdir()) == []
    # the account key is a secret, 0600
    [account] = (h.home / "secrets" / "acme").glob("*/account-key")
    assert stat.S_IMODE(account.stat().st_mode) == 0o600


def test_cert_list_and_verify_keep_the_certificate(
    world: tuple[Hosting, Pebble], capsys: pytest.CaptureFixture[str]
) -> None:
    h, peb = world
    code, out, err = aegir(h, capsys, "cert", "list", "--json")
    assert code == 0, err
    [row] = json.loads(out)["certificates"]
    assert row["domain"] == DOMAIN and row["names"] == [DOMAIN]
    assert "Pebble Intermediate" in row["issuer"] and row["days_left"] > 30
    code, out, err = aegir(h, capsys, "site", "verify", DOMAIN)
    assert code == 0, err
    status, _, serial = tls_get(h, peb, DOMAIN)
    assert status == 200 and format(serial, "x") == row["serial"]
    assert http_get(h, DOMAIN)[0] == 301


def test_renew_due_renews_and_nginx_serves_the_new_one(
    world: tuple[Hosting, Pebble], capsys: pytest.CaptureFixture[str]
) -> None:
    h, peb = world
    _, _, before = tls_get(h, peb, DOMAIN)
    old_version = h.store.get_site(DOMAIN).options["certificate"]
    code, out, err = aegir(h, capsys, "cert", "renew-due", "--days", "30", "--json")
    assert code == 0, err
    assert [r["result"] for r in json.loads(out)] == ["not due"]
    code, out, err = aegir(h, capsys, "cert", "renew-due", "--days", "9999", "--json")
    assert code == 0, err
    [result] = json.loads(out)
    assert result["domain"] == DOMAIN and result["result"] == "renewed"
    status, _, after = tls_get(h, peb, DOMAIN)
    assert status == 200 and after != before
    new_version = h.store.get_site(DOMAIN).options["certificate"]
    assert new_version != old_version
    assert [p.name for p in cert_dir(h, DOMAIN).iterdir()] == [new_version]  # the old one is cleaned up


def test_failing_challenge_rolls_back_and_disable_goes_back_to_http(
    world: tuple[Hosting, Pebble], capsys: pytest.CaptureFixture[str]
) -> None:
    h, peb = world
    code, out, err = aegir(h, capsys, "site", "https", DOMAIN, "--disable", "--json")
    assert code == 0, err
    assert json.loads(out)["https"] is False
    assert http_get(h, DOMAIN)[0] == 200
    assert not cert_dir(h, DOMAIN).exists()
    # the CA now resolves the name somewhere nginx is not: the challenge fails, nothing changes
    peb.set_address(DOMAIN, "127.0.0.2")
    try:
        code, out, err = aegir(h, capsys, "site", "https", DOMAIN, "--enable")
    finally:
        peb.set_address(DOMAIN, None)
    assert code == 1
    assert DOMAIN in err and "did not issue a certificate" in err and "127.0.0.2" in err, err
    assert "Traceback" not in err
    site = h.store.get_site(DOMAIN)
    assert site.https is False and "certificate" not in site.options
    assert http_get(h, DOMAIN)[0] == 200
    assert not any(cert_dir(h, DOMAIN).glob("*/fullchain.pem"))
    # and it works once the name points here again
    code, out, err = aegir(h, capsys, "site", "https", DOMAIN, "--enable", "--json")
    assert code == 0, err
    assert tls_get(h, peb, DOMAIN)[0] == 200


def test_https_refused_before_anything_is_done(
    world: tuple[Hosting, Pebble], capsys: pytest.CaptureFixture[str]
) -> None:
    h, _ = world
    tasks = len(h.store.list_tasks())
    code, _, err = aegir(h, capsys, "site", "install", "shop.test", "--codebase", "wp", "--https")
    assert code == 2 and "'shop.test'" in err and "reserved" in err
    code, _, err = aegir(
        h,
        capsys,
        "site",
        "install",
        "x.aegir-https.net",
        "--codebase",
        "wp",
        "--https",
        "--alias",
        "127.0.0.1",
    )
    assert code == 2 and "127.0.0.1" in err
    directory = h.store.get_setting("acme_directory")
    assert directory
    h.store.set_setting("acme_directory", "")
    try:
        code, _, err = aegir(h, capsys, "site", "install", "y.aegir-https.net", "--codebase", "wp", "--https")
    finally:
        h.store.set_setting("acme_directory", directory)
    assert code == 2 and "acme_directory" in err
    assert len(h.store.list_tasks()) == tasks
    assert h.store.site_using_domain("y.aegir-https.net") is None
