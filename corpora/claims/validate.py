"""Validate the annotated claims corpus and print its counts (Python standard library only).

Usage::

    python validate.py [PATH_TO_sentences.jsonl] [--verbose]

Checks every record against the schema in README.md, every character offset, the
value/bound/range conventions, that every digit in a sentence is covered by an annotated
quantity (or is a confidence/p-value attached to one, or part of a name such as
"COVID-19"), that slots and hedges are substrings, and that no test-only topic term or
sentence text leaks into the train split. Exit code 0 when the corpus passes, 1 otherwise.
Number words outside quantity spans are reported as warnings (with ``--verbose``) for a
human to review; they do not fail the run.
"""

from __future__ import annotations

import json
import re
import sys
from collections import Counter
from pathlib import Path

TOP_KEYS = {"id", "split", "genre", "text", "quantities", "slots", "hedges"}
TOP_OPTIONAL = {"doc"}
DOC_ID = re.compile(r"[a-z0-9][a-z0-9_-]*")
Q_KEYS = {"text", "start", "end", "kind", "value", "low", "high", "bound", "direction",
          "claim", "role"}
Q_OPTIONAL = {"ci_low", "ci_high", "p_value", "unit", "from_value", "to_value"}
SPLITS = {"train", "test"}
GENRES = {"news", "press", "abstract", "blog"}
KINDS = {"percent", "ratio", "fraction", "count", "difference", "p_value", "other"}
BOUNDS = {None, "at_least", "at_most", "about", "up_to"}
DIRECTIONS = {None, "increase", "decrease"}
CLAIMS = {None, "efficacy", "safety", "association", "prevalence"}
ROLES = {None, "date", "year", "dose", "age", "price", "sample_size", "duration", "phone",
         "views", "measurement", "ordinal", "other"}
SLOT_KEYS = {"population", "intervention", "outcome", "comparator", "timeframe", "attribution"}

# Topics that occur only in the test split (see README "Split policy").
TEST_ONLY_TERMS = [
    "kidney", "dialysis", "glaucoma", "cataract", "macular", "psoriasis", "eczema", "acne",
    "hearing loss", "hearing aid", "tinnitus", "gout", "migraine", "tuberculosis", "malaria",
    "dengue", "cholera", "snakebite", "dental", "gum disease", "endometriosis", "polycystic",
    "PCOS", "menopaus", "HRT", "COPD", "Parkinson", "osteoporosis", "hip fracture", "ADHD",
    "peanut", "food allerg", "hay fever", "sepsis", "fatty liver", "hepatitis", "sickle cell",
    "lupus", "Crohn", "colitis", "Lyme", "heatwave", "microplastic", "night shift",
    "shift work", "rheumatoid", "anaemia", "anemia",
]

NUMBER = re.compile(r"\.?\d+(?:[.,·]\d+)*")
# Digits that belong to names, not quantities: B12, PM2.5, H5N1, COVID-19, type 2, phase 3.
NAME_PATTERNS = [
    re.compile(r"[A-Za-z]+\d[\w.]*"),
    re.compile(r"\b[A-Z][A-Za-z]*-\d+\w*"),  # COVID-19, GAD-7, PHQ-9, GLP-1, SF-36
    re.compile(r"\bomega-\d\b"),
    re.compile(r"\b[Tt]ype \d\b"),
    re.compile(r"\b[Pp]hase (?:\d|I{1,3})(?:/\d)?\b"),
    re.compile(r"\b[Ss]tage \d\b"),
    re.compile(r"\b\d+:\d+ (?:diet|fasting)"),
]
CI_LEVEL = re.compile(r"\b(?:90|95|99)(?:%| ?per ?cent| percent)(?: |, )?(?:CI|confidence|credible|CrI)")
NUMBER_WORDS = re.compile(
    r"\b(?:two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|twenty|thirty|forty|"
    r"fifty|sixty|seventy|eighty|ninety|hundreds?|thousands?|millions?|billions?|dozens?|"
    r"twice|thrice|double[ds]?|tripled?|halve[ds]?|half|thirds?|quarters?|fifths?|"
    r"\w+fold)\b", re.IGNORECASE)


def is_number(value: object) -> bool:
    """True for int/float (bool excluded)."""
    return isinstance(value, (int, float)) and not isinstance(value, bool)


def parse_numeral(token: str) -> float | None:
    """Parse a numeral as written (thousands commas, Lancet mid-dot, leading dot)."""
    token = token.replace("·", ".")
    if re.fullmatch(r"\d{1,3}(?:,\d{3})+(?:\.\d+)?", token):
        token = token.replace(",", "")
    try:
        return float(token)
    except ValueError:
        return None


