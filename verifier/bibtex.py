"""BibTeX parsing: entries (with offsets and lines) found anywhere in a text, LaTeX → Unicode.

bibtexparser v2's `Splitter` finds the blocks (it recovers from broken entries and skips prose
between them); we evaluate the field values ourselves (`@string` macros, month macros and `#`
concatenation) because its middlewares only resolve whole-value references.

>>> [e.key for e in parse_bibtex("See:\\n```bibtex\\n@article{k1, title={A {\\\\\\"o}}}\\n```")]
['k1']
"""

from __future__ import annotations

import logging
import re
import unicodedata
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field, replace

from verifier.identifiers import normalize_arxiv, normalize_doi, normalize_isbn
from verifier.normalize import MONTH_NAMES
from verifier.records import Author, Record

# The splitter logs every broken block as a warning; we report them as BadEntry instead.
logging.getLogger("bibtexparser.splitter").setLevel(logging.ERROR)

__all__ = [
    "BadEntry",
    "BibEntry",
    "iter_bibtex",
    "latex_to_unicode",
    "parse_bibtex",
    "split_authors",
]


@dataclass(frozen=True)
class BibEntry:
    """One BibTeX entry: `text[start:end]` is the whole "@type{key, ...}" block."""

    key: str
    type: str
    fields: dict[str, str]
    start: int
    end: int
    line: int
    # Field values before LaTeX conversion: names need their braces ("{World Health Organization}").
    raw_fields: dict[str, str] = field(default_factory=dict, repr=False, compare=False)

    def to_record(self, source: str | None = None) -> Record:
        """This entry as a `Record` (raises ValueError when it has no title).

        `source` defaults to "bibtex"; the id is then a content hash (BibTeX keys are not stable).
        """
        f = self.fields
        doi = normalize_doi(f["doi"], lower=False) if f.get("doi") else None
        arxiv = None
        eprint = f.get("eprint", "")
        prefix = (f.get("archiveprefix") or f.get("eprinttype") or "").lower()
        if eprint and (prefix == "arxiv" or "arxiv" in eprint.lower() or not prefix):
            arxiv = normalize_arxiv(eprint)
        url = f.get("url") or None
        if not arxiv and url and "arxiv.org" in url.lower():
            arxiv = normalize_arxiv(url)
        if not doi and url and "doi.org/" in url.lower():
            doi = normalize_doi(url, lower=False)
        if not arxiv and doi and doi.startswith("10.48550/arxiv."):
            arxiv = normalize_arxiv(doi.removeprefix("10.48550/arxiv."))
        isbn = normalize_isbn(f["isbn"]) if f.get("isbn") else None
        venue = f.get("journal") or f.get("booktitle") or f.get("journaltitle") or None
        if not venue and self.type in ("phdthesis", "mastersthesis", "techreport"):
            venue = f.get("school") or f.get("institution") or None
        return Record.create(
            title=f.get("title", ""),
            authors=split_authors(self.raw_fields.get("author") or f.get("author", "")),
            year=f.get("year") or f.get("date"),
            source=source or "bibtex",
            source_id=None,
            venue=venue,
            type=self.type,
            doi=doi,
            arxiv=arxiv,
            isbn=isbn,
            url=url,
            pages=f.get("pages") or None,
            abstract=f.get("abstract") or None,
        )


@dataclass(frozen=True)
class BadEntry:
    """A block that starts like an entry but cannot be parsed (reported, never raised)."""

    line: int
    message: str


# ---------------------------------------------------------------- names

_AND = re.compile(r"\s+and\s+", re.IGNORECASE)


def split_authors(value: str) -> list[Author]:
    """Split a BibTeX name list on top-level " and ", dropping "others" (et al.).

    "{Corporate Name}" (braced as a whole) stays one family name.

    >>> [a.full for a in split_authors("Jain, Sarthak and Byron C. Wallace and others")]
    ['Sarthak Jain', 'Byron C. Wallace']
    """
    out: list[Author] = []
    for raw in _split_top_level(value):
        name = raw.strip()
        if not name or name.lower() in ("others", "et al.", "et al"):
            continue
        if name.startswith("{") and name.endswith("}") and _balanced(name[1:-1]):
            # A braced name is one unit (an organisation): never split it into given/family.
            corp = latex_to_unicode(name[1:-1])
            if corp:
                out.append(Author("", corp))
            continue
        author = Author.parse(latex_to_unicode(name))
        if author.family or author.given:
            out.append(author)
    return out


