"""Secrets (database passwords, admin passwords, keys): generated, stored 0600, never printed.

A secret is addressed by a name such as ``site/example.com/db``; plans and the journal carry only
names. :meth:`SecretStore.redact` removes every value the store has handed out from a text.
"""

from __future__ import annotations

import os
import re
import secrets
from pathlib import Path

from aegir.core.errors import NotFoundError, ValidationError

__all__ = ["SecretStore", "generate_password"]

_SECRET_NAME = re.compile(r"[a-z0-9][a-z0-9_.-]{0,127}(/[a-z0-9][a-z0-9_.-]{0,127}){0,4}")
_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789"
REDACTED = "********"


def generate_password(length: int = 24) -> str:
    """A strong random password of letters and digits (safe in SQL, shell-free argv, PHP strings)."""
    return "".join(secrets.choice(_ALPHABET) for _ in range(length))


class SecretStore:
    """Secrets as files under ``<home>/secrets``, directories 0700, files 0600."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self._handed_out: set[str] = set()

    def _path(self, name: str) -> Path:
        if not _SECRET_NAME.fullmatch(name) or ".." in name:
            raise ValidationError(f"invalid secret name {name!r}")
        return self.root / name

    def exists(self, name: str) -> bool:
        return self._path(name).is_file()

    def get(self, name: str) -> str:
        path = self._path(name)
        try:
            value = path.read_text(encoding="utf-8")
        except FileNotFoundError:
            raise NotFoundError(f"secret {name!r} does not exist") from None
        self._handed_out.add(value)
        return value

    def set(self, name: str, value: str) -> None:
        path = self._path(name)
        path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        for parent in [path.parent, *path.parent.parents]:
            if parent == self.root.parent:
                break
            if parent.is_relative_to(self.root):
                parent.chmod(0o700)
        tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(fd, "w", encoding="utf-8") as f:
            f.write(value)
        tmp.replace(path)
        self._handed_out.add(value)

    def ensure(self, name: str, length: int = 24) -> str:
        """The secret's value, generating and storing a new password if it does not exist."""
        if self.exists(name):
            return self.get(name)
        value = generate_password(length)
        self.set(name, value)
        return value

    def delete(self, name: str) -> None:
        self._path(name).unlink(missing_ok=True)

    def delete_tree(self, prefix: str) -> None:
        """Delete every secret under ``prefix/`` (a deleted site's secrets)."""
        import shutil

        shutil.rmtree(self._path(prefix), ignore_errors=True)

    def path_of(self, name: str) -> Path:
        """Where the secret is stored (to tell an operator where to read it; never its value)."""
        return self._path(name)

    def redact(self, text: str) -> str:
        """``text`` with every secret value this store has handed out replaced."""
        for value in sorted(self._handed_out, key=len, reverse=True):
            if len(value) >= 6:
                text = text.replace(value, REDACTED)
        return text

    def remember(self, value: str) -> None:
        """Redact ``value`` too (a secret obtained elsewhere, e.g. an attached server's password)."""
        self._handed_out.add(value)
