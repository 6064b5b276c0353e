"""HTML mode on a small page written for the tests (trafilatura runs offline on the string)."""

import pytest

from pipeline.clean import clean_html

PARAGRAPHS = [
    "Researchers followed 4,000 adults in three cities for a decade to see whether regular sauna use was related to later heart disease.",
    "People who used a sauna four or more times a week had fewer heart attacks than those who went once a week, the team reported, although the study was observational and could not rule out other explanations.",
    "Sauna users in the study were also more likely to exercise and less likely to smoke, which may explain part of the difference, the authors wrote in their discussion of the results.",
    "Cardiologists not involved in the work said the findings were interesting but that nobody should take up sauna bathing as a treatment for heart disease on the strength of this study alone.",
]
PAGE = f"""<!DOCTYPE html><html><head>
<title>Sauna use and the heart | Example Health</title>
<meta property="og:title" content="Sauna use and the heart">
<meta name="author" content="Jane Doe">
<meta property="article:published_time" content="2024-03-04T08:00:00Z">
<link rel="canonical" href="https://health.example.org/sauna-heart">
</head><body>
<nav><ul><li><a href="/">Home</a></li><li><a href="/health">Health</a></li></ul></nav>
<article><h1>Sauna use and the heart</h1>
<p class="disclosure">Advertiser Disclosure: we may earn a commission when you buy through our links.</p>
{''.join(f'<p>{p}</p>' for p in PARAGRAPHS)}
<p>Sign up for our newsletter</p>
</article>
<footer><p>© 2024 Example Health. All rights reserved.</p></footer>
</body></html>"""


@pytest.fixture(scope="module")
def cleaned():
    return clean_html(PAGE)


def test_clean_html_keeps_the_article(cleaned):
    for paragraph in PARAGRAPHS:
        assert paragraph in cleaned.text


def test_clean_html_drops_disclosure_and_prompts(cleaned):
    assert "Advertiser Disclosure" not in cleaned.text
    assert "newsletter" not in cleaned.text
    assert "All rights reserved" not in cleaned.text


def test_clean_html_metadata(cleaned):
    assert cleaned.title == "Sauna use and the heart"
    assert cleaned.author == "Jane Doe"
    assert cleaned.published == "2024-03-04"
    assert cleaned.url == "https://health.example.org/sauna-heart"


def test_clean_html_given_url_wins():
    assert clean_html(PAGE, url="https://elsewhere.example/x").url == "https://elsewhere.example/x"


@pytest.mark.parametrize("html", ["", "   ", "<html></html>"])
def test_clean_html_empty_pages(html):
    cleaned = clean_html(html)
    assert cleaned.text == "" and cleaned.kept_chars == 0


def test_clean_html_press_release_end_is_cut():
    tail = [
        "###",
        "About the Harwood Institute for Heart Research",
        "The institute runs clinical trials in heart disease and trains 200 fellows a year.",
        "Media contact",
        "Sam Reyes, (555) 010-2030, press@harwood.example.org",
    ]
    page = PAGE.replace("</article>", "".join(f"<p>{line}</p>" for line in tail) + "</article>")
    cleaned = clean_html(page)
    for paragraph in PARAGRAPHS:
        assert paragraph in cleaned.text
    for line in tail[1:]:
        assert line not in cleaned.text
