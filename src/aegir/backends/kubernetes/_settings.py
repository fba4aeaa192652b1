"""Settings files on Kubernetes: secrets read from environment variables, never baked into a ConfigMap.

A driver's settings contain ``{{secret:NAME}}`` placeholders. In a PHP file, a placeholder that is a
whole quoted string (``'{{secret:site/x/db}}'``) becomes ``getenv('AEGIR_SECRET_DB')``; the variable
comes from the site's Secret through ``secretKeyRef``, so the settings file itself holds no secret
and goes into a ConfigMap that can be printed and committed. Any other file with a placeholder
(not PHP, or a placeholder inside a longer string) is put into the site's Secret instead, with the
values filled in when Aegir applies it.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from attrs import frozen

__all__ = ["SecretKey", "SettingsFile", "file_key", "rewrite_settings", "secret_keys", "secret_refs"]

SECRET_REF = re.compile(r"\{\{secret:([a-z0-9][a-z0-9_./-]*)\}\}")
_QUOTED_REF = re.compile(r"""(['"])\{\{secret:([a-z0-9][a-z0-9_./-]*)\}\}\1""")
_NOT_ENV = re.compile(r"[^A-Z0-9]+")
_NOT_KEY = re.compile(r"[^A-Za-z0-9._-]+")


@frozen
class SecretKey:
    """One value of the site's Secret: its key (also the environment variable), its source, and
    whether the site's PHP sees it (settings need it) or only the Jobs that name it do."""

    key: str
    secret: str
    env: bool = True


@frozen
class SettingsFile:
    """A settings file as mounted into the pod: from the ConfigMap, or from the Secret."""

    path: str
    key: str
    content: str
    mode: int
    in_secret: bool


def secret_refs(text: str) -> list[str]:
    """Secret names referenced by ``{{secret:NAME}}`` placeholders, in order of first use."""
    return list(dict.fromkeys(SECRET_REF.findall(text)))


def secret_keys(names: Iterable[str], domain: str, env: Iterable[str] = ()) -> dict[str, SecretKey]:
    """A Secret key / environment variable for each secret name: ``site/x/db`` -> ``AEGIR_SECRET_DB``.

    Only the names in ``env`` are given to PHP as environment variables.
    """
    for_php = set(env)
    prefix = f"site/{domain}/"
    out: dict[str, SecretKey] = {}
    used: set[str] = set()
    for name in names:
        if name in out:
            continue
        short = name[len(prefix) :] if name.startswith(prefix) else name
        stem = "AEGIR_SECRET_" + (_NOT_ENV.sub("_", short.upper()).strip("_") or "VALUE")
        key, n = stem, 2
        while key in used:  # two names that differ only in punctuation
            key, n = f"{stem}_{n}", n + 1
        used.add(key)
        out[name] = SecretKey(key, name, name in for_php)
    return out


def file_key(path: str) -> str:
    """A ConfigMap/Secret key for a file path: ``/var/www/html/a.php`` -> ``var_www_html_a.php``."""
    return _NOT_KEY.sub("_", path.strip("/"))[-253:]


def rewrite_settings(path: str, content: str, keys: dict[str, SecretKey], mode: int) -> SettingsFile:
    """The settings file as the pod gets it (see the module docstring for the rule)."""
    text = content
    if path.endswith(".php"):
        text = _QUOTED_REF.sub(lambda m: f"getenv('{keys[m.group(2)].key}')", content)
    return SettingsFile(path, file_key(path), text, mode, in_secret=bool(SECRET_REF.search(text)))
