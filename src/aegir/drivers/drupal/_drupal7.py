"""The Drupal 7 application driver (``drupal7``): detection, scan, settings, web rules and drush steps."""

from __future__ import annotations

from typing import ClassVar

from aegir.core.app import SiteContext, SiteFile, WebRules
from aegir.drivers.drupal._drupal import DrupalDriver

__all__ = ["Drupal7Driver"]


class Drupal7Driver(DrupalDriver):
    """Drupal 7: ``.info`` files, ``includes/bootstrap.inc``, drush 8. Site steps, secrets and
    paths are Drupal 8+'s with ``drupal7`` set; its scanner, settings and web rules differ."""

    name: ClassVar[str] = "drupal7"
    label: ClassVar[str] = "Drupal 7"
    drupal7: ClassVar[bool] = True
    scanner: ClassVar[str] = "aegir.drivers.drupal._scanner7"

    def web_rules(self, ctx: SiteContext) -> WebRules:
        from aegir.drivers.drupal._web import web_rules7

        return web_rules7()

    def settings_files(self, ctx: SiteContext) -> list[SiteFile]:
        from aegir.drivers.drupal._settings import render_settings7

        return [render_settings7(ctx)]
