"""The whoosh engine behind :class:`~assistant.search.SearchIndex`: its schema, the batch
build (parallel parsing, segment writers), the fast BM25 ranker over its posting blocks, and
the reader. Every whoosh import in the product is in this package (a test checks it), so a
second engine can sit beside it without touching ``answer/`` or ``tui/``."""