def covered(start: int, end: int, spans: list[tuple[int, int]]) -> bool:
    """True when [start, end) lies inside one of ``spans``."""
    return any(s <= start and end <= e for s, e in spans)


def check_quantity(q: dict, text: str, where: str) -> list[str]:
    """Return the problems found in one quantity."""
    errors = []
    keys = set(q)
    if not Q_KEYS <= keys:
        return [f"{where}: missing keys {sorted(Q_KEYS - keys)}"]
    if keys - Q_KEYS - Q_OPTIONAL:
        errors.append(f"{where}: unknown keys {sorted(keys - Q_KEYS - Q_OPTIONAL)}")
    start, end = q["start"], q["end"]
    if not (isinstance(start, int) and isinstance(end, int) and 0 <= start < end <= len(text)):
        return errors + [f"{where}: bad offsets {start}-{end}"]
    if text[start:end] != q["text"]:
        errors.append(f"{where}: text[{start}:{end}]={text[start:end]!r} != {q['text']!r}")
    if q["text"] != q["text"].strip():
        errors.append(f"{where}: span has outer whitespace")
    if q["kind"] not in KINDS:
        errors.append(f"{where}: kind {q['kind']!r}")
    for key in ("value", "low", "high", "ci_low", "ci_high", "p_value", "from_value",
                "to_value"):
        if key in q and q[key] is not None and not is_number(q[key]):
            errors.append(f"{where}: {key} not a number")
    if q["bound"] not in BOUNDS:
        errors.append(f"{where}: bound {q['bound']!r}")
    if q["direction"] not in DIRECTIONS:
        errors.append(f"{where}: direction {q['direction']!r}")
    if q["claim"] not in CLAIMS:
        errors.append(f"{where}: claim {q['claim']!r}")
    if q["role"] not in ROLES:
        errors.append(f"{where}: role {q['role']!r}")
    if (q["claim"] is None) == (q["role"] is None):
        errors.append(f"{where}: exactly one of claim and role must be set")
    if (q["low"] is None) != (q["high"] is None):
        errors.append(f"{where}: low and high must be set together")
    if q["low"] is not None:
        if q["value"] is not None:
            errors.append(f"{where}: a range keeps value null")
        if is_number(q["low"]) and is_number(q["high"]) and q["low"] > q["high"]:
            errors.append(f"{where}: low > high")
    if ("ci_low" in q) != ("ci_high" in q):
        errors.append(f"{where}: ci_low and ci_high go together")
    elif "ci_low" in q and is_number(q["ci_low"]) and is_number(q["ci_high"]) \
            and q["ci_low"] > q["ci_high"]:
        errors.append(f"{where}: ci_low > ci_high")
    if ("from_value" in q) != ("to_value" in q):
        errors.append(f"{where}: from_value and to_value go together")
    elif "from_value" in q and is_number(q["value"]) and is_number(q["from_value"]) \
            and is_number(q["to_value"]):
        if abs(abs(q["to_value"] - q["from_value"]) - q["value"]) > 1e-3:
            errors.append(f"{where}: value != |to_value - from_value|")
    if "unit" in q and not (isinstance(q["unit"], str) and q["unit"]):
        errors.append(f"{where}: unit must be a non-empty string")
    value = q["value"]
    kind = q["kind"]
    if is_number(value):
        if kind in ("p_value", "fraction") and not 0 <= value <= 1:
            errors.append(f"{where}: {kind} value {value} outside [0, 1]")
        if kind == "count" and (value < 0 or value != int(value)):
            errors.append(f"{where}: count value {value} not a non-negative integer")
        if kind == "ratio" and value <= 0:
            errors.append(f"{where}: ratio value {value} not positive")
        if kind == "difference" and value < 0:
            errors.append(f"{where}: difference value must be the positive change")
    if "p_value" in q and is_number(q["p_value"]) and not 0 <= q["p_value"] <= 1:
        errors.append(f"{where}: p_value outside [0, 1]")
    return errors


