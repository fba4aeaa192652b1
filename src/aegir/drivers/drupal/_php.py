"""Writing values into PHP source safely: single-quoted literals and secret placeholders."""

from __future__ import annotations

import re

from aegir.core.errors import ValidationError

__all__ = ["php_bool", "php_string", "secret_literal"]

# the names core.steps.fill_secrets recognises in {{secret:NAME}}
_SECRET_NAME = re.compile(r"[a-z0-9][a-z0-9_./-]*")


def php_string(value: str) -> str:
    """A PHP single-quoted literal of ``value``: only ``\\`` and ``'`` are special there, both escaped."""
    return "'" + value.replace("\\", "\\\\").replace("'", "\\'") + "'"


def php_bool(value: bool) -> str:
    return "TRUE" if value else "FALSE"


def secret_literal(name: str) -> str:
    """A PHP literal holding the ``{{secret:NAME}}`` placeholder, filled in when the file is written.

    The value lands between single quotes, so it must not contain ``'`` or ``\\``: Aegir's generated
    secrets are letters and digits only (:func:`aegir.core.secrets.generate_password`).
    """
    if not _SECRET_NAME.fullmatch(name) or ".." in name:
        raise ValidationError(
            f"invalid secret name {name!r}: use lower-case letters, digits, '_', '.', '-', '/'"
        )
    return php_string("{{secret:" + name + "}}")
