"""Rendering HTML to a plain-text dump."""

from pipeline.clean.render import html_to_text

PAGE = """<html><head><title>Page title</title><style>p {color: red}</style></head>
<body><nav><a href="/">Home</a> <a href="/news">News</a></nav>
<script>var x = 1;</script>
<h1>Headline</h1><p>First <b>bold</b> paragraph, with a <a href="#">link</a>.</p>
<ul><li>One</li><li>Two</li></ul><div hidden>secret</div></body></html>"""


def test_clean_render_layout_and_invisible_content():
    text = html_to_text(PAGE)
    assert text.splitlines() == [
        "Page title", "", "Home News", "", "Headline", "",
        "First bold paragraph, with a link.", "", "One", "Two",
    ]


def test_clean_render_empty_input():
    assert html_to_text("   ") == ""
