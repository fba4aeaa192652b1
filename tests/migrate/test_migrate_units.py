"""The migration's parsers and helpers without services: the blue record kept in a site's options
(hostile text only ever gives an AegirError), ``df``/``du`` output, change descriptions."""

from __future__ import annotations

import contextlib
import json
from collections.abc import Iterator
from pathlib import Path

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

from aegir.backends.local import LocalBackend
from aegir.core import serialize
from aegir.core.backend import Backend, BackendEnv
from aegir.core.errors import AegirError, ValidationError
from aegir.core.model import Server, Site
from aegir.core.operations import _migrate_preflight as checks
from aegir.core.operations import migrate
from aegir.core.packages import PackageChange
from aegir.core.secrets import SecretStore
from aegir.hosting import Hosting

BLUE = Site(
    domain="blue.example",
    codebase="wp-a",
    server="web1",
    db_server="web1",
    db_name="s_blue",
    db_user="s_blue",
)


def _with_blue(text: str) -> Site:
    return Site(domain="green.example", codebase="wp-b", server="web1", options={migrate.BLUE_KEY: text})


def test_the_blue_record_round_trips() -> None:
    assert migrate.blue_of(_with_blue(serialize.dumps(BLUE))) == BLUE
    assert migrate.blue_of(Site(domain="plain.example", codebase="wp-a", server="web1")) is None


@given(st.text(max_size=300) | st.binary(max_size=200).map(lambda b: b.decode("latin-1")))
def test_a_damaged_blue_record_is_an_aegir_error(text: str) -> None:
    with contextlib.suppress(AegirError):
        migrate.blue_of(_with_blue(text))


@given(
    st.dictionaries(
        st.sampled_from(["domain", "codebase", "server", "db_name", "status", "aliases", "options"]),
        st.none() | st.integers() | st.text(max_size=20) | st.lists(st.text(max_size=5), max_size=3),
    )
)
def test_a_blue_record_of_the_wrong_shape_is_an_aegir_error(fields: dict[str, object]) -> None:
    data = {**serialize.unstructure(BLUE), **fields}
    with contextlib.suppress(AegirError):
        migrate.blue_of(_with_blue(json.dumps(data)))


@given(st.text(max_size=200))
def test_first_number_of_hostile_output(text: str) -> None:
    value = checks._first_line_number(text)
    assert value is None or value >= 0


def test_space_and_size_through_a_real_backend(tmp_path: Path) -> None:
    home = tmp_path / "home"
    backend = LocalBackend(
        Server("plain", "local"), BackendEnv(home=home, secrets=SecretStore(home / "secrets"))
    )
    tree = tmp_path / "tree"
    tree.mkdir()
    (tree / "a").write_bytes(b"x" * 200_000)
    size = checks._dir_size(backend, str(tree))
    assert size is not None and size >= 200_000
    free = checks._free(backend, str(tree))
    assert free is not None and free[0].startswith("/") and free[1] > 0
    assert checks._free(backend, str(tree / "missing")) is None
    assert checks._dir_size(backend, str(tree / "missing")) is None


@pytest.mark.parametrize(
    ("change", "text"),
    [
        (
            PackageChange("extension:plugin", "akismet", "5.0.2", "4.0"),
            "extension:plugin akismet 5.0.2 -> 4.0",
        ),
        (
            PackageChange("package", "drupal/token", "8.x-1.15", None, "version unknown on one side"),
            "package drupal/token 8.x-1.15 -> ? (version unknown on one side)",
        ),
    ],
)
def test_changes_are_described_for_people(change: PackageChange, text: str) -> None:
    assert checks.describe_change(change) == text


class _NoPreviewBackend(LocalBackend):
    """A backend that neither serves private previews nor plans migrations itself."""

    name = "no-preview"
    publish_preview = Backend.publish_preview  # type: ignore[assignment]


@contextlib.contextmanager
def _home_with_site(tmp_path: Path, backend: str, image: str | None = None) -> Iterator[Hosting]:
    """A home with site k.example on codebase wp-a (Debian's WordPress); wp-b is the same tree."""
    from aegir.core.model import Codebase, Service, ServiceType
    from aegir.core.plugins import Plugins
    from aegir.core.scan import scan_codebase
    from aegir.testing import plugin_for

    h = Hosting(tmp_path / "home", plugins=Plugins(extra=[plugin_for(backends=[_NoPreviewBackend])]))
    try:
        local = [
            Service(ServiceType.NGINX, 8080),
            Service(ServiceType.PHP_FPM),
            Service(ServiceType.MARIADB, 3306),
        ]
        services = local if backend != "kubernetes" else []
        h.store.add_server(Server("web", backend, services))
        scan = scan_codebase(Path("/usr/share/wordpress"), h.plugins)
        for name in ("wp-a", "wp-b"):
            h.store.save_codebase(
                Codebase(name=name, app=scan.app, root="/usr/share/wordpress", image=image, scan=scan)
            )
        site = Site(domain="k.example", codebase="wp-a", server="web", db_server="web", status="enabled")
        h.store.save_site(attrs.evolve(site, db_name="s_k", db_user="s_k"))
        yield h
    finally:
        h.close()


def _preflight_refused(tmp_path: Path, backend: str, message: str) -> None:
    """The pre-flight of moving k.example to wp-b on a ``backend`` server is refused with ``message``."""
    with _home_with_site(tmp_path, backend) as h, pytest.raises(ValidationError, match=message):
        migrate.preflight(h, "k.example", codebase="wp-b")


def test_a_backend_without_private_previews_is_refused_before_anything(tmp_path: Path) -> None:
    _preflight_refused(tmp_path, "no-preview", "cannot serve a private preview")


def test_a_backend_that_plans_migrations_itself_gets_the_hostless_checks(tmp_path: Path) -> None:
    """Kubernetes: no preview needed; what it cannot run (a codebase without an image) is refused by
    the backend's own plan, before anything changes, and the notes say what was not checked."""
    _preflight_refused(tmp_path, "kubernetes", "codebase 'wp-a' has no container image")
    with _home_with_site(tmp_path / "2", "kubernetes", image="registry.example/wp:1") as h:
        pre = migrate.preflight(h, "k.example", codebase="wp-b")
        assert pre.planned_by == "kubernetes" and pre.green.codebase == "wp-b"
        assert [n.split(":")[0] for n in pre.notes] == [
            "space for the copy not checked",
            "database server not queried",
            "no private preview",
        ]
        plan = migrate.migrate_plan(h, pre)
        assert plan.operation == "migrate" and plan.summary == "migrate k.example: codebase wp-a -> wp-b"
        assert h.store.list_tasks() == []  # planning ran nothing
