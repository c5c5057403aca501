"""Text normalization shared by importers, the store, lookup and matching.

Everything here is pure and cheap: no heavy imports, so the fast `lookup` path can use it.
"""

from __future__ import annotations

import html
import re
import unicodedata

# Characters that NFKD does not decompose into an ASCII base letter.
_TRANSLIT = str.maketrans(
    {
        "ß": "ss",
        "æ": "ae",
        "Æ": "AE",
        "œ": "oe",
        "Œ": "OE",
        "ø": "o",
        "Ø": "O",
        "ł": "l",
        "Ł": "L",
        "đ": "d",
        "Đ": "D",
        "ð": "d",
        "ŋ": "ng",
        "ħ": "h",
        "þ": "th",
        "ı": "i",
        "‐": "-",
        "‑": "-",
        "‒": "-",
        "–": "-",
        "—": "-",
        "’": "'",
        "‘": "'",
        "“": '"',
        "”": '"',
    }
)
MONTH_NAMES = (
    "january february march april may june july august september october november december".split()
)
_LATEX_CMD = re.compile(r"\\(?:[a-zA-Z]+\*?|.)\s*")
_NON_WORD = re.compile(r"[\W_]+")
# Combining marks that NFKD splits off letters ("é" → "e" + U+0301).
_COMBINING = re.compile("[\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f]")
_SPACE = re.compile(r"\s+")
_TAG = re.compile(r"<[^>]{1,200}>")
_NEEDS_CLEANING = re.compile(r"[&<{}\n\t\r\xa0]|  ")


def clean_text(text: str) -> str:
    """Unescape HTML entities, drop markup tags and LaTeX braces, and collapse whitespace.

    >>> clean_text("The {BERT} model &amp; <i>friends</i>")
    'The BERT model & friends'
    """
    if not _NEEDS_CLEANING.search(text):
        return text.strip()
    text = html.unescape(text)
    text = _TAG.sub("", text)
    text = text.replace("{", "").replace("}", "")
    return _SPACE.sub(" ", text).strip()


def fold(text: str) -> str:
    """Case-fold and strip diacritics, keeping word characters and single spaces.

    >>> fold("Żółć — Ǹaïve {BERT}!")
    'zolc naive bert'
    """
    text = _LATEX_CMD.sub("", text) if "\\" in text else text
    text = text.casefold()
    if not text.isascii():
        text = unicodedata.normalize("NFKD", text.translate(_TRANSLIT))
        # Compatibility letters can decompose into ones the table maps ("ꟸ" → "Ħ" → "h").
        text = _COMBINING.sub("", text).casefold().translate(_TRANSLIT)
    return _NON_WORD.sub(" ", text).strip()


def title_key(title: str) -> str:
    """A key under which two spellings of the same title compare equal (no spaces).

    >>> title_key("Attention Is Not {E}xplanation.")
    'attentionisnotexplanation'
    """
    if title.isascii() and "\\" not in title:
        return _NON_WORD.sub("", title.casefold())
    return fold(title).replace(" ", "")
