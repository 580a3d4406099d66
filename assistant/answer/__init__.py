"""Answers: question -> evidence -> verdict + citations to the exact source lines.

>>> from assistant.search import Index                          # doctest: +SKIP
>>> with Index.open("index") as index:                          # doctest: +SKIP
...     answerer = Answerer(index)
...     answerer.ask("Can Power BI move my data out of geo?").verdict
'yes'
"""

from __future__ import annotations

from .answerer import Answerer, ask
from .quotes import quote_holds
from .weights import Weights

__all__ = ["Answerer", "Weights", "ask", "quote_holds"]
