"""Build ``sentences.jsonl`` from the hand-written batch files in ``src/``.

The batch files use a compact line format so that nobody types character offsets by
hand; this script finds every span in its sentence, computes ``start``/``end`` and
writes one JSON record per sentence. Run ``python validate.py`` afterwards.

Batch file format (UTF-8, records separated by blank lines, ``%%`` starts a comment line)::

    @split train
    N| Sentence text written by the annotator.
    q 27 percent | pct 27 dec eff
    q 2019 | other 2019 @year
    s int=a daily statin | out=heart attack | att=researchers at Leeds
    h may | at least

First record line: genre code (N news, P press, A abstract, B blog), ``|``, sentence.
``q SPAN | TOKENS``: SPAN is copied verbatim from the sentence; TOKENS are

* kind: ``pct ratio frac count diff p other``
* value: a bare number; ``LOW..HIGH`` for a range (value stays null)
* bound: ``ge`` (at_least), ``le`` (at_most), ``ab`` (about), ``up`` (up_to)
* direction: ``inc`` / ``dec``
* claim: ``eff saf ass prev``; or a non-claim role ``@date @year @dose @age @price
  @n (sample_size) @dur @phone @views @meas @ord @other``
* extras: ``ci=LOW,HIGH`` ``p=0.03`` ``u=unit_with_underscores`` ``from=X`` ``to=Y``
* ``#N``: take the N-th occurrence of SPAN when it occurs more than once.

``s`` gives slots (``pop int out cmp tf att``), ``h`` gives hedges, both ``|``-separated.

``@doc NAME`` starts an article-like group: the records after it, up to the next ``@doc``
line (``@doc -`` ends a group without starting one), get ``"doc": NAME`` and are read
together, in order, as one article (their sentences joined by spaces).
"""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
GENRES = {"N": "news", "P": "press", "A": "abstract", "B": "blog"}
KINDS = {"pct": "percent", "ratio": "ratio", "frac": "fraction", "count": "count",
         "diff": "difference", "p": "p_value", "other": "other"}
BOUNDS = {"ge": "at_least", "le": "at_most", "ab": "about", "up": "up_to"}
CLAIMS = {"eff": "efficacy", "saf": "safety", "ass": "association", "prev": "prevalence"}
ROLES = {"@date": "date", "@year": "year", "@dose": "dose", "@age": "age", "@price": "price",
         "@n": "sample_size", "@dur": "duration", "@phone": "phone", "@views": "views",
         "@meas": "measurement", "@ord": "ordinal", "@other": "other"}
SLOTS = {"pop": "population", "int": "intervention", "out": "outcome", "cmp": "comparator",
         "tf": "timeframe", "att": "attribution"}
NUMBER = re.compile(r"^-?\d+(\.\d+)?$")


class BuildError(ValueError):
    """A batch record that cannot be turned into a valid corpus record."""


def to_number(token: str) -> int | float:
    """Parse ``token`` as an int when it has no decimal point, else as a float."""
    if not NUMBER.match(token):
        raise BuildError(f"not a number: {token!r}")
    return float(token) if "." in token else int(token)


def occurrences(text: str, span: str) -> list[int]:
    """Return the start offsets of ``span`` in ``text`` that sit on token boundaries."""
    found = []
    start = text.find(span)
    while start != -1:
        end = start + len(span)
        before = text[start - 1] if start > 0 else " "
        after = text[end] if end < len(text) else " "
        glued_before = before.isalnum() and span[0].isalnum()
        glued_after = after.isalnum() and span[-1].isalnum()
        decimal_after = after in ".,·" and end + 1 < len(text) and text[end + 1].isdigit() \
            and span[-1].isdigit()
        decimal_before = before in ".,·" and start > 1 and text[start - 2].isdigit() \
            and span[0].isdigit()
        if not (glued_before or glued_after or decimal_after or decimal_before):
            found.append(start)
        start = text.find(span, start + 1)
    return found


