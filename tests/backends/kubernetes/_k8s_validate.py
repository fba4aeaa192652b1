"""Validation against the OpenAPI schemas that kubernetes-validate ships, with the schema loaded once.

``kubernetes_validate.validate`` reads its 1.4 MB definitions file on every call; this does what it
does (same files, same version choice, same Draft 2020-12 validator, strict mode) but keeps one
validator per (version, kind), so hundreds of manifests validate in seconds.
``test_cached_validation_agrees_with_kubernetes_validate`` checks the two agree.
"""

from __future__ import annotations

import functools
import re
from typing import Any

import jsonschema
import referencing
from kubernetes_validate import utils

#: three recent minor versions, and one older still common in managed clusters
K8S_VERSIONS = ("1.31", "1.34", "1.35", "1.37")


@functools.cache
def _validator(version: str, kind: str, api_version: str) -> jsonschema.protocols.Validator:
    chosen = [v for v in utils.all_versions() if utils.major_minor(v) <= utils.major_minor(version)][-1]
    group_version = re.sub(r"^([^./]*)(?:\.[^/]*)?/", r"\1-", api_version)
    folder = f"kubernetes-json-schema/v{chosen}-local-strict"
    schema = utils.schema_contents(f"{folder}/{kind.lower()}-{group_version}.json", version)
    definitions = utils.schema_contents(f"{folder}/_definitions.json", version)
    registry: referencing.Registry[Any] = referencing.Resource.from_contents(schema) @ referencing.Registry()
    registry = referencing.Resource.from_contents(definitions) @ registry
    return jsonschema.Draft202012Validator(schema, registry=registry)


def problems(obj: dict[str, Any], version: str) -> list[str]:
    """What is wrong with ``obj`` for Kubernetes ``version`` (strict: unknown fields are errors)."""
    validator = _validator(version, obj["kind"], obj["apiVersion"])
    return [f"{e.message} at {'/'.join(map(str, e.absolute_path))}" for e in validator.iter_errors(obj)]
