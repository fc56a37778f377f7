"""Giving memory back to the system between big jobs."""

from __future__ import annotations


def give_back_memory() -> None:
    """Hand memory that is no longer used back to the system. The C allocator keeps what is freed for
    later, so a PDF worker that has laid out a hundred sheets (WeasyPrint's text layout allocates
    through C libraries), or a build that has just run MkDocs, would go on holding hundreds of
    megabytes while it waits for the rest of the build."""
    import ctypes
    import ctypes.util
    import gc

    gc.collect()
    library = ctypes.util.find_library("c")
    try:
        ctypes.CDLL(library).malloc_trim(0)
    except (OSError, AttributeError, TypeError):
        pass  # not the GNU C library: nothing to ask
