"""`aegir site manifests`: a site's manifests as YAML from the command line, with no cluster."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from _k8s_validate import K8S_VERSIONS, problems

from aegir.cli import main
from aegir.core.model import Codebase, Server
from aegir.core.operations.sites import new_site
from aegir.core.scan import scan_codebase
from aegir.hosting import Hosting

DOMAIN = "blog.example.org"


@pytest.fixture
def home(tmp_path: Path) -> Path:
    home = tmp_path / "home"
    hosting = Hosting(home)
    try:
        hosting.store.add_server(Server(name="k8s", backend="kubernetes", options={"cluster_issuer": "le"}))
        hosting.store.add_server(
            Server(name="k8s-eu", backend="kubernetes", options={"namespace_strategy": "shared"})
        )
        hosting.store.add_server(Server(name="here", backend="local"))
        tree = Path("/usr/share/wordpress")
        scan = scan_codebase(tree, hosting.plugins)
        hosting.store.save_codebase(
            Codebase(name="wp", app=scan.app, root=str(tree), image="registry.example.org/wp:6.1", scan=scan)
        )
        hosting.store.save_site(new_site(hosting, DOMAIN, "wp", server="k8s", db_server="k8s"))
        for name in ("db", "admin"):
            hosting.secrets.ensure(f"site/{DOMAIN}/{name}", 24)
    finally:
        hosting.close()
    return home


def run(home: Path, capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(["--home", str(home), "site", "manifests", DOMAIN, *args])
    out = capsys.readouterr()
    return code, out.out, out.err


def test_site_manifests_print_valid_yaml_without_secret_values(
    home: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, _ = run(home, capsys)
    assert code == 0
    assert out.startswith("# Manifests of blog.example.org on kubernetes server k8s")
    docs = list(yaml.safe_load_all(out))
    kinds = [d["kind"] for d in docs]
    assert kinds[0] == "Namespace" and "Deployment" in kinds and kinds[-1] == "Ingress"
    for doc in docs:
        for version in K8S_VERSIONS:
            assert not problems(doc, version), (doc["kind"], version)
    secret = next(d for d in docs if d["kind"] == "Secret")
    assert (
        "data" not in secret
        and "AEGIR_SECRET_DB=site/blog.example.org/db" in secret["metadata"]["annotations"]["aegir.io/keys"]
    )
    hosting = Hosting(home)
    try:
        for name in ("db", "admin"):
            assert hosting.secrets.get(f"site/{DOMAIN}/{name}") not in out
    finally:
        hosting.close()


def test_operation_backup_prints_its_job(home: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(home, capsys, "--operation", "backup", "--backup", "nightly-1")
    assert code == 0
    docs = list(yaml.safe_load_all(out))
    assert [(d["kind"], d["metadata"]["name"]) for d in docs] == [
        ("ConfigMap", "backup-nightly-1"),
        ("Job", "backup-nightly-1"),
    ]


def test_another_kubernetes_server_and_the_server_objects(
    home: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, _ = run(home, capsys, "--server", "k8s-eu", "--with-server")
    assert code == 0
    docs = list(yaml.safe_load_all(out))
    assert docs[0]["metadata"]["name"] == "aegir-system"
    assert any(d["kind"] == "StatefulSet" for d in docs)
    deployment = next(d for d in docs if d["kind"] == "Deployment")
    assert deployment["metadata"]["namespace"] == "aegir-sites"


def test_a_server_that_is_not_kubernetes_is_refused(home: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(home, capsys, "--server", "here")
    assert code == 2 and out == ""
    assert "server 'here' is a local server: manifests are rendered for kubernetes servers" in err
