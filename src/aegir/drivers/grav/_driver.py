"""The Grav application driver: detection, scan, and what a site on a shared codebase needs."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, ClassVar

from aegir.core.app import ScannerDriver, SiteContext, SiteFile, WebRules

if TYPE_CHECKING:
    from aegir.core.steps import Step

__all__ = ["GravDriver", "visible_title"]

# Characters Twig prints as they are in a title (its escaping turns &<>"' into entities).
_PLAIN_RUNS = re.compile(r"[^\w .@/+:-]+")


def visible_title(title: str | None) -> str | None:
    """The longest part of ``title`` that appears verbatim in the page, or None."""
    if not title:
        return None
    best = max((p.strip() for p in _PLAIN_RUNS.split(title)), key=len, default="")
    return best or None


class GravDriver(ScannerDriver):
    """Grav, the flat-file CMS: no database; each site gets its own webroot on a shared codebase."""

    name: ClassVar[str] = "grav"
    label: ClassVar[str] = "Grav"
    uses_database: ClassVar[bool] = False
    scanner: ClassVar[str] = "aegir.drivers.grav._scanner"

    def web_rules(self, ctx: SiteContext) -> WebRules:
        from aegir.drivers.grav._site import web_rules

        return web_rules(ctx)

    def settings_files(self, ctx: SiteContext) -> list[SiteFile]:
        from aegir.drivers.grav._site import settings_files

        return settings_files(ctx)

    def site_paths(self, ctx: SiteContext) -> list[str]:
        from aegir.drivers.grav._site import site_paths

        return site_paths(ctx)

    def install_steps(self, ctx: SiteContext) -> list[Step]:
        from aegir.drivers.grav._site import install_steps

        return install_steps(ctx)

    def update_steps(self, ctx: SiteContext) -> list[Step]:
        from aegir.drivers.grav._site import update_steps

        return update_steps(ctx)

    def login_reset_steps(self, ctx: SiteContext) -> list[Step]:
        from aegir.drivers.grav._site import login_reset_steps

        return login_reset_steps(ctx)

    def domain_fixup_steps(self, ctx: SiteContext, old_url: str) -> list[Step]:
        """None: Grav builds URLs from the request (absolute_urls is off) and keeps no database."""
        return []

    def health_text(self, ctx: SiteContext) -> str | None:
        return visible_title(ctx.site.title or ctx.site.domain)
