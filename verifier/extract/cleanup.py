"""Turn a reference as written (markdown, HTML, wrapped lines) into one plain line.

Only the parser sees the cleaned string; citation spans always point into the original text.
"""

from __future__ import annotations

import html
import re

from verifier.extract.inline import cited_families

# An HTML/XML tag, but not the "<c11:cxwmon>" inside a SICI-style DOI ("...(1926)547<c11:cxwmon>2.0.co;2").
_TAG = re.compile(r"(?<!\d)</?[a-zA-Z][^<>]{0,200}>|</?[a-zA-Z][^<>:]{0,200}>")
_MD_LINK = re.compile(
    r"\[([^\[\]\n]{1,500})\]\(\s*(<?[^()\s]{1,500}(?:\([^()\s]{0,100}\)[^()\s]{0,100})?>?)\s*(?:\"[^\"]{0,200}\")?\)"
)
_MD_EMPH = re.compile(r"(?<![\w*])(\*{1,3}|_{1,3})(?=\S)([^*_\n]{1,1000}?)(?<=\S)\1(?![\w*])")
_CODE = re.compile(r"`([^`\n]{1,500})`")
# A word broken at the end of a line: "classi-\nfication". Identifiers keep their hyphen.
_HYPHEN_BREAK = re.compile(r"(?<=[^\W\d_]{2})-[ \t]*\r?\n[ \t]*(?=[a-z])")
# A hyphenated name broken at its hyphen: "Warde-\nFarley".
_NAME_BREAK = re.compile(r"(?<=[^\W\d_]{2}-)[ \t]*\r?\n[ \t]*(?=[A-Z])")
# Typographic ligatures of text copied from a PDF ("ﬁeld").
_LIGATURES = str.maketrans(
    {"ﬀ": "ff", "ﬁ": "fi", "ﬂ": "fl", "ﬃ": "ffi", "ﬄ": "ffl", "ﬅ": "st", "ﬆ": "st"}
)
# A colon or dash set off by spaces between numbers, as PDFs lay them out ("162 : 1243 – 1248").
_LOOSE_NUMBERS = re.compile(r"(?<=\d) +(?::|[–—-](?=\s*\d+(?:[.,;)]|$))) +(?=\d)")
_SPACE = re.compile(r"\s+")
_NEEDS = re.compile(
    r"^\s*\||[<&*_`\[\n\r\t\xa0\ufb00-\ufb06]|\d [:–—-] \d|''|\su\.\s?a\.| [.,;](?: |$)|\. \. \.|\. — | // "
)
# A stop or comma set off by a space ("Hilbert Space . Cybernetics"): the tagger reads a lone
# "." as no sentence end.
_LOOSE_STOP = re.compile(r"(?<=[^\s.,;:]) +([.,;])(?= (?![A-Z]\.)|$)")
# Link texts that say nothing about the work: "[link](...)", "[Paper](...)", "[PDF](...)".
_GENERIC_LABELS = frozenset(
    (
        "link|paper|pdf|here|source|website|web|html|url|online|article|abstract|code|preprint|"
        "arxiv|doi|view|read more|full text|link to paper|open access"
    ).split("|")
)
# A bold label before a chat answer's reference ("**Key text:**", "**Classic:**"), unless it
# names a field ("**Title:** ...", read field by field).
_LEAD_LABEL = re.compile(r"^\s*(?:\*\*|__)([^*_:\n]{2,30}?)(?::\s*(?:\*\*|__)|(?:\*\*|__)\s*:)\s*")
_FIELD_WORDS = frozenset(
    "title author authors by year date published venue journal conference source book "
    "publisher pages volume issue doi url link".split()
)
_LATER_LABEL = re.compile(r"(?i:\b(?:" + "|".join(_FIELD_WORDS) + r")\b)\s*(?:\*\*|__)?\s*:")
_YEAR_CELL = re.compile(r"\(?(?:1[5-9]\d\d|20\d\d)[a-z]?\)?")
# DIN 1505's "et al." after the names: "SILVER, David u. a.: Mastering ..."
_UND_ANDERE = re.compile(r"(?<=\w)\s+u\.\s?a\.(?=\s*[:;,])")
# GB/T 7714's document-type codes after a title ("Deep learning[J]. Nature", "Title[C]//
# Proceedings ..."): the title ends there, and "//" introduces the work it is part of.
_GBT_TYPE = re.compile(r"\s*\[(?:[JCMDRNPSZAG]|EB|DB|CP)(?:/(?:OL|MT|DK|CD))?\]\s*(//)?\s*\.?\s*")