def _split_top_level(value: str) -> list[str]:
    """Split on " and " outside braces (so "{Barnes and Noble}" stays whole)."""
    if "{" not in value:
        return _AND.split(value)
    parts, depth, last = [], 0, 0
    for m in re.finditer(r"[{}]|\s+and\s+", value, re.IGNORECASE):
        tok = m.group(0)
        if tok == "{":
            depth += 1
        elif tok == "}":
            depth = max(0, depth - 1)
        elif depth == 0:
            parts.append(value[last : m.start()])
            last = m.end()
    parts.append(value[last:])
    return parts


def _balanced(s: str) -> bool:
    depth = 0
    for c in s:
        if c == "{":
            depth += 1
        elif c == "}":
            depth -= 1
            if depth < 0:
                return False
    return depth == 0


# ---------------------------------------------------------------- LaTeX → Unicode

_ACCENTS = {
    "`": "\u0300",
    "'": "\u0301",
    "^": "\u0302",
    "~": "\u0303",
    "=": "\u0304",
    "u": "\u0306",
    ".": "\u0307",
    '"': "\u0308",
    "r": "\u030a",
    "H": "\u030b",
    "v": "\u030c",
    "d": "\u0323",
    "c": "\u0327",
    "k": "\u0328",
    "b": "\u0331",
    "t": "\u0361",
}
_SYMBOLS = {
    "ss": "ß",
    "o": "ø",
    "O": "Ø",
    "l": "ł",
    "L": "Ł",
    "ae": "æ",
    "AE": "Æ",
    "oe": "œ",
    "OE": "Œ",
    "aa": "å",
    "AA": "Å",
    "i": "ı",
    "j": "ȷ",
    "dh": "ð",
    "DH": "Ð",
    "th": "þ",
    "TH": "Þ",
    "ng": "ŋ",
    "NG": "Ŋ",
    "dj": "đ",
    "DJ": "Đ",
    "textendash": "–",
    "textemdash": "—",
    "textquoteright": "’",
    "textquoteleft": "‘",
    "textquotedblleft": "“",
    "textquotedblright": "”",
    "ldots": "…",
    "dots": "…",
    "textellipsis": "…",
    "S": "§",
    "P": "¶",
    "copyright": "©",
    "textregistered": "®",
    "texttrademark": "™",
    "pounds": "£",
    "euro": "€",
    "textbackslash": "\\",
    "textasciitilde": "~",
    "textunderscore": "_",
    "LaTeX": "LaTeX",
    "TeX": "TeX",
    "BibTeX": "BibTeX",
}
# Commands whose argument is dropped entirely (sorting hints).
_DROP_ARG = re.compile(r"\\(?:noopsort|nocite|sortkey|SortNoop)\s*\{[^{}]*\}")
# An accent command applied to one letter: \"o  \"{o}  {\"o}  \'{\i}  \c c  \v{s}.
_SYMBOL_ACCENT = re.compile(
    r"\\([`'^~=.\"])\s*(?:\{\s*(\\[ij](?![a-zA-Z])|[^{}\\\s])\s*\}|(\\[ij](?![a-zA-Z])|[^{}\\\s]))"
)
_LETTER_ACCENT = re.compile(
    r"\\([uvHrdckbt])(?![a-zA-Z])\s*(?:\{\s*(\\[ij](?![a-zA-Z])|[^{}\\\s])\s*\}|(\\[ij](?![a-zA-Z])|[a-zA-Z])(?![a-zA-Z]))"
)
_NAMED = re.compile(
    r"\\(" + "|".join(sorted(_SYMBOLS, key=len, reverse=True)) + r")(?![a-zA-Z])(?:\{\}|\s)?"
)
_ESCAPED = {"&": "&", "%": "%", "$": "$", "_": "_", "#": "#", "{": "{", "}": "}", " ": " "}
_ESCAPE_RE = re.compile(r"\\([&%$_#{} ])")
_HREF = re.compile(r"\\href\s*\{[^{}]*\}")
_COMMAND = re.compile(r"\\[a-zA-Z]+\*?\s*|\\\\|\\[^a-zA-Z]")
_MATH = re.compile(r"(?<!\\)\$\$?(.+?)(?<!\\)\$\$?", re.DOTALL)
_SPACE = re.compile(r"\s+")
# Private-use placeholders keep escaped characters and math out of the later passes.
_PUA = 0xF0000


