"""Names and labels of the Kubernetes objects of a site: stable, valid, and never too long.

A site's slug (its domain with dots as dashes, shortened with a hash when long) is recorded in the
site's options at install, so a later rename keeps the site's namespace and object names.
"""

from __future__ import annotations

import hashlib
import re

__all__ = [
    "DOMAIN_ANNOTATION",
    "NAME_LIMIT",
    "SITE_LABEL",
    "TRACKS",
    "TRACK_LABEL",
    "fit",
    "other_track",
    "slug_for",
    "track_db_name",
]

NAME_LIMIT = 63
SLUG_LIMIT = 40
SITE_LABEL = "aegir.io/site"
TRACK_LABEL = "aegir.io/track"
DOMAIN_ANNOTATION = "aegir.io/domain"
#: the two copies of a site that blue-green operations switch between
TRACKS = ("blue", "green")
_LABEL_VALUE = re.compile(r"([A-Za-z0-9][-A-Za-z0-9_.]{0,61})?[A-Za-z0-9]")


def _digest(text: str, length: int = 8) -> str:
    return hashlib.sha256(text.encode()).hexdigest()[:length]


def fit(name: str, limit: int = NAME_LIMIT) -> str:
    """``name`` if it fits in ``limit`` characters, else its head and a hash of the whole."""
    if len(name) <= limit:
        return name
    return name[: limit - 9].rstrip("-.") + "-" + _digest(name)


def slug_for(domain: str) -> str:
    """A DNS label for a (normalized) domain: ``www.example.com`` -> ``www-example-com``."""
    return fit(domain.replace(".", "-"), SLUG_LIMIT)


def label_value(value: str | None) -> str | None:
    """``value`` if Kubernetes accepts it as a label value, else None."""
    if value and _LABEL_VALUE.fullmatch(value):
        return value
    return None


def other_track(track: str) -> str:
    return TRACKS[1] if track == TRACKS[0] else TRACKS[0]


def track_db_name(base: str, track: str) -> str:
    """The database of one track: the site's own name for blue, with ``_g`` for green."""
    return base if track == TRACKS[0] else base[:62] + "_g"
