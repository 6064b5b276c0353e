"""The quantity matcher as a spaCy component: ``doc.spans["quantities"]``."""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from pipeline import extensions


@Language.factory(
    "overclaim_quantities",
    assigns=["doc.spans", "span._.quantity"],
    default_config={"spans_key": "quantities"},
)
class QuantityMatcher:
    """Find every number-bearing expression with :func:`pipeline.quantities.find_quantities`.

    Each quantity becomes a span in ``doc.spans[spans_key]`` (expanded to token boundaries)
    whose ``span._.quantity`` holds the quantity dict; the dict keeps the exact character
    offsets, which need not fall on token boundaries.

    Args:
        spans_key: the ``doc.spans`` key to write.
    """

    def __init__(self, nlp: Language, name: str, spans_key: str = "quantities") -> None:
        extensions.register()
        self.name = name
        self.spans_key = spans_key

    def __call__(self, doc: Doc) -> Doc:
        from pipeline.quantities import find_quantities

        spans = []
        for quantity in find_quantities(doc.text):
            span = doc.char_span(quantity["start"], quantity["end"], alignment_mode="expand")
            if span is None:
                continue
            span._.quantity = quantity
            spans.append(span)
        doc.spans[self.spans_key] = spans
        return doc
