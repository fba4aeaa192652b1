"""Building a SiteContext for a Drupal site, as the hosting layer would hand it to the driver."""

from __future__ import annotations

from aegir.core.app import SiteContext
from aegir.core.model import Codebase, CodebaseScan, Site


def make_context(
    *,
    app: str = "drupal",
    version: str = "10.6.12",
    profiles: tuple[str, ...] = ("minimal", "standard"),
    facts: dict[str, str] | None = None,
    socket: str | None = None,
    title: str | None = "Example Site",
    extra: tuple[str, ...] = (),
    profile: str | None = None,
    outside: bool = False,
) -> SiteContext:
    """A context for example.com; ``outside`` puts the site directory where the hosting layer does
    by default (``<sites root>/<domain>``, private files inside it) instead of in the docroot."""
    scan = CodebaseScan(app=app, app_version=version, docroot="web", profiles=profiles, facts=facts or {})
    codebase = Codebase(name="cb1", app=app, root="/srv/aegir/codebases/cb1", docroot="web", scan=scan)
    site = Site(
        domain="example.com",
        codebase="cb1",
        server="local",
        aliases=("www.example.com", "example.org"),
        title=title,
        admin_user="admin",
        admin_email="ops@example.com",
        profile=profile,
    )
    site_dir = "/srv/aegir/sites/example.com" if outside else "/srv/aegir/codebases/cb1/web/sites/example.com"
    return SiteContext(
        site=site,
        codebase=codebase,
        codebase_root="/srv/aegir/codebases/cb1",
        docroot="/srv/aegir/codebases/cb1/web",
        site_dir=site_dir,
        files_dir=f"{site_dir}/files",
        private_dir=f"{site_dir}/private" if outside else "/srv/aegir/private/example.com",
        url="http://example.com:8080/",
        server="local",
        db_host="127.0.0.1",
        db_port=3307,
        db_socket=socket,
        db_name="site_example_com",
        db_user="u_example_com",
        db_password_secret="site/example.com/db",
        admin_password_secret="site/example.com/admin",
        php_binary="/usr/bin/php8.2",
        extra_settings=extra,
    )
