"""Files a build keeps in build/ to read back later (compiled templates, chart drawings, PDFs), sealed
with a key that only the person running site_gen holds, in their own cache folder outside every plan.

A plan can arrive with any build/ folder its sender left in it. A compiled template is Python code,
read back with pickle and marshal, so a planted one would run on this computer; a planted drawing or PDF
would be published as if this build had made it. Each kept file therefore carries a keyed digest (HMAC)
of its name and contents; a file without the right one is never read, just made again. A file cannot be
moved to another name either, since its name is sealed with it.
"""

from __future__ import annotations

import hashlib
import hmac
import os
import secrets
import stat
import tempfile
from functools import cache
from pathlib import Path

SEALED = b"site-gen sealed 1\n"
KEY_BYTES = 32
TAG_BYTES = hashlib.sha256().digest_size
# Processes a build starts (chart drawing, PDF workers) take the key from here, so that they seal alike
# even when no key file can be kept.
KEY_VARIABLE = "SITE_GEN_SEALING_KEY"


def key_file() -> Path:
    """Where the key is kept: the user's cache folder (XDG_CACHE_HOME, else ~/.cache). A relative
    XDG_CACHE_HOME is ignored, as the XDG rules say: it would put the key in whatever folder site_gen runs
    in, a plan's own folder perhaps."""
    given = Path(os.environ.get("XDG_CACHE_HOME", ""))
    base = given if given.is_absolute() else Path.home() / ".cache"
    return base / "site-gen" / "sealing-key"


def _read_key(path: Path) -> bytes | None:
    """The key kept at path, if it is one and nobody but its owner could have written it."""
    try:
        with path.open("rb") as opened:
            facts = os.fstat(opened.fileno())
            key = opened.read(KEY_BYTES + 1)
    except OSError:
        return None
    others_may_write = facts.st_mode & (stat.S_IWGRP | stat.S_IWOTH)
    if len(key) != KEY_BYTES or others_may_write or facts.st_uid != os.getuid():
        return None
    return key


def _kept_key() -> bytes | None:
    """The key in the user's cache folder, made there the first time. Processes making it at once agree:
    the file is linked into place whole, and one that finds a key there already reads that. Only a file that
    is not a key (the wrong size, or writable by others) is replaced."""
    try:
        path = key_file()
        found = _read_key(path)
        if found is not None:
            return found
        path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(prefix=".sealing-key-", dir=path.parent)  # readable by its owner only
        try:
            with os.fdopen(handle, "wb") as made:
                made.write(secrets.token_bytes(KEY_BYTES))
            try:
                os.link(temporary, path)
            except FileExistsError:  # made by another process meanwhile, or not a key
                if _read_key(path) is None:
                    os.replace(temporary, path)
        finally:
            Path(temporary).unlink(missing_ok=True)
        return _read_key(path)
    except (OSError, RuntimeError):  # no home folder, or one that cannot be written
        return None


@cache
def sealing_key() -> bytes:
    """The key this process seals with: its starter's, else the kept one, else one for this build alone
    (what it keeps is then made again next time, never trusted)."""
    given = os.environ.get(KEY_VARIABLE, "")
    try:
        key = bytes.fromhex(given)
    except ValueError:
        key = b""
    if len(key) != KEY_BYTES:
        key = _kept_key() or secrets.token_bytes(KEY_BYTES)
        os.environ[KEY_VARIABLE] = key.hex()
    return key


def _tag(name: str, data: bytes) -> bytes:
    digest = hmac.new(sealing_key(), name.encode("utf-8") + b"\0", hashlib.sha256)
    digest.update(data)  # a PDF of megabytes is not copied to be digested
    return digest.digest()


def seal(name: str, data: bytes) -> bytes:
    """data as kept under name."""
    return SEALED + _tag(name, data) + data


def unseal(name: str, sealed: bytes) -> bytes | None:
    """What seal(name, data) was given; None for anything it did not make with this key and this name."""
    if not sealed.startswith(SEALED):
        return None
    tag, data = sealed[len(SEALED):len(SEALED) + TAG_BYTES], sealed[len(SEALED) + TAG_BYTES:]
    return data if hmac.compare_digest(tag, _tag(name, data)) else None


def write_sealed(path: Path, data: bytes) -> None:
    """Keep data at path, sealed under the file's name; written whole, so a reader never sees part."""
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(prefix=f".{path.name}-", dir=path.parent)
    try:
        with os.fdopen(handle, "wb") as made:
            made.write(seal(path.name, data))
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def looks_sealed(path: Path) -> bool:
    """Whether path is a file that begins as a sealed one does: a quick look, for deciding what to make ahead
    of time, without reading files of megabytes through. read_sealed alone says whether it is to be used."""
    try:
        with path.open("rb") as opened:
            return not path.is_symlink() and opened.read(len(SEALED)) == SEALED
    except OSError:
        return False


def read_sealed(path: Path) -> bytes | None:
    """What write_sealed kept at path; None when there is nothing there this user's site_gen sealed."""
    try:
        if path.is_symlink():
            return None  # a kept file is never a shortcut: one could lead anywhere on this computer
        sealed = path.read_bytes()
    except OSError:
        return None
    return unseal(path.name, sealed)
