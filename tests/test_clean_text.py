"""Text mode on small dumps written for the tests."""

from pathlib import Path

import pytest

from pipeline.clean import Cleaned, block_key, clean_text, folder_counts

BODY = [
    "Doctors have long debated whether a daily aspirin protects older adults from a first heart attack.",
    "In a trial of 19,000 people over 70, those given aspirin had no fewer heart attacks than those given a placebo, and they had more serious bleeding.",
    "Guidelines now advise most healthy older adults not to start taking aspirin for prevention, although people who have already had a heart attack should keep taking it.",
    "Anyone who takes aspirin every day should talk to a doctor before stopping, the researchers said.",
]
DUMP = "\n".join(
    [
        "Aspirin for older adults: new advice | Example Health News",
        "Skip to content",
        "Home",
        "Health",
        "This article contains affiliate links. We may earn a commission at no extra cost to you.",
        "Aspirin for older adults: new advice",
        "By Jane Doe",
        "Published March 4, 2024",
        "Share",
        *BODY,
        "Share this article",
        "Sign up for our newsletter",
        "Get the latest health news in your inbox.",
        "Leave a comment",
        "© 2024 Example Health News. All rights reserved.",
    ]
)


@pytest.fixture(scope="module")
def cleaned() -> Cleaned:
    return clean_text(DUMP)


def test_clean_text_keeps_the_body_whole(cleaned):
    assert cleaned.text == "\n\n".join(BODY)


def test_clean_text_metadata(cleaned):
    assert cleaned.title == "Aspirin for older adults: new advice"
    assert cleaned.author == "Jane Doe"
    assert cleaned.published == "2024-03-04"


@pytest.mark.parametrize(
    ("fragment", "reason"),
    [
        ("This article contains affiliate links", "advertiser_disclosure"),
        ("By Jane Doe", "byline"),
        ("Published March 4, 2024", "date"),
        ("Sign up for our newsletter", "newsletter"),
        ("Leave a comment", "comments"),
        ("Share this article", "share"),
    ],
)
def test_clean_text_removed_blocks_carry_a_reason(cleaned, fragment, reason):
    assert {"text": next(r["text"] for r in cleaned.removed if r["text"].startswith(fragment)),
            "reason": reason} in cleaned.removed


def test_clean_text_boilerplate_field_counts_characters(cleaned):
    field = cleaned.boilerplate()
    assert field["kept_chars"] == sum(map(len, BODY))
    assert field["removed_chars"] == sum(len(r["text"]) for r in cleaned.removed)
    assert field["removed"] == cleaned.removed


def test_clean_text_empty_input():
    cleaned = clean_text("  \n\n ")
    assert cleaned.text == "" and cleaned.removed == [] and cleaned.kept_chars == 0


def test_clean_text_folder_repetition_removes_site_blocks():
    site_line = "Our clinic is open Monday to Friday and answers calls within one working day, every week of the year."
    docs = [DUMP.replace("Leave a comment", site_line), "Other page\n" + site_line, "Third page\n" + site_line]
    counts = folder_counts(docs)
    assert counts[block_key(site_line)] == 3
    cleaned = clean_text(docs[0], repeated=counts, n_docs=len(docs))
    assert {"text": site_line, "reason": "repeated_across_folder"} in cleaned.removed
    assert cleaned.text == "\n\n".join(BODY)


def test_clean_text_duplicate_documents_are_not_emptied():
    counts = folder_counts([DUMP, DUMP])
    assert clean_text(DUMP, repeated=counts, n_docs=2).text == "\n\n".join(BODY)


SEED = Path(__file__).resolve().parents[2] / "shared" / "examples" / "liberation-therapy-ms.txt"


@pytest.mark.skipif(not SEED.is_file(), reason="needs ../shared (the seed article)")
def test_clean_text_seed_article():
    cleaned = clean_text(SEED.read_text(encoding="utf-8"))
    assert cleaned.text.startswith("The benefits of liberation therapy for multiple sclerosis are")
    assert cleaned.text.endswith("depending on the specific location within the brain that is affected.")
    assert cleaned.text.count("\n\n") == 4
    assert (cleaned.title, cleaned.author, cleaned.published) == (
        "What Are the Benefits of Liberation Therapy for Multiple Sclerosis?", "Lee Johnson", "2024-02-11")
    for junk in ("Advertiser Disclosure", "How We Make Money", "Our Promise", "Views", "Share",
                 "editorial process", "in your inbox", "https://", "Over the years"):
        assert junk not in cleaned.text


def test_clean_text_comment_section_is_cut_whole():
    comments = [
        "Comments (2)",
        "Gina R.: I tried this for a month and my knees have never felt better, honestly amazing stuff!",
        "Paul: Thanks for writing this, I will share it with my mother who has the same problem.",
    ]
    cleaned = clean_text("\n".join(["Aspirin for older adults: new advice", "Share", *BODY, *comments]))
    assert cleaned.text == "\n\n".join(BODY)
    reasons = {item["text"]: item["reason"] for item in cleaned.removed}
    assert reasons[comments[0]] == "comments"


@pytest.mark.parametrize("dump", ["—\n***\n...", "x", "🙂 😀\n東京", "Hello\u2028world\nİstanbul ŞEHİR"])
def test_clean_text_odd_documents(dump):
    cleaned = clean_text(dump)
    blocks = [line.strip() for line in dump.splitlines() if line.strip()]
    assert cleaned.kept_chars + cleaned.removed_chars == sum(map(len, blocks))
