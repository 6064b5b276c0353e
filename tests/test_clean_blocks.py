"""Blocks, block keys and folder-level counts."""

from pipeline.clean import block_key, folder_counts
from pipeline.clean.blocks import split_blocks


def test_clean_blocks_split_drops_blank_lines():
    assert split_blocks("  Title \n\n\nBody line.\n  \n") == ["Title", "Body line."]


def test_clean_blocks_key_folds_case_punctuation_and_digits():
    assert block_key("Views: 5,139") == block_key("VIEWS 12") == "views 0"
    assert block_key("---") == ""


def test_clean_blocks_folder_counts_documents_not_occurrences():
    counts = folder_counts(["Share\nShare\nBody one.", "Share\nBody two.", "Other"])
    assert counts[block_key("Share")] == 2
    assert counts[block_key("Body one.")] == 1
    assert block_key("Other") in counts
