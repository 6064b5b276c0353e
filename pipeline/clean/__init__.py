"""Boilerplate stripping for scraped health articles, from HTML pages or plain-text dumps.

``clean_html`` runs trafilatura (never fetching anything) for the main text and metadata,
then overclaim's own block filter; ``clean_text`` labels the lines of a plain-text dump with
a learned block classifier smoothed over the document. Both return a :class:`Cleaned`
whose ``removed`` list says what was dropped and why.
"""

from pipeline.clean.blocks import block_key, folder_counts
from pipeline.clean.cleaned import Cleaned
from pipeline.clean.html import clean_html
from pipeline.clean.text import clean_text

__all__ = ["Cleaned", "block_key", "clean_html", "clean_text", "folder_counts"]
