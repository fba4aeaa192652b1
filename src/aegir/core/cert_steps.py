"""The step that obtains a certificate from an ACME CA and writes it on the site's server.

The step's data says where the CA is and where the files go, never the key: the key is made
while the step runs and written straight to the server (mode 0600) through the backend, so the
SSH backend works like the local one. Each certificate goes to a directory of its own (a
version), so a failed renewal never touches the certificate nginx serves; the inverse removes
the new directory.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

from attrs import field, frozen

from aegir.core import _convert
from aegir.core.steps import RemovePath, Step

if TYPE_CHECKING:
    from aegir.core.backend import Backend
    from aegir.core.steps import StepContext

__all__ = ["CERT_STEPS", "FULLCHAIN", "PRIVKEY", "ObtainCertificate"]

FULLCHAIN = "fullchain.pem"
PRIVKEY = "privkey.pem"


class _BackendChallenges:
    """http-01 answers as files in the server's challenge directory, which nginx serves."""

    def __init__(self, backend: Backend, directory: str) -> None:
        self.backend = backend
        self.directory = directory.rstrip("/")

    def put(self, token: str, content: str) -> None:
        # the web server's workers read it: world-readable, like the page it stands for
        self.backend.write_file(f"{self.directory}/{token}", content.encode(), 0o644)

    def remove(self, token: str) -> None:
        self.backend.remove_path(f"{self.directory}/{token}")


@frozen
class ObtainCertificate(Step):
    """Order a certificate for ``names`` and write ``fullchain.pem`` and ``privkey.pem`` (0600)
    into ``dest`` on ``server``."""

    kind: ClassVar[str] = "obtain-certificate"
    server: str
    domain: str
    names: tuple[str, ...] = field(converter=_convert.strs)
    dest: str
    challenge_dir: str
    directory: str
    email: str | None = None
    ca_bundle: str | None = None

    def describe(self) -> str:
        return f"obtain a certificate for {', '.join(self.names)} from {self.directory} into {self.dest}"

    def inverse(self) -> Step | None:
        return RemovePath(self.server, self.dest)

    def run(self, ctx: StepContext) -> None:
        from aegir.core.acme_client import AcmeConfig, obtain_certificate

        backend = ctx.backend(self.server)
        backend.make_dir(self.challenge_dir, 0o755)
        config = AcmeConfig(self.directory, self.email, self.ca_bundle)
        issued = obtain_certificate(
            config, ctx.secrets, self.names, _BackendChallenges(backend, self.challenge_dir), log=ctx.log
        )
        ctx.secrets.remember(issued.key_pem)  # redacted from anything a command or error may print
        backend.make_dir(self.dest, 0o755)
        backend.write_file(f"{self.dest}/{PRIVKEY}", issued.key_pem.encode(), 0o600)
        backend.write_file(f"{self.dest}/{FULLCHAIN}", issued.fullchain_pem.encode(), 0o644)
        ctx.log(f"certificate for {self.domain} written to {self.dest}")


CERT_STEPS: tuple[type[Step], ...] = (ObtainCertificate,)
