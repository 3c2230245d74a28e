"""newsfix: detect, clean, repair and translate damaged news text, with provenance."""

from newsfix._version import __version__

__all__ = ["__version__"]
