"""The one place whoosh is imported (the engine stays swappable behind ``assistant.search``).

whoosh 2.7.4 predates Python 3.12's escape-sequence rules and prints SyntaxWarnings (and a
DeprecationWarning or two) while its modules compile; users must never see them.
"""

from __future__ import annotations

import warnings

with warnings.catch_warnings():
    warnings.simplefilter("ignore", SyntaxWarning)
    warnings.simplefilter("ignore", DeprecationWarning)
    from whoosh import fields, index, query, scoring
    from whoosh.analysis import STOP_WORDS, StemmingAnalyzer
    from whoosh.analysis.tokenizers import default_pattern as TOKEN_PATTERN  # noqa: N811
    from whoosh.codec.whoosh3 import LENGTHS_COLUMN, W3Codec
    from whoosh.filedb.filestore import FileStorage
    from whoosh.index import EmptyIndexError
    from whoosh.lang.porter import stem as porter_stem
    from whoosh.system import pack_uint
    from whoosh.util.numeric import byte_to_length
    from whoosh.writing import SegmentWriter

__all__ = [
    "LENGTHS_COLUMN",
    "EmptyIndexError",
    "FileStorage",
    "SegmentWriter",
    "STOP_WORDS",
    "TOKEN_PATTERN",
    "StemmingAnalyzer",
    "W3Codec",
    "byte_to_length",
    "fields",
    "index",
    "pack_uint",
    "porter_stem",
    "query",
    "scoring",
]
