"""Title, byline and date lines."""

import pytest

from pipeline.clean.metadata import byline_author, date_of_line, parse_date, strip_site_suffix


@pytest.mark.parametrize(
    ("line", "author"),
    [
        ("By Lee Johnson", "Lee Johnson"),
        ("by Christian Roth", "Christian Roth"),
        ("By Hannah Lutz, Staff Writer", "Hannah Lutz"),
        ("Written by Colin Avery", "Colin Avery"),
        ("By the way, this works", None),
        ("Bypass surgery is common", None),
    ],
)
def test_clean_metadata_byline(line, author):
    assert byline_author(line) == author


@pytest.mark.parametrize(
    ("line", "date"),
    [
        ("Updated: Feb 11, 2024", "2024-02-11"),
        ("Published Oct 12, 2023 at 6:30 a.m.", "2023-10-12"),
        ("Last updated on 14 February 2025", "2025-02-14"),
        ("2024-02-11", "2024-02-11"),
        ("Sept. 3, 2021", "2021-09-03"),
        ("The trial ran from March 2020 to the end of the year and enrolled 400 people.", None),
    ],
)
def test_clean_metadata_date_line(line, date):
    assert date_of_line(line) == date


def test_clean_metadata_parse_date_rejects_impossible_dates():
    assert parse_date("Feb 31, 2024") is None


def test_clean_metadata_strip_site_suffix():
    assert strip_site_suffix("Flu shots and the heart | The Riverside Daily") == "Flu shots and the heart"
    assert strip_site_suffix("Statins: what to know") == "Statins: what to know"
