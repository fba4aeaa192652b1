"""The Drupal 7 application driver (``drupal7``): detection, scan, settings, web rules and drush steps."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, ClassVar

from aegir.core.app import Detection, SiteContext, SiteFile, WebRules
from aegir.drivers.drupal._drupal import DrupalDriver

if TYPE_CHECKING:
    from aegir.core.model import CodebaseScan

__all__ = ["Drupal7Driver"]


class Drupal7Driver(DrupalDriver):
    """Drupal 7: ``.info`` files, ``includes/bootstrap.inc``, drush 8. Site steps, secrets and
    paths are Drupal 8+'s with ``drupal7`` set; detection, scan, settings and web rules differ."""

    name: ClassVar[str] = "drupal7"
    label: ClassVar[str] = "Drupal 7"
    drupal7: ClassVar[bool] = True

    def detect(self, root: Path) -> Detection | None:
        from aegir.drivers.drupal._detect import detect_drupal7

        return detect_drupal7(root)

    def scan(self, root: Path, detection: Detection) -> CodebaseScan:
        from aegir.drivers.drupal._scan7 import scan_drupal7

        return scan_drupal7(root, detection)

    def looked_for(self) -> str:
        return "includes/bootstrap.inc and modules/system/system.info under the root, docroot/, web/, html/ or htdocs/"

    def web_rules(self, ctx: SiteContext) -> WebRules:
        from aegir.drivers.drupal._web import web_rules7

        return web_rules7()

    def settings_files(self, ctx: SiteContext) -> list[SiteFile]:
        from aegir.drivers.drupal._settings import render_settings7

        return [render_settings7(ctx)]
