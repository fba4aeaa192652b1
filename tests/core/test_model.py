"""The model's validators: hostile values never get into a Site, Server, Service or Codebase."""

from __future__ import annotations

from typing import Any

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

from aegir.core.errors import ValidationError
from aegir.core.model import (
    Backup,
    BackupState,
    Codebase,
    CodebaseScan,
    Server,
    Service,
    ServiceKind,
    ServiceType,
    Site,
    SiteStatus,
    Task,
    TaskStatus,
)
from strategies import sites

SHELL_AND_SQL = [
    "a;reboot",
    "$(id)",
    "`id`",
    "a b",
    "x'; DROP DATABASE mysql; --",
    'x" OR 1=1',
    "a\x00b",
    "../x",
    "a/b",
    "",
    "A" * 80,
    "ünï",
]


def _site(**changes: Any) -> Site:
    fields = {"domain": "example.org", "codebase": "d10", "server": "local"}
    fields.update(changes)
    return Site(**fields)


def _raises_naming(value: Any, build: Any) -> ValidationError:
    with pytest.raises(ValidationError) as info:
        build()
    assert repr(value) in str(info.value), str(info.value)
    return info.value


# -- Site ---------------------------------------------------------------------------------------------


def test_a_site_normalises_its_domain_and_aliases() -> None:
    site = _site(domain="Bücher.Example.", aliases=["WWW.bücher.example", "xn--bcher-kva.test"])
    assert site.domain == "xn--bcher-kva.example"
    assert site.aliases == ("www.xn--bcher-kva.example", "xn--bcher-kva.test")
    assert site.status is SiteStatus.QUEUED


@pytest.mark.parametrize(
    "value", ["127.0.0.1", "example.org;reboot", "../example", "example.org:80", "a\x00.org", "ex ample.org"]
)
def test_a_site_refuses_hostile_domains(value: str) -> None:
    _raises_naming(value, lambda: _site(domain=value))
    _raises_naming(value, lambda: _site(aliases=["ok.example", value]))


@pytest.mark.parametrize("field", ["codebase", "server", "db_server", "backup_store"])
@pytest.mark.parametrize("value", SHELL_AND_SQL, ids=repr)
def test_a_site_refuses_hostile_names(field: str, value: str) -> None:
    _raises_naming(value, lambda: _site(**{field: value}))


@pytest.mark.parametrize("field", ["db_name", "db_user"])
@pytest.mark.parametrize("value", [*SHELL_AND_SQL, "Upper", "9lives", "a-b", "a.b"], ids=repr)
def test_a_site_refuses_hostile_database_identifiers(field: str, value: str) -> None:
    _raises_naming(value, lambda: _site(**{field: value}))


def test_a_bare_string_is_not_a_list_of_aliases() -> None:
    # iterating "example.org" would give one-letter "domains"
    _raises_naming("example.org", lambda: _site(aliases="example.org"))


@pytest.mark.parametrize(
    ("cls", "field", "value"),
    [
        (Site, "status", "exploded"),
        (Backup, "state", "lost"),
        (Task, "status", "sleeping"),
        (Service, "type", "iis"),
    ],
)
def test_unknown_enum_values_are_validation_errors(cls: type, field: str, value: str) -> None:
    base: dict[type, dict[str, Any]] = {
        Site: {"domain": "example.org", "codebase": "d10", "server": "local"},
        Backup: {"id": "b1", "site": "example.org", "store": "local", "created": _now()},
        Task: {"id": "t1", "operation": "install", "target": "example.org"},
        Service: {"type": "nginx"},
    }
    error = _raises_naming(value, lambda: cls(**{**base[cls], field: value}))
    assert "use one of" in str(error)


def test_enum_fields_accept_members_and_values() -> None:
    assert _site(status="enabled").status is SiteStatus.ENABLED
    assert _site(status=SiteStatus.DISABLED).status is SiteStatus.DISABLED
    assert Task(id="t", operation="x", target="y", status="rolled_back").status is TaskStatus.ROLLED_BACK
    assert Backup(id="b", site="s", store="l", created=_now(), state="partial").state is BackupState.PARTIAL


def test_sites_are_frozen_and_change_through_evolve() -> None:
    site = _site()
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        site.domain = "evil.example"  # type: ignore[misc]
    moved = attrs.evolve(site, domain="NEW.example")
    assert moved.domain == "new.example"
    with pytest.raises(ValidationError):
        attrs.evolve(site, codebase="../x")


