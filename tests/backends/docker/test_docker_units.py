"""The docker backend's pure parts: the container spec from server options, /proc records."""

from __future__ import annotations

import pytest

from aegir.backends.docker import ContainerHandle, ProcessInfo, container_spec, parse_processes
from aegir.core.errors import ValidationError
from aegir.core.model import Server, Service, ServiceType


def test_the_spec_publishes_the_web_ports_on_the_chosen_address() -> None:
    web = Service(ServiceType.NGINX, 8081, options={"https_port": "8443"})
    server = Server(
        "d1", "docker", [web, Service(ServiceType.MARIADB, 3307)], options={"image": "reg/aegir:1"}
    )
    spec = container_spec(server)
    assert (spec.name, spec.volume, spec.mount, spec.image) == (
        "aegir-d1",
        "aegir-d1",
        "/srv/aegir",
        "reg/aegir:1",
    )
    assert spec.ports == {
        8081: ("127.0.0.1", 8081),
        8443: ("127.0.0.1", 8443),
    }  # the database is not published
    wide = container_spec(Server("d2", "docker", [web], options={"image": "i", "publish_address": "::1"}))
    assert set(wide.ports.values()) == {("::1", 8081), ("::1", 8443)}


@pytest.mark.parametrize(
    ("options", "named"),
    [
        ({}, "image"),
        ({"image": "two words"}, "image"),
        ({"image": "i", "read_only": "usr"}, "read_only"),
    ],
)
def test_bad_options_are_named(options: dict[str, str], named: str) -> None:
    with pytest.raises(ValidationError, match=named):
        container_spec(Server("d1", "docker", [], options=options))


def test_proc_records_with_awkward_command_names() -> None:
    text = (
        "7 (nginx) S 1 7 7 0\x1fnginx: master process nginx -c /x\x1e"
        "9 (odd) name)) Z 7 7 7 0\x1f\x1e"
        "garbage\x1e"
        "12 (php-fpm8.2) R 1 12 12\x1fphp-fpm: master process (/c)\x1e"
    )
    assert parse_processes(text) == [
        ProcessInfo(7, "S", 1, 7, "nginx: master process nginx -c /x"),
        ProcessInfo(9, "Z", 7, 7, ""),
        ProcessInfo(12, "R", 1, 12, "php-fpm: master process (/c)"),
    ]


def test_published_ports_are_reached_on_the_docker_host() -> None:
    spec = container_spec(Server("d1", "docker", [], options={"image": "i"}))
    local = ContainerHandle(spec, "unix:///run/docker.sock")
    remote = ContainerHandle(spec, "tcp://docker.example:2376")
    anywhere = ".".join("0000")  # the any-address a port may be published on
    assert local._connect_to(anywhere) == "127.0.0.1" and local._connect_to("") == "127.0.0.1"
    assert remote._connect_to(anywhere) == "docker.example"
    assert remote._connect_to("192.0.2.7") == "192.0.2.7"  # an address given is used as it is
