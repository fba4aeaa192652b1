"""The HTTPS lifecycle of test_https_lifecycle (restore in place, disable and enable, clones,
migration and rollback, rename, delete) on a managed Apache instead of nginx: the same tests, in
the same order (each builds on the one before), with ``world`` being the Apache world."""

from __future__ import annotations

import pytest
import test_https_lifecycle as lifecycle
from https_support import Pebble

from aegir.core.model import ServiceKind, ServiceType
from aegir.hosting import Hosting

pytestmark = pytest.mark.services


@pytest.fixture(scope="module")
def world(apache_world: tuple[Hosting, Pebble]) -> tuple[Hosting, Pebble]:
    """The Apache world (tests/https/conftest.py), under the name the lifecycle tests use."""
    h, _ = apache_world
    web = h.store.get_server("web1").service(ServiceKind.HTTP)
    assert web is not None and web.type is ServiceType.APACHE
    return apache_world


# collected here, in this order, with this module's ``world``
https_site = lifecycle.https_site
test_restore_in_place_keeps_the_certificate = lifecycle.test_restore_in_place_keeps_the_certificate
test_disable_and_enable_keep_the_certificate = lifecycle.test_disable_and_enable_keep_the_certificate
test_a_clone_starts_on_http_and_the_source_keeps_its_certificate = (
    lifecycle.test_a_clone_starts_on_http_and_the_source_keeps_its_certificate
)
test_migrate_serves_the_certificate_after_the_switch_and_rollback_returns_to_blue = (
    lifecycle.test_migrate_serves_the_certificate_after_the_switch_and_rollback_returns_to_blue
)
test_a_renamed_site_starts_on_http_and_finish_removes_the_old_certificate = (
    lifecycle.test_a_renamed_site_starts_on_http_and_finish_removes_the_old_certificate
)
test_delete_removes_the_certificate = lifecycle.test_delete_removes_the_certificate
