"""Composer's own schemas for ``composer.lock``, and the two validators built from them.

``composer-lock-schema.json`` refers to the package schema as ``./composer-schema.json``, so both are
registered under one base URI. The scan uses :mod:`._lock_validator`, generated ahead of time from
these schemas by fastjsonschema (regenerate it with ``python -m aegir.drivers.drupal._lock_schema``);
the reference validator (jsonschema + referencing) is what the tests hold it to.

The two schema files are copied unchanged from Composer (MIT, see ``schemas/LICENSE``).
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from jsonschema.protocols import Validator  # type: ignore[import-untyped,unused-ignore]

__all__ = [
    "BASE_URI",
    "GENERATED_MODULE",
    "LOCK_SCHEMA",
    "PACKAGE_SCHEMA",
    "generate_validator_code",
    "load_schemas",
    "reference_validator",
]

#: a base URI that can never be fetched (RFC 2606 ``.invalid``): every reference resolves locally
BASE_URI = "https://schemas.aegir.invalid/composer/"
LOCK_SCHEMA = "composer-lock-schema.json"
PACKAGE_SCHEMA = "composer-schema.json"
SCHEMA_DIR = Path(__file__).resolve().parent / "schemas"
GENERATED_MODULE = Path(__file__).resolve().parent / "_lock_validator.py"

_FOREIGN_IMPORT = "from fastjsonschema import JsonSchemaValueException, JsonSchemaValuesException"
_LOCAL_IMPORT = (
    "from aegir.drivers.drupal._lock_violation import JsonSchemaValueException, JsonSchemaValuesException"
)
_DECIMAL_IMPORT = "from decimal import Decimal\n"
_DECIMAL_STAND_IN = "Decimal = float  # JSON input never holds decimal.Decimal values\n"
_HEADER = '''\
"""composer.lock validator generated ahead of time from Composer's schemas; do not edit by hand.

Regenerate with ``python -m aegir.drivers.drupal._lock_schema`` (fastjsonschema ``compile_to_code`` of
``schemas/composer-lock-schema.json`` with ``schemas/composer-schema.json``; formats not asserted, like
jsonschema's default; exceptions from :mod:`aegir.drivers.drupal._lock_violation`; no decimal import).
"""

# ruff: noqa
# mypy: ignore-errors
# fmt: off
'''


def load_schemas() -> dict[str, dict[str, Any]]:
    """Both schemas by absolute URI; the lock schema gets the ``id`` (draft-04) its references need."""
    schemas: dict[str, dict[str, Any]] = {}
    for name in (LOCK_SCHEMA, PACKAGE_SCHEMA):
        schema = json.loads((SCHEMA_DIR / name).read_text(encoding="utf-8"))
        schemas[BASE_URI + name] = {**schema, "id": BASE_URI + name}
    return schemas


def reference_validator() -> Validator:
    """A jsonschema Draft 4 validator of composer.lock, with both schemas in one registry."""
    from jsonschema import Draft4Validator  # type: ignore[import-untyped,unused-ignore]
    from referencing import Registry
    from referencing.jsonschema import DRAFT4

    schemas = load_schemas()
    registry: Registry[Any] = Registry().with_resources(
        (uri, DRAFT4.create_resource(schema)) for uri, schema in schemas.items()
    )
    validator: Validator = Draft4Validator(schemas[BASE_URI + LOCK_SCHEMA], registry=registry)
    return validator


def generate_validator_code() -> str:
    """The source of :mod:`._lock_validator`: deterministic for one fastjsonschema version."""
    import fastjsonschema

    schemas = load_schemas()

    def local_only(uri: str) -> dict[str, Any]:
        try:
            return schemas[uri]
        except KeyError:
            raise ValueError(f"composer schema refers to {uri!r}, which is not shipped with Aegir") from None

    code: str = fastjsonschema.compile_to_code(
        schemas[BASE_URI + LOCK_SCHEMA],
        handlers={"https": local_only},
        use_formats=False,
        detailed_exceptions=False,
    )
    if _FOREIGN_IMPORT not in code:
        raise RuntimeError("fastjsonschema's generated code changed shape: update _lock_schema.py")
    code = code.replace(_FOREIGN_IMPORT, _LOCAL_IMPORT)
    # the generated checks accept Decimal numbers too; json.loads never makes one, and importing the
    # decimal module would cost the scan more than a millisecond
    code = code.replace(_DECIMAL_IMPORT, _DECIMAL_STAND_IN)
    main = re.search(r"^def (\w+)\(", code, re.M)
    if main is None:
        raise RuntimeError("fastjsonschema generated no validation function")
    return f"{_HEADER}{code.rstrip()}\n\n\nvalidate = {main.group(1)}\n"


def main() -> None:
    GENERATED_MODULE.write_text(generate_validator_code(), encoding="utf-8")
    print(f"wrote {GENERATED_MODULE}")


if __name__ == "__main__":
    main()
