"""The public API: ``Hosting(home)`` opens an Aegir home and carries out operations.

Everything is built on demand: the plugin manager, the inventory store, backends. Operations are
planned by :mod:`aegir.core.operations` and run as journaled tasks by :mod:`aegir.core.tasks`.
"""

from __future__ import annotations

import os
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING

from aegir.core.backend import BackendEnv
from aegir.core.errors import ValidationError
from aegir.core.secrets import SecretStore

if TYPE_CHECKING:
    from aegir.core.backend import Backend
    from aegir.core.model import Codebase, Site, Task
    from aegir.core.packages import PackageDiff
    from aegir.core.plan import Plan
    from aegir.core.plugins import Plugins
    from aegir.core.storage import BackupStore
    from aegir.core.store import Store
    from aegir.core.tasks import Progress, TaskRunner

__all__ = ["SYSTEM_HOME", "Hosting", "resolve_home"]

#: the home when root runs Aegir without --home or $AEGIR_HOME
SYSTEM_HOME = "/var/lib/aegir"


def resolve_home(home: str | os.PathLike[str] | None = None) -> Path:
    """``home``, else ``$AEGIR_HOME``, else ``/var/lib/aegir`` for root and the user data directory
    (platformdirs) for anyone else."""
    chosen = home or os.environ.get("AEGIR_HOME")
    if not chosen:
        if os.geteuid() == 0:
            # a system service's state: root's own data dir is closed to the web server's user,
            # which must reach the sites under the home
            chosen = SYSTEM_HOME
        else:
            import platformdirs

            chosen = platformdirs.user_data_dir("aegir", appauthor=False)
    path = Path(chosen).expanduser()
    if path.exists() and not path.is_dir():
        raise ValidationError(f"Aegir home {str(path)!r} is not a directory")
    if not path.exists():
        # 0711: others may pass through to the sites (the web server must) but not list the home;
        # secrets live in their own 0700 directory
        path.mkdir(parents=True, mode=0o711)
        path.chmod(0o711)
    return path.resolve()


