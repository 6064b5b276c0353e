"""Sentence segmentation for news text: paragraph breaks, terminal punctuation, abbreviations.

spaCy's rule ``sentencizer`` splits after every terminal token; news and abstracts need a
little more: "Dr." and "et al." do not end sentences, a quote or bracket after the full stop
stays with its sentence, a blank line always ends one (headlines have no full stop), and
"95% CI 1.2-2.6)." keeps its closing bracket.
"""

from __future__ import annotations

import json
from pathlib import Path

from spacy.language import Language
from spacy.tokens import Doc

DATA = Path(__file__).parent / "data" / "sentences.json"


@Language.factory(
    "overclaim_sentences",
    assigns=["token.is_sent_start"],
    default_config={"abbreviations": None},
)
class SentenceSegmenter:
    """Set ``token.is_sent_start`` on every token.

    Args:
        abbreviations: lowercase abbreviations (without the final dot) that never end a
            sentence; ``None`` uses the packaged list in ``data/sentences.json``.
    """

    def __init__(self, nlp: Language, name: str, abbreviations: list[str] | None = None) -> None:
        rules = json.loads(DATA.read_text(encoding="utf-8"))
        self.name = name
        self.abbreviations = frozenset(abbreviations if abbreviations is not None else rules["abbreviations"])
        self.terminal = frozenset(rules["terminal"])
        self.closing = frozenset(rules["closing"])

    def __call__(self, doc: Doc) -> Doc:
        starts = [False] * len(doc)
        if len(doc):
            starts[0] = True
        boundary = False
        for i, token in enumerate(doc):
            text = token.text
            if token.is_space and "\n" in text:
                boundary = True
                continue
            if boundary and text in self.closing and i and not doc[i - 1].whitespace_:
                continue  # a closing quote or bracket stays with the sentence it closes
            if boundary and not token.is_space:
                starts[i] = True
                boundary = False
            if text in self.terminal or (text.endswith(".") and len(text) > 1):
                boundary = self._ends_sentence(token)
        for token, start in zip(doc, starts):
            token.is_sent_start = start
        return doc

    def _ends_sentence(self, token) -> bool:  # noqa: ANN001 - spaCy Token
        """Whether a terminal token really ends its sentence."""
        text = token.text
        if text in self.terminal and text != ".":
            return True
        doc = token.doc
        word = text[:-1] if text.endswith(".") and text != "." else (doc[token.i - 1].text if token.i else "")
        if word.lower().rstrip(".") in self.abbreviations:
            nxt = doc[token.i + 1] if token.i + 1 < len(doc) else None
            # an abbreviation ends a sentence only before a paragraph break
            return nxt is None or ("\n" in nxt.text)
        if text != "." and not text.endswith("..") and text[:-1].replace(".", "").isalpha() and len(text) <= 5:
            # tokens like "U.S." or "a.m." carry their own dot
            nxt = doc[token.i + 1] if token.i + 1 < len(doc) else None
            return nxt is None or nxt.is_space or nxt.text[:1].isupper() and token.text[:1].islower()
        nxt = doc[token.i + 1] if token.i + 1 < len(doc) else None
        while nxt is not None and nxt.text in self.closing:
            nxt = doc[nxt.i + 1] if nxt.i + 1 < len(doc) else None
        if nxt is None:
            return True
        first = nxt.text[:1]
        return not first.islower() or nxt.is_space


def trimmed(span) -> tuple[int, int]:  # noqa: ANN001 - spaCy Span
    """Character offsets of a sentence without its surrounding whitespace."""
    text = span.text
    start = span.start_char + (len(text) - len(text.lstrip()))
    end = span.start_char + len(text.rstrip())
    return start, max(start, end)
