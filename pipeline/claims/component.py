"""spaCy component that turns the quantities of a Doc into numeric health claims.

Example:
    >>> import spacy
    >>> nlp = spacy.blank("en")
    >>> _ = nlp.add_pipe("sentencizer")
    >>> _ = nlp.add_pipe("overclaim_quantities")
    >>> _ = nlp.add_pipe("overclaim_claims")
    >>> _ = nlp.initialize()
    >>> doc = nlp("One in four adults has high blood pressure.")
    >>> [(c["id"], c["type"], c["quantity"]["text"]) for c in doc._.claims]
    [('c1', 'prevalence', 'One in four')]
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

from spacy.language import Language
from spacy.tokens import Doc

from pipeline.claims import ClaimModel, detect_claims, load_default
from pipeline.claims.context import article_contexts, sentence_groups
from pipeline.extensions import register
from pipeline.flags.design import detect_designs
from pipeline.linear import ModelIntegrityError

MODEL_FOLDER = "model"


@Language.factory(
    "overclaim_claims",
    assigns=["doc._.claims", "doc._.designs"],
    default_config={"spans_key": "quantities", "model_path": None},
)
class ClaimDetector:
    """Sets ``doc._.claims``: the claims among ``doc.spans[spans_key]``, ids ``c1``, ``c2``, ...

    Each quantity span carries its quantity dict in ``span._.quantity`` (character offsets
    into the Doc), as the ``overclaim_quantities`` component writes it. The sentence's
    ``sent._.strength`` (``None`` when no strength component ran) is copied onto its claims.
    The study designs named in the article give each sentence its typing context.

    Args:
        nlp: the pipeline.
        name: the component name.
        spans_key: the ``doc.spans`` key holding the quantity spans.
        model_path: a model folder to load now; ``None`` loads the shipped model at
            ``initialize()`` (or the model saved with the pipeline, at ``from_disk``).
    """

    def __init__(self, nlp: Language, name: str = "overclaim_claims", spans_key: str = "quantities",
                 model_path: str | None = None) -> None:
        register()
        if not spans_key:
            raise ValueError(f"{name}: spans_key must be a non-empty doc.spans key")
        self.name = name
        self.spans_key = spans_key
        self.model: ClaimModel | None = ClaimModel.load(model_path) if model_path else None

    def initialize(self, get_examples: Callable[[], Iterable[Any]] | None = None, *,
                   nlp: Language | None = None, model: Any = None) -> None:
        """Attach ``model`` (a :class:`~pipeline.claims.ClaimModel`), or the shipped model when
        none was given or loaded. (``Any`` because spaCy validates this signature with pydantic.)"""
        if model is not None:
            self.model = model
        elif self.model is None:
            self.model = _load_shipped(self.name)

    def __call__(self, doc: Doc) -> Doc:
        """Find the claims of one Doc."""
        if self.model is None:
            self.initialize()
        spans = doc.spans[self.spans_key] if self.spans_key in doc.spans else []
        if len(spans) and not doc.has_annotation("SENT_START") and len(doc) > 1:
            raise ValueError(f"{self.name}: the Doc has no sentence boundaries; add a sentencizer "
                             "(or overclaim_sentences) before this component")
        groups = sentence_groups(spans)
        doc._.designs = detect_designs(doc.text)  # the flagger reuses them
        contexts = article_contexts(doc.text, [(sent.start_char, sent.end_char) for sent, _ in groups], doc._.designs)
        claims = []
        for (sent, quantities), context in zip(groups, contexts):
            claims.extend(detect_claims(sent.text, quantities, sent_start=sent.start_char, strength=sent._.strength,
                                        model=self.model, context=context))
        doc._.claims = [{"id": f"c{i}", **claim} for i, claim in enumerate(claims, 1)]
        return doc

    def to_disk(self, path: str | Path, *, exclude: Iterable[str] = ()) -> None:
        """Save the model into ``path/model`` (so ``nlp.to_disk`` -> ``spacy.load`` round-trips)."""
        if self.model is None:
            self.initialize()
        assert self.model is not None
        self.model.save(Path(path) / MODEL_FOLDER)

    def from_disk(self, path: str | Path, *, exclude: Iterable[str] = ()) -> ClaimDetector:
        """Load the model saved by :meth:`to_disk`, verifying its checksums."""
        self.model = ClaimModel.load(Path(path) / MODEL_FOLDER)
        return self


def _load_shipped(name: str) -> ClaimModel:
    """The shipped model, with an error that says how to build it when it is missing."""
    try:
        return load_default()
    except (ModelIntegrityError, FileNotFoundError) as err:
        raise ModelIntegrityError(
            f"{name}: cannot load the claim model ({err}). Rebuild it with "
            "`overclaim train claims` or pass model_path in the component config."
        ) from err
