"""Loading plugins from the ``aegir`` entry-point group, and calling their hooks.

:class:`Plugins` is built on demand, never at import time. ``AEGIR_DISABLE_PLUGIN_AUTOLOAD=1``
loads the built-in plugins only (those of the ``aegir`` distribution itself).
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from functools import cached_property
from pathlib import Path
from types import ModuleType
from typing import TYPE_CHECKING

import pluggy
from attrs import field, frozen

from aegir.core import _convert, hookspecs
from aegir.core._entrypoints import BUILTIN_DISTRIBUTION, ENTRY_POINT_GROUP, autoload_enabled
from aegir.core.errors import PluginLoadError
from aegir.core.registry import AppRegistry, BackendRegistry, ScanAddition, StoreRegistry

if TYPE_CHECKING:
    from aegir.core.app import AppDriver, SiteContext
    from aegir.core.events import TaskEvent
    from aegir.core.model import CodebaseScan
    from aegir.core.steps import Step, StepRegistry

__all__ = ["ENTRY_POINT_GROUP", "PluginInfo", "Plugins"]


@frozen
class PluginInfo:
    """A loaded plugin, as ``aegir plugins`` lists it."""

    name: str
    module: str
    distribution: str
    version: str
    builtin: bool
    registers: tuple[str, ...] = field(default=(), converter=_convert.strs)


def _one_line(error: BaseException) -> str:
    # A foreign message may span lines (a SyntaxError, a chained error); the CLI prints one line.
    return " ".join(f"{type(error).__name__}: {error}".split())


class Plugins:
    """The loaded plugins and their hooks: one typed method per hook."""

    def __init__(self, *, autoload: bool | None = None, extra: list[object] | None = None) -> None:
        if autoload is None:
            autoload = autoload_enabled()
        self.pm = pluggy.PluginManager(hookspecs.PROJECT)
        self.pm.add_hookspecs(hookspecs)
        self._meta: dict[str, tuple[str, str, str, bool]] = {}
        self._load_entry_points(third_party=autoload)
        for plugin in extra or ():
            self.register(plugin)
        try:
            self.pm.check_pending()
        except pluggy.PluginValidationError as e:
            raise PluginLoadError(f"{self._describe(e.plugin)}: {_one_line(e)}") from e

    def _load_entry_points(self, *, third_party: bool) -> None:
        from aegir.core._entrypoints import entry_points

        for ep in entry_points(ENTRY_POINT_GROUP):
            dist, version = ep.distribution, ep.version
            builtin = dist == BUILTIN_DISTRIBUTION
            if not builtin and not third_party:
                continue
            if ep.name in self._meta:
                # Two distributions claim one plugin name: loading either silently would hide the other.
                raise PluginLoadError(
                    f"plugin name {ep.name!r} is used by distribution {self._meta[ep.name][1]} and by "
                    f"distribution {dist} {version} ({ep.value}): uninstall one of them"
                )
            try:
                plugin = _load(ep.module, ep.attr)
                self.pm.register(plugin, name=ep.name)
            except Exception as e:  # any failure in foreign code becomes one clear line
                raise PluginLoadError(
                    f"plugin {ep.name!r} ({ep.value}) from distribution {dist} {version} failed to load: "
                    f"{_one_line(e)}"
                ) from e
            self._meta[ep.name] = (ep.value, dist, version, builtin)

    def register(self, plugin: object, name: str | None = None) -> None:
        """Register a plugin object or module directly (tests, embedding applications)."""
        try:
            registered = self.pm.register(plugin, name=name)
        except (pluggy.PluginValidationError, ValueError) as e:
            raise PluginLoadError(f"plugin {name or plugin!r} cannot be registered: {_one_line(e)}") from e
        if registered is None:
            return
        module = plugin.__name__ if isinstance(plugin, ModuleType) else type(plugin).__module__
        self._meta[registered] = (module, "(registered in process)", "", False)
        for attr in ("apps", "backends", "stores", "steps"):
            self.__dict__.pop(attr, None)

    def _describe(self, plugin: object) -> str:
        name = self.pm.get_name(plugin) or repr(plugin)
        value, dist, version, _builtin = self._meta.get(name, (name, "?", "", False))
        return f"plugin {name!r} ({value}) from distribution {dist} {version}".rstrip()

    # -- registries -------------------------------------------------------------------------
    @cached_property
    def apps(self) -> AppRegistry:
        registry = AppRegistry()
        self.pm.hook.aegir_register_apps(registry=registry)
        return registry

    @cached_property
    def backends(self) -> BackendRegistry:
        registry = BackendRegistry()
        self.pm.hook.aegir_register_backends(registry=registry)
        return registry

    @cached_property
    def stores(self) -> StoreRegistry:
        registry = StoreRegistry()
        self.pm.hook.aegir_register_stores(registry=registry)
        return registry

    @cached_property
    def steps(self) -> StepRegistry:
        from aegir.core.steps import builtin_registry

        registry = builtin_registry()
        self.pm.hook.aegir_register_steps(registry=registry)
        return registry

    def driver(self, name: str) -> AppDriver:
        return self.apps.get(name)()

    def info(self) -> list[PluginInfo]:
        """Every loaded plugin with what it registers."""
        registered = self._registrations()
        out = []
        for name, _plugin in self.pm.list_name_plugin():
            if name is None or name not in self._meta:
                continue
            value, dist, version, builtin = self._meta[name]
            out.append(PluginInfo(name, value, dist, version, builtin, registered.get(name, ())))
        return sorted(out, key=lambda p: (not p.builtin, p.name))

    def _registrations(self) -> dict[str, list[str]]:
        # Each plugin's registry hooks are called on a registry of its own, so a registration is
        # credited to the plugin that made it, wherever the registered class is defined.
        from aegir.core.steps import StepRegistry

        kinds: tuple[
            tuple[str, str, Callable[[], AppRegistry | BackendRegistry | StoreRegistry | StepRegistry]], ...
        ] = (
            ("app", "aegir_register_apps", AppRegistry),
            ("backend", "aegir_register_backends", BackendRegistry),
            ("store", "aegir_register_stores", StoreRegistry),
            ("step", "aegir_register_steps", StepRegistry),
        )
        found: dict[str, list[str]] = {}
        for prefix, hook_name, new_registry in kinds:
            for impl in getattr(self.pm.hook, hook_name).get_hookimpls():
                registry = new_registry()
                impl.function(*[{"registry": registry}[arg] for arg in impl.argnames])
                names = registry.kinds() if isinstance(registry, StepRegistry) else registry.names()
                found.setdefault(impl.plugin_name, []).extend(f"{prefix}:{n}" for n in names)
        return found

    # -- extension hooks --------------------------------------------------------------------
    def scan_extend(self, root: Path, scan: CodebaseScan) -> CodebaseScan:
        import attrs

        # pluggy calls the last registered plugin first; additions are merged in registration order,
        # like settings lines and plan steps.
        results: list[ScanAddition | None] = self.pm.hook.aegir_scan_extend(root=root, scan=scan)
        additions = [a for a in reversed(results) if a]
        if not additions:
            return scan
        return attrs.evolve(
            scan,
            packages=scan.packages + tuple(p for a in additions for p in a.packages),
            extensions=scan.extensions + tuple(e for a in additions for e in a.extensions),
            warnings=scan.warnings + tuple(w for a in additions for w in a.warnings),
        )

    def site_settings(self, context: SiteContext, app: str) -> list[str]:
        results: list[list[str] | None] = self.pm.hook.aegir_site_settings(context=context, app=app)
        return [line for lines in reversed(results) if lines for line in lines]

    def plan_extend(self, operation: str, target: str, steps: list[Step]) -> list[Step]:
        results: list[list[Step] | None] = self.pm.hook.aegir_plan_extend(
            operation=operation, target=target, steps=list(steps)
        )
        return [s for extra in reversed(results) if extra for s in extra]

    def task_event(self, event: TaskEvent) -> None:
        self.pm.hook.aegir_task_event(event=event)

    def hook_names(self) -> list[str]:
        return sorted(n for n in dir(self.pm.hook) if n.startswith("aegir_"))


def _load(module: str, attr: str | None) -> object:
    loaded: object = importlib.import_module(module)
    for part in (attr or "").split("."):
        if part:
            loaded = getattr(loaded, part)
    return loaded
