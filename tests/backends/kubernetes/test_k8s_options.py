"""A Kubernetes server's options: defaults, typed values, and clear errors for anything else."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from aegir.backends.kubernetes import OPTIONS, ClusterOptions
from aegir.core.errors import AegirError, ValidationError


def test_defaults_need_no_option_at_all() -> None:
    opts = ClusterOptions.parse("k8s", {})
    assert opts["namespace_strategy"] == "per-site" and not opts.shared_namespace
    assert opts.managed_db and opts.db_host == "mariadb.aegir-system.svc" and opts["db_port"] == 3306
    assert opts["replicas"] == 1 and opts["read_only_root"] is True and opts["rollout_timeout"] == 600.0
    assert opts.s3_credentials == "server/k8s/s3"
    assert {spec.key for spec in OPTIONS} == set(opts.values)


def test_typed_values() -> None:
    opts = ClusterOptions.parse(
        "k8s",
        {"database": "external", "db_host": "db.example.org", "db_admin_secret": "root", "replicas": "3",
         "read_only_root": "no", "poll_interval": "0.5", "backup_schedule": "0 3 * * 1-5"},
    )  # fmt: skip
    assert opts.db_host == "db.example.org" and opts.db_admin_secret == "root"
    assert opts["replicas"] == 3 and opts["read_only_root"] is False and opts["poll_interval"] == 0.5


@pytest.mark.parametrize(
    ("options", "message"),
    [
        ({"contxt": "prod"}, "unknown kubernetes option(s) 'contxt'; known options: "),
        ({"replicas": "many"}, "invalid option replicas='many': expected a whole number from 0 to 100"),
        ({"namespace_strategy": "per-tenant"}, "expected one of per-site, shared"),
        (
            {"php_memory_limit": "1 GB"},
            "invalid option php_memory_limit='1 GB': expected a Kubernetes quantity",
        ),
        ({"web_image": "nginx; rm -rf /"}, "expected a container image reference"),
        ({"backup_schedule": "daily"}, "expected a cron schedule of five fields"),
        ({"kubeconfig": "relative/config"}, "expected an absolute path"),
        ({"database": "external"}, "database=external needs db_host"),
        ({"backup_store": "s3"}, "backup_store=s3 needs s3_bucket"),
        ({"rollout_timeout": "0"}, "expected a number of seconds above 0"),
        ({"namespace": "Sites"}, "expected a DNS label"),
    ],
)
def test_bad_options_are_named_with_their_value(options: dict[str, str], message: str) -> None:
    with pytest.raises(ValidationError) as caught:
        ClusterOptions.parse("k8s", options)
    assert message in str(caught.value) and str(caught.value).startswith("server 'k8s': ")


@given(
    st.dictionaries(st.sampled_from([s.key for s in OPTIONS] + ["other"]), st.text(max_size=30), max_size=6)
)
def test_any_strings_give_options_or_a_validation_error(options: dict[str, str]) -> None:
    try:
        ClusterOptions.parse("k8s", options)
    except AegirError as e:
        assert isinstance(e, ValidationError)


@given(
    st.dictionaries(
        st.sampled_from([s.key for s in OPTIONS]),
        st.one_of(st.integers(), st.none(), st.binary()),
        min_size=1,
    )
)
def test_values_that_are_not_strings_are_refused(options: dict[str, object]) -> None:
    with pytest.raises(ValidationError, match="must be a string"):
        ClusterOptions.parse("k8s", options)  # type: ignore[arg-type]


def test_every_option_and_operation_is_documented() -> None:
    from pathlib import Path

    from aegir.backends.kubernetes import OPERATIONS

    docs = (Path(__file__).resolve().parents[3] / "docs" / "kubernetes.md").read_text()
    for spec in OPTIONS:
        assert f"| `{spec.key}` |" in docs, spec.key
    for operation in OPERATIONS:
        assert f"`{operation}`" in docs, operation