def latex_to_unicode(value: str, *, verbatim: bool = False) -> str:
    r"""Plain Unicode for a BibTeX field value: accents, symbols, markup and braces resolved.

    Math (`$...$`) keeps its TeX source as text, without the dollar signs. With `verbatim`
    (URLs, DOIs) only braces and escaped characters are resolved.

    >>> latex_to_unicode(r"{\"O}zt{\"u}rk, \c{C}a\u{g}r{\i} -- \emph{Stra{\ss}e} $O(n^2)$")
    'Öztürk, Çağrı – Straße O(n^2)'
    """
    if "\\" not in value and "{" not in value and "$" not in value and "~" not in value:
        if "--" in value or "``" in value or "''" in value:
            value = _punctuation(value) if not verbatim else value
        return _SPACE.sub(" ", value).strip()
    kept: list[str] = []

    def keep(text: str) -> str:
        kept.append(text)
        return chr(_PUA + len(kept) - 1)

    s = _ESCAPE_RE.sub(lambda m: keep(_ESCAPED[m.group(1)]), value)
    if verbatim:
        s = s.replace("{", "").replace("}", "")
        return _restore(_SPACE.sub(" ", s).strip(), kept)
    s = _MATH.sub(lambda m: keep(m.group(1).strip()), s)
    s = _DROP_ARG.sub("", s)
    s = _HREF.sub("", s)
    s = _SYMBOL_ACCENT.sub(_accent, s)
    s = _LETTER_ACCENT.sub(_accent, s)
    s = _NAMED.sub(lambda m: _SYMBOLS[m.group(1)], s)
    # Any other command (\emph, \textit, \url, \mbox, \em ...) is dropped; its argument stays.
    s = _COMMAND.sub("", s)
    s = s.replace("{", "").replace("}", "").replace("~", " ")
    s = _punctuation(s)
    s = unicodedata.normalize("NFC", s)
    return _restore(_SPACE.sub(" ", s).strip(), kept)


def _accent(m: re.Match[str]) -> str:
    base = m.group(2) or m.group(3)
    base = {"\\i": "i", "\\j": "j"}.get(base, base)
    return unicodedata.normalize("NFC", base + _ACCENTS[m.group(1)])


def _punctuation(s: str) -> str:
    return s.replace("---", "—").replace("--", "–").replace("``", "“").replace("''", "”")


def _restore(s: str, kept: list[str]) -> str:
    if not kept:
        return s
    return "".join(kept[ord(c) - _PUA] if _PUA <= ord(c) < _PUA + len(kept) else c for c in s)


# ---------------------------------------------------------------- values and entries

MONTHS = {m[:3]: m.capitalize() for m in MONTH_NAMES}
# Fields that hold identifiers or links: no LaTeX typography applied to them.
_VERBATIM_FIELDS = frozenset({"url", "doi", "eprint", "file", "isbn", "issn", "pdf", "link"})
_KEY_OK = re.compile(r"[^\s,={}\"#%'()]+")
ENTRY_TYPES = frozenset(
    [
        "article",
        "book",
        "booklet",
        "conference",
        "inbook",
        "incollection",
        "inproceedings",
        "manual",
        "mastersthesis",
        "misc",
        "phdthesis",
        "proceedings",
        "techreport",
        "unpublished",
        "online",
        "electronic",
        "www",
        "thesis",
        "report",
        "dataset",
        "software",
        "patent",
        "collection",
        "mvbook",
        "reference",
        "periodical",
        "inreference",
        "webpage",
    ]
)
_BLOCK_HEAD = re.compile(r"@\s*(\w*)\s*([{(])")


def _is_code(raw: str) -> bool:
    """True for "@name(" blocks that are not BibTeX: Python decorators, CSS @media rules.

    Their failures are not reported: an answer with code in it is not a broken bibliography.
    """
    m = _BLOCK_HEAD.match(raw)
    return m is not None and m.group(2) == "(" and m.group(1).lower() not in ENTRY_TYPES


def _evaluate(raw: str, macros: dict[str, str]) -> str:
    """The value of a raw field: "{...}", "\"...\"", a number, a macro, or a `#` concatenation."""
    out = []
    for piece in _split_concat(raw):
        piece = piece.strip()
        if len(piece) >= 2 and (
            (piece[0] == "{" and piece[-1] == "}") or (piece[0] == '"' and piece[-1] == '"')
        ):
            out.append(piece[1:-1])
        elif piece:
            # Unknown macros keep their name: better than losing the value.
            out.append(macros.get(piece.lower(), piece))
    return "".join(out)


def _split_concat(raw: str) -> list[str]:
    if "#" not in raw:
        return [raw]
    parts, depth, quoted, last = [], 0, False, 0
    for i, c in enumerate(raw):
        if c == "{":
            depth += 1
        elif c == "}":
            depth -= 1
        elif c == '"' and depth == 0:
            quoted = not quoted
        elif c == "#" and depth == 0 and not quoted:
            parts.append(raw[last:i])
            last = i + 1
    parts.append(raw[last:])
    return parts


def parse_bibtex(text: str) -> list[BibEntry | BadEntry]:
    """All BibTeX entries in `text` (which may also hold prose), in text order.

    Broken entries (unbalanced braces, no key) come back as `BadEntry` with their line; the
    good entries around them are still returned. `@string` macros, month abbreviations and `#`
    concatenation are resolved; `@preamble` and `@comment` are skipped. Never raises.
    """
    return _parse_safe(text, dict(MONTHS), 0, 0)


