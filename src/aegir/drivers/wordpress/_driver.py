"""The WordPress application driver: detection, scan, and what a site on a shared codebase needs."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, ClassVar

from aegir.core.app import ScannerDriver, SiteContext, SiteFile, WebRules

if TYPE_CHECKING:
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


class WordPressDriver(ScannerDriver):
    """WordPress, classic or Composer-managed (Bedrock), one codebase for many sites."""

    name: ClassVar[str] = "wordpress"
    label: ClassVar[str] = "WordPress"
    uses_database: ClassVar[bool] = True
    scanner: ClassVar[str] = "aegir.drivers.wordpress._scanner"

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
