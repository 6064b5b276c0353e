"""Numeric health claims: which quantities are claims, of which type, and their slots.

For each quantity of a sentence (found by :func:`pipeline.quantities.find_quantities`),
exact rules first rule out dates, years, prices, doses, ages, phone numbers and page views
(and type a number needed to treat or harm); a linear classifier over features of the
quantity and its sentence (study-design, intervention, harm, side-effect and prevalence cues,
the words around the number, the other side of a comparison) then says
``none`` / ``efficacy`` / ``safety`` / ``association`` / ``prevalence``. In an article, the
study designs it names (:mod:`pipeline.claims.context`) are features too, so that the design
decides between association and efficacy. Every claim gets its
slots (population, intervention, outcome, comparator, timeframe, attribution) and hedges as
exact text of its sentence.
"""

from __future__ import annotations

from functools import lru_cache

from pipeline.claims.model import NONE, ClaimModel
from pipeline.claims.slots import extract_slots, find_hedges
from pipeline.paths import model_dir

__all__ = ["ClaimModel", "detect_claims", "load_default", "default_model_path"]

#: the contract's Quantity fields, copied onto each claim's ``quantity``
QUANTITY_FIELDS = ("text", "start", "end", "kind", "value", "low", "high", "bound", "direction")
#: optional Quantity fields, copied when the grammar gives them
QUANTITY_EXTRAS = ("unit", "ci_low", "ci_high", "ci_level", "p_value", "p_bound", "from_value", "to_value")


def default_model_path():
    """The shipped claim model folder (``models/claims`` of the repository)."""
    return model_dir("claims")


@lru_cache(maxsize=1)
def load_default() -> ClaimModel:
    """The shipped claim model, loaded once per process.

    Raises:
        FileNotFoundError: the model folder is missing (train it with ``overclaim train claims``).
    """
    path = default_model_path()
    if not (path / "meta.json").is_file():
        raise FileNotFoundError(f"no claim model at {path}; build it with 'overclaim train claims'")
    return ClaimModel.load(path)


def detect_claims(
    sentence: str,
    quantities: list[dict],
    *,
    sent_start: int = 0,
    strength: str | None = None,
    model: ClaimModel | None = None,
    context: dict[str, float] | None = None,
) -> list[dict]:
    """The claims of one sentence.

    Args:
        sentence: the sentence text.
        quantities: quantity dicts as :func:`~pipeline.quantities.find_quantities` returns them
            for this sentence; their ``start``/``end`` index into ``sentence``.
        sent_start: offset of the sentence in the document; added to every offset returned.
        strength: the sentence's claim strength, copied onto each claim.
        model: the claim model; :func:`load_default` when ``None``.
        context: the sentence's article design context from
            :func:`pipeline.claims.context.article_contexts`; ``None`` for a sentence seen alone.

    Returns:
        Contract Claim dicts without ``id``, in quantity order; non-claims are dropped. Each
        has ``type``, ``sentence``, ``start``, ``end``, ``quantity``, ``strength``, the six
        slots, ``hedges`` and ``score`` (the classifier's confidence in ``type``).
    """
    if not quantities:
        return []
    model = model or load_default()
    claims = []
    memo: dict = {}
    for quantity, decision in zip(quantities, model.classify(sentence, quantities, context)):
        if decision.label == NONE:
            continue
        slots = extract_slots(sentence, quantity, memo=memo)
        claims.append({
            "type": decision.label,
            "sentence": sentence,
            "start": sent_start,
            "end": sent_start + len(sentence),
            "quantity": contract_quantity(quantity, sent_start),
            "strength": strength,
            **slots,
            "hedges": find_hedges(sentence, quantity),
            "score": round(decision.score, 4),
        })
    return claims


def contract_quantity(quantity: dict, offset: int = 0) -> dict:
    """The contract's Quantity dict for a grammar quantity, offsets shifted by ``offset``."""
    out = {name: quantity.get(name) for name in QUANTITY_FIELDS}
    out["start"] = quantity["start"] + offset
    out["end"] = quantity["end"] + offset
    for name in QUANTITY_EXTRAS:
        if quantity.get(name) is not None:
            out[name] = quantity[name]
    return out
