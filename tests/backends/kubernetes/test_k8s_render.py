"""Every manifest the Kubernetes backend renders, for several applications and server setups, is
valid against the official OpenAPI schemas of several Kubernetes versions (kubernetes-validate),
and keeps the backend's promises: no secret values, non-root pods, consistent labels, valid names."""

from __future__ import annotations

import functools
import json
import re
from datetime import UTC, datetime
from typing import Any

import attrs
import kubernetes_validate
import pytest
from _k8s_apps import DRIVERS, codebase, context, site
from _k8s_validate import K8S_VERSIONS, problems
from hypothesis import given
from hypothesis import strategies as st

from aegir.backends.kubernetes import _naming
from aegir.backends.kubernetes._options import ClusterOptions
from aegir.backends.kubernetes._plan import OPERATIONS, SitePlanner
from aegir.backends.kubernetes._render import site_manifests
from aegir.backends.kubernetes._render_server import admin_secret, server_manifests
from aegir.backends.kubernetes._spec import build_spec
from aegir.backends.kubernetes._steps import step_manifests
from aegir.backends.kubernetes._yaml import dump_all
from aegir.core.model import SiteStatus

NOW = datetime(2025, 6, 1, 12, 0, tzinfo=UTC)

SETUPS: dict[str, dict[str, str]] = {
    "defaults": {},
    "https-replicas": {"cluster_issuer": "letsencrypt-prod", "ingress_class": "nginx", "replicas": "3"},
    "shared-external-ip-s3": {
        "namespace_strategy": "shared",
        "database": "external",
        "db_host": "10.20.30.40",
        "db_admin_secret": "db-root",
        "backup_store": "s3",
        "s3_bucket": "aegir-backups",
        "s3_endpoint": "https://s3.example.org",
        "storage_class": "fast-ssd",
    },
    "shared-external-host-pvc": {
        "namespace_strategy": "shared",
        "database": "external",
        "db_host": "mysql.db.svc.cluster.local",
        "db_port": "3307",
        "read_only_root": "false",
        "php_cpu_limit": "2",
        "web_cpu_limit": "500m",
        "backup_schedule": "15 3 * * *",
        "backup_storage_class": "nfs-retain",
    },
}


def plans_for(app: str, setup: str) -> tuple[ClusterOptions, list[list[Any]], Any]:
    """Plans of every operation of one site, and the spec of its current track."""
    opts = ClusterOptions.parse("k8s", SETUPS[setup])
    https = setup == "https-replicas"
    value = site(f"{app}.example.org", app, https=https, aliases=("www.example.org",) if https else ())
    cb = codebase(app)
    ctx = context(value, cb)
    driver = DRIVERS[app]
    planner = SitePlanner(opts, ctx, driver, NOW)
    enabled = attrs.evolve(planner.parts.recorded(value, planner.spec), status=SiteStatus.ENABLED)
    live = SitePlanner(opts, context(enabled, cb), driver, NOW)
    target = context(
        attrs.evolve(enabled, codebase=cb.name), attrs.evolve(cb, image="registry.example.org/sites/app:2.0")
    )
    clone_ctx = context(site(f"copy-{app}.example.org", app), cb)
    plans = [planner.plan("install")]
    for op in OPERATIONS:
        if op == "install":
            continue
        if op == "clone" and opts["backup_store"] == "pvc" and not opts.shared_namespace:
            continue
        if op == "login-reset" and app in ("grav", "static", "drupal"):
            continue
        if op == "schedule-backups" and not opts["backup_schedule"]:
            continue
        kwargs: dict[str, Any] = {}
        if op == "restore":
            kwargs["backup_id"] = "20250501-030000"
        if op in ("migrate", "rollback"):
            kwargs["target"] = target
        if op == "clone":
            kwargs["target"] = clone_ctx
        plans.append(live.plan(op, **kwargs))
    return opts, plans, live.spec


@functools.cache
def _all_manifests(app: str, setup: str) -> str:
    opts, plans, spec = plans_for(app, setup)
    objs = [*server_manifests(opts), admin_secret(opts)[0], *site_manifests(spec, opts)]
    for steps in plans:
        objs += step_manifests(steps, include_undo=True)
    return json.dumps(objs)


