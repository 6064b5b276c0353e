"""spaCy component that labels the claim strength of every sentence.

Example:
    >>> import spacy
    >>> nlp = spacy.blank("en")
    >>> _ = nlp.add_pipe("sentencizer")
    >>> _ = nlp.add_pipe("overclaim_strength")
    >>> _ = nlp.initialize()
    >>> doc = nlp("Coffee is linked to a lower risk of gout. It may help prevent flares.")
    >>> [s._.strength for s in doc.sents]
    ['correlational', 'conditional_causal']
"""

from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import Any

from spacy.language import Language
from spacy.tokens import Doc
from spacy.util import minibatch

from pipeline.extensions import register
from pipeline.linear import ModelIntegrityError
from pipeline.strength import StrengthModel, load_default

MODEL_FOLDER = "model"


@Language.factory(
    "overclaim_strength",
    assigns=["span._.strength", "span._.strength_scores"],
    default_config={"batch_size": 256, "model_path": None},
)
class StrengthClassifier:
    """Sets ``sent._.strength`` and ``sent._.strength_scores`` for every sentence of a Doc.

    The Doc needs sentence boundaries (a sentencizer, parser or overclaim's segmenter runs
    before this component).

    Args:
        nlp: the pipeline.
        name: the component name.
        batch_size: documents per batch in :meth:`pipe`.
        model_path: a model folder to load now; ``None`` loads the shipped model at
            ``initialize()`` (or the model saved with the pipeline, at ``from_disk``).
    """

    def __init__(
        self,
        nlp: Language,
        name: str = "overclaim_strength",
        batch_size: int = 256,
        model_path: str | None = None,
    ):
        register()
        if batch_size < 1:
            raise ValueError(f"{name}: batch_size must be >= 1, got {batch_size}")
        self.name = name
        self.batch_size = batch_size
        self.model: StrengthModel | None = StrengthModel.load(model_path) if model_path else None

    def initialize(
        self,
        get_examples: Callable[[], Iterable[Any]] | None = None,
        *,
        nlp: Language | None = None,
        model: StrengthModel | None = None,
    ) -> None:
        """Attach ``model``, or the shipped model when none was given or loaded."""
        if model is not None:
            self.model = model
        elif self.model is None:
            self.model = _load_shipped(self.name)

    def _require_model(self) -> StrengthModel:
        if self.model is None:
            self.initialize()
        assert self.model is not None
        return self.model

    def __call__(self, doc: Doc) -> Doc:
        """Label one Doc."""
        self._label([doc])
        return doc

    def pipe(self, stream: Iterable[Doc], *, batch_size: int | None = None) -> Iterator[Doc]:
        """Label Docs in batches: one featurization and one matrix product per batch."""
        for docs in minibatch(stream, size=batch_size or self.batch_size):
            self._label(docs)
            yield from docs

    def _label(self, docs: list[Doc]) -> None:
        model = self._require_model()
        for doc in docs:
            if not doc.has_annotation("SENT_START") and len(doc) > 1:
                raise ValueError(
                    f"{self.name}: the Doc has no sentence boundaries; add a sentencizer "
                    "(or overclaim_sentences) before this component"
                )
        sents = [sent for doc in docs for sent in doc.sents]
        if not sents:
            return
        proba = model.proba([sent.text for sent in sents])
        classes = model.classes
        for sent, row in zip(sents, proba):
            best = int(row.argmax())
            sent._.strength = classes[best]
            sent._.strength_scores = {c: round(float(p), 4) for c, p in zip(classes, row)}

    def to_disk(self, path: str | Path, *, exclude: Iterable[str] = ()) -> None:
        """Save the model into ``path/model`` (so ``nlp.to_disk`` -> ``spacy.load`` round-trips)."""
        self._require_model().save(Path(path) / MODEL_FOLDER)

    def from_disk(self, path: str | Path, *, exclude: Iterable[str] = ()) -> "StrengthClassifier":
        """Load the model saved by :meth:`to_disk`, verifying its checksums."""
        self.model = StrengthModel.load(Path(path) / MODEL_FOLDER)
        return self


def _load_shipped(name: str) -> StrengthModel:
    """The shipped model, with an error that says how to build it when it is missing."""
    try:
        return load_default()
    except (ModelIntegrityError, FileNotFoundError) as err:
        raise ModelIntegrityError(
            f"{name}: cannot load the claim-strength model ({err}). Rebuild it with "
            "`overclaim train strength` or pass model_path in the component config."
        ) from err