def iter_bibtex(lines: Iterable[str], chunk_chars: int = 1 << 18) -> Iterator[BibEntry | BadEntry]:
    """Entries of a BibTeX text given line by line (with line ends), parsed in bounded chunks.

    Chunks are cut only before a line that starts with "@": the splitter itself ends any
    unfinished block there, so the result equals `parse_bibtex` on the whole text, while
    memory stays bounded by the chunk size. Offsets and lines refer to the whole text.
    """
    macros = dict(MONTHS)
    buf: list[str] = []
    size = 0
    base_line = 0
    base_offset = 0
    for line in lines:
        if size >= chunk_chars and line.lstrip().startswith("@"):
            text = "".join(buf)
            yield from _parse_safe(text, macros, base_line, base_offset)
            base_line += len(buf)
            base_offset += len(text)
            buf, size = [], 0
        buf.append(line)
        size += len(line)
    if buf:
        yield from _parse_safe("".join(buf), macros, base_line, base_offset)


def _parse_safe(
    text: str, macros: dict[str, str], base_line: int, base_offset: int
) -> list[BibEntry | BadEntry]:
    try:
        return _parse(text, macros, base_line, base_offset)
    except Exception as exc:  # bibtexparser re-raises its own internal errors; we must not.
        return [BadEntry(base_line + 1, f"BibTeX could not be parsed: {exc}")]


def _parse(
    text: str, macros: dict[str, str], base_line: int, base_offset: int
) -> list[BibEntry | BadEntry]:
    if "@" not in text:
        return []
    from bibtexparser.model import (
        DuplicateBlockKeyBlock,
        DuplicateFieldKeyBlock,
        Entry,
        ParsingFailedBlock,
        String,
    )
    from bibtexparser.splitter import Splitter

    library = Splitter(text).split()
    line_starts = [0] + [m.end() for m in re.finditer("\n", text)]
    out: list[BibEntry | BadEntry] = []
    for block in library.blocks:
        local_line = (block.start_line or 0) + 1
        line = base_line + local_line
        if isinstance(block, DuplicateBlockKeyBlock | DuplicateFieldKeyBlock):
            # Duplicate keys are an error for a bibliography manager, not for a verifier.
            block = block.ignore_error_block or block
        if isinstance(block, String):
            macros[block.key.strip().lower()] = _evaluate(block.value, macros)
        elif isinstance(block, Entry):
            entry = _entry(block, local_line, text, line_starts, macros)
            if isinstance(entry, BadEntry) and _is_code(block.raw or ""):
                continue
            if isinstance(entry, BibEntry) and (base_line or base_offset):
                entry = replace(
                    entry,
                    line=line,
                    start=entry.start + base_offset,
                    end=entry.end + base_offset,
                )
            elif isinstance(entry, BadEntry):
                entry = BadEntry(line, entry.message.replace(f"line {local_line}", f"line {line}"))
            out.append(entry)
        elif isinstance(block, ParsingFailedBlock):
            if _is_code(block.raw or ""):
                continue
            reason = getattr(block.error, "abort_reason", None) or str(block.error)
            out.append(BadEntry(line, f"malformed BibTeX entry at line {line}: {reason.strip()}"))
    return out


def _entry(
    block: object, line: int, text: str, line_starts: list[int], macros: dict[str, str]
) -> BibEntry | BadEntry:
    from bibtexparser.model import Entry

    assert isinstance(block, Entry)
    etype = block.entry_type.strip().lower()
    key = block.key.strip()
    if not etype:
        return BadEntry(line, f"malformed BibTeX entry at line {line}: no entry type after '@'")
    if not key or not _KEY_OK.fullmatch(key):
        return BadEntry(line, f"malformed BibTeX entry at line {line}: missing citation key")
    raw = block.raw or ""
    line_start = line_starts[min(line - 1, len(line_starts) - 1)]
    start = text.find(raw, line_start) if raw else -1
    if start < 0:  # Should not happen; fall back to the '@' on the entry's line.
        start = text.find("@", line_start)
        start = max(start, 0)
    end = start + len(raw)
    fields: dict[str, str] = {}
    raw_fields: dict[str, str] = {}
    for fld in block.fields:
        name = fld.key.strip().lower()
        if not name or name in fields:
            continue
        value = _evaluate(str(fld.value), macros)
        raw_fields[name] = value
        fields[name] = latex_to_unicode(value, verbatim=name in _VERBATIM_FIELDS)
    return BibEntry(key, etype, fields, start, end, line, raw_fields)
