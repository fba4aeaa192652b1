"""The migration's parsers and helpers without services: the blue record kept in a site's options
(hostile text only ever gives an AegirError), ``df``/``du`` output, change descriptions."""

from __future__ import annotations

import contextlib
import json
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from aegir.backends.local import LocalBackend
from aegir.core import serialize
from aegir.core.backend import BackendEnv
from aegir.core.errors import AegirError
from aegir.core.model import Server, Site
from aegir.core.operations import _migrate_preflight as checks
from aegir.core.operations import migrate
from aegir.core.packages import PackageChange
from aegir.core.secrets import SecretStore

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


def test_a_backend_without_private_previews_is_refused_before_anything(tmp_path: Path) -> None:
    from aegir.core.errors import ValidationError
    from aegir.core.model import Codebase, CodebaseScan
    from aegir.hosting import Hosting

    h = Hosting(tmp_path / "home")
    try:
        h.store.add_server(Server(name="k8s", backend="kubernetes", options={}))
        scan = CodebaseScan(app="wordpress", app_version="6.1.9")
        for name in ("wp-a", "wp-b"):
            h.store.save_codebase(Codebase(name=name, app="wordpress", root=f"/srv/{name}", scan=scan))
        h.store.save_site(
            Site(domain="k.example", codebase="wp-a", server="k8s", db_server="k8s", status="enabled")
        )
        with pytest.raises(ValidationError, match="cannot serve a private preview"):
            migrate.preflight(h, "k.example", codebase="wp-b")
    finally:
        h.close()
