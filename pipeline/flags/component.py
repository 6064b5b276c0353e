"""The overstatement flagger as a spaCy component: ``doc._.flags`` and ``doc._.designs``."""

from __future__ import annotations

from pathlib import Path

from spacy.language import Language
from spacy.tokens import Doc

from pipeline import extensions
from pipeline.flags.article import assess
from pipeline.flags.design import detect_designs
from pipeline.flags.flagger import Sentence, build_context, flag_article
from pipeline.flags.model import FlagModel, model_flags
from pipeline.linear import SUMS
from pipeline.paths import model_dir

#: the folder of the shipped flag model under ``models/``
MODEL_NAME = "flags"


@Language.factory(
    "overclaim_flagger",
    assigns=["doc._.flags", "doc._.designs", "doc._.assessment"],
    requires=["doc._.claims", "span._.strength"],
    default_config={"model_path": None, "use_model": True},
)
class OverstatementFlagger:
    """Flag causal overstatement, cure language, uncontrolled efficacy, relative-only risks
    and animal-to-human leaps, with evidence spans and explanations.

    The rules of ``flagger.py`` always run. When a flag model is available (``model_path``,
    else the shipped ``models/flags`` if present) and ``use_model`` is true, the model decides
    which flags are emitted, with the rules' verdicts among its features (see ``model.py``);
    otherwise the rule flags are emitted as they are.

    Args:
        nlp: the pipeline.
        name: the component name.
        model_path: a flag model folder; ``None`` uses ``models/flags`` when it exists.
        use_model: ``False`` emits the rule flags only.
    """

    def __init__(self, nlp: Language, name: str, model_path: str | None = None, use_model: bool = True) -> None:
        extensions.register()
        self.name = name
        self.model = load_model(Path(model_path) if model_path else None) if use_model else None

    def __call__(self, doc: Doc) -> Doc:
        sentences = [Sentence.of(sent) for sent in doc.sents]
        claims = doc._.claims or []
        designs = detect_designs(doc.text) if doc._.designs is None else doc._.designs
        context = build_context(doc.text, sentences, designs, claims)  # one for the rules and the model
        designs, flags = flag_article(doc.text, sentences, claims, designs, context)
        if self.model is not None:
            flags = model_flags(self.model, doc.text, sentences, claims, designs, flags, context)
        doc._.designs = designs
        doc._.flags = flags
        doc._.assessment = assess(doc.text, designs, claims, flags)
        return doc


def load_model(path: Path | None = None) -> FlagModel | None:
    """The flag model at ``path`` (checksums verified), or the shipped one; ``None`` when no
    ``path`` was given and ``models/flags`` holds no model."""
    if path is not None:
        return FlagModel.load(path)
    shipped = model_dir(MODEL_NAME)
    return FlagModel.load(shipped) if (shipped / SUMS).is_file() else None
