"""The whoosh engine behind :class:`~assistant.search.SearchIndex`: its schema, the batch
build (parallel parsing, segment writers), the fast BM25 ranker over its posting blocks, and
the reader. Every whoosh import in the product is in this package (a test checks it), so a
second engine can sit beside it without touching ``answer/`` or ``tui/``."""

# Bump when the schema or the stored layout changes: an incremental build then starts afresh.
# (Kept here, not in ``schema``, so that reading it does not import whoosh: the staleness
# check of a question from the shell runs while whoosh is still being imported.)
SCHEMA_VERSION = 9  # 9: what an answerer reads is gathered per build (harvest.py)
