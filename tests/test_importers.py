"""verifier.importers: every format on real samples and faithful fixtures, and bad input."""

from __future__ import annotations

import gzip
import itertools
import json
from pathlib import Path

import pytest

from verifier.errors import ImportFileError
from verifier.importers import FORMATS, BadRecord, detect_format, read_records
from verifier.records import Record

REPO = Path(__file__).resolve().parents[1]
FIXTURES = Path(__file__).parent / "fixtures" / "import"
CORPUS = REPO / "data" / "acl-anthology.jsonl.gz"
DATASETS = Path(__file__).resolve().parents[2] / "shared" / "datasets"
XML_SAMPLES = DATASETS / "acl-anthology" / "xml-samples"

needs_xml_samples = pytest.mark.skipif(
    not XML_SAMPLES.is_dir(),
    reason=f"ACL Anthology XML samples not found at {XML_SAMPLES} (shared datasets absent)",
)


def records(path: Path, fmt: str = "auto") -> list[Record]:
    return [r for r in read_records(path, fmt) if isinstance(r, Record)]


def bad_records(path: Path, fmt: str = "auto") -> list[BadRecord]:
    return [r for r in read_records(path, fmt) if isinstance(r, BadRecord)]


def by_id(path: Path) -> dict[str, Record]:
    return {r.id: r for r in records(path)}


def corpus_head(n: int) -> list[str]:
    with gzip.open(CORPUS, "rt", encoding="utf-8") as f:
        return list(itertools.islice(f, n))


def corpus_lines(ids: set[str]) -> list[str]:
    out = []
    with gzip.open(CORPUS, "rt", encoding="utf-8") as f:
        for line in f:
            if json.loads(line)["acl_id"] in ids:
                out.append(line)
    return out


def write(tmp_path: Path, name: str, data: str | bytes) -> Path:
    path = tmp_path / name
    if isinstance(data, bytes):
        path.write_bytes(data)
    else:
        path.write_text(data, encoding="utf-8")
    return path


# ---------------------------------------------------------------- format detection


@pytest.mark.parametrize(
    ("name", "fmt"),
    [
        ("dblp.xml", "dblp-xml"),
        ("openalex.jsonl", "openalex"),
        ("crossref.json", "crossref"),
        ("crossref.jsonl", "crossref"),
        ("csl.json", "csl-json"),
        ("sample.bib", "bibtex"),
    ],
)
def test_detect_format_of_fixtures(name: str, fmt: str) -> None:
    assert fmt in FORMATS
    assert detect_format(FIXTURES / name) == fmt


def test_detect_format_of_corpus() -> None:
    assert detect_format(CORPUS) == "jsonl"


@needs_xml_samples
def test_detect_format_of_acl_xml() -> None:
    assert detect_format(XML_SAMPLES / "P18.xml") == "acl-xml"


@pytest.mark.parametrize(
    ("name", "content", "fmt"),
    [
        ("refs.txt", "% comment\n@article{k, title={T}}\n", "bibtex"),
        ("x.jsonl", '{"id": "acl:P18-1001", "title": "T", "authors": ["A B"]}\n', "jsonl"),
        ("x.jsonl", '{"id": "k", "type": "book", "title": "T", "issued": {}}\n', "csl-json"),
        ("x.json", '{"DOI": "10.1/x", "title": ["T"], "member": "1"}\n', "crossref"),
        ("x.json", '{"id": "https://openalex.org/W1", "title": "T"}\n', "openalex"),
        ("x.xml", "<?xml version='1.0'?>\n<!-- c -->\n<collection id='P18'/>", "acl-xml"),
    ],
)
def test_detect_format_by_sniffing(tmp_path: Path, name: str, content: str, fmt: str) -> None:
    assert detect_format(write(tmp_path, name, content)) == fmt


@pytest.mark.parametrize(
    ("content", "message"),
    [("", "empty file"), ("  \n\n", "empty file"), ("just some words\n", "cannot tell")],
)
def test_detect_format_failures(tmp_path: Path, content: str, message: str) -> None:
    path = write(tmp_path, "unknown.dat", content)
    with pytest.raises(ImportFileError, match=message) as err:
        detect_format(path)
    assert str(path) in str(err.value)