def all_manifests(app: str, setup: str) -> list[dict[str, Any]]:
    """Every object of every operation of one site (a fresh copy each call)."""
    result: list[dict[str, Any]] = json.loads(_all_manifests(app, setup))
    return result


CASES = [(app, setup) for app in DRIVERS for setup in SETUPS]


@pytest.mark.parametrize(("app", "setup"), CASES, ids=[f"{a}-{s}" for a, s in CASES])
def test_every_manifest_is_valid_for_several_kubernetes_versions(app: str, setup: str) -> None:
    objs = all_manifests(app, setup)
    kinds = {o["kind"] for o in objs}
    assert {"Deployment", "Service", "Ingress", "Job", "ConfigMap", "Secret", "NetworkPolicy"} <= kinds
    seen: set[str] = set()
    for obj in objs:
        text = json.dumps(obj, sort_keys=True)
        if text in seen:
            continue
        seen.add(text)
        for version in K8S_VERSIONS:
            wrong = problems(obj, version)
            name = f"{obj['kind']} {obj['metadata'].get('namespace')}/{obj['metadata']['name']}"
            assert not wrong, f"{name} is invalid for Kubernetes {version}: {wrong}"


def test_cached_validation_agrees_with_kubernetes_validate() -> None:
    """The fast path of _k8s_validate gives kubernetes_validate.validate's verdicts."""
    objs = all_manifests("wordpress", "https-replicas")
    good = next(o for o in objs if o["kind"] == "Deployment")
    bad = json.loads(json.dumps(good))
    bad["spec"]["template"]["spec"]["containers"][0]["imagePullPolicy"] = 7
    bad["spec"]["replicass"] = 2
    for version in K8S_VERSIONS:
        assert kubernetes_validate.validate(good, version, strict=True)
        assert problems(good, version) == []
        with pytest.raises(kubernetes_validate.ValidationError):
            kubernetes_validate.validate(bad, version, strict=True)
        assert len(problems(bad, version)) == 2


def test_the_kinds_the_issue_asks_for_are_all_rendered() -> None:
    kinds = {o["kind"] for app in DRIVERS for setup in SETUPS for o in all_manifests(app, setup)}
    assert kinds >= {
        "Namespace",
        "ServiceAccount",
        "Secret",
        "PersistentVolumeClaim",
        "ConfigMap",
        "Deployment",
        "Service",
        "Ingress",
        "NetworkPolicy",
        "PodDisruptionBudget",
        "Job",
        "CronJob",
        "StatefulSet",
    }


@pytest.mark.parametrize(("app", "setup"), CASES, ids=[f"{a}-{s}" for a, s in CASES])
def test_no_secret_value_is_rendered(app: str, setup: str, tmp_path: Any) -> None:
    from aegir.core.secrets import SecretStore

    store = SecretStore(tmp_path)
    _opts, _plans, spec = plans_for(app, setup)
    values = [store.ensure(k.secret, 24) for k in spec.secrets]
    text = dump_all(all_manifests(app, setup))
    for value in values:
        assert value not in text
    for obj in all_manifests(app, setup):
        if obj["kind"] == "Secret":
            assert "data" not in obj and "stringData" not in obj
        if obj["kind"] == "ConfigMap":
            assert "{{secret:" not in json.dumps(obj)
            assert "AEGIR_SECRET" not in json.dumps(obj.get("data", {})).replace(
                "getenv('AEGIR_SECRET", ""
            ).replace("env[AEGIR_SECRET", "").replace("= $AEGIR_SECRET", "")


def _pods(obj: dict[str, Any]) -> list[dict[str, Any]]:
    spec = obj.get("spec", {})
    if obj["kind"] in ("Deployment", "StatefulSet", "Job"):
        return [spec["template"]["spec"]]
    if obj["kind"] == "CronJob":
        return [spec["jobTemplate"]["spec"]["template"]["spec"]]
    return []