class Hosting:
    """One Aegir home: its inventory, secrets, plugins, backends and task runner."""

    def __init__(
        self,
        home: str | os.PathLike[str] | None = None,
        *,
        plugins: Plugins | None = None,
        max_parallel: int = 4,
    ) -> None:
        self.home = resolve_home(home)
        if plugins is not None:
            self.__dict__["plugins"] = plugins
        self.max_parallel = max_parallel
        self._backends: dict[str, Backend] = {}
        self._stores: dict[str, BackupStore] = {}

    @cached_property
    def plugins(self) -> Plugins:
        from aegir.core.plugins import Plugins

        return Plugins()

    @cached_property
    def store(self) -> Store:
        from aegir.core.store import Store

        return Store(self.home / "inventory.sqlite")

    @cached_property
    def secrets(self) -> SecretStore:
        root = self.home / "secrets"
        root.mkdir(mode=0o700, exist_ok=True)
        root.chmod(0o700)
        return SecretStore(root)

    @cached_property
    def runner(self) -> TaskRunner:
        from aegir.core.tasks import TaskRunner

        return TaskRunner(
            store=self.store,
            plugins=self.plugins,
            secrets=self.secrets,
            backend_factory=self.backend,
            store_factory=self.backup_store,
            locks_dir=self.home / "locks",
            max_parallel=self.max_parallel,
        )

    def backend(self, server: str) -> Backend:
        """The backend instance driving ``server`` (one per server per Hosting)."""
        if server not in self._backends:
            record = self.store.get_server(server)
            cls = self.plugins.backends.get(record.backend)
            self._backends[server] = cls(record, BackendEnv(home=self.home, secrets=self.secrets))
        return self._backends[server]

    # -- backup stores ------------------------------------------------------------------------
    def backup_store_configs(self) -> dict[str, dict[str, str]]:
        """Every configured backup store by name; ``local`` (``<home>/backups``) always exists."""
        import json

        raw = self.store.get_setting("backup_stores")
        configs: dict[str, dict[str, str]] = json.loads(raw) if raw else {}
        configs.setdefault("local", {"kind": "local-dir", "path": str(self.home / "backups")})
        return configs

    def add_backup_store(self, name: str, config: dict[str, str]) -> None:
        import json

        from aegir.core import names
        from aegir.core.errors import ConflictError

        names.check_name("store", name)
        self.plugins.stores.get(config.get("kind", ""))  # an unknown kind is an error naming the known ones
        configs = self.backup_store_configs()
        if name in configs:
            raise ConflictError(f"backup store {name!r} exists already")
        configs[name] = dict(config)
        self.store.set_setting("backup_stores", json.dumps(configs))
        self._stores.pop(name, None)

    def backup_store(self, name: str | None = None) -> BackupStore:
        """The backup store ``name`` (default: the home's default store, else ``local``)."""
        from aegir.core.errors import NotFoundError

        name = name or self.store.get_setting("default_backup_store") or "local"
        if name not in self._stores:
            configs = self.backup_store_configs()
            if name not in configs:
                raise NotFoundError(f"no backup store {name!r} (configured: {', '.join(sorted(configs))})")
            config = configs[name]
            cls = self.plugins.stores.get(config.get("kind", ""))
            self._stores[name] = cls(config, self.secrets)
        return self._stores[name]

    def forget_backend(self, server: str) -> None:
        self._backends.pop(server, None)

    def close(self) -> None:
        if "store" in self.__dict__:
            self.store.close()

    # -- tasks ------------------------------------------------------------------------------
    def run(self, plan: Plan, *, progress: Progress | None = None) -> Task:
        """Carry out a plan as a journaled task (after recovering any task whose runner died)."""
        self.runner.recover()
        return self.runner.run(plan, progress=progress)

    def recover(self, *, progress: Progress | None = None) -> list[Task]:
        return self.runner.recover(progress=progress)

    # -- codebases --------------------------------------------------------------------------
    def add_codebase(
        self,
        name: str,
        *,
        path: str | None = None,
        copy_from: str | None = None,
        git: str | None = None,
        ref: str | None = None,
        server: str | None = None,
        app: str | None = None,
        image: str | None = None,
        progress: Progress | None = None,
        dry_run: bool = False,
    ) -> Codebase | Plan:
        """Register a tree in place (``path``), or copy / clone it onto ``server`` first; verify it."""
        from aegir.core.operations import codebases

        servers = (server,) if server else ()
        if path:
            if dry_run:
                from aegir.core.plan import Plan

                return Plan("codebase-add", f"codebase:{name}", (), summary=f"register {path} as {name}")
            return codebases.record_codebase(
                self, name, path, source=path, servers=servers, app=app, image=image
            )
        if not server:
            server = self._only_server()
        plan, dest = codebases.fetch_plan(self, name, server=server, copy_from=copy_from, git=git, ref=ref)
        if dry_run:
            return plan
        self.run(plan, progress=progress)
        try:
            return codebases.record_codebase(
                self,
                name,
                dest,
                source=copy_from or git or dest,
                servers=(server,),
                app=app,
                image=image,
                git_ref=ref,
            )
        except Exception:
            self.backend(server).remove_path(dest)
            raise

    def verify_codebase(self, name: str) -> tuple[Codebase, PackageDiff | None]:
        from aegir.core.operations import codebases

        return codebases.verify_codebase(self, name)

    def _only_server(self) -> str:
        servers = self.store.list_servers()
        if len(servers) == 1:
            return servers[0].name
        if not servers:
            raise ValidationError("no server yet: add one with 'aegir server add NAME --backend local'")
        raise ValidationError("several servers: choose one with --server")

    # -- sites ------------------------------------------------------------------------------
    def install_site(self, site: Site, *, progress: Progress | None = None) -> Task:
        from aegir.core.operations import sites

        return self.run(sites.install_plan(self, site), progress=progress)

    def site_url(self, site: Site) -> str:
        return self.backend(site.server).site_url(site.domain, https=site.https)
