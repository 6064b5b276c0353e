"""The overstatement flagger as a spaCy component: ``doc._.flags`` and ``doc._.designs``."""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from pipeline import extensions
from pipeline.flags.article import assess
from pipeline.flags.flagger import Sentence, flag_article
from pipeline.sentences import trimmed


@Language.factory(
    "overclaim_flagger",
    assigns=["doc._.flags", "doc._.designs", "doc._.assessment"],
    requires=["doc._.claims", "span._.strength"],
    default_config={},
)
class OverstatementFlagger:
    """Flag causal overstatement, cure language, uncontrolled efficacy, relative-only risks
    and animal-to-human leaps, with evidence spans and explanations (see ``flagger.py``)."""

    def __init__(self, nlp: Language, name: str) -> None:
        extensions.register()
        self.name = name

    def __call__(self, doc: Doc) -> Doc:
        sentences = [Sentence(*trimmed(sent), sent._.strength, sent._.strength_scores) for sent in doc.sents]
        designs, flags = flag_article(doc.text, sentences, doc._.claims or [], doc._.designs)
        doc._.designs = designs
        doc._.flags = flags
        doc._.assessment = assess(doc.text, designs, doc._.claims or [], flags)
        return doc