def _table_row(text: str) -> str:
    """A markdown table row alone ("| Vaswani et al. | 2017 | *Title* | NeurIPS |") as one
    reference: its cells in order, the year cell in parentheses after the first other cell."""
    cells = [c.strip().rstrip(".") for c in text.strip().strip("|").split("|")]
    cells = [c for c in cells if c and not set(c) <= set(":- ")]
    if len(cells) < 3 or _LATER_LABEL.search(text):
        return text
    years = [c for c in cells if _YEAR_CELL.fullmatch(c)]
    if len(years) == 1:
        cells.remove(years[0])
        # the names first ("| Title | Goodfellow et al. | NeurIPS | 2014 |"), with the year
        names = next((c for c in cells if cited_families(c)), cells[0])
        cells.remove(names)
        cells.insert(0, f"{names} ({years[0].strip('()')})")
    return ". ".join(cells) + "."


def is_generic_label(label: str) -> bool:
    """Whether a link's text says nothing about the work ("link", "[PDF]", "Read more")."""
    return label.strip(" *_[]()").lower() in _GENERIC_LABELS


def clean_reference(text: str) -> tuple[str, list[str]]:
    """Plain, single-line reference text and the link targets removed from markdown links.

    >>> clean_reference("**Smith, J.** (2020). *A [title](https://x.org/a)*. &amp; more")
    ('Smith, J. (2020). A title. & more', ['https://x.org/a'])
    """
    urls: list[str] = []
    if not _NEEDS.search(text):
        return text.strip(), urls
    if text.lstrip()[:1] == "|" and text.rstrip()[-1:] == "|":
        text = _table_row(text)
    if "\n" in text:
        text = _NAME_BREAK.sub("", _HYPHEN_BREAK.sub("", text))
    text = text.translate(_LIGATURES)
    text = _SPACE.sub(" ", text)
    if "<" in text:
        text = _TAG.sub("", text)
    if "&" in text:
        text = html.unescape(text)
    if "](" in text:

        def link(m: re.Match[str]) -> str:
            target = m.group(2).strip("<>")
            urls.append(target)
            label = m.group(1)
            if is_generic_label(label):
                return ""  # "[link](https://...)", "[PDF](...)": the target is all it says
            # "[https://doi.org/..](https://doi.org/..)": keep one copy
            return label

        text = _MD_LINK.sub(link, text)
    if "u." in text:
        text = _UND_ANDERE.sub(" et al.", text)
    if text.count(". — ") >= 2 or " // " in text:  # GOST's areas, "//" before the host work
        text = text.replace(". — ", ". ").replace(" // ", ". In: ")
    if "]" in text and _GBT_TYPE.search(text):
        text = _GBT_TYPE.sub(lambda m: ". In: " if m.group(1) else ". ", text)
    if (m := _LEAD_LABEL.match(text)) and (
        m.group(1).strip().lower() not in _FIELD_WORDS or not _LATER_LABEL.search(text, m.end())
    ):
        # "**Key text:** Angrist & Pischke, ...", "**Book:** Thaler, R. H., ...": a label, and
        # no field of a labelled reference ("**Title:** ... **Authors:** ...")
        text = text[m.end() :]
    if "``" in text:  # LaTeX quotes
        text = text.replace("``", "“").replace("''", "”")
    if "`" in text:
        text = _CODE.sub(r"\1", text)
    if "*" in text or "_" in text:
        text = _MD_EMPH.sub(r"\2", text)
        text = text.replace("**", "")
    text = _SPACE.sub(" ", text.replace("\xa0", " ").replace(". . .", "…"))  # APA's ellipsis
    if " " in text:
        text = _LOOSE_NUMBERS.sub(lambda m: m.group().strip(), _LOOSE_STOP.sub(r"\1", text))
    return text.strip(), urls
