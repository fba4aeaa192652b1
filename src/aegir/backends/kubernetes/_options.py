"""A Kubernetes server's options: the strings in ``Server.options``, checked and typed once.

Every option has a default, so ``aegir server add NAME --backend kubernetes`` alone gives a working
setup on a cluster with a default storage class. :data:`OPTIONS` documents each one (the CLI and
docs/kubernetes.md use it); an unknown key is an error, so a typo never passes silently.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from typing import Any

from attrs import frozen

from aegir.core.errors import ValidationError

__all__ = ["OPTIONS", "ClusterOptions", "OptionSpec", "check_cron"]

_DNS_LABEL = re.compile(r"[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?")
_DNS_SUBDOMAIN = re.compile(r"[a-z0-9]([-a-z0-9.]{0,251}[a-z0-9])?")
_QUANTITY = re.compile(r"[0-9]+(\.[0-9]+)?(m|k|M|G|T|P|E|Ki|Mi|Gi|Ti|Pi|Ei)?")
_IMAGE = re.compile(r"[a-z0-9][a-z0-9._/:@-]*[a-zA-Z0-9_]")
_CRON_FIELD = re.compile(r"[0-9*/,-]+|[A-Za-z]{3}")
_HOST = re.compile(r"[A-Za-z0-9]([A-Za-z0-9.-]{0,251}[A-Za-z0-9])?|[0-9a-fA-F:]+")
_URL = re.compile(r"https?://[A-Za-z0-9.-]+(:[0-9]{1,5})?/?")
_PATH = re.compile(r"/[A-Za-z0-9._/-]*")
_SECRET_NAME = re.compile(r"[a-z0-9][a-z0-9_.-]{0,127}(/[a-z0-9][a-z0-9_.-]{0,127}){0,4}")


@frozen
class OptionSpec:
    """One server option: its key in ``Server.options``, default, and what it means."""

    key: str
    default: str
    help: str
    check: Callable[[str], Any]


def _choice(*values: str) -> Callable[[str], str]:
    def check(value: str) -> str:
        if value not in values:
            raise ValueError(f"expected one of {', '.join(values)}")
        return value

    return check


def _pattern(regex: re.Pattern[str], what: str, *, empty: bool = False) -> Callable[[str], str]:
    def check(value: str) -> str:
        if (value == "" and empty) or regex.fullmatch(value):
            return value
        raise ValueError(f"expected {what}")

    return check


def _int(low: int, high: int) -> Callable[[str], int]:
    def check(value: str) -> int:
        if not re.fullmatch(r"[0-9]{1,9}", value) or not low <= int(value) <= high:
            raise ValueError(f"expected a whole number from {low} to {high}")
        return int(value)

    return check


def _seconds(value: str) -> float:
    try:
        seconds = float(value)
    except ValueError:
        raise ValueError("expected a number of seconds") from None
    if not 0 < seconds <= 86400:
        raise ValueError("expected a number of seconds above 0 and at most 86400")
    return seconds


def _bool(value: str) -> bool:
    if value.lower() in {"true", "yes", "1", "on"}:
        return True
    if value.lower() in {"false", "no", "0", "off"}:
        return False
    raise ValueError("expected true or false")


def _cron(value: str) -> str:
    if value == "":
        return value
    fields = value.split()
    if len(fields) != 5 or not all(_CRON_FIELD.fullmatch(f) for f in fields):
        raise ValueError("expected a cron schedule of five fields, such as '0 3 * * *'")
    return value


def check_cron(value: str, what: str) -> str:
    """``value`` if it is a cron schedule of five fields (not empty), else a ValidationError
    naming ``what`` and the value."""
    try:
        if value.strip() != value or not _cron(value):
            raise ValueError("expected a cron schedule of five fields, such as '0 3 * * *'")
    except ValueError as e:
        raise ValidationError(f"invalid {what} {value!r}: {e}") from None
    return value


def _kubeconfig(value: str) -> str:
    if value and ("\x00" in value or not value.startswith("/")):
        raise ValueError("expected an absolute path")
    return value


_label = _pattern(_DNS_LABEL, "a DNS label (lower-case letters, digits, '-')")
_label_or_empty = _pattern(_DNS_LABEL, "a DNS label (lower-case letters, digits, '-')", empty=True)
_subdomain_or_empty = _pattern(_DNS_SUBDOMAIN, "a DNS name", empty=True)
_quantity = _pattern(_QUANTITY, "a Kubernetes quantity such as 100m, 256Mi or 10Gi")
_quantity_or_empty = _pattern(_QUANTITY, "a Kubernetes quantity such as 500m or 1Gi, or empty", empty=True)
_image = _pattern(_IMAGE, "a container image reference such as docker.io/library/mariadb:11.4")
_context = _pattern(re.compile(r"[A-Za-z0-9@:._/-]{1,253}"), "a kubeconfig context name", empty=True)

OPTIONS: tuple[OptionSpec, ...] = (
    OptionSpec(
        "context", "", "kubeconfig context ('' = the current one; 'in-cluster' = the pod's account)", _context
    ),
    OptionSpec(
        "kubeconfig", "", "kubeconfig file (absolute path; '' = $KUBECONFIG or ~/.kube/config)", _kubeconfig
    ),
    OptionSpec(
        "namespace_strategy",
        "per-site",
        "one namespace per site, or all sites in one",
        _choice("per-site", "shared"),
    ),
    OptionSpec(
        "namespace", "aegir-sites", "the namespace all sites share (namespace_strategy=shared)", _label
    ),
    OptionSpec(
        "namespace_prefix",
        "aegir-",
        "prefix of per-site namespace names",
        _pattern(re.compile(r"[a-z][a-z0-9-]{0,14}"), "up to 15 lower-case letters, digits or '-'"),
    ),
    OptionSpec(
        "system_namespace",
        "aegir-system",
        "namespace of the managed database and database admin Jobs",
        _label,
    ),
    OptionSpec(
        "storage_class",
        "",
        "storage class of site file volumes ('' = the cluster default)",
        _subdomain_or_empty,
    ),
    OptionSpec("files_size", "5Gi", "size of each site's file volume", _quantity),
    OptionSpec(
        "files_access_mode",
        "",
        "access mode of file volumes ('' = ReadWriteOnce for one replica, ReadWriteMany above)",
        _choice("", "ReadWriteOnce", "ReadWriteMany", "ReadWriteOncePod"),
    ),
    OptionSpec(
        "ingress_class",
        "",
        "ingressClassName of site Ingresses ('' = the cluster default)",
        _subdomain_or_empty,
    ),
    OptionSpec(
        "ingress_namespace",
        "ingress-nginx",
        "namespace of the ingress controller (allowed in by NetworkPolicy)",
        _label,
    ),
    OptionSpec(
        "cluster_issuer",
        "",
        "cert-manager ClusterIssuer for HTTPS sites ('' = bring your own TLS Secret)",
        _subdomain_or_empty,
    ),
    OptionSpec(
        "database",
        "managed",
        "an Aegir-managed MariaDB StatefulSet per server, or an external MariaDB/MySQL",
        _choice("managed", "external"),
    ),
    OptionSpec(
        "db_host",
        "",
        "external database host (database=external)",
        _pattern(_HOST, "a host name or IP address", empty=True),
    ),
    OptionSpec("db_port", "3306", "database port", _int(1, 65535)),
    OptionSpec(
        "db_admin_secret",
        "mariadb-admin",
        "Secret in the system namespace with keys 'username' and 'password' of the database admin",
        _subdomain_or_empty,
    ),
    OptionSpec(
        "db_image",
        "docker.io/library/mariadb:11.4",
        "image of the managed MariaDB and of database Jobs (mariadb, mariadb-dump, tar, gzip)",
        _image,
    ),
    OptionSpec("db_storage_size", "10Gi", "volume size of the managed MariaDB", _quantity),
    OptionSpec(
        "backup_store",
        "pvc",
        "where backups go: a PersistentVolumeClaim or an S3-compatible bucket",
        _choice("pvc", "s3"),
    ),
    OptionSpec("backup_size", "20Gi", "size of the backup volume (backup_store=pvc)", _quantity),
    OptionSpec(
        "backup_storage_class",
        "",
        "storage class of the backup volume ('' = cluster default; use one with reclaimPolicy Retain)",
        _subdomain_or_empty,
    ),
    OptionSpec(
        "s3_bucket",
        "",
        "bucket name (backup_store=s3)",
        _pattern(re.compile(r"[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]"), "an S3 bucket name", empty=True),
    ),
    OptionSpec("s3_endpoint", "", "S3 endpoint URL ('' = AWS)", _pattern(_URL, "an http(s) URL", empty=True)),
    OptionSpec(
        "s3_region", "us-east-1", "S3 region", _pattern(re.compile(r"[a-z0-9-]{1,32}"), "a region name")
    ),
    OptionSpec(
        "s3_prefix",
        "aegir/",
        "key prefix inside the bucket",
        _pattern(re.compile(r"([A-Za-z0-9._-]+/)*"), "path segments ending with '/'", empty=True),
    ),
    OptionSpec(
        "s3_credentials",
        "",
        "secret-store prefix holding 'access-key-id' and 'secret-access-key' ('' = server/NAME/s3)",
        _pattern(_SECRET_NAME, "a secret name", empty=True),
    ),
    OptionSpec(
        "s3_image", "docker.io/amazon/aws-cli:2.17.0", "image used to copy backups to and from S3", _image
    ),
    OptionSpec(
        "backup_schedule", "", "cron schedule of scheduled backups ('' = none unless a site sets one)", _cron
    ),
    OptionSpec(
        "image_pull_policy",
        "IfNotPresent",
        "imagePullPolicy of every container",
        _choice("IfNotPresent", "Always", "Never"),
    ),
    OptionSpec(
        "web_image",
        "docker.io/nginxinc/nginx-unprivileged:1.27-alpine",
        "nginx image (runs as non-root, listens on 8080)",
        _image,
    ),
    OptionSpec("curl_image", "docker.io/curlimages/curl:8.10.1", "image of health-check Jobs", _image),
    OptionSpec(
        "code_root",
        "/var/www/html",
        "where the codebase tree is inside the codebase image",
        _pattern(_PATH, "an absolute path"),
    ),
    OptionSpec(
        "php_fpm_pool_dir",
        "/usr/local/etc/php-fpm.d",
        "PHP-FPM pool directory inside the codebase image",
        _pattern(_PATH, "an absolute path"),
    ),
    OptionSpec("run_as_user", "33", "uid that PHP-FPM, nginx and Jobs run as", _int(1, 2147483647)),
    OptionSpec("run_as_group", "33", "gid (and fsGroup of volumes)", _int(1, 2147483647)),
    OptionSpec("read_only_root", "true", "readOnlyRootFilesystem for site containers", _bool),
    OptionSpec("replicas", "1", "web replicas per site (a site may set kubernetes.replicas)", _int(0, 100)),
    OptionSpec("php_cpu_request", "100m", "PHP-FPM CPU request", _quantity),
    OptionSpec("php_memory_request", "128Mi", "PHP-FPM memory request", _quantity),
    OptionSpec("php_cpu_limit", "", "PHP-FPM CPU limit ('' = none)", _quantity_or_empty),
    OptionSpec("php_memory_limit", "512Mi", "PHP-FPM memory limit", _quantity),
    OptionSpec("web_cpu_request", "20m", "nginx CPU request", _quantity),
    OptionSpec("web_memory_request", "32Mi", "nginx memory request", _quantity),
    OptionSpec("web_cpu_limit", "", "nginx CPU limit ('' = none)", _quantity_or_empty),
    OptionSpec("web_memory_limit", "128Mi", "nginx memory limit", _quantity),
    OptionSpec("job_memory_limit", "1Gi", "memory limit of Job containers", _quantity),
    OptionSpec("rollout_timeout", "600", "seconds to wait for a Deployment to become ready", _seconds),
    OptionSpec("job_timeout", "1800", "seconds a Job may run", _seconds),
    OptionSpec("poll_interval", "2", "seconds between status checks while waiting", _seconds),
    OptionSpec("request_timeout", "30", "seconds to wait for one API answer", _seconds),
    OptionSpec(
        "force_conflicts", "false", "server-side apply with force (take fields other managers own)", _bool
    ),
)

_BY_KEY = {spec.key: spec for spec in OPTIONS}


@frozen
class ClusterOptions:
    """The typed options of one Kubernetes server."""

    server: str
    values: dict[str, Any]

    @classmethod
    def parse(cls, server: str, options: Mapping[str, str]) -> ClusterOptions:
        """Check every option; errors name the server, the key and the bad value."""
        unknown = sorted(set(options) - set(_BY_KEY))
        if unknown:
            raise ValidationError(
                f"server {server!r}: unknown kubernetes option(s) {', '.join(map(repr, unknown))}; "
                f"known options: {', '.join(sorted(_BY_KEY))}"
            )
        values: dict[str, Any] = {}
        for spec in OPTIONS:
            raw = options.get(spec.key, spec.default)
            if not isinstance(raw, str):
                raise ValidationError(f"server {server!r}: option {spec.key} must be a string, got {raw!r}")
            try:
                values[spec.key] = spec.check(raw)
            except ValueError as e:
                raise ValidationError(f"server {server!r}: invalid option {spec.key}={raw!r}: {e}") from None
        opts = cls(server, values)
        opts._check_together()
        return opts

    def _check_together(self) -> None:
        v = self.values
        if v["database"] == "external" and not v["db_host"]:
            raise ValidationError(f"server {self.server!r}: database=external needs db_host")
        if v["database"] == "external" and not v["db_admin_secret"]:
            raise ValidationError(f"server {self.server!r}: database=external needs db_admin_secret")
        if v["backup_store"] == "s3" and not v["s3_bucket"]:
            raise ValidationError(f"server {self.server!r}: backup_store=s3 needs s3_bucket")

    def __getitem__(self, key: str) -> Any:
        return self.values[key]

    @property
    def shared_namespace(self) -> bool:
        return bool(self.values["namespace_strategy"] == "shared")

    @property
    def managed_db(self) -> bool:
        return bool(self.values["database"] == "managed")

    @property
    def db_host(self) -> str:
        if self.managed_db:
            return f"mariadb.{self.values['system_namespace']}.svc"
        return str(self.values["db_host"])

    @property
    def db_admin_secret(self) -> str:
        return "mariadb-admin" if self.managed_db else str(self.values["db_admin_secret"])

    @property
    def s3_credentials(self) -> str:
        return str(self.values["s3_credentials"] or f"server/{self.server}/s3")
