"""HTTPS for sites on servers with a web server Aegir configures (local and SSH backends):
certificates from an ACME CA, as plans.

A site with HTTPS has ``https`` set and, in its options, the version of the certificate nginx
serves (``certificate``); the files are ``<certificates dir>/<domain>/<version>/fullchain.pem``
and ``privkey.pem`` on the site's server. Obtaining (enable, renew, install ``--https``) writes a
new version, publishes the vhost with it (the previous vhost is the inverse), checks the site over
HTTPS and records the version; only then are older versions removed (clean-up). A failure before
that leaves the site as it was.

Settings (``aegir config set``): ``acme_directory`` (no default: nothing is asked of a CA the
operator did not choose), ``acme_email``, ``acme_ca_bundle`` (PEM file of CAs for the directory's
own TLS, e.g. pebble's).
"""

from __future__ import annotations

import ipaddress
import secrets as _random
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Protocol, runtime_checkable

import attrs
from attrs import frozen

from aegir.core import names
from aegir.core.backend import Vhost
from aegir.core.cert_steps import FULLCHAIN, PRIVKEY, ObtainCertificate
from aegir.core.errors import AegirError, BackendError, ConflictError, ValidationError
from aegir.core.model import ServiceKind, Site, SiteStatus
from aegir.core.operations._env import site_context
from aegir.core.plan import Plan
from aegir.core.steps import HealthCheck, PublishSite, RemovePath, SaveSite, Step, WriteFile

if TYPE_CHECKING:
    from aegir.core.acme_client import AcmeConfig
    from aegir.core.app import AppDriver, SiteContext
    from aegir.core.backend import Backend
    from aegir.core.operations._env import OperationEnv

__all__ = [
    "CERT_OPTION",
    "CertificateInfo",
    "TlsHost",
    "acme_config",
    "certificate_names",
    "certificates_removal",
    "disable_plan",
    "enable_plan",
    "https_install_steps",
    "list_certificates",
    "preflight",
    "published_vhost",
    "renew_plan",
]

#: the site option naming the certificate version nginx serves
CERT_OPTION = "certificate"
SETTINGS = {
    "acme_directory": "URL of the ACME directory certificates come from (e.g. Let's Encrypt's); no default",
    "acme_email": "contact e-mail of the ACME account (expiry notices)",
    "acme_ca_bundle": "PEM file of CAs to trust for the ACME directory's own TLS (default: the system's)",
}
# Names no public CA certifies (RFC 2606, 6761, 6762, 7686 and ICANN's .internal).
_RESERVED_TLDS = {"test", "example", "invalid", "localhost", "local", "onion", "internal", "lan", "home"}


@runtime_checkable
class TlsHost(Protocol):
    """A backend whose web server Aegir configures: it serves http-01 challenges from a directory
    and reads certificates from files (the local and SSH backends)."""

    def acme_challenge_dir(self) -> str: ...
    def certificates_dir(self) -> str: ...


def acme_config(env: OperationEnv) -> AcmeConfig:
    """The configured CA, or a ValidationError saying how to configure one."""
    from aegir.core.acme_client import AcmeConfig

    directory = env.store.get_setting("acme_directory")
    if not directory:
        raise ValidationError(
            "no ACME CA is configured: set one with 'aegir config set acme_directory URL' "
            "(see docs/https.md: Let's Encrypt staging first, then production)"
        )
    return AcmeConfig(
        directory,
        env.store.get_setting("acme_email") or None,
        env.store.get_setting("acme_ca_bundle") or None,
    )


def check_certificate_name(name: str) -> str:
    """A name a public CA can certify: a valid DNS name (IDN as its A-label), not an address,
    not a single label, not under a reserved top-level domain."""
    domain = names.normalize_domain(name)
    try:
        ipaddress.ip_address(domain)
    except ValueError:
        pass
    else:
        raise ValidationError(f"cannot get a certificate for {name!r}: it is an IP address")
    labels = domain.split(".")
    if len(labels) < 2:
        raise ValidationError(f"cannot get a certificate for {name!r}: a CA certifies full domain names only")
    if labels[-1] in _RESERVED_TLDS:
        raise ValidationError(
            f"cannot get a certificate for {name!r}: .{labels[-1]} is a reserved name no CA certifies"
        )
    return domain