def test_unknown_xml_root(tmp_path: Path) -> None:
    with pytest.raises(ImportFileError, match="<html>"):
        detect_format(write(tmp_path, "x.xml", "<html><body/></html>"))


def test_missing_file() -> None:
    with pytest.raises(ImportFileError, match="not found"):
        read_records(Path("/nonexistent/refs.bib"))


def test_unknown_format_name() -> None:
    with pytest.raises(ImportFileError, match="unknown import format"):
        read_records(CORPUS, "endnote")


# ---------------------------------------------------------------- jsonl (ACL corpus)


def test_corpus_first_records() -> None:
    first = json.loads(corpus_head(1)[0])
    rec = next(iter(read_records(CORPUS)))
    assert isinstance(rec, Record)
    assert rec.id == f"acl:{first['acl_id']}" == "acl:1952.earlymt-1.1"
    assert (rec.title, rec.year, rec.source, rec.source_id) == (
        "Translation",
        1952,
        "acl",
        "1952.earlymt-1.1",
    )
    assert [a.full for a in rec.authors] == ["Warren Weaver"]
    assert rec.venue == "Proceedings of the Conference on Mechanical Translation"
    assert rec.url == "https://aclanthology.org/1952.earlymt-1.1"
    assert rec.type == "inproceedings"


def test_corpus_head_as_plain_jsonl(tmp_path: Path) -> None:
    path = write(tmp_path, "head.jsonl", "".join(corpus_head(500)))
    recs = records(path)
    assert len(recs) == 500
    assert all(r.source == "acl" and r.id == f"acl:{r.source_id}" for r in recs)


def test_corpus_fast_path_equals_record_create() -> None:
    # The hot path builds records without Record.create: it must give identical records.
    from verifier.identifiers import normalize_doi

    for line, rec in zip(corpus_head(2000), records(CORPUS), strict=False):
        obj = json.loads(line)
        expected = Record.create(
            title=obj["title"],
            authors=obj["authors"],
            year=obj["year"],
            source="acl",
            source_id=obj["acl_id"],
            venue=obj["venue"],
            type=rec.type,
            doi=normalize_doi(obj["doi"]) if obj["doi"] else None,
            url=f"https://aclanthology.org/{obj['acl_id']}",
            pages=obj["pages"],
        )
        assert rec == expected


@pytest.mark.parametrize(
    ("acl_id", "title", "venue_start", "type_", "doi"),
    [
        (
            "P18-1001",
            "Probabilistic FastText for Multi-Sense Word Embeddings",
            "Proceedings of the 56th Annual Meeting",
            "inproceedings",
            "10.18653/v1/P18-1001",
        ),
        (
            "Q18-1001",
            None,
            "Transactions of the Association for Computational Linguistics",
            "article",
            None,
        ),
        ("J18-1008", None, "Computational Linguistics", "article", None),
    ],
)
def test_corpus_known_records(
    tmp_path: Path,
    acl_id: str,
    title: str | None,
    venue_start: str,
    type_: str,
    doi: str | None,
) -> None:
    path = write(tmp_path, "some.jsonl", "".join(corpus_lines({acl_id})))
    (rec,) = records(path)
    assert rec.id == f"acl:{acl_id}"
    if title:
        assert rec.title == title
    assert rec.venue is not None and rec.venue.startswith(venue_start)
    assert rec.type == type_
    if doi:
        assert rec.doi == doi


def test_jsonl_generic_round_trip(tmp_path: Path) -> None:
    originals = records(FIXTURES / "dblp.xml") + records(FIXTURES / "sample.bib")
    path = write(
        tmp_path, "export.jsonl", "".join(json.dumps(r.to_dict()) + "\n" for r in originals)
    )
    again = records(path)
    assert [r.id for r in again] == [r.id for r in originals]
    for a, b in zip(again, originals, strict=True):
        assert (a.title, a.year, a.venue, a.doi, a.arxiv, a.pages) == (
            b.title,
            b.year,
            b.venue,
            b.doi,
            b.arxiv,
            b.pages,
        )
        assert [x.full for x in a.authors] == [x.full for x in b.authors]