def check_record(rec: dict, line_no: int) -> tuple[list[str], list[str]]:
    """Return (errors, warnings) for one record."""
    where = f"line {line_no} ({rec.get('id')})"
    keys = set(rec)
    if not TOP_KEYS <= keys <= TOP_KEYS | TOP_OPTIONAL:
        return [f"{where}: keys {sorted(keys)} != {sorted(TOP_KEYS)} (+ optional {sorted(TOP_OPTIONAL)})"], []
    errors: list[str] = []
    warnings: list[str] = []
    text = rec["text"]
    if not re.fullmatch(r"c\d{4,}", str(rec["id"])):
        errors.append(f"{where}: bad id")
    if rec["split"] not in SPLITS:
        errors.append(f"{where}: split {rec['split']!r}")
    if "doc" in rec and not (isinstance(rec["doc"], str) and DOC_ID.fullmatch(rec["doc"])):
        errors.append(f"{where}: doc {rec['doc']!r} is not a lowercase id")
    if rec["genre"] not in GENRES:
        errors.append(f"{where}: genre {rec['genre']!r}")
    if not isinstance(text, str) or not text.strip() or text != text.strip():
        return errors + [f"{where}: empty text or outer whitespace"], warnings
    if not isinstance(rec["quantities"], list) or not rec["quantities"]:
        errors.append(f"{where}: every sentence needs at least one quantity")
        return errors, warnings
    spans = []
    for i, q in enumerate(rec["quantities"]):
        if not isinstance(q, dict):
            errors.append(f"{where} q{i}: not an object")
            continue
        errors.extend(check_quantity(q, text, f"{where} q{i} {q.get('text')!r}"))
        if isinstance(q.get("start"), int) and isinstance(q.get("end"), int):
            spans.append((q["start"], q["end"]))
    ordered = sorted(spans)
    for (s1, e1), (s2, e2) in zip(ordered, ordered[1:]):
        if s2 < e1:
            errors.append(f"{where}: overlapping quantity spans {text[s1:e1]!r} {text[s2:e2]!r}")
    attached = {v for q in rec["quantities"] if isinstance(q, dict)
                for k, v in q.items() if k in ("ci_low", "ci_high", "p_value") and is_number(v)}
    name_spans = [m.span() for p in NAME_PATTERNS for m in p.finditer(text)]
    name_spans += [m.span() for m in CI_LEVEL.finditer(text)]
    for m in NUMBER.finditer(text):
        if covered(m.start(), m.end(), spans) or covered(m.start(), m.end(), name_spans):
            continue
        value = parse_numeral(m.group())
        if value is not None and any(abs(value - abs(a)) < 1e-9 for a in attached):
            continue
        errors.append(f"{where}: number {m.group()!r} at {m.start()} is not annotated")
    for m in NUMBER_WORDS.finditer(text):
        if not covered(m.start(), m.end(), spans):
            warnings.append(f"{where}: number word {m.group()!r} outside quantities: {text}")
    has_claim = any(isinstance(q, dict) and q.get("claim") for q in rec["quantities"])
    slots = rec["slots"]
    if not isinstance(slots, dict) or set(slots) != SLOT_KEYS:
        errors.append(f"{where}: slots must have exactly {sorted(SLOT_KEYS)}")
    else:
        for key, value in slots.items():
            if value is None:
                continue
            if not isinstance(value, str) or not value or value not in text:
                errors.append(f"{where}: slot {key}={value!r} is not a substring of text")
            elif not has_claim:
                errors.append(f"{where}: slot {key} set on a sentence without a claim")
        if has_claim and not any(slots.values()):
            warnings.append(f"{where}: claim sentence without any slot: {text}")
    hedges = rec["hedges"]
    if not isinstance(hedges, list):
        errors.append(f"{where}: hedges must be a list")
    else:
        for hedge in hedges:
            if not isinstance(hedge, str) or not hedge or hedge not in text:
                errors.append(f"{where}: hedge {hedge!r} is not a substring of text")
        if len(set(hedges)) != len(hedges):
            errors.append(f"{where}: duplicate hedges")
    return errors, warnings


def check_docs(records: list[dict]) -> list[str]:
    """Article groups: each ``doc`` id is one contiguous run of 2+ records in one split."""
    errors = []
    runs: list[tuple[str, list[dict]]] = []
    for rec in records:
        doc = rec.get("doc")
        if doc and runs and runs[-1][0] == doc:
            runs[-1][1].append(rec)
        elif doc:
            runs.append((doc, [rec]))
    seen = Counter(doc for doc, _ in runs)
    errors.extend(f"doc {doc}: not contiguous" for doc, n in seen.items() if n > 1)
    for doc, members in runs:
        if len(members) < 2:
            errors.append(f"doc {doc}: an article needs at least 2 sentences")
        if len({r["split"] for r in members}) > 1:
            errors.append(f"doc {doc}: sentences in more than one split")
    return errors


