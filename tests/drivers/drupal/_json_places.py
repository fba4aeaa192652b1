"""Places in a JSON document, for the composer.lock tests that change a document at one place
(test_drupal_lock, test_lock_validator)."""

from __future__ import annotations

from typing import Any


def locations(doc: Any, prefix: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    """Every place in ``doc`` as a path of keys and indexes, depth first; ``()`` is the document."""
    out = [prefix]
    if isinstance(doc, dict):
        for key, value in doc.items():
            out += locations(value, (*prefix, key))
    elif isinstance(doc, list):
        for index, value in enumerate(doc):
            out += locations(value, (*prefix, index))
    return out
