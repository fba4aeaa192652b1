"""The inventory as pure data: servers and services, codebases, packages, sites, backups, tasks.

Every class is a frozen attrs class. Names that reach SQL, paths or config files are validated here,
once, by the field validators; serialization lives in :mod:`aegir.core.serialize`.
"""

from __future__ import annotations

import enum
from collections.abc import Mapping
from datetime import datetime
from typing import TYPE_CHECKING, Any, TypeVar

import attrs
from attrs import field, frozen

from aegir.core import _convert, names
from aegir.core.errors import ValidationError

if TYPE_CHECKING:
    from aegir.core.scanrecord import ScanRecord

__all__ = [
    "Backup",
    "BackupState",
    "Codebase",
    "CodebaseScan",
    "Extension",
    "Package",
    "Server",
    "Service",
    "ServiceKind",
    "ServiceType",
    "Site",
    "SiteStatus",
    "Task",
    "TaskStatus",
]


class ServiceKind(enum.Enum):
    HTTP = "http"
    PHP = "php"
    DB = "db"


class ServiceType(enum.Enum):
    NGINX = "nginx"
    APACHE = "apache"
    PHP_FPM = "php-fpm"
    MARIADB = "mariadb"
    MYSQL = "mysql"
    POSTGRESQL = "postgresql"


_KIND_OF_TYPE = {
    ServiceType.NGINX: ServiceKind.HTTP,
    ServiceType.APACHE: ServiceKind.HTTP,
    ServiceType.PHP_FPM: ServiceKind.PHP,
    ServiceType.MARIADB: ServiceKind.DB,
    ServiceType.MYSQL: ServiceKind.DB,
    ServiceType.POSTGRESQL: ServiceKind.DB,
}


class SiteStatus(enum.Enum):
    QUEUED = "queued"
    INSTALLED = "installed"
    ENABLED = "enabled"
    DISABLED = "disabled"
    DELETED = "deleted"


class BackupState(enum.Enum):
    COMPLETE = "complete"
    PARTIAL = "partial"
    DELETED = "deleted"


class TaskStatus(enum.Enum):
    PENDING = "pending"
    RUNNING = "running"
    SUCCEEDED = "succeeded"
    FAILED = "failed"
    ROLLED_BACK = "rolled_back"
    ROLLBACK_FAILED = "rollback_failed"


def _frozen_map(value: Mapping[str, Any] | None) -> dict[str, Any]:
    return dict(value or {})


_E = TypeVar("_E", bound=enum.Enum)


def _member(cls: type[_E], value: object) -> _E:
    try:
        return cls(value)
    except ValueError:
        allowed = ", ".join(str(m.value) for m in cls)
        raise ValidationError(f"invalid {cls.__name__} {value!r}: use one of {allowed}") from None


# One named converter per enum: the attrs mypy plugin types a field's argument from a named function.
def _service_type(value: ServiceType | str) -> ServiceType:
    return _member(ServiceType, value)


def _site_status(value: SiteStatus | str) -> SiteStatus:
    return _member(SiteStatus, value)


def _backup_state(value: BackupState | str) -> BackupState:
    return _member(BackupState, value)


def _task_status(value: TaskStatus | str) -> TaskStatus:
    return _member(TaskStatus, value)


def _port(_inst: object, attribute: attrs.Attribute[Any], value: int | None) -> None:
    # bool is an int subclass: True must not pass as port 1
    valid = isinstance(value, int) and not isinstance(value, bool) and 0 < value < 65536
    if value is not None and not valid:
        raise ValidationError(f"invalid {attribute.name} {value!r}: must be a TCP port from 1 to 65535")


def _address(_inst: object, _attribute: attrs.Attribute[Any], value: str) -> None:
    import ipaddress

    if not isinstance(value, str):
        raise ValidationError(f"invalid address {value!r}: expected an IP address or a host name")
    try:
        ipaddress.ip_address(value)
    except ValueError:
        names.normalize_domain(value)


def _name_validator(kind: str) -> Any:
    def check(_inst: object, _attribute: attrs.Attribute[Any], value: str) -> None:
        names.check_name(kind, value)

    return check


def _optional_name_validator(kind: str) -> Any:
    def check(_inst: object, _attribute: attrs.Attribute[Any], value: str | None) -> None:
        if value is not None:
            names.check_name(kind, value)

    return check


def _relative(_inst: object, attribute: attrs.Attribute[Any], value: str) -> None:
    names.check_relative_path(attribute.name, value)


def _absolute(_inst: object, attribute: attrs.Attribute[Any], value: str) -> None:
    if not isinstance(value, str) or not value.startswith("/") or "\x00" in value or "/../" in value + "/":
        raise ValidationError(f"invalid {attribute.name} {value!r}: must be an absolute path without '..'")


def _db_ident(kind: str) -> Any:
    def check(_inst: object, _attribute: attrs.Attribute[Any], value: str | None) -> None:
        if value is not None:
            names.check_db_identifier(kind, value)

    return check


