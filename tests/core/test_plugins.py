"""The plugin contract: built-ins through entry points, registries, extension hooks, keyword calls."""

from __future__ import annotations

import importlib
import inspect
import subprocess
import sys
from importlib import metadata
from pathlib import Path
from typing import Any, ClassVar

import pytest

from aegir.core import hookspecs
from aegir.core.app import AppDriver, Detection, SiteContext
from aegir.core.errors import NotFoundError, PluginLoadError, ValidationError
from aegir.core.events import TaskEvent
from aegir.core.hookspecs import hookimpl
from aegir.core.model import Codebase, CodebaseScan, Extension, Package, Site
from aegir.core.plugins import Plugins
from aegir.core.registry import AppRegistry, ScanAddition
from aegir.core.scan import scan_codebase
from aegir.core.steps import HealthCheck, MakeDir, RemovePath, Step, StepRegistry
from aegir.testing import plugin_for


class MarkerDriver(AppDriver):
    """Claims any tree holding a file named MARKER."""

    name: ClassVar[str] = "marker"
    label: ClassVar[str] = "a tree with MARKER"
    uses_database: ClassVar[bool] = False

    def detect(self, root: Path) -> Detection | None:
        return Detection(app=self.name) if (root / "MARKER").is_file() else None

    def scan(self, root: Path, detection: Detection) -> CodebaseScan:
        return CodebaseScan(app=self.name, packages=[Package("marker/core", "1.0.0")])


class OtherMarkerDriver(MarkerDriver):
    """A different class under the same name."""


def _plugins(*extra: object) -> Plugins:
    plugins = Plugins(autoload=False)
    for plugin in extra:
        plugins.register(plugin)
    return plugins


def _context() -> SiteContext:
    site = Site(domain="example.org", codebase="d10", server="local")
    codebase = Codebase(name="d10", app="drupal", root="/srv/d10", docroot="web")
    return SiteContext(
        site=site,
        codebase=codebase,
        codebase_root="/srv/d10",
        docroot="/srv/d10/web",
        site_dir="/srv/d10/web/sites/example.org",
        files_dir="/srv/d10/web/sites/example.org/files",
        private_dir="/srv/private/example.org",
        url="http://example.org/",
        server="local",
    )


# -- built-ins load through the entry-point group --------------------------------------------------


def _builtin_entry_points() -> list[metadata.EntryPoint]:
    return list(metadata.distribution("aegir").entry_points.select(group="aegir"))


def test_every_builtin_entry_point_is_loaded_as_a_plugin() -> None:
    eps = _builtin_entry_points()
    assert eps, "the aegir distribution declares no entry point in group 'aegir'"
    plugins = Plugins(autoload=False)
    info = {p.name: p for p in plugins.info()}
    assert set(info) == {ep.name for ep in eps}
    version = metadata.version("aegir")
    for ep in eps:
        listed = info[ep.name]
        assert (listed.module, listed.distribution, listed.version, listed.builtin) == (
            ep.value,
            "aegir",
            version,
            True,
        )
        assert plugins.pm.get_plugin(ep.name) is importlib.import_module(ep.value)


def test_every_registration_is_credited_to_a_loaded_plugin() -> None:
    plugins = Plugins(autoload=False)
    credited = {r for p in plugins.info() for r in p.registers}
    assert {f"app:{n}" for n in plugins.apps.names()} <= credited
    assert {f"backend:{n}" for n in plugins.backends.names()} <= credited
    assert {f"store:{n}" for n in plugins.stores.names()} <= credited


def test_a_registration_is_credited_to_the_plugin_that_made_it() -> None:
    plugins = _plugins()
    plugins.register(plugin_for(apps=[MarkerDriver], steps=[_Noop]), name="marker-plugin")
    (mine,) = [p for p in plugins.info() if p.name == "marker-plugin"]
    # MarkerDriver lives in this test module, not in the plugin object's module: still credited
    assert mine.registers == ("app:marker", "step:noop")
    assert mine.distribution == "(registered in process)"
    assert mine.builtin is False


def test_plugins_are_not_loaded_at_import_time() -> None:
    code = (
        "import sys, aegir.core.plugins, aegir.core.hookspecs, aegir.cli; "
        "print(sorted(m for m in sys.modules if m.startswith(('aegir.drivers', 'aegir.backends'))))"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=60, check=True
    )
    assert result.stdout.strip() == "[]"


