"""Stream plumbing for backup parts: hashing while writing, a pipe from a producer, verified reading.

Everything here moves bytes in bounded chunks; nothing holds a whole part in memory or on disk.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import queue
import threading
from collections.abc import Callable, Iterator
from typing import IO, Protocol

from aegir.core.archive._errors import ChecksumMismatch, CorruptPart
from aegir.core.archive.manifest import PartInfo

__all__ = [
    "CHUNK",
    "ChunkFeed",
    "DecompressingFeed",
    "ForwardReader",
    "HashingSink",
    "StreamFeed",
    "produced_stream",
    "verified_chunks",
    "verified_stream",
]

CHUNK = 1 << 20
_PIPE_SIZE = 1 << 20


class HashingSink:
    """A write-only stream that counts and hashes what passes through to ``out``."""

    def __init__(self, out: IO[bytes]) -> None:
        self.out = out
        self._sha = hashlib.sha256()
        self.size = 0

    def write(self, data: bytes | bytearray | memoryview) -> int:
        self._sha.update(data)
        self.size += len(data)
        self.out.write(data)
        return len(data)

    def flush(self) -> None:
        self.out.flush()

    def tell(self) -> int:
        return self.size

    def writable(self) -> bool:
        return True

    @property
    def closed(self) -> bool:
        return False

    def hexdigest(self) -> str:
        return self._sha.hexdigest()


@contextlib.contextmanager
def produced_stream(producer: Callable[[IO[bytes]], object]) -> Iterator[IO[bytes]]:
    """A readable stream of what ``producer`` writes, produced in a thread through an OS pipe.

    The producer gets a real file (it has a ``fileno()``, so a backend may hand it straight to a
    subprocess as its stdout). An exception raised by the producer is raised here once the
    reader reaches the end; if the reading side fails, the pipe is closed under the producer, which
    then fails with a broken pipe and is waited for.
    """
    import fcntl

    rfd, wfd = os.pipe()
    # A bigger pipe buffer means fewer wake-ups between the dump process and the compressor.
    with contextlib.suppress(OSError):
        fcntl.fcntl(wfd, fcntl.F_SETPIPE_SZ, _PIPE_SIZE)
    reader = os.fdopen(rfd, "rb", buffering=CHUNK)
    errors: list[BaseException] = []

    def run() -> None:
        try:
            with os.fdopen(wfd, "wb", buffering=CHUNK) as writer:
                producer(writer)
        except BaseException as e:  # handed to the reading thread, which raises it
            errors.append(e)

    thread = threading.Thread(target=run, name="aegir-backup-producer", daemon=True)
    thread.start()
    try:
        with reader:
            yield reader
    finally:
        thread.join()
    if errors:
        raise errors[0]


def _check(part: PartInfo, sha: str, size: int) -> None:
    if sha != part.sha256 or size != part.size:
        raise ChecksumMismatch(
            part.name, expected=part.sha256, actual=sha, expected_size=part.size, size=size
        )


class _HashingSource:
    """Reads ``raw`` in chunks, hashing and counting everything read."""

    def __init__(self, raw: IO[bytes]) -> None:
        self.raw = raw
        self._sha = hashlib.sha256()
        self.size = 0

    def read(self, n: int = CHUNK) -> bytes:
        data = self.raw.read(n if n > 0 else CHUNK)
        self._sha.update(data)
        self.size += len(data)
        return data

    def drain(self) -> None:
        while self.read(CHUNK):
            pass

    def hexdigest(self) -> str:
        return self._sha.hexdigest()


class _FrameDecoder:
    """Decompresses a sequence of zstd frames and knows whether the last one was complete."""

    def __init__(self) -> None:
        import zstandard

        self._zstd = zstandard.ZstdDecompressor()
        self._obj = self._zstd.decompressobj()
        self._started = False

    def decompress(self, data: bytes) -> bytes:
        out = []
        while data:
            if self._obj.eof:
                # Another frame follows (zstd allows concatenated frames).
                self._obj = self._zstd.decompressobj()
            out.append(self._obj.decompress(data))
            self._started = True
            data = self._obj.unused_data if self._obj.eof else b""
        return b"".join(out)

    @property
    def complete(self) -> bool:
        return self._started and self._obj.eof


def verified_chunks(raw: IO[bytes], part: PartInfo) -> Iterator[bytes]:
    """The content of a part in chunks (decompressed if it is compressed), checked against the manifest.

    The last chunk is held back until the whole part has been hashed and checked, so a consumer of
    a damaged part never sees its end: :class:`ChecksumMismatch` or :class:`CorruptPart` is raised
    instead.
    """
    import zstandard

    source = _HashingSource(raw)
    decoder = _FrameDecoder() if part.compression == "zstd" else None
    held = b""
    while data := source.read(CHUNK):
        try:
            out = data if decoder is None else decoder.decompress(data)
        except zstandard.ZstdError as e:
            # Damaged bytes: say so with both digests when the checksum tells.
            source.drain()
            _check(part, source.hexdigest(), source.size)
            raise CorruptPart(part.name, f"cannot be decompressed: {e}") from e
        if held:
            yield held
        held = out
    _check(part, source.hexdigest(), source.size)
    if decoder is not None and not decoder.complete:
        raise CorruptPart(part.name, "ends in the middle of a zstd frame")
    if held:
        yield held


@contextlib.contextmanager
def verified_stream(raw: IO[bytes], part: PartInfo) -> Iterator[IO[bytes]]:
    """A readable stream of :func:`verified_chunks`, produced in a thread through an OS pipe.

    It has a ``fileno()``, so a backend may hand it straight to ``mariadb`` as its stdin, as in
    ``zstd -dc | mariadb``. A mismatch is raised when the block exits; a block that exits normally
    has what it did not read read and checked first.
    """
    import fcntl

    rfd, wfd = os.pipe()
    with contextlib.suppress(OSError):
        fcntl.fcntl(wfd, fcntl.F_SETPIPE_SZ, _PIPE_SIZE)
    errors: list[BaseException] = []

    def run() -> None:
        try:
            for chunk in verified_chunks(raw, part):
                view = memoryview(chunk)
                while view:
                    view = view[os.write(wfd, view) :]
        except BaseException as e:  # handed to the reading side, which raises it
            errors.append(e)
        finally:
            os.close(wfd)

    thread = threading.Thread(target=run, name="aegir-restore-stream", daemon=True)
    thread.start()
    reader = os.fdopen(rfd, "rb", buffering=CHUNK)
    try:
        with reader:
            yield reader
            while reader.read(CHUNK):
                pass
    finally:
        thread.join()
    if errors:
        raise errors[0]


class DecompressingFeed:
    """Runs :func:`verified_chunks` in a thread, handing chunks to a :class:`ForwardReader`.

    Decompression and hashing then overlap with the consumer's work (creating files on restore),
    as the ``zstd`` process overlaps with ``tar`` in ``tar --zstd -x``.
    """

    def __init__(self, raw: IO[bytes], part: PartInfo) -> None:
        self.part = part
        self._raw = raw
        self._queue: queue.Queue[bytes | BaseException | None] = queue.Queue(maxsize=16)
        self._stop = threading.Event()
        self._ended = False
        self._error: BaseException | None = None
        self._thread = threading.Thread(target=self._run, name="aegir-restore-feed", daemon=True)
        self._thread.start()

    def _put(self, item: bytes | BaseException | None) -> bool:
        while not self._stop.is_set():
            try:
                self._queue.put(item, timeout=0.1)
            except queue.Full:
                continue
            return True
        return False

    def _run(self) -> None:
        try:
            for chunk in verified_chunks(self._raw, self.part):
                if not self._put(chunk):
                    return
            self._put(None)
        except BaseException as e:  # handed to the consumer, which raises it
            self._put(e)

    def get(self) -> bytes | None:
        """The next chunk, or None at the (verified) end; raises what the feed thread raised.

        Once the end or an error has been handed over, every later call repeats it.
        """
        if self._ended:
            if self._error is not None:
                raise self._error
            return None
        item = self._queue.get()
        if isinstance(item, BaseException):
            self._ended, self._error = True, item
            self._stop.set()
            raise item
        if item is None:
            self._ended = True
            self._stop.set()
        return item

    def close(self) -> None:
        """Stop the thread (it may be blocked handing over a chunk) and wait for it."""
        self._stop.set()
        self._thread.join()


class ChunkFeed(Protocol):
    """Where a :class:`ForwardReader` gets its bytes: chunks, then None at the end."""

    def get(self) -> bytes | None: ...


class StreamFeed:
    """Chunks read from a plain stream (a tar stream from a server's ``tar``, through a pipe)."""

    def __init__(self, raw: IO[bytes]) -> None:
        self._raw = raw

    def get(self) -> bytes | None:
        return self._raw.read(CHUNK) or None


class ForwardReader:
    """A file-like view of a :class:`ChunkFeed` that can only move forward.

    ``tarfile`` in its seeking mode needs ``tell`` and ``seek``; it only ever seeks forward here,
    which this reader serves by skipping, so headers are read without copying big buffers around.
    """

    def __init__(self, feed: ChunkFeed) -> None:
        self.feed = feed
        self._buf = b""
        self._off = 0
        self._pos = 0
        self._eof = False

    def _fill(self) -> bool:
        if self._eof:
            return False
        chunk = self.feed.get()
        if chunk is None:
            self._eof = True
            return False
        rest = self._buf[self._off :]
        self._buf = rest + chunk if rest else chunk
        self._off = 0
        return True

    def read(self, n: int = -1) -> bytes:
        if n < 0:
            while self._fill():
                pass
            n = len(self._buf) - self._off
        while len(self._buf) - self._off < n and self._fill():
            pass
        data = self._buf[self._off : self._off + n]
        self._off += len(data)
        self._pos += len(data)
        return data

    def peek(self, n: int) -> bytes:
        """The next ``n`` bytes (fewer at the end), without consuming them."""
        while len(self._buf) - self._off < n and self._fill():
            pass
        return self._buf[self._off : self._off + n]

    def tell(self) -> int:
        return self._pos

    def seekable(self) -> bool:
        return True

    def seek(self, offset: int, whence: int = os.SEEK_SET) -> int:
        target = offset if whence == os.SEEK_SET else self._pos + offset
        if whence not in (os.SEEK_SET, os.SEEK_CUR) or target < self._pos:
            raise OSError(f"archive stream can only move forward (at {self._pos}, asked for {target})")
        self._skip(target - self._pos)
        return self._pos

    def _skip(self, n: int) -> None:
        while n:
            avail = len(self._buf) - self._off
            if not avail:
                if not self._fill():
                    return
                continue
            k = min(avail, n)
            self._off += k
            self._pos += k
            n -= k

    def copy_to_fd(self, fd: int, n: int) -> int:
        """Write the next ``n`` bytes to a file descriptor; return how many there were."""

        def write_all(view: memoryview) -> None:
            while view:
                view = view[os.write(fd, view) :]

        return self.copy_to(write_all, n)

    def copy_to(self, write: Callable[[memoryview], object], n: int) -> int:
        """Hand the next ``n`` bytes to ``write`` in chunks; return how many there were."""
        done = 0
        while done < n:
            avail = len(self._buf) - self._off
            if not avail:
                if not self._fill():
                    break
                continue
            k = min(avail, n - done)
            write(memoryview(self._buf)[self._off : self._off + k])
            self._off += k
            self._pos += k
            done += k
        return done

    def drain(self) -> None:
        """Consume everything to the end (so the feed thread hashes and checks the whole part)."""
        while True:
            self._pos += len(self._buf) - self._off
            self._buf, self._off = b"", 0
            if not self._fill():
                return