@pytest.mark.parametrize("setup", list(SETUPS))
def test_every_pod_runs_as_non_root_without_privileges(setup: str) -> None:
    for app in DRIVERS:
        for obj in all_manifests(app, setup):
            for pod in _pods(obj):
                assert pod["securityContext"]["runAsNonRoot"] is True
                assert pod["securityContext"]["seccompProfile"] == {"type": "RuntimeDefault"}
                assert pod.get("automountServiceAccountToken") is False
                for c in [*pod.get("initContainers", []), *pod["containers"]]:
                    sc = c["securityContext"]
                    assert sc["allowPrivilegeEscalation"] is False
                    assert sc["capabilities"] == {"drop": ["ALL"]}
                    assert "limits" in c["resources"] and "memory" in c["resources"]["limits"]
                    if c.get("command"):
                        assert all(isinstance(a, str) for a in c["command"])
                        if c["command"][0] == "sh":  # only the fixed stdin redirect, args passed apart
                            assert c["command"][1:3] == ["-c", 'exec "$@" < "$AEGIR_STDIN"']


def test_web_pods_have_probes_and_a_read_only_root_where_asked() -> None:
    for setup, ro in (("defaults", True), ("shared-external-host-pvc", False)):
        opts, _plans, spec = plans_for("wordpress", setup)
        dep = next(o for o in site_manifests(spec, opts) if o["kind"] == "Deployment")
        containers = {c["name"]: c for c in dep["spec"]["template"]["spec"]["containers"]}
        assert set(containers) == {"php", "nginx"}
        assert containers["php"]["securityContext"]["readOnlyRootFilesystem"] is ro
        assert containers["nginx"]["securityContext"]["readOnlyRootFilesystem"] is True
        for c in containers.values():
            assert "readinessProbe" in c and "livenessProbe" in c
            assert c["resources"]["requests"]["cpu"] and c["resources"]["limits"]["memory"]


def test_static_sites_have_no_php_container_and_paths_outside_the_site_dir_share_its_volume() -> None:
    opts = ClusterOptions.parse("k8s", {})
    spec, _ = build_spec(
        context(site("s.example.org", "static"), codebase("static")), DRIVERS["static"], opts
    )
    dep = next(o for o in site_manifests(spec, opts) if o["kind"] == "Deployment")
    assert [c["name"] for c in dep["spec"]["template"]["spec"]["containers"]] == ["nginx"]
    spec, _ = build_spec(context(site("g.example.org", "grav"), codebase("grav")), DRIVERS["grav"], opts)
    dep = next(o for o in site_manifests(spec, opts) if o["kind"] == "Deployment")
    php = dep["spec"]["template"]["spec"]["containers"][0]
    paths = {m["mountPath"] for m in php["volumeMounts"]}
    assert "/var/www/html/user/pages" in paths  # a driver's site path outside the site dir, on the volume


def test_labels_are_consistent_and_selectors_match_their_pods() -> None:
    for app in DRIVERS:
        _opts, _plans, spec = plans_for(app, "https-replicas")
        for obj in all_manifests(app, "https-replicas"):
            labels = obj["metadata"].get("labels", {})
            assert labels.get("app.kubernetes.io/managed-by") == "aegir", obj["metadata"]["name"]
            assert labels.get("app.kubernetes.io/part-of") == "aegir"
            if obj["kind"] not in ("Namespace",) and obj["metadata"].get("namespace") != "aegir-system":
                assert labels.get("aegir.io/site") == spec.slug
                assert obj["metadata"]["annotations"]["aegir.io/domain"] == spec.domain
            if obj["kind"] == "Deployment":
                selector = obj["spec"]["selector"]["matchLabels"]
                pod_labels = obj["spec"]["template"]["metadata"]["labels"]
                assert selector.items() <= pod_labels.items()


def test_pdb_only_with_more_than_one_replica_and_tls_only_for_https() -> None:
    for setup, expect_pdb in (("defaults", False), ("https-replicas", True)):
        opts, _plans, spec = plans_for("drupal", setup)
        objs = site_manifests(spec, opts)
        assert any(o["kind"] == "PodDisruptionBudget" for o in objs) is expect_pdb
        ingress = next(o for o in objs if o["kind"] == "Ingress")
        assert ("tls" in ingress["spec"]) is expect_pdb
        if expect_pdb:
            assert ingress["metadata"]["annotations"]["cert-manager.io/cluster-issuer"] == "letsencrypt-prod"
            assert ingress["spec"]["ingressClassName"] == "nginx"
            assert [r["host"] for r in ingress["spec"]["rules"]] == ["drupal.example.org", "www.example.org"]


