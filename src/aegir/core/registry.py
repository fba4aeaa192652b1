"""Registries through which plugins hand Aegir their drivers and backends, keyed by name."""

from __future__ import annotations

from typing import TYPE_CHECKING, Generic, TypeVar

from attrs import field, frozen

from aegir.core import _convert
from aegir.core.errors import NotFoundError, ValidationError

if TYPE_CHECKING:
    from aegir.core.app import AppDriver  # noqa: F401  (named in a string subscript below)
    from aegir.core.backend import Backend  # noqa: F401
    from aegir.core.model import Extension, Package
    from aegir.core.storage import BackupStore  # noqa: F401

__all__ = ["AppRegistry", "BackendRegistry", "ScanAddition", "StoreRegistry"]

T = TypeVar("T")


@frozen
class ScanAddition:
    """What an ``aegir_scan_extend`` implementation adds to a scan."""

    packages: tuple[Package, ...] = field(default=(), converter=_convert.packages)
    extensions: tuple[Extension, ...] = field(default=(), converter=_convert.extensions)
    warnings: tuple[str, ...] = field(default=(), converter=_convert.strs)


class _Registry(Generic[T]):
    what = "plugin"

    def __init__(self) -> None:
        self._by_name: dict[str, type[T]] = {}

    def add(self, cls: type[T]) -> None:
        name = getattr(cls, "name", None)
        if not isinstance(name, str) or not name:
            raise ValidationError(f"{self.what} class {cls.__qualname__} has no 'name'")
        existing = self._by_name.get(name)
        if existing is not None and existing is not cls:
            raise ValidationError(
                f"{self.what} name {name!r} is registered twice: "
                f"by {existing.__module__} and by {cls.__module__}"
            )
        self._by_name[name] = cls

    def get(self, name: str) -> type[T]:
        try:
            return self._by_name[name]
        except KeyError:
            known = ", ".join(sorted(self._by_name)) or "none"
            raise NotFoundError(f"no {self.what} named {name!r} (installed: {known})") from None

    def names(self) -> list[str]:
        return list(self._by_name)

    def items(self) -> list[tuple[str, type[T]]]:
        return list(self._by_name.items())

    def __contains__(self, name: object) -> bool:
        return name in self._by_name


class AppRegistry(_Registry["AppDriver"]):
    """Application drivers, in registration order (detection tries them in this order)."""

    what = "application driver"


class BackendRegistry(_Registry["Backend"]):
    what = "backend"


class StoreRegistry(_Registry["BackupStore"]):
    what = "backup store kind"