def certificate_names(site: Site) -> tuple[str, ...]:
    return tuple(dict.fromkeys(check_certificate_name(n) for n in (site.domain, *site.aliases)))


def _tls_host(env: OperationEnv, site: Site) -> tuple[Backend, TlsHost]:
    backend = env.backend(site.server)
    if not isinstance(backend, TlsHost):
        raise ValidationError(
            f"server {site.server!r} ({backend.name} backend) does not take certificates from Aegir"
            + (": its sites get TLS through cert-manager" if backend.name == "kubernetes" else "")
        )
    return backend, backend


def _check_https_port(env: OperationEnv, site: Site) -> None:
    server = env.store.get_server(site.server)
    web = server.service(ServiceKind.HTTP)
    if web is None or not web.options.get("https_port", "").isdigit():
        raise ValidationError(
            f"server {site.server!r} has no HTTPS port: add the server with --https-port "
            f"before turning HTTPS on for {site.domain!r}"
        )


def preflight(env: OperationEnv, site: Site) -> AcmeConfig:
    """Everything HTTPS needs, checked before anything is done."""
    certificate_names(site)
    _tls_host(env, site)
    _check_https_port(env, site)
    return acme_config(env)


def _cert_dir(host: TlsHost, domain: str) -> str:
    return f"{host.certificates_dir().rstrip('/')}/{domain}"


def _new_version() -> str:
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
    return f"{stamp}-{_random.token_hex(3)}"


def _with_certificate(vhost: Vhost, directory: str) -> Vhost:
    return attrs.evolve(
        vhost, https=True, certificate=f"{directory}/{FULLCHAIN}", certificate_key=f"{directory}/{PRIVKEY}"
    )


def published_vhost(env: OperationEnv, site: Site, ctx: SiteContext, driver: AppDriver) -> Vhost:
    """The site's vhost with its certificate, when it has one on its server (else plain HTTP)."""
    from aegir.core.operations.sites import vhost_for

    vhost = vhost_for(ctx, driver)
    version = site.options.get(CERT_OPTION)
    if not (site.https and version):
        return vhost
    backend = env.backend(site.server)
    if not isinstance(backend, TlsHost):
        return vhost
    directory = f"{_cert_dir(backend, site.domain)}/{version}"
    if not (backend.exists(f"{directory}/{FULLCHAIN}") and backend.exists(f"{directory}/{PRIVKEY}")):
        return vhost  # a clone or a restore elsewhere: its files are not here (yet)
    return _with_certificate(vhost, directory)


def certificates_removal(env: OperationEnv, site: Site) -> list[Step]:
    """Removing the certificates of ``site``'s domain from its server (none to remove: no step),
    for an operation that drops the domain there (the old domain of a renamed site, at finish)."""
    if not site.options.get(CERT_OPTION):
        return []
    backend = env.backend(site.server)
    if not isinstance(backend, TlsHost):
        return []
    return [RemovePath(site.server, _cert_dir(backend, site.domain))]


def _health(site: Site, ctx: SiteContext, driver: AppDriver) -> HealthCheck:
    # patient: PHP's opcache may serve the settings of the old URL for a couple of seconds
    # (opcache.revalidate_freq), and the application redirects to that URL meanwhile
    if site.status is SiteStatus.DISABLED:
        return HealthCheck(site.server, site.domain, expect_status=503, attempts=10)
    return HealthCheck(site.server, site.domain, expect_text=driver.health_text(ctx), attempts=10)