def test_hook_names_are_the_hookspecs() -> None:
    specs = sorted(n for n, f in inspect.getmembers(hookspecs, inspect.isfunction) if n.startswith("aegir_"))
    assert Plugins(autoload=False).hook_names() == specs
    assert all(name.startswith("aegir_") for name in specs)


# -- registries -------------------------------------------------------------------------------------


def test_a_name_registered_twice_by_different_classes_is_an_error() -> None:
    registry = AppRegistry()
    registry.add(MarkerDriver)
    registry.add(MarkerDriver)  # the same class again is harmless
    with pytest.raises(ValidationError) as info:
        registry.add(OtherMarkerDriver)
    assert "'marker' is registered twice" in str(info.value)
    assert __name__ in str(info.value)


def test_two_plugins_claiming_one_app_name_fail_when_the_registry_is_built() -> None:
    plugins = _plugins(plugin_for(apps=[MarkerDriver]), plugin_for(apps=[OtherMarkerDriver]))
    with pytest.raises(ValidationError, match="application driver name 'marker' is registered twice"):
        _ = plugins.apps


def test_a_class_without_a_name_is_refused() -> None:
    class Nameless(MarkerDriver):
        name = ""

    with pytest.raises(ValidationError, match="Nameless has no 'name'"):
        AppRegistry().add(Nameless)


def test_unknown_names_list_what_is_installed() -> None:
    registry = AppRegistry()
    registry.add(MarkerDriver)
    with pytest.raises(NotFoundError, match=r"no application driver named 'joomla' \(installed: marker\)"):
        registry.get("joomla")
    assert "marker" in registry
    assert registry.items() == [("marker", MarkerDriver)]


class _Noop(Step):
    kind: ClassVar[str] = "noop"


class _OtherNoop(Step):
    kind: ClassVar[str] = "noop"


def test_step_kinds_are_unique() -> None:
    registry = StepRegistry()
    registry.add(_Noop)
    registry.add(_Noop)
    with pytest.raises(ValidationError, match="step kind 'noop' is registered twice"):
        registry.add(_OtherNoop)
    with pytest.raises(ValidationError, match="has no kind"):
        registry.add(Step)


def test_register_after_use_rebuilds_the_registries() -> None:
    plugins = _plugins()
    assert "marker" not in plugins.apps
    assert "noop" not in plugins.steps.kinds()
    plugins.register(plugin_for(apps=[MarkerDriver], steps=[_Noop]))
    assert "marker" in plugins.apps
    assert "noop" in plugins.steps.kinds()
    assert isinstance(plugins.driver("marker"), MarkerDriver)


# -- extension hooks -----------------------------------------------------------------------------------


class ScanAdder:
    def __init__(self, tag: str) -> None:
        self.tag = tag
        self.seen: list[tuple[Path, str]] = []

    @hookimpl
    def aegir_scan_extend(self, root: Path, scan: CodebaseScan) -> ScanAddition:
        self.seen.append((root, scan.app))
        return ScanAddition(
            packages=[Package(f"{self.tag}/pkg", "2.0")],
            extensions=[Extension(f"{self.tag}_ext", "module")],
            warnings=[f"{self.tag} was here"],
        )


class ScanIgnorer:
    @hookimpl
    def aegir_scan_extend(self, scan: CodebaseScan) -> None:  # takes a subset of the arguments
        assert scan.app == "marker"


def test_scan_extend_merges_every_addition(tmp_path: Path) -> None:
    (tmp_path / "MARKER").write_text("", encoding="utf-8")
    first, second = ScanAdder("first"), ScanAdder("second")
    plugins = _plugins(plugin_for(apps=[MarkerDriver]), first, ScanIgnorer(), second)
    scan = scan_codebase(tmp_path, plugins)
    assert scan.app == "marker"
    assert [p.name for p in scan.packages] == ["marker/core", "first/pkg", "second/pkg"]
    assert [e.name for e in scan.extensions] == ["first_ext", "second_ext"]
    assert scan.warnings == ("first was here", "second was here")
    assert first.seen == [(tmp_path.resolve(), "marker")]


def test_scan_without_additions_is_the_drivers_scan(tmp_path: Path) -> None:
    (tmp_path / "MARKER").write_text("", encoding="utf-8")
    plugins = _plugins(plugin_for(apps=[MarkerDriver]))
    assert scan_codebase(tmp_path, plugins) == MarkerDriver().scan(tmp_path, Detection("marker"))


