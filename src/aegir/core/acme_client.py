"""Obtaining a certificate from an ACME CA (RFC 8555) with http-01 challenges.

The account key lives in the secret store (one per ACME directory, mode 0600, never printed); the
account is registered once and found again by its key afterwards. A certificate's private key is
made fresh for every order and handed back to the caller only, which writes it where the web server
reads it: it never reaches a step, a log or the task output. Challenge answers are files the caller
publishes (:class:`ChallengeWriter`), so the web server may be on another machine.

The CA answers ``badNonce`` now and then on purpose (RFC 8555 section 6.5); every request that
can meet one is retried a few times.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Sequence
from datetime import datetime, timedelta
from typing import TYPE_CHECKING, Any, Protocol, TypeVar

from attrs import field, frozen

from aegir.core.errors import AegirError, ValidationError

if TYPE_CHECKING:
    from acme import client as acme_client
    from acme import messages
    from josepy.jwk import JWKRSA

    from aegir.core.secrets import SecretStore

__all__ = [
    "AcmeConfig",
    "AcmeError",
    "ChallengeWriter",
    "IssuedCertificate",
    "account_key_secret",
    "obtain_certificate",
]

_T = TypeVar("_T")
_NONCE_RETRIES = 5
_ORDER_SECONDS = 90


class AcmeError(AegirError):
    """The CA refused, or the exchange with it failed."""

    exit_code = 1


@frozen
class AcmeConfig:
    """Where the CA is, who to tell about the account, and what to trust for the CA's own TLS."""

    directory: str
    email: str | None = None
    #: a PEM file of CAs for the directory's TLS (pebble's own); None: the system's trust store
    ca_bundle: str | None = None


@frozen
class IssuedCertificate:
    """What the CA issued: the chain (public) and the key that goes with it (secret: write it, 0600)."""

    fullchain_pem: str
    key_pem: str = field(repr=False)  # never in a repr, a traceback's locals or a log line


class ChallengeWriter(Protocol):
    """Publishes a challenge answer at ``/.well-known/acme-challenge/<token>``, and removes it."""

    def put(self, token: str, content: str) -> None: ...
    def remove(self, token: str) -> None: ...


def account_key_secret(directory: str) -> str:
    """The name of the secret holding the account key for ``directory`` (one account per CA)."""
    return f"acme/{hashlib.sha256(directory.encode()).hexdigest()[:16]}/account-key"


def _retry_nonce(call: Callable[[], _T]) -> _T:
    from acme import messages

    for attempt in range(_NONCE_RETRIES):
        try:
            return call()
        except messages.Error as e:
            if e.code != "badNonce" or attempt == _NONCE_RETRIES - 1:
                raise
    raise AssertionError("unreachable")  # pragma: no cover


def _account_key(secrets: SecretStore, directory: str) -> JWKRSA:
    from cryptography.hazmat.primitives import serialization
    from cryptography.hazmat.primitives.asymmetric import rsa
    from josepy.jwk import JWKRSA

    name = account_key_secret(directory)
    if secrets.exists(name):
        loaded = serialization.load_pem_private_key(secrets.get(name).encode(), password=None)
        if not isinstance(loaded, rsa.RSAPrivateKey):
            raise AcmeError(f"the ACME account key {name!r} is not an RSA key")
        return JWKRSA(key=loaded)
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    pem = key.private_bytes(
        serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
    ).decode()
    secrets.set(name, pem)
    return JWKRSA(key=key)


def _client(config: AcmeConfig, key: JWKRSA) -> acme_client.ClientV2:
    from acme import client, messages

    from aegir.core.version import __version__

    net = client.ClientNetwork(key, user_agent=f"aegir/{__version__}", timeout=30)
    # A CA bundle path, as requests takes it: explicit, so REQUESTS_CA_BUNDLE does not win.
    verify: Any = config.ca_bundle or True
    net.verify_ssl = verify
    directory = messages.Directory.from_json(net.get(config.directory).json())
    acme = client.ClientV2(directory, net)
    registration = messages.NewRegistration.from_data(email=config.email, terms_of_service_agreed=True)
    from acme import errors

    try:
        _retry_nonce(lambda: acme.new_account(registration))
    except errors.ConflictError as e:
        # the key has an account already: use it
        net.account = messages.RegistrationResource(uri=e.location, body=messages.Registration())
    return acme