@given(site=sites, value=st.text(max_size=40))
def test_any_text_as_a_site_field_is_accepted_valid_or_refused(site: Site, value: str) -> None:
    for field in ("domain", "codebase", "server", "db_name"):
        try:
            changed = attrs.evolve(site, **{field: value})
        except ValidationError as e:
            assert repr(value) in str(e)
        else:
            assert getattr(changed, field) in {value, value.strip().rstrip(".").lower()} or field == "domain"


# -- Service, Server ------------------------------------------------------------------------------------


@pytest.mark.parametrize("port", [0, -1, 65536, 10**6, True, False, "80", 80.0], ids=repr)
def test_ports_out_of_range_or_of_the_wrong_type_are_refused(port: Any) -> None:
    _raises_naming(port, lambda: Service(type="mariadb", port=port))


@given(port=st.integers(min_value=1, max_value=65535))
def test_every_tcp_port_is_accepted(port: int) -> None:
    assert Service(type=ServiceType.MARIADB, port=port).port == port


@pytest.mark.parametrize(
    "address",
    ["127.0.0.1;reboot", "localhost:3306", "../sock", "", "a b", "http://db", "\x00", 3306, None],
    ids=repr,
)
def test_hostile_service_addresses_are_refused(address: Any) -> None:
    _raises_naming(address, lambda: Service(type="mariadb", address=address))


@pytest.mark.parametrize("address", ["127.0.0.1", "::1", "10.1.2.3", "db.example.org", "localhost"])
def test_addresses_may_be_ips_or_host_names(address: str) -> None:
    assert Service(type="mariadb", address=address).address == address


def test_a_service_knows_its_kind_and_a_server_finds_it() -> None:
    web, php, db = Service(type="nginx", port=80), Service(type="php-fpm"), Service(type="mariadb", port=3306)
    server = Server(name="local", backend="local", services=[web, php, db])
    assert (web.kind, php.kind, db.kind) == (ServiceKind.HTTP, ServiceKind.PHP, ServiceKind.DB)
    assert server.service(ServiceKind.DB) is db
    assert Server(name="bare", backend="ssh").service(ServiceKind.HTTP) is None
    assert server.services == (web, php, db)


@pytest.mark.parametrize("field", ["name", "backend"])
@pytest.mark.parametrize("value", SHELL_AND_SQL, ids=repr)
def test_a_server_refuses_hostile_names(field: str, value: str) -> None:
    fields = {"name": "local", "backend": "local", field: value}
    _raises_naming(value, lambda: Server(**fields))


# -- Codebase, CodebaseScan -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    "root", ["srv/d10", "/srv/../etc", "/srv/d10/..", "/srv/\x00", "", "~/d10", 42, None], ids=repr
)
def test_a_codebase_root_must_be_a_plain_absolute_path(root: Any) -> None:
    _raises_naming(root, lambda: Codebase(name="d10", app="drupal", root=root))


@pytest.mark.parametrize("docroot", ["/web", "../web", "web/../..", "web\\..", "web\x00"], ids=repr)
def test_docroots_must_stay_inside_the_codebase(docroot: str) -> None:
    _raises_naming(docroot, lambda: Codebase(name="d10", app="drupal", root="/srv/d10", docroot=docroot))
    _raises_naming(docroot, lambda: CodebaseScan(app="drupal", docroot=docroot))


@pytest.mark.parametrize("value", SHELL_AND_SQL, ids=repr)
def test_a_codebase_refuses_hostile_names(value: str) -> None:
    _raises_naming(value, lambda: Codebase(name=value, app="drupal", root="/srv/x"))


def test_a_valid_codebase_keeps_its_values() -> None:
    scan = CodebaseScan(app="drupal", app_version="10.3.1", docroot="web", profiles=["standard", "minimal"])
    codebase = Codebase(
        name="d10", app="drupal", root="/srv/d10", docroot="web", servers=["local"], scan=scan
    )
    assert codebase.servers == ("local",)
    assert codebase.scan is not None
    assert codebase.scan.profiles == ("standard", "minimal")


def _now() -> Any:
    from datetime import UTC, datetime

    return datetime(2024, 1, 1, tzinfo=UTC)
