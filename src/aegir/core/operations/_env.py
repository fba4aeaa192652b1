"""What operations need from the hosting layer, and the SiteContext they hand to drivers."""

from __future__ import annotations

from pathlib import PurePosixPath
from typing import TYPE_CHECKING, Protocol

from aegir.core.app import SiteContext
from aegir.core.errors import ValidationError

if TYPE_CHECKING:
    from aegir.core.backend import Backend
    from aegir.core.model import Codebase, Site
    from aegir.core.plugins import Plugins
    from aegir.core.secrets import SecretStore
    from aegir.core.store import Store

__all__ = ["OperationEnv", "admin_secret", "db_secret", "site_context"]


class OperationEnv(Protocol):
    @property
    def store(self) -> Store: ...
    @property
    def plugins(self) -> Plugins: ...
    @property
    def secrets(self) -> SecretStore: ...

    def backend(self, server: str) -> Backend: ...


def db_secret(domain: str) -> str:
    return f"site/{domain}/db"


def admin_secret(domain: str) -> str:
    return f"site/{domain}/admin"


def site_context(
    env: OperationEnv,
    site: Site,
    codebase: Codebase | None = None,
    *,
    site_dir: str | None = None,
    db_name: str | None = None,
    admin_password_secret: str | None = None,
) -> SiteContext:
    """Absolute paths and endpoints of ``site`` on its servers, for drivers and plans."""
    codebase = codebase or env.store.get_codebase(site.codebase)
    backend = env.backend(site.server)
    driver = env.plugins.driver(codebase.app)
    if site_dir is None:
        # a restored or migrated site lives in the directory recorded with it
        site_dir = site.options.get("site_dir") or str(PurePosixPath(backend.sites_root()) / site.domain)
    docroot = (
        str(PurePosixPath(codebase.root) / codebase.docroot) if codebase.docroot != "." else codebase.root
    )
    db_host, db_port, db_socket = "127.0.0.1", 3306, None
    if driver.uses_database:
        if not site.db_server:
            raise ValidationError(f"site {site.domain!r} needs a database server (--db-server)")
        endpoint = env.backend(site.db_server).db_endpoint()
        db_host, db_port, db_socket = endpoint.host, endpoint.port, endpoint.socket
    ctx = SiteContext(
        site=site,
        codebase=codebase,
        codebase_root=codebase.root,
        docroot=docroot,
        site_dir=site_dir,
        files_dir=str(PurePosixPath(site_dir) / "files"),
        private_dir=str(PurePosixPath(site_dir) / "private"),
        url=backend.site_url(site.domain, https=site.https),
        server=site.server,
        db_server=site.db_server,
        db_host=db_host,
        db_port=db_port,
        db_socket=db_socket,
        db_name=db_name or site.db_name,
        db_user=site.db_user,
        db_password_secret=(site.options.get("db_secret") or db_secret(site.domain))
        if driver.uses_database
        else None,
        admin_password_secret=admin_password_secret or admin_secret(site.domain),
        php_binary=backend.php_binary(),
    )
    extra = env.plugins.site_settings(ctx, codebase.app)
    if extra:
        import attrs

        ctx = attrs.evolve(ctx, extra_settings=tuple(extra))
    return ctx