def _new_key_pem() -> str:
    from cryptography.hazmat.primitives import serialization
    from cryptography.hazmat.primitives.asymmetric import ec

    key = ec.generate_private_key(ec.SECP256R1())
    return key.private_bytes(
        serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
    ).decode()


def _problem(e: Exception) -> str:
    """The CA's words for what went wrong (its problem documents' details), in one line."""
    from acme import errors, messages

    if isinstance(e, errors.ValidationError):
        parts = []
        for authzr in e.failed_authzrs:
            for chall in authzr.body.challenges:
                if chall.error is not None:
                    parts.append(f"{authzr.body.identifier.value}: {_error_text(chall.error)}")
        return "; ".join(parts) or "a challenge failed"
    if isinstance(e, errors.IssuanceError):
        return _error_text(e.error)
    if isinstance(e, messages.Error):
        return _error_text(e)
    if isinstance(e, errors.TimeoutError):
        return f"the CA did not finish the order within {_ORDER_SECONDS} seconds"
    return " ".join(str(e).split()) or type(e).__name__


def _error_text(error: messages.Error) -> str:
    kind = (error.typ or "").rsplit(":", 1)[-1]
    detail = error.detail or error.title or "no detail"
    return f"{detail} ({kind})" if kind else detail


def obtain_certificate(
    config: AcmeConfig,
    secrets: SecretStore,
    names: Sequence[str],
    challenges: ChallengeWriter,
    *,
    log: Callable[[str], None] = lambda _m: None,
) -> IssuedCertificate:
    """Order a certificate for ``names`` (the first is the subject), answer its http-01
    challenges through ``challenges``, finalize with a CSR from a fresh key, download the chain."""
    import requests
    from acme import challenges as acme_challenges
    from acme import crypto_util, messages
    from acme import errors as acme_errors

    if not names:
        raise ValidationError("a certificate needs at least one name")
    what = ", ".join(names)
    published: list[str] = []
    try:
        key = _account_key(secrets, config.directory)
        acme = _client(config, key)
        key_pem = _new_key_pem()
        csr = crypto_util.make_csr(key_pem.encode(), list(names))
        order = _retry_nonce(lambda: acme.new_order(csr))
        log(f"ACME order for {what} at {config.directory}")
        for authz in order.authorizations:
            if authz.body.status == messages.STATUS_VALID:
                continue
            challenge = next(
                (c for c in authz.body.challenges if isinstance(c.chall, acme_challenges.HTTP01)), None
            )
            if challenge is None:
                raise AcmeError(f"the CA offers no http-01 challenge for {authz.body.identifier.value!r}")
            response, validation = challenge.chall.response_and_validation(key)
            token = challenge.chall.encode("token")
            challenges.put(token, validation)
            published.append(token)
            _retry_nonce(lambda c=challenge, r=response: acme.answer_challenge(c, r))  # type: ignore[misc]
            log(f"answered the http-01 challenge for {authz.body.identifier.value}")
        deadline = datetime.now() + timedelta(seconds=_ORDER_SECONDS)
        done = _retry_nonce(lambda: acme.poll_and_finalize(order, deadline))
        log(f"certificate for {what} issued")
        return IssuedCertificate(fullchain_pem=done.fullchain_pem, key_pem=key_pem)
    except AegirError:
        raise
    except (acme_errors.Error, messages.Error, requests.RequestException) as e:
        raise AcmeError(
            f"the ACME CA at {config.directory} did not issue a certificate for {what}: {_problem(e)}"
        ) from e
    finally:
        for token in published:
            try:
                challenges.remove(token)
            except AegirError as e:  # a leftover token file is harmless: say so, carry on
                log(f"could not remove challenge file {token}: {e}")
