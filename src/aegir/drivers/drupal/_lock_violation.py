"""The exceptions raised by the generated composer.lock validator (:mod:`._lock_validator`).

The generated code would import them from ``fastjsonschema``, which pulls in its whole code generator;
these light stand-ins keep that import off the scan's start-up path.
"""

from __future__ import annotations

from typing import Any

__all__ = ["JsonSchemaValueException", "JsonSchemaValuesException"]


class JsonSchemaValueException(ValueError):
    """One schema violation; ``message`` starts with the path of the value (``data.packages[3].name``)."""

    def __init__(
        self,
        message: str,
        value: Any = None,
        name: str | None = None,
        definition: Any = None,
        rule: str | None = None,
    ) -> None:
        super().__init__(message)
        self.message = message
        self.value = value
        self.name = name
        self.definition = definition
        self.rule = rule


class JsonSchemaValuesException(ValueError):
    """Several violations (only raised by validators generated with ``fast_fail=False``)."""

    def __init__(self, errors: list[JsonSchemaValueException]) -> None:
        super().__init__("; ".join(e.message for e in errors))
        self.errors = errors