def test_jsonl_malformed_line_is_a_bad_record(tmp_path: Path) -> None:
    lines = corpus_head(3)
    path = write(
        tmp_path,
        "bad.jsonl",
        lines[0]
        + '{"acl_id": "X", "title": \n'
        + "\n"
        + lines[1]
        + "[1, 2]\n"
        + '{"acl_id": "Y"}\n'
        + lines[2],
    )
    items = list(read_records(path))
    assert [type(i).__name__ for i in items] == [
        "Record",
        "BadRecord",
        "Record",
        "BadRecord",
        "BadRecord",
        "Record",
    ]
    bad = [i for i in items if isinstance(i, BadRecord)]
    assert [b.location for b in bad] == ["line 2", "line 5", "line 6"]
    assert "invalid JSON" in bad[0].message
    assert "not a JSON object" in bad[1].message
    assert "no title" in bad[2].message
    assert all(b.path == str(path) for b in bad)


def test_latin1_file_is_rejected_with_its_line(tmp_path: Path) -> None:
    content = '{"acl_id": "A", "title": "Fine"}\n{"acl_id": "B", "title": "Caf\u00e9"}\n'
    path = write(tmp_path, "latin1.jsonl", content.encode("latin-1"))
    it = read_records(path)
    first = next(it)
    assert isinstance(first, Record)
    offset = content.index("\u00e9")  # one byte a character in Latin-1
    with pytest.raises(ImportFileError, match=rf"line 2: not valid UTF-8 \(byte offset {offset}\)"):
        next(it)


def test_latin1_bibtex_is_rejected(tmp_path: Path) -> None:
    path = write(tmp_path, "x.bib", "@article{k,\n title={Caf\u00e9}}\n".encode("latin-1"))
    with pytest.raises(ImportFileError, match="line 2: not valid UTF-8"):
        list(read_records(path))


@pytest.mark.parametrize("fmt", FORMATS)
def test_empty_file_with_explicit_format(tmp_path: Path, fmt: str) -> None:
    path = write(tmp_path, "empty", "")
    with pytest.raises(ImportFileError, match="empty file"):
        list(read_records(path, fmt))


@pytest.mark.parametrize("fmt", ["jsonl", "bibtex", "acl-xml", "dblp-xml"])
def test_blank_file_with_explicit_format(tmp_path: Path, fmt: str) -> None:
    path = write(tmp_path, "blank", "\n  \n")
    with pytest.raises(ImportFileError, match="empty file"):
        list(read_records(path, fmt))


def test_gzip_input(tmp_path: Path) -> None:
    path = tmp_path / "refs.bib.gz"
    path.write_bytes(gzip.compress((FIXTURES / "sample.bib").read_bytes()))
    assert detect_format(path) == "bibtex"
    assert [r.title for r in records(path)] == [r.title for r in records(FIXTURES / "sample.bib")]