def _settings_switch(env: OperationEnv, old: Site, new: Site, driver: AppDriver) -> list[Step]:
    """Rewrite the settings files that change with the site's URL (``WP_HOME`` goes https://);
    each write's inverse puts the old text back."""
    codebase = env.store.get_codebase(new.codebase)
    before = {f.path: f for f in driver.settings_files(site_context(env, old, codebase))}
    steps: list[Step] = []
    for f in driver.settings_files(site_context(env, new, codebase)):
        prev = before.get(f.path)
        if prev is not None and prev.content == f.content:
            continue
        previous = prev.content if prev is not None else None
        steps.append(WriteFile(new.server, f.path, f.content, f.mode, new=False, previous=previous))
    return steps


def _obtain_steps(
    env: OperationEnv, site: Site, ctx: SiteContext, driver: AppDriver, current: Vhost, *, config: AcmeConfig
) -> tuple[list[Step], str]:
    """Obtain a new version, switch the settings to the https:// URL, publish the certificate
    over ``current``, check the site: (steps, version)."""
    _backend, host = _tls_host(env, site)
    version = _new_version()
    directory = f"{_cert_dir(host, site.domain)}/{version}"
    obtain = ObtainCertificate(
        server=site.server,
        domain=site.domain,
        names=certificate_names(site),
        dest=directory,
        challenge_dir=host.acme_challenge_dir(),
        directory=config.directory,
        email=config.email,
        ca_bundle=config.ca_bundle,
    )
    tls = _with_certificate(attrs.evolve(current, https=True), directory)
    https_site = attrs.evolve(site, https=True)
    https_ctx = site_context(env, https_site, env.store.get_codebase(site.codebase))
    steps: list[Step] = [
        obtain,
        *_settings_switch(env, site, https_site, driver),
        PublishSite(site.server, tls, previous=current),
        _health(https_site, https_ctx, driver),
    ]
    return steps, version


def _old_versions(env: OperationEnv, site: Site, keep: str) -> list[Step]:
    """Remove the certificate versions nginx no longer serves (clean-up after a new one is live)."""
    backend, host = _tls_host(env, site)
    base = _cert_dir(host, site.domain)
    listing = backend.run(["ls", "-1", "--", base]) if backend.exists(base) else None
    if listing is None or listing.returncode != 0:
        return []
    return [
        RemovePath(site.server, f"{base}/{name}")
        for name in listing.stdout.split()
        if name != keep and not name.startswith(".")
    ]


def https_install_steps(
    env: OperationEnv, site: Site, ctx: SiteContext, driver: AppDriver, vhost: Vhost
) -> tuple[list[Step], Site]:
    """The steps ``site install --https`` adds once the site (installed with ``https`` off, at its
    http:// URL) answers over HTTP, and the site record to save at the end."""
    config = preflight(env, site)
    steps, version = _obtain_steps(env, site, ctx, driver, vhost, config=config)
    final = attrs.evolve(site, https=True, options={**site.options, CERT_OPTION: version})
    return steps, final


def _site(env: OperationEnv, domain: str) -> tuple[Site, SiteContext, AppDriver]:
    site = env.store.get_site(names.normalize_domain(domain))
    codebase = env.store.get_codebase(site.codebase)
    return site, site_context(env, site, codebase), env.plugins.driver(codebase.app)


def _plan(env: OperationEnv, operation: str, site: Site, steps: list[Step], cleanup: list[Step]) -> Plan:
    from aegir.core.operations.sites import _plan as site_plan

    plan = site_plan(env, operation, site.domain, steps + cleanup)
    return attrs.evolve(plan, cleanup_from=len(steps) if cleanup else None)


def enable_plan(env: OperationEnv, domain: str) -> Plan:
    """Obtain a certificate and serve the site over HTTPS (HTTP redirects to it)."""
    site, ctx, driver = _site(env, domain)
    if site.https and site.options.get(CERT_OPTION):
        raise ConflictError(f"site {site.domain!r} has HTTPS already: renew with 'aegir cert renew-due'")
    return _obtain_plan(env, "https-enable", site, ctx, driver)


