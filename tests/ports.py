"""Ports for the services tests start on 127.0.0.1."""

from __future__ import annotations

import socket

__all__ = ["free_port"]

_HANDED_OUT: set[int] = set()


def free_port() -> int:
    """A port nothing listens on, never the same twice in a run (the kernel may offer one again)."""
    while True:
        with socket.socket() as s:
            s.bind(("127.0.0.1", 0))
            port = int(s.getsockname()[1])
        if port not in _HANDED_OUT:
            _HANDED_OUT.add(port)
            return port
