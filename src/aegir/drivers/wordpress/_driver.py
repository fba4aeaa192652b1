"""The WordPress application driver: detection, scan, and what a site on a shared codebase needs."""

from __future__ import annotations

import re
from pathlib import Path
from typing import TYPE_CHECKING, ClassVar

from aegir.core.app import AppDriver, Detection, SiteContext, SiteFile, WebRules

if TYPE_CHECKING:
    from aegir.core.model import CodebaseScan
    from aegir.core.steps import Step

__all__ = ["WordPressDriver", "visible_title"]

# Characters WordPress prints as they are in a site title (others get entities or curly quotes).
_PLAIN_RUNS = re.compile(r"[^\w .@/+:-]+|--|\.\.\.|\s-\s")


def visible_title(title: str | None) -> str | None:
    """The longest part of ``title`` that appears verbatim in the page (WordPress escapes ``&<>"'``
    and texturizes quotes, dashes and ellipses), or None."""
    if not title:
        return None
    parts = [p.strip() for p in _PLAIN_RUNS.split(title)]
    best = max(parts, key=len, default="")
    return best or None


class WordPressDriver(AppDriver):
    """WordPress, classic or Composer-managed (Bedrock), one codebase for many sites."""

    name: ClassVar[str] = "wordpress"
    label: ClassVar[str] = "WordPress"
    uses_database: ClassVar[bool] = True

    def detect(self, root: Path) -> Detection | None:
        from aegir.core.errors import AegirError
        from aegir.drivers.wordpress._layout import VERSION_FILE, find_layout
        from aegir.drivers.wordpress._scan import read_core_version

        layout = find_layout(root)
        if layout is None:
            return None
        version = None
        if layout.core is not None and (root / layout.core / VERSION_FILE).is_file():
            try:
                version = read_core_version(root / layout.core / VERSION_FILE, VERSION_FILE).wp_version
            except AegirError:  # detection still claims the tree; the scan reports the problem
                version = None
        return Detection(app=self.name, docroot=layout.docroot, version=version)

    def scan(self, root: Path, detection: Detection) -> CodebaseScan:
        from aegir.core.errors import ApplicationNotDetected
        from aegir.drivers.wordpress._layout import find_layout
        from aegir.drivers.wordpress._scan import scan_wordpress

        layout = find_layout(root)
        if layout is None:
            raise ApplicationNotDetected(f"no WordPress in {str(root)!r}; looked for: {self.looked_for()}")
        return scan_wordpress(root, layout)

    def looked_for(self) -> str:
        from aegir.drivers.wordpress._layout import looked_for

        return f"{self.label}: {looked_for()}"

    def web_rules(self, ctx: SiteContext) -> WebRules:
        from aegir.drivers.wordpress._site import web_rules

        return web_rules(ctx)

    def settings_files(self, ctx: SiteContext) -> list[SiteFile]:
        from aegir.drivers.wordpress._site import settings_files

        return settings_files(ctx)

    def site_paths(self, ctx: SiteContext) -> list[str]:
        """The site's uploads; its wp-config.php is rendered again from the inventory."""
        return [ctx.files_dir]

    def install_steps(self, ctx: SiteContext) -> list[Step]:
        from aegir.drivers.wordpress._steps import install_steps

        return install_steps(ctx)

    def update_steps(self, ctx: SiteContext) -> list[Step]:
        from aegir.drivers.wordpress._steps import update_steps

        return update_steps(ctx)

    def login_reset_steps(self, ctx: SiteContext) -> list[Step]:
        from aegir.drivers.wordpress._steps import login_reset_steps

        return login_reset_steps(ctx)

    def domain_fixup_steps(self, ctx: SiteContext, old_url: str) -> list[Step]:
        from aegir.drivers.wordpress._steps import domain_fixup_steps

        return domain_fixup_steps(ctx, old_url)

    def health_text(self, ctx: SiteContext) -> str | None:
        return visible_title(ctx.site.title or ctx.site.domain)