def test_network_policies_deny_by_default_and_open_only_what_is_needed() -> None:
    opts, _plans, spec = plans_for("wordpress", "shared-external-ip-s3")
    policies = {
        o["metadata"]["name"]: o["spec"] for o in site_manifests(spec, opts) if o["kind"] == "NetworkPolicy"
    }
    prefix = f"site-{spec.slug}-"
    deny = policies[prefix + "deny-all"]
    assert deny["policyTypes"] == ["Ingress", "Egress"] and "ingress" not in deny and "egress" not in deny
    web = policies[prefix + "allow-web"]["ingress"][0]
    assert web["from"][0]["namespaceSelector"]["matchLabels"] == {
        "kubernetes.io/metadata.name": "ingress-nginx"
    }
    egress = policies[prefix + "allow-dns-db"]["egress"]
    assert egress[1] == {
        "to": [{"ipBlock": {"cidr": "10.20.30.40/32"}}],
        "ports": [{"port": 3306, "protocol": "TCP"}],
    }


def test_a_settings_file_that_keeps_placeholders_goes_into_a_secret() -> None:
    opts = ClusterOptions.parse("k8s", {})
    spec, _ = build_spec(context(site("g.example.org", "grav"), codebase("grav")), DRIVERS["grav"], opts)
    (settings,) = spec.settings
    assert settings.in_secret and "{{secret:site/g.example.org/salt}}" in settings.content
    spec, _ = build_spec(
        context(site("w.example.org", "wordpress"), codebase("wordpress")), DRIVERS["wordpress"], opts
    )
    (settings,) = spec.settings
    assert not settings.in_secret
    assert "getenv('AEGIR_SECRET_DB')" in settings.content and "{{secret:" not in settings.content
    assert {k.key: k.env for k in spec.secrets}[
        "AEGIR_SECRET_ADMIN"
    ] is False  # PHP never sees the admin password


def test_a_codebase_without_an_image_is_refused_with_a_clear_message() -> None:
    from aegir.core.errors import ValidationError

    opts = ClusterOptions.parse("k8s", {})
    with pytest.raises(ValidationError, match=r"codebase 'wordpress-1' has no container image.*--image"):
        build_spec(
            context(site("w.example.org", "wordpress"), codebase("wordpress", image=None)),
            DRIVERS["wordpress"],
            opts,
        )


_DNS_LABEL = re.compile(r"[a-z0-9]([-a-z0-9]*[a-z0-9])?")


@given(st.from_regex(r"(?:[a-z0-9](?:[a-z0-9-]{0,20}[a-z0-9])?\.){1,6}[a-z]{2,10}", fullmatch=True))
def test_object_names_are_valid_for_any_domain(domain: str) -> None:
    """Long and odd domains still give valid, short names (hashed where they would be too long)."""
    opts = ClusterOptions.parse("k8s", {"namespace_strategy": "shared", "backup_schedule": "0 3 * * *"})
    value = site(domain, "wordpress")
    planner = SitePlanner(opts, context(value, codebase("wordpress")), DRIVERS["wordpress"], NOW)
    objs = site_manifests(planner.spec, opts) + step_manifests(planner.plan("install"), include_undo=True)
    for obj in objs:
        name = obj["metadata"]["name"]
        assert len(name) <= _naming.NAME_LIMIT and _DNS_LABEL.fullmatch(name), name
        if obj["kind"] == "Service":
            assert name[0].isalpha()  # Service names are DNS-1035 labels
        for value_ in obj["metadata"].get("labels", {}).values():
            assert len(value_) <= 63


def test_yaml_output_is_one_document_per_object_with_literal_blocks() -> None:
    import yaml

    opts, _plans, spec = plans_for("wordpress", "defaults")
    objs = site_manifests(spec, opts)
    text = dump_all(objs)
    assert list(yaml.safe_load_all(text)) == objs
    assert text.count("\n---\n") + 1 == len(objs)
    assert "  nginx.conf: |\n" in text