def parse_quantity(text: str, line: str) -> dict:
    """Turn one ``q`` line into a quantity dict with offsets into ``text``."""
    span, _, tokens = line[2:].rpartition(" | ")
    if not span:
        raise BuildError(f"quantity line without ' | ': {line!r}")
    q: dict = {"text": span, "start": None, "end": None, "kind": None, "value": None,
               "low": None, "high": None, "bound": None, "direction": None,
               "claim": None, "role": None}
    nth = 1
    for tok in tokens.split():
        if tok in KINDS:
            q["kind"] = KINDS[tok]
        elif tok in BOUNDS:
            q["bound"] = BOUNDS[tok]
        elif tok in ("inc", "dec"):
            q["direction"] = "increase" if tok == "inc" else "decrease"
        elif tok in CLAIMS:
            q["claim"] = CLAIMS[tok]
        elif tok in ROLES:
            q["role"] = ROLES[tok]
        elif tok.startswith("#"):
            nth = int(tok[1:])
        elif tok.startswith("ci="):
            low, high = tok[3:].split(",")
            q["ci_low"], q["ci_high"] = to_number(low), to_number(high)
        elif tok.startswith("p="):
            q["p_value"] = to_number(tok[2:])
        elif tok.startswith("u="):
            q["unit"] = tok[2:].replace("_", " ")
        elif tok.startswith("from="):
            q["from_value"] = to_number(tok[5:])
        elif tok.startswith("to="):
            q["to_value"] = to_number(tok[3:])
        elif ".." in tok:
            low, high = tok.split("..")
            q["low"], q["high"] = to_number(low), to_number(high)
        elif tok == "-":
            q["value"] = None
        else:
            q["value"] = to_number(tok)
    if q["kind"] is None:
        raise BuildError(f"no kind in {line!r}")
    if (q["claim"] is None) == (q["role"] is None):
        raise BuildError(f"need exactly one of claim / role in {line!r}")
    if q["kind"] == "difference" and "from_value" in q and q["value"] is None:
        q["value"] = round(abs(q["to_value"] - q["from_value"]), 4)
    starts = occurrences(text, span)
    if not starts:
        raise BuildError(f"span {span!r} not found in {text!r}")
    if len(starts) > 1 and nth == 1 and "#1" not in tokens.split():
        raise BuildError(f"span {span!r} occurs {len(starts)} times; add #N")
    if nth > len(starts):
        raise BuildError(f"span {span!r} has no occurrence #{nth}")
    q["start"] = starts[nth - 1]
    q["end"] = q["start"] + len(span)
    return q


def parse_record(block: list[str], split: str, doc: str | None = None) -> dict:
    """Turn one record block (list of lines) into a corpus record without an id."""
    code, _, text = block[0].partition("| ")
    if code not in GENRES or not text:
        raise BuildError(f"bad first line {block[0]!r}")
    text = text.strip()
    record: dict = {"id": None, "split": split, "genre": GENRES[code], "text": text,
                    "quantities": [], "slots": {name: None for name in SLOTS.values()},
                    "hedges": []}
    if doc:
        record["doc"] = doc
    for line in block[1:]:
        if line.startswith("q "):
            record["quantities"].append(parse_quantity(text, line))
        elif line.startswith("s "):
            for part in line[2:].split(" | "):
                key, _, value = part.strip().partition("=")
                if key not in SLOTS or value not in text:
                    raise BuildError(f"bad slot {part!r} for {text!r}")
                record["slots"][SLOTS[key]] = value
        elif line.startswith("h "):
            for hedge in line[2:].split(" | "):
                hedge = hedge.strip()
                if hedge not in text:
                    raise BuildError(f"hedge {hedge!r} not in {text!r}")
                record["hedges"].append(hedge)
        else:
            raise BuildError(f"unknown line {line!r}")
    record["quantities"].sort(key=lambda q: q["start"])
    return record


def read_batch(path: Path) -> list[dict]:
    """Parse one batch file into records (ids are assigned later)."""
    split, doc = None, None
    records, block = [], []
    lines = path.read_text(encoding="utf-8").splitlines() + [""]
    for number, raw in enumerate(lines, 1):
        line = raw.rstrip()
        if line.startswith("%%"):
            continue
        if line.startswith("@split "):
            split = line.split()[1]
            continue
        if line.startswith("@doc "):
            name = line.split()[1]
            doc = None if name == "-" else name
            continue
        if line:
            block.append(line)
            continue
        if block:
            try:
                records.append(parse_record(block, split, doc))
            except BuildError as err:
                raise BuildError(f"{path.name} near line {number}: {err}") from None
            block = []
    return records


def main() -> int:
    """Build the corpus from every ``src/*.txt`` file: train batches first, then test."""
    records = []
    paths = sorted((HERE / "src").glob("*.txt"), key=lambda p: (p.name.startswith("test"), p.name))
    for path in paths:
        records.extend(read_batch(path))
    for index, record in enumerate(records, 1):
        record["id"] = f"c{index:04d}"
    with open(HERE / "sentences.jsonl", "w", encoding="utf-8") as out:
        for record in records:
            out.write(json.dumps(record, ensure_ascii=False) + "\n")
    print(f"wrote {len(records)} records to sentences.jsonl")
    return 0


if __name__ == "__main__":
    try:
        sys.exit(main())
    except BuildError as err:
        print(f"error: {err}", file=sys.stderr)
        sys.exit(1)
