"""Venue names: one conference or journal under its many spellings.

A venue is written "NeurIPS", "NIPS", "Advances in Neural Information Processing Systems 34",
"Proc. of NeurIPS 2021"; the ACL Anthology writes "Proceedings of the 61st Annual Meeting of the
Association for Computational Linguistics (Volume 1: Long Papers)" where a reference says
"ACL 2023". `venue_keys` maps any of these to the canonical keys of the venues it names (a joint
event such as "ACL-IJCNLP" names two), `compare_venues` decides whether two spellings are the
same venue, and `abbreviation_of` matches ISO-4 style journal abbreviations ("Trans. Assoc.
Comput. Linguist.") word by word, with the real abbreviation list of
`../shared/datasets/crossref-refmatch/journal-abbreviations.txt` when it is present.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from rapidfuzz import fuzz

from verifier.normalize import fold


@dataclass(frozen=True)
class Venue:
    """A known venue: `key` is canonical, `name` the usual short name, `since` its first year."""

    key: str
    name: str
    full: str
    patterns: tuple[str, ...]
    since: int | None = None
    kind: str = "conference"


def _v(key: str, name: str, full: str, since: int | None, *patterns: str, kind: str = "conference") -> Venue:  # fmt: skip
    return Venue(key, name, full, patterns, since, kind)


# Patterns run on folded text (lower case, no punctuation, single spaces). Order matters only
# for readability: every pattern that matches contributes its key. "findings" and "workshop"
# venues are told apart from the main conference by `venue_keys` itself.
VENUES: tuple[Venue, ...] = (
    # -- ACL family
    _v("acl", "ACL", "Annual Meeting of the Association for Computational Linguistics", 1963,
       r"\bannual meeting of the (association for computational linguistics|acl)\b",
       r"^(proc(eedings)? (of )?(the )?)?acl\b(?! (anthology|workshop|sig))", r"\bacl ijcnlp\b",
       r"\bacl (19|20)\d\d\b", r"\bacl main\b", r"\bassociation for computational linguistics acl\b"),
    _v("emnlp", "EMNLP", "Conference on Empirical Methods in Natural Language Processing", 1996,
       r"\bempirical methods in natural language processing\b", r"\bemnlp\b"),
    _v("naacl", "NAACL", "Conference of the North American Chapter of the Association for Computational Linguistics", 2000,
       r"\bnorth american chapter of the (association for computational linguistics|acl)\b",
       r"\bnations of the americas chapter\b", r"\bnaacl\b", r"\bhlt naacl\b"),
    _v("eacl", "EACL", "Conference of the European Chapter of the Association for Computational Linguistics", 1983,
       r"\beuropean chapter of the (association for computational linguistics|acl)\b", r"\beacl\b"),
    _v("aacl", "AACL", "Conference of the Asia-Pacific Chapter of the Association for Computational Linguistics", 2020,
       r"\basia pacific chapter of the association for computational linguistics\b", r"\baacl\b"),
    _v("coling", "COLING", "International Conference on Computational Linguistics", 1965,
       r"\binternational conference on computational linguistics\b", r"\bcoling\b"),
    _v("ijcnlp", "IJCNLP", "International Joint Conference on Natural Language Processing", 2004,
       r"\binternational joint conference on natural language processing\b", r"\bijcnlp\b"),
    _v("lrec", "LREC", "International Conference on Language Resources and Evaluation", 1998,
       r"\blanguage resources and evaluation conference\b",
       r"\binternational conference on language resources and evaluation\b", r"\blrec\b"),
    _v("conll", "CoNLL", "Conference on Computational Natural Language Learning", 1997,
       r"\bcomputational natural language learning\b", r"\bconll\b"),
    _v("semeval", "SemEval", "International Workshop on Semantic Evaluation", 1998,
       r"\bworkshop on semantic evaluation\b", r"\bsemeval\b", r"\bsenseval\b", kind="workshop"),
    _v("tacl", "TACL", "Transactions of the Association for Computational Linguistics", 2013,
       r"\btransactions of the association for computational linguistics\b", r"^tacl\b",
       r"^trans assoc comput linguist", kind="journal"),
    _v("cl", "CL", "Computational Linguistics", 1974,
       r"^(the )?(journal of )?computational linguistics( journal)?( \d+.*)?$", r"^comput linguist\b",
       r"^american journal of computational linguistics\b", r"^cl$", kind="journal"),
    _v("sigdial", "SIGDIAL", "Annual Meeting of the Special Interest Group on Discourse and Dialogue", 2000,
       r"\bspecial interest group on discourse and dialogue\b", r"\bsigdial\b"),
    _v("inlg", "INLG", "International Conference on Natural Language Generation", 1990,
       r"\binternational (conference on )?natural language generation\b", r"\binlg\b"),
    _v("paclic", "PACLIC", "Pacific Asia Conference on Language, Information and Computation", 1995,
       r"\bpacific asia conference on language information and computation\b", r"\bpaclic\b"),
    _v("eamt", "EAMT", "Annual Conference of the European Association for Machine Translation", 1996,
       r"\beuropean association for machine translation\b", r"\beamt\b"),
    _v("wmt", "WMT", "Conference on Machine Translation", 2006,
       r"\bconference on machine translation\b", r"\bworkshop on (statistical )?machine translation\b", r"\bwmt\b"),
    _v("iwslt", "IWSLT", "International Conference on Spoken Language Translation", 2004,
       r"\bspoken language translation\b", r"\biwslt\b"),
    _v("ranlp", "RANLP", "Recent Advances in Natural Language Processing", 1995,
       r"\brecent advances in natural language processing\b", r"\branlp\b"),
    _v("nodalida", "NoDaLiDa", "Nordic Conference of Computational Linguistics", 1977,
       r"\bnordic conference (of|on) computational linguistics\b", r"\bnodalida\b"),
    _v("icon", "ICON", "International Conference on Natural Language Processing", 2002,
       r"\binternational conference on natural language processing\b(?! and)"),
    _v("colm", "COLM", "Conference on Language Modeling", 2024, r"\bconference on language modeling\b", r"\bcolm\b"),
    # -- machine learning, AI, vision, data, web, IR
    _v("neurips", "NeurIPS", "Advances in Neural Information Processing Systems", 1987,
       r"\bneural information processing systems\b", r"\bneur ?ips\b", r"\bnips\b"),
    _v("icml", "ICML", "International Conference on Machine Learning", 1980,
       r"\binternational conference on machine learning\b", r"\bicml\b", r"\bpmlr\b"),
    _v("iclr", "ICLR", "International Conference on Learning Representations", 2013,
       r"\binternational conference on learning representations\b", r"\biclr\b"),
    _v("aaai", "AAAI", "AAAI Conference on Artificial Intelligence", 1980,
       r"\baaai\b(?! (spring|fall) symposium)", r"\bassociation for the advancement of artificial intelligence\b",
       r"\bnational conference on artificial intelligence\b"),
    _v("ijcai", "IJCAI", "International Joint Conference on Artificial Intelligence", 1969,
       r"\binternational joint conference on artificial intelligence\b", r"\bijcai\b"),
    _v("uai", "UAI", "Conference on Uncertainty in Artificial Intelligence", 1985,
       r"\buncertainty in artificial intelligence\b", r"\buai\b"),
    _v("aistats", "AISTATS", "International Conference on Artificial Intelligence and Statistics", 1995,
       r"\bartificial intelligence and statistics\b", r"\baistats\b"),
    _v("colt", "COLT", "Conference on Learning Theory", 1988,
       r"\b(annual )?conference on (computational )?learning theory\b", r"\bcolt\b"),
    _v("cvpr", "CVPR", "IEEE/CVF Conference on Computer Vision and Pattern Recognition", 1983,
       r"\bconference on computer vision and pattern recognition\b", r"\bcvpr\b"),
    _v("iccv", "ICCV", "IEEE/CVF International Conference on Computer Vision", 1987,
       r"\binternational conference on computer vision\b", r"\biccv\b"),
    _v("eccv", "ECCV", "European Conference on Computer Vision", 1990,
       r"\beuropean conference on computer vision\b", r"\beccv\b"),
    _v("wacv", "WACV", "IEEE/CVF Winter Conference on Applications of Computer Vision", 1992,
       r"\bwinter conference on applications of computer vision\b", r"\bwacv\b"),
    _v("kdd", "KDD", "ACM SIGKDD Conference on Knowledge Discovery and Data Mining", 1995,
       r"\bknowledge discovery (and|in) data mining\b", r"\bkdd\b"),
    _v("www", "WWW", "The Web Conference (International World Wide Web Conference)", 1994,
       r"\bworld wide web\b", r"\bthe web conference\b", r"^www\b", r"\bwww (19|20)\d\d\b"),
    _v("sigir", "SIGIR", "International ACM SIGIR Conference on Research and Development in Information Retrieval", 1978,
       r"\bresearch and development in information retrieval\b", r"\bsigir\b"),
    _v("wsdm", "WSDM", "ACM International Conference on Web Search and Data Mining", 2008,
       r"\bweb search and data mining\b", r"\bwsdm\b"),
    _v("cikm", "CIKM", "ACM International Conference on Information and Knowledge Management", 1992,
       r"\binformation and knowledge management\b", r"\bcikm\b"),
    _v("icdm", "ICDM", "IEEE International Conference on Data Mining", 2001,
       r"\binternational conference on data mining\b", r"\bicdm\b"),
    _v("chi", "CHI", "CHI Conference on Human Factors in Computing Systems", 1982,
       r"\bhuman factors in computing systems\b", r"^(proc(eedings)? (of )?(the )?)?chi\b"),
    _v("icra", "ICRA", "IEEE International Conference on Robotics and Automation", 1984,
       r"\binternational conference on robotics and automation\b", r"\bicra\b"),
    _v("iros", "IROS", "IEEE/RSJ International Conference on Intelligent Robots and Systems", 1988,
       r"\bintelligent robots and systems\b", r"\biros\b"),
    _v("icassp", "ICASSP", "IEEE International Conference on Acoustics, Speech and Signal Processing", 1976,
       r"\bacoustics speech and signal processing\b", r"\bicassp\b"),
    _v("interspeech", "Interspeech", "Interspeech", 1987, r"\binterspeech\b", r"\beurospeech\b", r"\bicslp\b"),
    _v("osdi", "OSDI", "USENIX Symposium on Operating Systems Design and Implementation", 1994,
       r"\boperating systems design and implementation\b", r"\bosdi\b"),
    _v("sosp", "SOSP", "ACM Symposium on Operating Systems Principles", 1967,
       r"\bsymposium on operating systems principles\b", r"\bsosp\b"),
    _v("ccs", "CCS", "ACM Conference on Computer and Communications Security", 1993,
       r"\bcomputer and communications security\b", r"^(acm )?ccs\b"),
    _v("mlsys", "MLSys", "Conference on Machine Learning and Systems", 2018,
       r"\bmachine learning and systems\b", r"\bmlsys\b", r"\bsysml\b"),
    _v("jmlr", "JMLR", "Journal of Machine Learning Research", 2000,
       r"\bjournal of machine learning research\b", r"^j mach learn res\b", r"\bjmlr\b", kind="journal"),
    _v("tmlr", "TMLR", "Transactions on Machine Learning Research", 2022,
       r"\btransactions on machine learning research\b", r"^trans mach learn res\b", r"\btmlr\b", kind="journal"),
    _v("mlj", "Mach. Learn.", "Machine Learning", 1986, r"^mach learn$", r"^machine learning( journal)?$", kind="journal"),
    _v("tpami", "TPAMI", "IEEE Transactions on Pattern Analysis and Machine Intelligence", 1979,
       r"\bpattern analysis and machine intelligence\b", r"\btpami\b", r"\bieee trans pattern anal mach intell\b", kind="journal"),
    _v("jair", "JAIR", "Journal of Artificial Intelligence Research", 1993,
       r"\bjournal of artificial intelligence research\b", r"^j artif intell res\b", r"\bjair\b", kind="journal"),
    _v("aij", "AIJ", "Artificial Intelligence", 1970, r"^artificial intelligence$", r"^artif intell$", kind="journal"),
    _v("arxiv", "arXiv", "arXiv", 1991, r"\barxiv\b", r"\bcorr\b", r"\bcomputing research repository\b", kind="preprint"),
    _v("biorxiv", "bioRxiv", "bioRxiv", 2013, r"\bbiorxiv\b", kind="preprint"),
    _v("medrxiv", "medRxiv", "medRxiv", 2019, r"\bmedrxiv\b", kind="preprint"),
    _v("ssrn", "SSRN", "SSRN", 1994, r"\bssrn\b", kind="preprint"),
)  # fmt: skip
BY_KEY = {v.key: v for v in VENUES}
_COMPILED = [(v.key, re.compile("|".join(v.patterns))) for v in VENUES]
_FINDINGS = re.compile(r"\bfindings\b")
_WORKSHOP = re.compile(r"\b(workshops?|ws|shared task)\b")
# Words that say which part of a venue, not which venue: ignored when comparing spellings.
_NOISE = re.compile(
    r"\b(proceedings?|proc|of|the|in|on|and|annual|volume|vol|main|long|short|papers?|"
    r"conference|conf|international|intl|int|\d+(st|nd|rd|th)?|first|second|third|"
    r"fourth|fifth|sixth|seventh|eighth|ninth|tenth|eleventh|twelfth|thirteenth|fourteenth|"
    r"fifteenth|sixteenth|seventeenth|eighteenth|nineteenth|twentieth|ieee|cvf|acm|usenix|"
    r"technical|track|part|i|ii|iii|iv|v|series)\b"
)
_OWN_VENUE = re.compile(r"\bsemeval|\bsenseval|semantic evaluation|\bwmt\b|machine translation")
PREPRINTS = frozenset({"arxiv", "biorxiv", "medrxiv", "ssrn"})


def venue_keys(venue: str | None) -> frozenset[str]:
    """Canonical keys of the known venues `venue` names; empty when it names none we know.

    Findings volumes and workshops are kept apart from their main conference: "Findings of
    the Association for Computational Linguistics: EMNLP 2020" is "findings:emnlp", a
    workshop held at ACL is "workshop:acl".

    >>> sorted(venue_keys("Advances in Neural Information Processing Systems 34"))
    ['neurips']
    >>> sorted(venue_keys("Proceedings of the 59th Annual Meeting of the Association for "
    ...     "Computational Linguistics and the 11th International Joint Conference on Natural "
    ...     "Language Processing (Volume 1: Long Papers)"))
    ['acl', 'ijcnlp']
    >>> sorted(venue_keys("Findings of the Association for Computational Linguistics: ACL 2023"))
    ['findings:acl']
    """
    if not venue:
        return frozenset()
    return _keys(fold(venue))


@cache
def _keys(text: str) -> frozenset[str]:
    text = text.removeprefix("in ")
    keys = {key for key, pattern in _COMPILED if pattern.search(text)}
    if _FINDINGS.search(text):
        # "Findings of the Association for Computational Linguistics: EMNLP" names ACL too.
        inner = keys - {"acl"} or {"acl"}
        return frozenset(f"findings:{k}" for k in inner)
    if is_workshop_text(text):
        # "CVPR Workshops", "Workshop on X at ACL 2020": held with a conference, not it.
        return frozenset(f"workshop:{k}" for k in keys)
    return frozenset(keys)


def is_workshop_text(folded: str) -> bool:
    """Whether folded venue text names a workshop (SemEval and WMT, workshops by name but
    venues of their own, are not counted)."""
    return bool(_WORKSHOP.search(folded)) and not _OWN_VENUE.search(folded)


def display_name(venue: str | None) -> str | None:
    """The usual short name of a venue ("NeurIPS"), or the text itself when unknown."""
    keys = venue_keys(venue)
    plain = [k for k in keys if k in BY_KEY]
    return BY_KEY[sorted(plain)[0]].name if plain else venue


def first_year(venue: str | None) -> int | None:
    """The year the named venue first met or appeared (None when unknown): a citation to it
    dated earlier is impossible."""
    years = [
        BY_KEY[k.split(":")[-1]].since
        for k in venue_keys(venue)
        if k.split(":")[-1] in BY_KEY and BY_KEY[k.split(":")[-1]].since
    ]
    known = [y for y in years if y is not None]
    if not known:
        return None
    if any(k.startswith("findings:") for k in venue_keys(venue)):
        return 2020  # Findings of ACL began with EMNLP 2020.
    return min(known)


def is_preprint(venue: str | None) -> bool:
    """Whether `venue` names a preprint server (arXiv, bioRxiv, ...)."""
    return bool(venue_keys(venue) & PREPRINTS)


def core_words(venue: str) -> list[str]:
    """The words that name a venue, without years, ordinals, "Proceedings of the" and parts.

    >>> core_words("Proceedings of the 2019 Conference on Empirical Methods in NLP (Volume 1)")
    ['empirical', 'methods', 'nlp']
    """
    text = re.sub(r"\b(19|20)\d\d\b|'\d\d\b", " ", fold(venue.replace("'", " '")))
    return _NOISE.sub(" ", text).split()


def abbreviation_of(short: str, full: str) -> bool:
    """ISO-4 style: each word of `short` is a prefix of the next content words of `full`, in
    order ("Trans. Assoc. Comput. Linguist." ~ "Transactions of the Association for
    Computational Linguistics"), or both map to one journal in the abbreviation list.

    >>> abbreviation_of("Trans. Assoc. Comput. Linguist.",
    ...                 "Transactions of the Association for Computational Linguistics")
    True
    >>> abbreviation_of("J. Mach. Learn. Res.", "Journal of Machine Learning Research")
    True
    >>> abbreviation_of("J. Mach. Learn. Res.", "Journal of Materials Research")
    False
    """
    listed = journal_abbreviations()
    a, b = _squash(short), _squash(full)
    if listed and (listed.get(a) == _squash_full(full) or listed.get(b) == _squash_full(short)):
        return True
    s = [w for w in fold(short).split() if w not in _SKIP]
    f = [w for w in fold(full).split() if w not in _SKIP]
    if not s or len(s) > len(f) or (len(s) < 2 and len(f) > 1):
        return False
    i = 0
    for word in s:
        while i < len(f) and not _abbrev_word(word, f[i]):
            i += 1
        if i == len(f):
            return False
        i += 1
    # Every word of the full name must be accounted for except a few trailing ones.
    return i >= len(f) - 1 and len(s) >= len(f) - 1


_SKIP = frozenset({"of", "the", "and", "for", "in", "on", "a", "an", "de", "la", "und", "fur"})


def _abbrev_word(short: str, word: str) -> bool:
    if short == word:
        return True
    if len(short) < 2 and not (len(short) == 1 and len(word) > 1):
        return False
    # A prefix ("Comput" of "Computational") or a contraction keeping first and last
    # letters in order ("Natl" of "National").
    if word.startswith(short):
        return True
    if short[0] != word[0]:
        return False
    it = iter(word)
    return all(ch in it for ch in short)


def _squash(text: str) -> str:
    return re.sub(r"[^a-z0-9]", "", fold(text))


def _squash_full(text: str) -> str:
    return " ".join(fold(text).split())


@cache
def journal_abbreviations() -> dict[str, str]:
    """Squashed abbreviation → folded full journal name, from the abbreviation list of the
    shared datasets when present ($CITEVERIFY_JOURNAL_ABBREVIATIONS names another file);
    empty otherwise, and `abbreviation_of` falls back on word-prefix matching alone."""
    path = os.environ.get("CITEVERIFY_JOURNAL_ABBREVIATIONS")
    candidates = [Path(path)] if path else []
    root = Path(__file__).resolve().parents[1]
    candidates.append(
        root.parent / "shared" / "datasets" / "crossref-refmatch" / "journal-abbreviations.txt"
    )
    for file in candidates:
        if file.is_file():
            out: dict[str, str] = {}
            for line in file.read_text(encoding="utf-8", errors="replace").splitlines():
                abbrev, _, full = line.partition("\t")
                if abbrev and full:
                    out[_squash(abbrev)] = _squash_full(full)
            return out
    return {}


@dataclass(frozen=True)
class VenueMatch:
    """Whether two spellings name one venue, how alike they are, and why."""

    same: bool
    score: float
    note: str = ""


def same_venue(cited: str, actual: str) -> VenueMatch:
    """Compare two venue spellings: known aliases, ACL long titles vs short names, ISO-4
    abbreviations, acronyms in parentheses, and near-identical wording.

    >>> same_venue("NeurIPS", "Advances in Neural Information Processing Systems").same
    True
    >>> same_venue("ACL 2023", "Proceedings of the 61st Annual Meeting of the Association for "
    ...            "Computational Linguistics (Volume 1: Long Papers)").same
    True
    >>> same_venue("ICML", "NeurIPS").same
    False
    """
    ck, ak = venue_keys(cited), venue_keys(actual)
    cws, aws = is_workshop_text(fold(cited)), is_workshop_text(fold(actual))
    if cws != aws and (ck or ak):
        note = (
            "the work is in a workshop, not the main conference" if aws else "cited as a workshop"
        )
        return VenueMatch(False, 0.3, note)
    if cws and aws:
        ck = ak = frozenset()  # two workshops of one conference are not one venue
    if ck and ak:
        if ck & ak:
            return VenueMatch(True, 1.0, "" if fold(cited) == fold(actual) else "venue alias")
        # One side may name a known venue only through a parenthesised acronym the other lacks.
        if _plain(ck) & _plain(ak):
            return VenueMatch(False, 0.6, _part_note(ck, ak))
        return VenueMatch(False, 0.0, "another venue")
    cw, aw = core_words(cited), core_words(actual)
    if not cw or not aw:
        same = fold(cited) == fold(actual)
        return VenueMatch(same, 1.0 if same else 0.0)
    cs, as_ = " ".join(cw), " ".join(aw)
    if cs == as_:
        return VenueMatch(True, 1.0)
    if abbreviation_of(cited, actual) or abbreviation_of(actual, cited):
        return VenueMatch(True, 0.95, "abbreviation")
    if _acronym_in(cited, actual) or _acronym_in(actual, cited):
        return VenueMatch(True, 0.9, "acronym")
    # token_sort, not token_set: "Nature" is not "Nature Communications".
    score = fuzz.token_sort_ratio(cs, as_) / 100
    if ck or ak:
        # A known venue against an unknown name: only near-identical wording is the same.
        return VenueMatch(score >= 0.95, score, "" if score >= 0.95 else "another venue")
    return VenueMatch(score >= 0.9, score, "" if score >= 0.9 else "another venue")


def _plain(keys: frozenset[str]) -> set[str]:
    return {k.split(":")[-1] for k in keys}


def _part_note(cited: frozenset[str], actual: frozenset[str]) -> str:
    if any(k.startswith("findings:") for k in actual):
        return "the work is in Findings, not the main conference"
    if any(k.startswith("findings:") for k in cited):
        return "the work is in the main conference, not Findings"
    if any(k.startswith("workshop") for k in actual):
        return "the work is in a workshop, not the main conference"
    return "another part of the venue"


def _acronym_in(short: str, full: str) -> bool:
    """`short` ("LREC", "SIGDIAL 2019") is an acronym written in `full` or made of its
    initials."""
    words = [w for w in short.split() if not re.fullmatch(r"'?(19|20)?\d\d", w)]
    # An acronym is written with capitals ("LREC", "NoDaLiDa"), unlike a one-word name.
    if len(words) != 1 or len(words[0]) < 3 or sum(c.isupper() for c in words[0]) < 2:
        return False
    acro = fold(words[0])
    inside = " ".join(re.findall(r"\(([^)]*)\)", full))
    if re.search(rf"\b{re.escape(acro)}\b", fold(inside)):
        return True
    initials = "".join(w[0] for w in fold(full).split() if w not in _SKIP)
    return acro == initials