def sentence_type(rec: dict) -> str:
    """The sentence label: its claim types joined with '+', or 'non_claim'."""
    types = sorted({q["claim"] for q in rec["quantities"] if q.get("claim")})
    return "+".join(types) if types else "non_claim"


def print_counts(records: list[dict]) -> None:
    """Print counts per split, genre, sentence type, claim type, kind and role."""
    for split in ("train", "test", "all"):
        recs = [r for r in records if split == "all" or r["split"] == split]
        qs = [q for r in recs for q in r["quantities"]]
        words = [len(r["text"].split()) for r in recs]
        print(f"\n== {split}: {len(recs)} sentences, {len(qs)} quantities, "
              f"{sum(len(r['quantities']) >= 2 for r in recs)} with 2+ quantities, "
              f"{sum(bool(r['hedges']) for r in recs)} hedged, "
              f"words {min(words, default=0)}-{max(words, default=0)}")
        genre = Counter(r["genre"] for r in recs)
        print("genre:", dict(sorted(genre.items())))
        docs = {r["doc"] for r in recs if r.get("doc")}
        print(f"article groups: {len(docs)} with {sum(bool(r.get('doc')) for r in recs)} sentences")
        contains = Counter()
        for r in recs:
            types = {q["claim"] for q in r["quantities"] if q["claim"]}
            contains.update(types or {"non_claim"})
            if types and any(q["role"] for q in r["quantities"]):
                contains["mixed (claim + non-claim quantities)"] += 1
        print("sentences containing:",
              {k: f"{v} ({100 * v / max(len(recs), 1):.0f}%)" for k, v in sorted(contains.items())})
        print("sentence type:", dict(Counter(sentence_type(r) for r in recs).most_common()))
        print("quantity claim:", dict(Counter(q["claim"] or "none" for q in qs).most_common()))
        print("quantity kind:", dict(Counter(q["kind"] for q in qs).most_common()))
        print("quantity role:", dict(Counter(q["role"] for q in qs if q["role"]).most_common()))
        print("bound:", dict(Counter(q["bound"] for q in qs if q["bound"]).most_common()),
              "direction:", dict(Counter(q["direction"] for q in qs if q["direction"]).most_common()),
              "ranges:", sum(q["low"] is not None for q in qs),
              "with CI:", sum("ci_low" in q for q in qs))
        claim_recs = [r for r in recs if sentence_type(r) != "non_claim"]
        fill = {k: sum(r["slots"][k] is not None for r in claim_recs) for k in sorted(SLOT_KEYS)}
        print(f"slot fill over {len(claim_recs)} claim sentences:", fill)


def main(argv: list[str]) -> int:
    """Validate the corpus file given in ``argv`` (default: next to this script)."""
    verbose = "--verbose" in argv
    args = [a for a in argv if not a.startswith("--")]
    path = Path(args[0]) if args else Path(__file__).resolve().parent / "sentences.jsonl"
    errors: list[str] = []
    warnings: list[str] = []
    records = []
    with open(path, encoding="utf-8") as handle:
        for line_no, line in enumerate(handle, 1):
            try:
                rec = json.loads(line)
            except json.JSONDecodeError as err:
                errors.append(f"line {line_no}: invalid JSON ({err})")
                continue
            if not isinstance(rec, dict):
                errors.append(f"line {line_no}: not an object")
                continue
            errs, warns = check_record(rec, line_no)
            errors.extend(errs)
            warnings.extend(warns)
            if not errs:
                records.append(rec)
    ids = Counter(r["id"] for r in records)
    errors.extend(f"duplicate id {i}" for i, n in ids.items() if n > 1)
    errors.extend(check_docs(records))
    texts = Counter(r["text"] for r in records)
    errors.extend(f"duplicate text: {t}" for t, n in texts.items() if n > 1)
    for rec in records:
        if rec["split"] != "train":
            continue
        for term in TEST_ONLY_TERMS:
            if re.search(r"\b" + re.escape(term), rec["text"], re.IGNORECASE):
                errors.append(f"{rec['id']}: test-only term {term!r} in a train sentence")
    if records:
        print_counts(records)
    print(f"\n{len(warnings)} warnings (number words outside spans, claims without slots)"
          + ("" if verbose else "; run with --verbose to list them"))
    if verbose:
        for warning in warnings:
            print("WARN", warning)
    for error in errors:
        print("ERROR", error)
    print(f"{'FAIL' if errors else 'PASS'}: {len(records)} valid records, {len(errors)} errors")
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
