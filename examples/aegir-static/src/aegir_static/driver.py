"""The ``static`` application driver: plain HTML sites, served as files, with no PHP and no database."""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING, ClassVar

from aegir.core.app import AppDriver, Detection, SiteContext, WebRules
from aegir.core.model import CodebaseScan

if TYPE_CHECKING:
    from aegir.core.steps import Step

__all__ = ["StaticSiteDriver"]

#: where the home page may live, in the order they are tried
DOCROOT_CANDIDATES = (".", "public")
#: files whose presence means a PHP application owns the tree (Drupal, WordPress, Grav, composer)
PHP_MARKERS = ("index.php", "composer.json", "wp-load.php", "wp-config.php")
PAGE_SUFFIXES = (".html", ".htm")


class StaticSiteDriver(AppDriver):
    """A tree with an ``index.html`` at its top (or in ``public/``) and no PHP entry point."""

    name: ClassVar[str] = "static"
    label: ClassVar[str] = "static HTML site"
    uses_database: ClassVar[bool] = False

    def detect(self, root: Path) -> Detection | None:
        # Only the top and the candidate docroots are looked at: detection runs for every driver on
        # every scan, so it must stay cheap; scan() reads the whole tree.
        if any((root / marker).exists() for marker in PHP_MARKERS):
            return None
        for docroot in DOCROOT_CANDIDATES:
            base = root / docroot
            if any((base / marker).exists() for marker in PHP_MARKERS):
                return None
            if (base / "index.html").is_file():
                return Detection(app=self.name, docroot=docroot)
        return None

    def looked_for(self) -> str:
        return "index.html (or public/index.html) and no index.php or composer.json"

    def scan(self, root: Path, detection: Detection) -> CodebaseScan:
        docroot = root / detection.docroot
        pages = 0
        php_files: list[str] = []
        # os.walk does not follow directory links, so a link out of the tree is not read.
        for dirpath, dirnames, filenames in os.walk(docroot):
            dirnames[:] = sorted(d for d in dirnames if not d.startswith("."))
            for filename in filenames:
                if filename.endswith(PAGE_SUFFIXES):
                    pages += 1
                elif filename.endswith(".php"):
                    php_files.append(str((Path(dirpath) / filename).relative_to(root)))
        warnings = tuple(
            f"{path}: PHP file in a static site; it is not run, and the web server may serve its source"
            for path in sorted(php_files)
        )
        return CodebaseScan(
            app=self.name,
            docroot=detection.docroot,
            packages=(),
            extensions=(),
            warnings=warnings,
            facts={"pages": str(pages)},
        )

    def web_rules(self, ctx: SiteContext) -> WebRules:
        # Files are served as they are: no front controller, and PHP is never passed to an interpreter.
        return WebRules(front_controller=None, php=False)

    def install_steps(self, ctx: SiteContext) -> list[Step]:
        # Nothing to install: the files are the site. The generic plan publishes the vhost.
        return []

    def health_text(self, ctx: SiteContext) -> str | None:
        # A static page does not carry the site title Aegir knows, so only the HTTP status is checked.
        return None