class SettingsFor:
    def __init__(self, app: str, lines: list[str]) -> None:
        self.app, self.lines = app, lines

    @hookimpl
    def aegir_site_settings(self, context: SiteContext, app: str) -> list[str] | None:
        return self.lines if app == self.app else None


def test_site_settings_lines_are_concatenated_in_registration_order() -> None:
    plugins = _plugins(
        SettingsFor("drupal", ["$settings['a'] = 1;"]),
        SettingsFor("wordpress", ["define('WP_X', 1);"]),
        SettingsFor("drupal", ["$settings['b'] = 2;", "$settings['c'] = 3;"]),
    )
    ctx = _context()
    assert plugins.site_settings(ctx, "drupal") == [
        "$settings['a'] = 1;",
        "$settings['b'] = 2;",
        "$settings['c'] = 3;",
    ]
    assert plugins.site_settings(ctx, "wordpress") == ["define('WP_X', 1);"]
    assert plugins.site_settings(ctx, "grav") == []


class PlanAppender:
    def __init__(self) -> None:
        self.calls: list[tuple[str, str, int]] = []

    @hookimpl
    def aegir_plan_extend(self, operation: str, target: str, steps: list[Step]) -> list[Step] | None:
        self.calls.append((operation, target, len(steps)))
        steps.clear()  # a misbehaving plugin: must not change the caller's plan
        if operation != "install":
            return None
        return [HealthCheck(server="local", domain=target, expect_text="Welcome")]


def test_plan_extend_appends_steps_and_cannot_change_the_plan() -> None:
    appender = PlanAppender()
    plugins = _plugins(appender)
    plan: list[Step] = [MakeDir("local", "/srv/x"), RemovePath("local", "/tmp/y")]
    extra = plugins.plan_extend("install", "example.org", plan)
    assert extra == [HealthCheck(server="local", domain="example.org", expect_text="Welcome")]
    assert len(plan) == 2
    assert plugins.plan_extend("backup", "example.org", plan) == []
    assert appender.calls == [("install", "example.org", 2), ("backup", "example.org", 2)]


class EventLog:
    def __init__(self, veto: str | None = None) -> None:
        self.events: list[TaskEvent] = []
        self.veto = veto

    @hookimpl
    def aegir_task_event(self, event: TaskEvent) -> None:
        self.events.append(event)
        if event.name == self.veto:
            raise ValidationError(f"policy forbids {event.step_kind}")


def test_task_events_reach_every_listener() -> None:
    first, second = EventLog(), EventLog()
    plugins = _plugins(first, second)
    event = TaskEvent(name="started", task_id="t1", operation="install", target="example.org")
    plugins.task_event(event)
    assert first.events == [event]
    assert second.events == [event]


def test_a_listener_can_veto_by_raising() -> None:
    plugins = _plugins(EventLog(veto="step-started"))
    event = TaskEvent(
        name="step-started",
        task_id="t1",
        operation="delete",
        target="example.org",
        step_index=0,
        step_kind="drop-database",
    )
    with pytest.raises(ValidationError, match="policy forbids drop-database"):
        plugins.task_event(event)


# -- calling conventions --------------------------------------------------------------------------------


def test_hooks_are_called_with_keyword_arguments_only() -> None:
    plugins = _plugins(SettingsFor("drupal", ["x"]))
    with pytest.raises(TypeError):
        plugins.pm.hook.aegir_site_settings(_context(), "drupal")
    assert plugins.pm.hook.aegir_site_settings(context=_context(), app="drupal") == [["x"]]


def test_implementations_may_take_a_subset_of_the_arguments() -> None:
    class OnlyApp:
        @hookimpl
        def aegir_site_settings(self, app: str) -> list[str]:
            return [f"// for {app}"]

    assert _plugins(OnlyApp()).site_settings(_context(), "grav") == ["// for grav"]


def test_an_implementation_with_an_unknown_argument_is_refused() -> None:
    class Wrong:
        @hookimpl
        def aegir_site_settings(self, app: str, colour: str) -> None:
            return None

    with pytest.raises(PluginLoadError, match="colour"):
        _plugins(Wrong())


def test_a_misspelt_hook_is_refused_when_plugins_are_checked() -> None:
    class Misspelt:
        @hookimpl
        def aegir_register_app(self, registry: Any) -> None:
            return None

    with pytest.raises(PluginLoadError, match="aegir_register_app"):
        Plugins(autoload=False, extra=[Misspelt()])