def renew_plan(env: OperationEnv, domain: str) -> Plan:
    """A new certificate for a site that has one; the old one stays until the new one is live."""
    site, ctx, driver = _site(env, domain)
    if not (site.https and site.options.get(CERT_OPTION)):
        raise ConflictError(
            f"site {site.domain!r} has no certificate to renew: use 'aegir site https --enable'"
        )
    return _obtain_plan(env, "cert-renew", site, ctx, driver)


def _obtain_plan(env: OperationEnv, operation: str, site: Site, ctx: SiteContext, driver: AppDriver) -> Plan:
    config = preflight(env, site)
    current = published_vhost(env, site, ctx, driver)
    steps, version = _obtain_steps(env, site, ctx, driver, current, config=config)
    steps.append(
        SaveSite(
            attrs.evolve(site, https=True, options={**site.options, CERT_OPTION: version}), previous=site
        )
    )
    return _plan(env, operation, site, steps, _old_versions(env, site, keep=version))


def disable_plan(env: OperationEnv, domain: str) -> Plan:
    """Serve the site over plain HTTP again and remove its certificates."""
    site, ctx, driver = _site(env, domain)
    if not site.https:
        raise ConflictError(f"site {site.domain!r} is not on HTTPS")
    _backend, host = _tls_host(env, site)
    from aegir.core.operations.sites import vhost_for

    current = published_vhost(env, site, ctx, driver)
    options = {k: v for k, v in site.options.items() if k != CERT_OPTION}
    http_site = attrs.evolve(site, https=False, options=options)
    http_ctx = site_context(env, http_site, env.store.get_codebase(site.codebase))
    plain = vhost_for(http_ctx, driver)
    steps: list[Step] = [
        *_settings_switch(env, site, http_site, driver),
        PublishSite(site.server, plain, previous=current),
        _health(http_site, http_ctx, driver),
        SaveSite(http_site, previous=site),
    ]
    return _plan(env, "https-disable", site, steps, [RemovePath(site.server, _cert_dir(host, site.domain))])


@frozen
class CertificateInfo:
    """One site's certificate as ``cert list`` shows it."""

    domain: str
    names: tuple[str, ...]
    issuer: str
    serial: str
    not_after: datetime
    days_left: int
    path: str


def certificate_info(env: OperationEnv, site: Site) -> CertificateInfo | None:
    """What the certificate nginx serves for ``site`` says (None: the site has none)."""
    version = site.options.get(CERT_OPTION)
    if not (site.https and version):
        return None
    from cryptography import x509
    from cryptography.x509.oid import NameOID

    backend, host = _tls_host(env, site)
    path = f"{_cert_dir(host, site.domain)}/{version}/{FULLCHAIN}"
    try:
        chain = x509.load_pem_x509_certificates(backend.read_file(path))
    except (BackendError, ValueError) as e:
        raise BackendError(f"cannot read the certificate of {site.domain!r} at {path}: {e}") from e
    leaf = chain[0]
    try:
        san = leaf.extensions.get_extension_for_class(x509.SubjectAlternativeName).value
        dns = tuple(san.get_values_for_type(x509.DNSName))
    except x509.ExtensionNotFound:
        dns = ()
    issuer = leaf.issuer.get_attributes_for_oid(NameOID.COMMON_NAME)
    not_after = leaf.not_valid_after_utc
    return CertificateInfo(
        domain=site.domain,
        names=dns,
        issuer=str(issuer[0].value) if issuer else leaf.issuer.rfc4514_string(),
        serial=format(leaf.serial_number, "x"),
        not_after=not_after,
        days_left=int((not_after - datetime.now(UTC)).total_seconds() // 86400),
        path=path,
    )


def list_certificates(env: OperationEnv) -> list[CertificateInfo | AegirError]:
    """Every site's certificate, in domain order; a certificate that cannot be read is its error."""
    out: list[CertificateInfo | AegirError] = []
    for site in env.store.list_sites():
        if not (site.https and site.options.get(CERT_OPTION)):
            continue
        try:
            info = certificate_info(env, site)
        except AegirError as e:
            out.append(e)
            continue
        if info is not None:
            out.append(info)
    return out
