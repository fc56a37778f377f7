"""Reading a plan's files as text, refusing what is not text or is far too big to be a plan file."""

from __future__ import annotations

import hashlib
from pathlib import Path

from site_gen.findings import Finding, Location
from site_gen.rules import rule

# A whole integrated plan's data runs to a few hundred kilobytes; anything far beyond that is a
# mistake (a pasted export, a binary saved with the wrong name) and would only slow every build.
MAX_FILE_BYTES = 5 * 1024 * 1024


def read_text(path: Path, relative: str) -> tuple[str | None, list[Finding]]:
    """The file's text with line endings made LF and any byte-order mark removed, or a finding."""
    if path.is_dir():
        return None, [rule("file-unreadable")(Location(relative), f"{relative} is a folder, not a file.",
                                              "Rename the folder, or move the file it should be into its place.")]
    try:
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            return None, [rule("file-unreadable")(
                Location(relative),
                f"This file is {size / 1024 / 1024:.1f} MB, larger than the {MAX_FILE_BYTES // 1024 // 1024} MB "
                "a plan file may be.",
                "Split it into smaller files, or check it is the file you meant to save here.")]
        raw = path.read_bytes()
    except OSError as err:
        return None, [rule("file-unreadable")(Location(relative), f"This file cannot be read: {err.strerror}.",
                                              "Check the file exists, is not a broken shortcut, and that you may read it.")]
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as err:
        line = raw[: err.start].count(b"\n") + 1
        col = err.start - (raw.rfind(b"\n", 0, err.start) + 1) + 1
        return None, [rule("file-unreadable")(
            Location(relative, line, col),
            f"This file is not UTF-8 text (byte 0x{raw[err.start]:02x} here cannot be read).")]
    return text.replace("\r\n", "\n").replace("\r", "\n"), []


def name_is_text(relative: str) -> bool:
    """True when a file's name is UTF-8 text. A name made on another computer may not be: Python keeps
    its bytes as stand-in characters that cannot be written out, shown, or put in a web address."""
    try:
        relative.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def name_finding(relative: str) -> Finding:
    """The finding for a file whose name is not UTF-8 text, naming it as near as it can be shown."""
    shown = relative.encode("utf-8", "surrogateescape").decode("utf-8", "replace")
    return rule("file-unreadable")(
        Location(shown), "This file's name is not UTF-8 text (the characters shown as \ufffd cannot be read), so "
                         "the file cannot be read or published.",
        "Rename the file with letters, digits and dashes, such as notes.txt.")


def sha256_of(path: Path) -> str:
    """The SHA-256 of a file's bytes, read in blocks so a large PDF is never held whole."""
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 16), b""):
            digest.update(block)
    return digest.hexdigest()
