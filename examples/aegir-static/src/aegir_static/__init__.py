"""aegir-static: an Aegir application driver for plain static HTML sites (an example plugin)."""

from aegir_static.driver import StaticSiteDriver

__all__ = ["StaticSiteDriver"]
__version__ = "0.1.0"