def _domains(value: Any) -> tuple[str, ...]:
    if isinstance(value, str):
        raise ValidationError(f"invalid aliases {value!r}: expected a list of domains, not one string")
    return tuple(names.normalize_domain(v) for v in (value or ()))


@frozen
class Service:
    """One service a server runs: a web server, PHP, or a database."""

    type: ServiceType = field(converter=_service_type)
    port: int | None = field(default=None, validator=_port)
    address: str = field(default="127.0.0.1", validator=_address)
    managed: bool = True
    options: dict[str, str] = field(factory=dict, converter=_frozen_map)

    @property
    def kind(self) -> ServiceKind:
        return _KIND_OF_TYPE[self.type]


@frozen
class Server:
    """A place sites run: this machine, an SSH host, a Kubernetes cluster."""

    name: str = field(validator=_name_validator("server"))
    backend: str = field(validator=_name_validator("backend"))
    services: tuple[Service, ...] = field(default=(), converter=_convert.services)
    options: dict[str, str] = field(factory=dict, converter=_frozen_map)

    def service(self, kind: ServiceKind) -> Service | None:
        """The first service of ``kind`` on this server, or None."""
        return next((s for s in self.services if s.kind is kind), None)


@frozen
class Package:
    """A composer-level unit (``drupal/core``, ``drupal/token``), or an app's own package unit."""

    name: str
    version: str
    type: str = "library"
    dev: bool = False


@frozen
class Extension:
    """An application-level unit: a Drupal module or theme, a WordPress plugin, a Grav plugin."""

    name: str
    type: str
    version: str | None = None
    project: str | None = None
    path: str = ""
    hidden: bool = False


@frozen
class CodebaseScan:
    """What a driver found in a codebase tree."""

    app: str
    app_version: str | None = None
    docroot: str = field(default=".", validator=_relative)
    packages: tuple[Package, ...] = field(default=(), converter=_convert.packages)
    extensions: tuple[Extension, ...] = field(default=(), converter=_convert.extensions)
    profiles: tuple[str, ...] = field(default=(), converter=_convert.strs)
    warnings: tuple[str, ...] = field(default=(), converter=_convert.strs)
    facts: dict[str, str] = field(factory=dict, converter=_frozen_map)

    @classmethod
    def from_record(cls, record: ScanRecord) -> CodebaseScan:
        """The model of what a built-in scanner returned (see :mod:`aegir.core.scanrecord`)."""
        return cls(
            app=record.app,
            app_version=record.app_version,
            docroot=record.docroot,
            packages=[Package(*p) for p in record.packages],
            extensions=[Extension(*e) for e in record.extensions],
            profiles=record.profiles,
            warnings=record.warnings,
            facts=dict(record.facts),
        )


@frozen
class Codebase:
    """One application tree that many sites share (Aegir3's platform)."""

    name: str = field(validator=_name_validator("codebase"))
    app: str
    root: str = field(validator=_absolute)
    source: str = ""
    docroot: str = field(default=".", validator=_relative)
    servers: tuple[str, ...] = field(default=(), converter=_convert.strs)
    image: str | None = None
    git_ref: str | None = None
    scan: CodebaseScan | None = None
    verified_at: datetime | None = None


@frozen
class Site:
    """One install of a codebase at a URL, with its own database and files."""

    domain: str = field(converter=names.normalize_domain)
    codebase: str = field(validator=_name_validator("codebase"))
    server: str = field(validator=_name_validator("server"))
    db_server: str | None = field(default=None, validator=_optional_name_validator("server"))
    status: SiteStatus = field(default=SiteStatus.QUEUED, converter=_site_status)
    aliases: tuple[str, ...] = field(default=(), converter=_domains)
    profile: str | None = None
    title: str | None = None
    admin_user: str = "admin"
    admin_email: str | None = None
    db_name: str | None = field(default=None, validator=_db_ident("database name"))
    db_user: str | None = field(default=None, validator=_db_ident("database user"))
    https: bool = False
    backup_store: str | None = field(default=None, validator=_optional_name_validator("store"))
    created: datetime | None = None
    options: dict[str, str] = field(factory=dict, converter=_frozen_map)


@frozen
class Backup:
    """A complete (or, while it is written, partial) backup of a site or codebase."""

    id: str
    site: str
    store: str
    created: datetime
    state: BackupState = field(default=BackupState.COMPLETE, converter=_backup_state)
    size: int = 0
    kind: str = "site"
    manifest: dict[str, Any] = field(factory=dict, converter=_frozen_map)


@frozen
class Task:
    """A journaled run of a plan against one target (a site, a codebase, a server)."""

    id: str
    operation: str
    target: str
    status: TaskStatus = field(default=TaskStatus.PENDING, converter=_task_status)
    created: datetime | None = None
    started: datetime | None = None
    finished: datetime | None = None
    error: str | None = None
    runner_pid: int | None = None
