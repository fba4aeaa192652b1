"""The application-driver contract: what an application (Drupal, WordPress, Grav...) is.

A driver reads a codebase tree (no other I/O) and returns data: a scan, settings file contents, web
rules, and plans of steps for install, update, login reset and domain fix-ups. It never runs anything.
"""

from __future__ import annotations

import importlib
from abc import ABC, abstractmethod
from pathlib import Path
from typing import TYPE_CHECKING, ClassVar, cast

from attrs import field, frozen

from aegir.core import _convert

if TYPE_CHECKING:
    from aegir.core.model import Codebase, CodebaseScan, Site
    from aegir.core.scanrecord import ScanFiles, Scanner
    from aegir.core.steps import Step

__all__ = ["AppDriver", "Detection", "ScannerDriver", "SiteContext", "SiteFile", "WebRules"]


@frozen
class Detection:
    """A driver's claim on a tree: the application, its docroot (relative), and version if known."""

    app: str
    docroot: str = "."
    version: str | None = None


@frozen
class SiteFile:
    """A file a driver wants written for a site. ``{{secret:NAME}}`` placeholders in ``content``
    are filled in by the runner at execution time, so secrets never enter a plan or the journal."""

    path: str
    content: str
    #: settings must not be writable by the PHP user: as root they are root:<php group> 0440
    mode: int = 0o440
    #: a file of the codebase that every site on it shares (e.g. WordPress's selector
    #: ``wp-config.php``): written when a site is installed or verified, never removed when one
    #: site's install is rolled back or the site is deleted (write it with ``new=False``).
    shared: bool = False


@frozen
class WebRules:
    """How the web server serves this application: the front controller and what to deny.

    ``deny``: PCRE regular expressions (as nginx ``location ~`` takes them) matched against the
    decoded request path; a match answers 403. They apply to every path, aliased ones included,
    and take precedence over the PHP handler and ``aliases``. A driver anchors them as it needs
    (``^/wp-config\\.php$``) and may make one case-insensitive with ``(?i)``.

    ``fastcgi_params``: extra FastCGI parameters passed to PHP for every request of the site
    (PHP sees them in ``$_SERVER`` and ``getenv()``); never secrets, they are in the vhost.

    ``aliases``: URL prefix (starting and ending with ``/``) to an absolute directory served as
    static files only (PHP is never run there), e.g. a site's own uploads directory while the
    rest of the docroot is the shared codebase. A missing file there is a 404.
    """

    front_controller: str | None = "/index.php"
    php: bool = True
    deny: tuple[str, ...] = field(default=(), converter=_convert.strs)
    static_max_age: int = 3600
    fastcgi_params: dict[str, str] = field(factory=dict)
    aliases: dict[str, str] = field(factory=dict)


@frozen
class SiteContext:
    """Everything a driver needs to know about one site on one server, all paths absolute.

    ``db_password_secret`` and ``admin_password_secret`` are secret *names*, never values.
    """

    site: Site
    codebase: Codebase
    codebase_root: str
    docroot: str
    site_dir: str
    files_dir: str
    private_dir: str
    url: str
    server: str
    db_server: str | None = None
    db_host: str = "127.0.0.1"
    db_port: int = 3306
    db_socket: str | None = None
    db_name: str | None = None
    db_user: str | None = None
    db_password_secret: str | None = None
    admin_password_secret: str | None = None
    php_binary: str = "php"
    extra_settings: tuple[str, ...] = ()


class AppDriver(ABC):
    """Base class of every application driver. Subclasses set ``name`` and ``label``."""

    name: ClassVar[str]
    label: ClassVar[str]
    #: whether a site of this application needs a database of its own
    uses_database: ClassVar[bool] = True

    @abstractmethod
    def detect(self, root: Path) -> Detection | None:
        """Return a Detection if ``root`` is a codebase of this application, else None."""

    @abstractmethod
    def scan(self, root: Path, detection: Detection) -> CodebaseScan:
        """Read the whole tree: packages, extensions, profiles, warnings."""

    def looked_for(self) -> str:
        """What ``detect`` looks for, for the error when nothing matches."""
        return self.label

    def web_rules(self, ctx: SiteContext) -> WebRules:
        """How a web server must serve this application."""
        return WebRules()

    def settings_files(self, ctx: SiteContext) -> list[SiteFile]:
        """The settings file(s) of a site, as content."""
        return []

    def site_paths(self, ctx: SiteContext) -> list[str]:
        """Absolute paths that belong to a site's backup besides its database."""
        return [ctx.site_dir]

    def install_steps(self, ctx: SiteContext) -> list[Step]:
        """Steps that install the application into an empty database (after settings are written)."""
        return []

    def update_steps(self, ctx: SiteContext) -> list[Step]:
        """Steps that bring the database up to the code after a code change."""
        return []

    def verify_steps(self, ctx: SiteContext) -> list[Step]:
        """Idempotent steps that re-create what the driver set up outside the settings files (links,
        directories), run by ``site verify``."""
        return []

    def remove_steps(self, ctx: SiteContext) -> list[Step]:
        """Steps that remove what the driver set up outside the site directory, when a site is
        deleted (idempotent)."""
        return []

    def login_reset_steps(self, ctx: SiteContext) -> list[Step]:
        """Steps that set the admin password to the secret ``ctx.admin_password_secret``."""
        return []

    def domain_fixup_steps(self, ctx: SiteContext, old_url: str) -> list[Step]:
        """Steps that fix a copy whose URL changed from ``old_url`` to ``ctx.url``."""
        return []

    def health_text(self, ctx: SiteContext) -> str | None:
        """Text the home page must contain to count as healthy (often the site title)."""
        return ctx.site.title


class ScannerDriver(AppDriver):
    """A driver whose detection and scan are a scanner module's (the
    :class:`~aegir.core.scanrecord.Scanner` protocol: plain records, no attrs), named by ``scanner``.

    The built-in drivers are such drivers, which lets ``codebase scan --json`` call their scanners
    without the plugin machinery; the model is built here from the same records, so detection and
    scan have one code path.
    """

    #: the dotted name of the scanner module
    scanner: ClassVar[str]

    def _scanner(self) -> Scanner:
        return cast("Scanner", importlib.import_module(self.scanner))

    def detect(self, root: Path) -> Detection | None:
        found = self._scanner().detect(root)
        return None if found is None else Detection(*found)

    def scan(self, root: Path, detection: Detection) -> CodebaseScan:
        from aegir.core.model import CodebaseScan
        from aegir.core.scanrecord import Found

        found = Found(detection.app, detection.docroot, detection.version)
        return CodebaseScan.from_record(self._scanner().scan(root, found))

    def looked_for(self) -> str:
        return self._scanner().looked_for()

    def scan_files(self) -> ScanFiles | None:
        """What the scanner module reads (its ``SCAN_FILES``), or None if it does not say."""
        from aegir.core.scanrecord import ScanFiles

        files = getattr(self._scanner(), "SCAN_FILES", None)
        return files if isinstance(files, ScanFiles) else None