def test_truncated_gzip(tmp_path: Path) -> None:
    data = gzip.compress("".join(corpus_head(2000)).encode())
    path = write(tmp_path, "cut.jsonl.gz", data[: len(data) // 2])
    with pytest.raises(ImportFileError, match="truncated gzip"):
        list(read_records(path, "jsonl"))


# ---------------------------------------------------------------- ACL XML


@needs_xml_samples
def test_acl_xml_new_style_paper_field_by_field() -> None:
    recs = by_id(XML_SAMPLES / "2022.naacl.xml")
    rec = recs["acl:2022.naacl-main.1"]
    assert rec.title == "Social Norms Guide Reference Resolution"
    assert [(a.given, a.family) for a in rec.authors] == [
        ("Mitchell", "Abrams"),
        ("Matthias", "Scheutz"),
    ]
    assert rec.venue == (
        "Proceedings of the 2022 Conference of the North American Chapter of the Association "
        "for Computational Linguistics: Human Language Technologies"
    )
    assert (rec.year, rec.doi, rec.pages) == (2022, "10.18653/v1/2022.naacl-main.1", "1-11")
    assert (rec.source, rec.source_id, rec.type) == ("acl", "2022.naacl-main.1", "inproceedings")
    assert rec.url == "https://aclanthology.org/2022.naacl-main.1"
    assert rec.abstract is not None and rec.abstract.startswith("Humans use natural language")
    assert "acl:2022.naacl-main.0" not in recs  # frontmatter is not a paper
    assert "acl:2022.naacl-srw.1" in recs and "acl:2022.naacl-industry.1" in recs
    assert len(recs) == 538


@needs_xml_samples
def test_acl_xml_old_style_ids_and_fixed_case() -> None:
    recs = by_id(XML_SAMPLES / "P18.xml")
    rec = recs["acl:P18-1001"]
    assert rec.title == "Probabilistic FastText for Multi-Sense Word Embeddings"
    assert [a.full for a in rec.authors] == [
        "Ben Athiwaratkun",
        "Andrew Wilson",
        "Anima Anandkumar",
    ]
    assert (rec.year, rec.doi, rec.pages) == (2018, "10.18653/v1/P18-1001", "1–11")
    assert rec.venue == (
        "Proceedings of the 56th Annual Meeting of the Association for Computational "
        "Linguistics (Volume 1: Long Papers)"
    )
    assert "acl:P18-2001" in recs
    assert all(r.source_id and r.source_id.startswith("P18-") for r in recs.values())


@needs_xml_samples
@pytest.mark.parametrize("name", ["2022.naacl.xml", "P18.xml", "2020.loresmt.xml"])
def test_acl_xml_agrees_with_corpus(name: str) -> None:
    xml = by_id(XML_SAMPLES / name)
    corpus = {
        f"acl:{json.loads(line)['acl_id']}": line for line in corpus_lines({i[4:] for i in xml})
    }
    assert len(corpus) == len(xml)  # every XML paper is in the corpus
    from verifier.importers.jsonl import acl_record

    for rid, rec in xml.items():
        other = acl_record(json.loads(corpus[rid]))
        # The corpus keeps names as one string: compare full names, not the given/family split.
        assert [a.full for a in rec.authors] == [a.full for a in other.authors], rid
        assert (rec.id, rec.title, rec.year, rec.doi, rec.venue, rec.pages, rec.type) == (
            other.id,
            other.title,
            other.year,
            other.doi,
            other.venue,
            other.pages,
            other.type,
        ), rid


@needs_xml_samples
def test_truncated_acl_xml(tmp_path: Path) -> None:
    text = (XML_SAMPLES / "2020.loresmt.xml").read_text(encoding="utf-8")
    lines = text.splitlines(keepends=True)
    path = write(tmp_path, "cut.xml", "".join(lines[: len(lines) // 2]))
    got: list[object] = []
    with pytest.raises(ImportFileError, match=r"cut\.xml: line \d+, column \d+: .*ends early"):
        for item in read_records(path):
            got.append(item)
    assert got and all(isinstance(r, Record) for r in got)  # papers before the cut came through


def test_acl_xml_inline_fixture(tmp_path: Path) -> None:
    xml = """<?xml version='1.0' encoding='UTF-8'?>
<collection id="W19">
  <volume id="43" type="proceedings">
    <meta>
      <booktitle>Proceedings of a <fixed-case>W</fixed-case>orkshop</booktitle>
      <year>2019</year>
    </meta>
    <frontmatter><url>W19-4300</url></frontmatter>
    <paper id="2">
      <title>A <fixed-case>BERT</fixed-case> Paper with <tex-math>O(n^2)</tex-math></title>
      <author><last>Mononym</last></author>
      <author><first>Ann</first><last>Lee</last></author>
      <pages>5–9</pages>
    </paper>
    <paper id="3"><author><first>No</first><last>Title</last></author></paper>
  </volume>
</collection>"""
    items = list(read_records(write(tmp_path, "W19.xml", xml)))
    rec, bad = items
    assert isinstance(rec, Record) and isinstance(bad, BadRecord)
    assert rec.id == "acl:W19-4302"
    assert rec.title == "A BERT Paper with O(n^2)"
    assert [(a.given, a.family) for a in rec.authors] == [("", "Mononym"), ("Ann", "Lee")]
    assert (rec.venue, rec.year, rec.pages, rec.abstract) == (
        "Proceedings of a Workshop",
        2019,
        "5–9",
        None,
    )
    assert bad.location == "paper W19-4303" and "no title" in bad.message


@pytest.mark.parametrize(
    ("collection", "volume", "paper", "expected"),
    [
        ("2022.naacl", "main", "1", "2022.naacl-main.1"),
        ("P18", "1", "1", "P18-1001"),
        ("P18", "2", "123", "P18-2123"),
        ("W19", "43", "2", "W19-4302"),
        ("C69", "01", "01", "C69-0101"),
    ],
)
def test_acl_ids(collection: str, volume: str, paper: str, expected: str) -> None:
    from verifier.importers.acl_xml import acl_id

    assert acl_id(collection, volume, paper) == expected


# ---------------------------------------------------------------- dblp XML


def test_dblp_fixture_records() -> None:
    items = list(read_records(FIXTURES / "dblp.xml"))
    recs = {r.source_id: r for r in items if isinstance(r, Record)}
    bad = [r for r in items if isinstance(r, BadRecord)]
    assert len(recs) == 10  # 12 records minus two <www> person pages; one more has no title
    assert [b.location for b in bad] == ["record 'journals/x/NoTitle'"]
    assert not any(k.startswith("homepages/") for k in recs)

    bert = recs["conf/naacl/DevlinCLT19"]
    assert bert.id == "dblp:conf/naacl/DevlinCLT19" and bert.source == "dblp"
    assert (
        bert.title
        == "BERT: Pre-training of Deep Bidirectional Transformers for Language Understanding"
    )
    assert [a.full for a in bert.authors] == [
        "Jacob Devlin",
        "Ming-Wei Chang",
        "Kenton Lee",
        "Kristina Toutanova",
    ]
    assert (bert.year, bert.venue, bert.pages, bert.doi, bert.type) == (
        2019,
        "NAACL-HLT (1)",
        "4171-4186",
        "10.18653/v1/n19-1423",
        "inproceedings",
    )

    muller = recs["conf/acl/MullerS20"]
    assert [a.full for a in muller.authors] == ["Jürgen Müller", "François Schön", "Wei Wang"]
    assert muller.title == "On x2 and the Naïve sort & Search"

    vaswani = recs["journals/corr/VaswaniSPUJGKP17"]
    assert (vaswani.arxiv, vaswani.doi, vaswani.venue) == ("1706.03762", None, "CoRR")

    assert recs["journals/cl/Goldberg17"].doi == "10.1162/COLI_r_00312"
    assert recs["journals/tacl/SmithL21"].title == "A Journal Article – with Entities"
    assert [a.full for a in recs["journals/tacl/SmithL21"].authors] == ["Noël Smith", "Zøe Lærke"]
    assert recs["phd/de/Pfeiffer2019"].venue == "Technische Universität Darmstadt"
    assert recs["ms/Brown92"].title == "A Master's Thesis on Statistical MT"
    assert recs["books/daglib/0037175"].isbn == "9780262035613"
    assert recs["conf/naacl/2019-1"].authors[0].full == "Jill Burstein"  # editors stand in


def test_dblp_entity_split_across_chunks() -> None:
    from verifier.importers._xml import _filter_entities

    chunks = [b"<a>G&ou", b"ml;del &amp; &eac", b"ute;</a>", b"&uuml;"]
    assert b"".join(_filter_entities(iter(chunks))) == b"<a>G&#246;del &amp; &#233;</a>&#252;"


def test_truncated_dblp_xml(tmp_path: Path) -> None:
    text = (FIXTURES / "dblp.xml").read_text(encoding="latin-1")
    cut = text[: text.index("<book ")]
    path = write(tmp_path, "dblp-cut.xml", cut)
    got = []
    with pytest.raises(ImportFileError, match=r"dblp-cut\.xml: line \d+, column \d+"):
        for item in read_records(path):
            got.append(item)
    assert len(got) == 5


def test_malformed_xml(tmp_path: Path) -> None:
    path = write(
        tmp_path, "bad.xml", "<dblp>\n<article key='a'><title>T</titel></article>\n</dblp>"
    )
    with pytest.raises(ImportFileError, match=r"line 2, column \d+: malformed XML: mismatched tag"):
        list(read_records(path))


# ---------------------------------------------------------------- OpenAlex, Crossref, CSL-JSON


def test_openalex_fixture() -> None:
    items = list(read_records(FIXTURES / "openalex.jsonl"))
    recs = {r.source_id: r for r in items if isinstance(r, Record)}
    (bad,) = [r for r in items if isinstance(r, BadRecord)]
    assert bad.location == "line 4 (W3000000001)"
    attention = recs["W2963403868"]
    assert attention.id == "openalex:W2963403868"
    assert (attention.title, attention.year, attention.arxiv, attention.type) == (
        "Attention Is All You Need",
        2017,
        "1706.03762",
        "preprint",
    )
    assert attention.doi == "10.48550/arxiv.1706.03762"
    assert attention.abstract == (
        "The dominant sequence transduction models are based on complex The complex"
    )
    lstm = recs["W1686810756"]
    assert (lstm.venue, lstm.pages, lstm.doi) == ("Neural Computation", "1735-1780", None)
    assert [a.full for a in lstm.authors] == ["Sepp Hochreiter", "Jürgen Schmidhuber"]
    assert recs["W2896457183"].doi == "10.18653/v1/n19-1423"


def test_crossref_api_response() -> None:
    (rec,) = records(FIXTURES / "crossref.json")
    assert (rec.id, rec.source, rec.source_id) == (
        "crossref:10.18653/v1/n19-1423",
        "crossref",
        "10.18653/v1/n19-1423",
    )
    assert rec.title.startswith("BERT: Pre-training")
    assert (rec.year, rec.pages, rec.type) == (2019, "4171-4186", "proceedings-article")
    assert rec.venue == "Proceedings of the 2019 Conference of the North"
    assert [a.full for a in rec.authors][:2] == ["Jacob Devlin", "Ming-Wei Chang"]


def test_crossref_snapshot_lines() -> None:
    items = list(read_records(FIXTURES / "crossref.jsonl"))
    lstm, book, bad = items
    assert isinstance(lstm, Record) and isinstance(book, Record) and isinstance(bad, BadRecord)
    assert (lstm.year, lstm.venue, lstm.doi) == (
        1997,
        "Neural Computation",
        "10.1162/neco.1997.9.8.1735",
    )
    assert (book.isbn, book.year, book.venue) == ("9780262033848", 2009, None)
    assert book.authors[1].family == "MIT Press Editorial Board"
    assert bad.location == "line 3 (10.1000/no-title)"


def test_csl_json_array() -> None:
    items = list(read_records(FIXTURES / "csl.json"))
    bert, things, bad = items
    assert isinstance(bert, Record) and isinstance(things, Record)
    assert (bert.source, bert.source_id, bert.id) == (
        "csl-json",
        "10.18653/v1/n19-1423",
        "csl-json:10.18653/v1/n19-1423",
    )
    assert (bert.year, bert.venue, bert.pages) == (2019, "Proceedings of NAACL-HLT", "4171-4186")
    # A citation key is not a stable id: the record gets a content hash.
    assert things.source_id is None and things.id.startswith("cv:")
    assert [(a.given, a.family) for a in things.authors] == [
        ("Anna", "van den Berg"),
        ("", "World Health Organization"),
    ]
    assert (things.venue, things.year, things.isbn) == ("Journal of Things", 2020, "9780262033848")
    assert isinstance(bad, BadRecord) and bad.location == "line 11 (item 'untitled')"


def test_csl_json_lines(tmp_path: Path) -> None:
    lines = [json.dumps(item) for item in json.loads((FIXTURES / "csl.json").read_text())]
    path = write(tmp_path, "items.jsonl", "\n".join(lines) + "\n")
    assert detect_format(path) == "csl-json"
    assert [r.title for r in records(path)] == [r.title for r in records(FIXTURES / "csl.json")]


def test_json_array_cut_short(tmp_path: Path) -> None:
    text = (FIXTURES / "csl.json").read_text()
    path = write(tmp_path, "cut.json", text[: text.index('{"id": "smith2020"') + 40])
    it = read_records(path)
    assert isinstance(next(it), Record)
    with pytest.raises(ImportFileError, match=r"cut\.json: line 7: JSON array cut short"):
        next(it)


def test_large_json_array_streams(tmp_path: Path) -> None:
    item = {
        "id": "k",
        "type": "article",
        "title": "Título número",
        "issued": {"date-parts": [[2001]]},
    }
    n = 5000
    path = write(
        tmp_path,
        "big.json",
        "[\n" + ",\n".join([json.dumps(item, ensure_ascii=False)] * n) + "\n]\n",
    )
    recs = records(path)
    assert len(recs) == n and recs[-1].title == "Título número"


# ---------------------------------------------------------------- BibTeX files


def test_bibtex_file_records_and_bad_entries() -> None:
    path = FIXTURES / "sample.bib"
    items = list(read_records(path))
    kinds = [type(i).__name__ for i in items]
    assert kinds == ["Record", "Record", "BadRecord", "Record", "Record", "BadRecord"]
    broken, untitled = (i for i in items if isinstance(i, BadRecord))
    line = (FIXTURES / "sample.bib").read_text().splitlines().index("@article{broken2020,") + 1
    assert broken.location == f"line {line}"
    assert untitled.location.startswith("entry 'notitle2020' (line ")
    assert all(r.source == "bibtex" for r in items if isinstance(r, Record))


@pytest.mark.parametrize(
    ("name", "fmt"),
    [("openalex.jsonl", "openalex"), ("crossref.jsonl", "crossref")],
)
def test_json_lines_with_a_malformed_line(tmp_path: Path, name: str, fmt: str) -> None:
    lines = (FIXTURES / name).read_text(encoding="utf-8").splitlines(keepends=True)
    broken = [lines[0], '{"id": "https://openalex.org/W9", "title": oops}\n', *lines[1:]]
    path = write(tmp_path, name, "".join(broken))
    items = list(read_records(path, fmt))
    bad = [i for i in items if isinstance(i, BadRecord)]
    assert bad[0].location == "line 2" and "invalid JSON" in bad[0].message
    assert len([i for i in items if isinstance(i, Record)]) == len(records(FIXTURES / name))


@pytest.mark.parametrize("name", ["dblp.xml", "openalex.jsonl", "csl.json", "crossref.json"])
def test_gzip_input_every_reader(tmp_path: Path, name: str) -> None:
    path = tmp_path / (name + ".gz")
    path.write_bytes(gzip.compress((FIXTURES / name).read_bytes()))
    assert detect_format(path) == detect_format(FIXTURES / name)
    assert records(path) == records(FIXTURES / name)


@pytest.mark.parametrize(
    "name",
    [
        "Warren Weaver",
        "Sathish Reddy Indurthi",
        "Ludwig van Beethoven",
        "Juan de la Cruz",
        "John G. Rogers III",
        "Smith, John",
        "Mononym",
        "",
        " padded name ",
        "double  space",
        "A &amp; B",
        "Name;",
    ],
)
def test_cached_name_parsing_equals_author_parse(name: str) -> None:
    from verifier.importers.jsonl import _NAMES
    from verifier.records import Author

    assert _NAMES[name] == Author.parse(name)
