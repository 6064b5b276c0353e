"""Every Doc/Span extension overclaim uses, declared in one table.

Components call :func:`register` in their constructors; it only sets what is missing, so a
user's own extension of the same name is never overwritten.
"""

from __future__ import annotations

from spacy.tokens import Doc, Span

#: (class, attribute, default, meaning)
EXTENSIONS: tuple[tuple[type, str, object, str], ...] = (
    (Doc, "claims", None, "list of claim dicts (contract: Claim), set by overclaim_claims"),
    (Doc, "flags", None, "list of flag dicts (contract: Flag), set by overclaim_flagger"),
    (Doc, "designs", None, "list of study-design mentions {label, start, end, text}"),
    (Doc, "assessment", None, "article-level evidence report card (see pipeline/flags/article.py)"),
    (Span, "strength", None, "claim strength of a sentence: none|correlational|conditional_causal|direct_causal"),
    (Span, "strength_scores", None, "dict class -> probability from the strength classifier"),
    (Span, "quantity", None, "dict describing a quantity span (contract: Quantity)"),
)


def register() -> None:
    """Declare every extension that is not declared yet."""
    for cls, name, default, _ in EXTENSIONS:
        if not cls.has_extension(name):
            cls.set_extension(name, default=default)
