"""Opening inputs: gzip, stdin, binary refusal, text decoding with a fallback."""
from __future__ import annotations

import gzip
import logging
from pathlib import Path
from typing import BinaryIO, Iterator

from graphload.errors import InputError

log = logging.getLogger("graphload.corpus")
_TEXT_BYTES = bytes([8, 9, 10, 11, 12, 13, 27, *range(32, 127), *range(128, 256)])
_BINARY_MAGIC = (b"%PDF", b"\x89PNG", b"PK\x03\x04", b"\xff\xd8\xff", b"GIF8", b"\x7fELF", b"BZh", b"\xfd7zXZ")


def open_binary(path: Path) -> BinaryIO:
    """The file's bytes, gunzipped when it is gzip."""
    with path.open("rb") as probe:
        magic = probe.read(2)
    return gzip.open(path, "rb") if magic == b"\x1f\x8b" else path.open("rb")


def looks_binary(head: bytes) -> bool:
    """A known binary signature, or more than 30% of the bytes are ones text never holds.

    A stray NUL in a text file is not enough: the reader skips the one line that holds it.
    Bytes above 127 count only when the head is not UTF-8 (Latin-1 text is full of them).
    """
    if head.startswith(_BINARY_MAGIC):
        return True
    odd = len(head.translate(None, _TEXT_BYTES))
    try:
        head.decode("utf-8")
    except UnicodeDecodeError as exc:
        if exc.start < len(head) - 3:  # not just a character cut off at the end of the head
            odd += sum(1 for byte in head if byte > 127)
    return odd * 10 > len(head) * 3


def check_not_binary(path: Path) -> None:
    try:
        with open_binary(path) as f:
            head = f.read(4096)
    except (gzip.BadGzipFile, EOFError) as exc:
        raise InputError(f"{path}: cannot be read, a damaged or truncated gzip file ({exc})") from None
    except OSError as exc:
        raise InputError(f"{path}: cannot be read ({exc.strerror or exc})") from None
    if looks_binary(head):
        raise InputError(f"{path}: looks like a binary file, not a paper collection (text, JSON, CSV, XML or BibTeX)")


class TextDecoder:
    """Decodes lines as UTF-8, falling back to cp1252 / latin-1 with one warning per file."""

    def __init__(self, name: str, warnings: list[str]):
        self.name = name
        self.warnings = warnings
        self.fell_back = False

    def __call__(self, raw: bytes) -> str:
        try:
            return raw.decode("utf-8-sig" if raw.startswith(b"\xef\xbb\xbf") else "utf-8")
        except UnicodeDecodeError:
            if not self.fell_back:
                self.fell_back = True
                message = f"{self.name}: not UTF-8, decoded as Windows-1252/Latin-1"
                self.warnings.append(message)
                log.warning(message)
            try:
                return raw.decode("cp1252")
            except UnicodeDecodeError:
                return raw.decode("latin-1")


def text_lines(path: Path, warnings: list[str]) -> Iterator[str]:
    """Decoded lines, streamed, newline stripped."""
    decode = TextDecoder(str(path), warnings)
    with open_binary(path) as f:
        for raw in f:
            yield decode(raw).rstrip("\r\n")


def whole_text(path: Path, warnings: list[str]) -> str:
    return "\n".join(text_lines(path, warnings))


def spool_stdin(stream: BinaryIO | None = None) -> Path:
    """Standard input copied to a temporary file, so it can be read twice like any file."""
    import sys
    import tempfile
    stream = stream or sys.stdin.buffer
    spooled = tempfile.NamedTemporaryFile(prefix="graphload-stdin-", delete=False)
    with spooled:
        for chunk in iter(lambda: stream.read(1 << 20), b""):
            spooled.write(chunk)
    return Path(spooled.name)


def is_blank(path: Path) -> bool:
    """Whether the file holds nothing but whitespace (it is read up to its first other byte)."""
    with open_binary(path) as f:
        for chunk in iter(lambda: f.read(1 << 16), b""):
            if chunk.strip():
                return False
    return True


def read_head(path: Path, size: int = 4096) -> str:
    with open_binary(path) as f:
        return f.read(size).decode("utf-8", errors="replace")


__all__ = ["check_not_binary", "is_blank", "looks_binary", "open_binary", "spool_stdin", "text_lines", "whole_text", "read_head"]
