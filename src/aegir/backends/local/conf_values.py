"""Checks shared by the web server config renderers (nginx, Apache): values that could end a
directive or be expanded by the server (quotes, control characters, variables) are refused, with
the same messages for every server."""

from __future__ import annotations

import re

from aegir.core.app import WebRules
from aegir.core.errors import ValidationError

__all__ = [
    "CONTROL",
    "DOTFILES",
    "NOT_PHP",
    "STATIC",
    "alias_prefix",
    "check_path",
    "check_value",
    "fastcgi_param_name",
    "front_controller",
    "static_max_age",
]

CONTROL = re.compile(r"[\x00-\x1f\x7f]")


def check_value(kind: str, value: str, *, software: str, variables: bool = False) -> str:
    """``value`` if it can go into a double-quoted token of ``software``'s config, else a
    ValidationError naming it: never empty, no control character, no ``"``; ``$`` only where
    ``variables`` (regexes)."""
    if not isinstance(value, str) or not value:
        raise ValidationError(f"invalid {kind} {value!r}: must be a non-empty string")
    if CONTROL.search(value) or '"' in value:
        raise ValidationError(
            f"invalid {kind} {value!r}: control characters and '\"' cannot go into {software} config"
        )
    if "$" in value and not variables:
        raise ValidationError(f"invalid {kind} {value!r}: '$' cannot go into {software} config here")
    return value


def check_path(kind: str, value: str) -> str:
    """An absolute path without ``..`` (not yet checked as a token)."""
    if not isinstance(value, str) or not value.startswith("/") or ".." in value.split("/"):
        raise ValidationError(f"invalid {kind} {value!r}: must be an absolute path without '..'")
    return value


#: static files: served with the site's cache lifetime
STATIC = r"\.(?:css|js|mjs|map|png|jpe?g|gif|webp|avif|svg|ico|woff2?|ttf|eot|otf)$"
#: dot-files, except /.well-known/ (ACME challenges, security.txt)
DOTFILES = r"(?:^|/)\.(?!well-known(?:/|$))"
#: PHP sources, denied on sites without PHP so they are never handed out as downloads
NOT_PHP = r"(?i)\.(?:php[0-9]?|phtml|phar|pht)$"
_PARAM_NAME = re.compile(r"[A-Za-z_][A-Za-z0-9_]{0,127}")
_FRONT = re.compile(r"/[A-Za-z0-9._~/-]{1,255}")


def front_controller(rules: WebRules) -> str | None:
    """The site's front controller (None without PHP), checked to be a plain path."""
    front = rules.front_controller if rules.php else None
    if front is not None and (not _FRONT.fullmatch(front) or ".." in front.split("/")):
        raise ValidationError(f"invalid front controller {front!r}: must be a path such as /index.php")
    return front


def static_max_age(rules: WebRules) -> int:
    """The cache lifetime of static files, in seconds (0: no caching headers)."""
    age = rules.static_max_age
    if not isinstance(age, int) or isinstance(age, bool) or age < 0:
        raise ValidationError(f"invalid static_max_age {age!r}: must be a number of seconds, 0 or more")
    return age


def alias_prefix(prefix: str) -> str:
    """A URL prefix of ``WebRules.aliases``: starts and ends with ``/``."""
    if not (isinstance(prefix, str) and prefix.startswith("/") and prefix.endswith("/")):
        raise ValidationError(f"invalid alias prefix {prefix!r}: must start and end with '/'")
    return prefix


def fastcgi_param_name(name: str) -> str:
    """A FastCGI parameter name of ``WebRules.fastcgi_params``."""
    if not isinstance(name, str) or not _PARAM_NAME.fullmatch(name):
        raise ValidationError(f"invalid FastCGI parameter name {name!r}: use letters, digits and '_'")
    return name
