"""Evaluate citation extraction and reference-string parsing on the shared dev data.

    .venv/bin/python scripts/eval_parse.py [--datasets ../shared/datasets] [--folds 5]
                                           [--parser crf|rules] [--failures FIELD]

1. AnyStyle core.xml (1,514 labelled references): field-level precision / recall / F1.
   The reference parser is a CRF trained on this very file, so the figures are k-fold
   cross-validated (default 5 folds): the file is shuffled with a fixed seed, cut into k parts,
   and each part is parsed by a model trained on the other k-1 parts only. `--folds 0` scores the
   shipped model (trained on all of it: training-set figures, not a measure of anything).
   The shipped model is also trained on synthetic references rendered from ACL Anthology
   records (`scripts/make_synthetic_refs.py`); cross-validation adds the same number of them
   to every training fold (never to a test fold), or as many as `--synthetic N` says (0: none),
   and says so in its output.
   `--parser rules` scores the hand-written rules alone (tuned while looking at this file:
   development figures). A field counts as correct when the predicted and gold values are equal
   after folding (case, diacritics, punctuation); authors are scored per name by family name
   (gold names come from splitting the gold author block), and also per word as a cross-check.
2. Crossref reference-matching strings (8 styles x 2,500; never used for training or tuning the
   model): share parsed with a title and a year, and DOI extraction exactness (the strings carry
   no DOIs, so each gold DOI is appended in several written forms and must come back exactly).
3. Throughput of `extract_citations` on generated-answer-like documents (see
   `answer_documents`), in MB of text per second of this process's CPU time (one core, so the
   figure holds on a shared machine), and of `parse_reference` alone.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import time
import xml.etree.ElementTree as ET
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import random
import tempfile

from verifier.extract import crf, extract_citations, refstring
from verifier.extract.names import split_names
from verifier.extract.refstring import parse_reference, parse_reference_rules
from verifier.identifiers import normalize_doi
from verifier.normalize import clean_text, fold
from verifier.records import parse_year

DEFAULT = Path(__file__).resolve().parents[2] / "shared" / "datasets"
STYLES = (
    "apa",
    "chicago-author-date",
    "modern-language-association",
    "ieee",
    "harvard3",
    "american-chemical-society",
    "american-institute-of-physics",
    "elsevier-without-titles",
)
TITLELESS = {
    "american-chemical-society",
    "american-institute-of-physics",
    "elsevier-without-titles",
}
PARSE = parse_reference
FIELDS = ("author", "title", "year", "container", "volume", "pages", "doi")
_STATED_YEAR = re.compile(r"(?<!\d)(?:1[5-9]|20)\d\d(?!\d)")


def _norm(value: str | None) -> str:
    return fold(clean_text(value or ""))


def _first_number(value: str | None) -> str:
    m = re.search(r"\d+", value or "")
    return m.group() if m else ""


def _pages(value: str | None) -> str:
    nums = re.findall(r"[A-Za-z]?\d+", value or "")
    return "-".join(nums[:2]).lower()


def _container(value: str) -> str:
    value = clean_text(value)
    value = re.sub(r"^(?:in|en)\s*:?\s+", "", value, flags=re.IGNORECASE)
    return _norm(value)


def gold_of(seq: ET.Element) -> tuple[str, dict[str, object]]:
    text = " ".join((child.text or "").strip() for child in seq)
    gold: dict[str, object] = {}
    for child in seq:
        tag, value = child.tag, (child.text or "").strip()
        if tag == "author" and "author" not in gold:
            people, _ = split_names(clean_text(value))
            gold["author"] = [_norm(a.family) for a in people if a.family]
            gold["author_words"] = {w for w in _norm(value).split() if len(w) > 1}
        elif tag == "title" and "title" not in gold:
            gold["title"] = _norm(value)
        elif tag == "date" and "year" not in gold and parse_year(value):
            gold["year"] = parse_year(value)
        elif tag in ("container-title", "journal") and "container" not in gold:
            gold["container"] = _container(value)
        elif tag == "volume" and "volume" not in gold and _first_number(value):
            gold["volume"] = _first_number(value)
        elif tag == "pages" and "pages" not in gold and _pages(value):
            gold["pages"] = _pages(value)
        elif tag == "doi" and "doi" not in gold:
            gold["doi"] = normalize_doi(value) or value.lower()
    return text, gold


def pred_of(text: str, rules: bool = False) -> dict[str, object]:
    p = parse_reference_rules(text) if rules else parse_reference(text)
    pred: dict[str, object] = {}
    if p.authors:
        pred["author"] = [_norm(a.family) for a in p.authors if a.family]
        pred["author_words"] = {w for a in p.authors for w in _norm(a.full).split() if len(w) > 1}
    if p.title:
        pred["title"] = _norm(p.title)
    if p.year:
        pred["year"] = p.year
    if p.venue:
        pred["container"] = _container(p.venue)
    if p.volume:
        pred["volume"] = _first_number(p.volume)
    if p.pages:
        pred["pages"] = _pages(p.pages)
    if p.doi:
        pred["doi"] = p.doi
    return pred


def prf(tp: float, n_pred: float, n_gold: float) -> tuple[float, float, float]:
    p = tp / n_pred if n_pred else 0.0
    r = tp / n_gold if n_gold else 0.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def _folds(n: int, k: int) -> list[int]:
    order = list(range(n))
    random.Random(13).shuffle(order)
    fold = [0] * n
    for rank, i in enumerate(order):
        fold[i] = rank % k
    return fold


def eval_anystyle(
    path: Path, show: str | None, folds: int, parser: str, synthetic: int = 0
) -> None:
    root = ET.parse(path).getroot()
    seqs = list(root)
    preds: list[dict[str, object]] = [{} for _ in seqs]
    golds = [gold_of(seq) for seq in seqs]
    if parser == "rules":
        how = "hand-written rules only (development figures)"
        preds = [pred_of(text, rules=True) for text, _ in golds]
    elif folds >= 2:
        how = f"CRF, {folds}-fold cross-validated (each string parsed by a model not trained on it)"
        extra: list[crf.Example] = []
        if synthetic:
            from make_synthetic_refs import synthetic_examples

            extra = synthetic_examples(synthetic)
            how += (
                f";\n  training folds augmented with {synthetic} synthetic references rendered "
                "from ACL Anthology records (scripts/make_synthetic_refs.py; never in a test fold)"
            )
        else:
            how += "; no synthetic training data"
        fold = _folds(len(seqs), folds)
        examples = [crf.example_from_sequence(seq) for seq in seqs]
        with tempfile.TemporaryDirectory() as tmp:
            for k in range(folds):
                t0 = time.perf_counter()
                model = Path(tmp) / f"fold{k}.crfsuite"
                train = [ex for ex, fk in zip(examples, fold, strict=True) if fk != k]
                crf.train(train + extra, model)
                with crf.using_model(model):
                    for i, fi in enumerate(fold):
                        if fi == k:
                            preds[i] = pred_of(golds[i][0])
                print(
                    f"  fold {k + 1}/{folds}: trained and parsed in {time.perf_counter() - t0:.0f} s"
                )
    else:
        how = "shipped CRF model, trained on this file (training-set figures)"
        preds = [pred_of(text) for text, _ in golds]
    counts: dict[str, Counter[str]] = {f: Counter() for f in (*FIELDS, "author_words")}
    shown = 0
    for (text, gold), pred in zip(golds, preds, strict=True):
        for f in FIELDS:
            g, p = gold.get(f), pred.get(f)
            c = counts[f]
            if f == "author":
                gl, pl = list(g or []), list(p or [])  # type: ignore[call-overload]
                c["gold"] += len(gl)
                c["pred"] += len(pl)
                remaining = Counter(gl)
                for name in pl:
                    if remaining[name] > 0:
                        remaining[name] -= 1
                        c["tp"] += 1
                ok = sorted(gl) == sorted(pl)
            else:
                c["gold"] += g is not None
                c["pred"] += p is not None
                ok = g is not None and g == p
                c["tp"] += ok
            if show == f and not ok and (g or p) and shown < 40:
                shown += 1
                print(f"--- {f}\n  text: {text}\n  gold: {g}\n  pred: {p}")
        gw = gold.get("author_words") or set()
        pw = pred.get("author_words") or set()
        cw = counts["author_words"]
        cw["gold"] += len(gw)  # type: ignore[arg-type]
        cw["pred"] += len(pw)  # type: ignore[arg-type]
        cw["tp"] += len(gw & pw)  # type: ignore[operator]
    print(f"\nAnyStyle core.xml ({len(root)} references): field-level P / R / F1; {how}")
    print(f"  {'field':<22} {'P':>6} {'R':>6} {'F1':>6}   (gold n)")
    for f in (*FIELDS, "author_words"):
        c = counts[f]
        p, r, f1 = prf(c["tp"], c["pred"], c["gold"])
        label = {"author": "author (family/name)", "author_words": "author (per word)"}.get(f, f)
        print(f"  {label:<22} {p:6.3f} {r:6.3f} {f1:6.3f}   ({c['gold']})")


def eval_crossref(folder: Path, show: str | None, only: str | None = None) -> dict[str, list[str]]:
    if only == "speed":
        return {
            style: [
                item["ref_string"]
                for item in json.loads((folder / f"dataset-{style}.json").read_text("utf-8"))[
                    "dataset"
                ]
            ]
            for style in STYLES
        }
    print(
        "\nCrossref reference strings: share parsed with title+year (styles with titles) "
        "/ venue+year (styles without)"
    )
    print(
        f"  {'style':<32} {'title+yr':>8} {'dated':>6} {'year':>6} {'title':>6} {'venue':>6} "
        f"{'author':>6} {'DOI ok':>7}\n"
        f"  ('dated': the title+yr share among strings that state a year at all; ~2% state none,"
        f" '(n.d.)')"
    )
    corpus: dict[str, list[str]] = {}
    shown = 0
    forms = (
        "{r} https://doi.org/{d}.",
        "{r} doi:{d}",
        "{r} DOI: {d}.",
        "{r} (https://dx.doi.org/{d})",
        "{r}\nhttps://doi.org/{d}",
    )
    for style in STYLES:
        path = folder / f"dataset-{style}.json"
        items = json.loads(path.read_text(encoding="utf-8"))["dataset"]
        n = len(items)
        ty = y = t = v = a = 0
        dated = dated_ok = 0
        doi_ok = doi_n = 0
        shown = 0
        for i, item in enumerate(items):
            ref = item["ref_string"]
            corpus.setdefault(style, []).append(ref)
            p = PARSE(ref)
            y += p.year is not None
            t += bool(p.title)
            v += bool(p.venue)
            a += bool(p.authors)
            good = bool(p.year and (p.venue if style in TITLELESS else p.title))
            ty += good
            if _STATED_YEAR.search(ref):
                dated += 1
                dated_ok += good
            if show in ("crossref", style) and not good and shown < 12:
                shown += 1
                print(f"--- {style}: {ref}\n    {p.to_dict()}")
            gold = (item.get("target_gt") or {}).get("DOI")
            if gold:
                doi_n += 1
                form = forms[i % len(forms)]
                q = PARSE(form.format(r=ref, d=gold))
                doi_ok += q.doi == gold.lower()
        print(
            f"  {style:<32} {ty / n:8.3f} {dated_ok / max(dated, 1):6.3f} {y / n:6.3f} {t / n:6.3f} {v / n:6.3f} {a / n:6.3f} "
            f"{doi_ok / max(doi_n, 1):7.4f}"
        )
    return corpus


# Sentences of the kind a model writes in an answer about research; "{c}" is where a cite goes.
_SENTENCES = (
    "Retrieval-augmented generation grounds a model's answer in documents fetched at query time{c}.",
    "Earlier systems relied on sparse lexical matching, which fails when the query and the "
    "passage use different words for the same idea{c}.",
    "Dense retrievers encode questions and passages into one vector space and compare them "
    "with an inner product{c}.",
    "This makes the index large, but approximate nearest-neighbour search keeps lookups fast.",
    "The effect has been replicated across several domains, including biomedicine and law{c}.",
    "However, the gains shrink when the training and test distributions differ{c}.",
    "A second line of work fine-tunes the reader and the retriever jointly{c}.",
    "Evaluation remains difficult, because reference answers are often incomplete.",
    "Several authors argue that human judgements should complement automatic metrics{c}.",
    "In practice, the choice of chunk size matters more than the choice of encoder{c}.",
    "Hallucinated references are a known failure mode of large language models{c}.",
    "Checking each citation against a bibliographic database catches most of them.",
    "The cost of this check is small compared with the cost of generation itself.",
    "Newer models reduce, but do not remove, the problem{c}.",
    "Surveys of the field list open questions about attribution and faithfulness{c}.",
    "Taken together, these results suggest that retrieval helps most on rare facts.",
)
_NUMERIC_STYLES = {
    "ieee",
    "american-chemical-society",
    "american-institute-of-physics",
    "elsevier-without-titles",
}


def answer_documents(by_style: dict[str, list[str]], n_docs: int, seed: int = 7) -> list[str]:
    """Documents shaped like generated answers (seeded, so every run measures the same text).

    Each: a markdown heading, 3-7 paragraphs of 3-6 sentences (about 55% of sentences end in a
    cite: "[3]" / "[2, 5]" for numeric styles, "(Family et al., 1999)" or "Family (1999)" for
    author-year ones, about one bare DOI per document), then "## References" with 10-30 real
    Crossref reference strings of one style (numbered for numeric styles), each used once.
    """
    rng = random.Random(seed)
    styles = sorted(by_style)
    docs = []
    cursor: dict[str, int] = {}
    for d in range(n_docs):
        style = styles[d % len(styles)]
        pool = by_style[style]
        n_refs = rng.randint(10, 30)
        start = cursor.get(style, 0)  # disjoint slices: no reference is parsed twice
        cursor[style] = start + n_refs
        refs = [re.sub(r"^\s*(?:\[\d+\]|\(\d+\))\s*", "", r) for r in pool[start : start + n_refs]]
        numeric = style in _NUMERIC_STYLES

        def cite(refs: list[str] = refs, n_refs: int = n_refs, numeric: bool = numeric) -> str:
            k = rng.randrange(n_refs)
            if numeric:
                if rng.random() < 0.3:
                    return f" [{k + 1}, {min(n_refs, k + 2 + rng.randrange(3))}]"
                return f" [{k + 1}]"
            ref = refs[k]
            fam = re.split(r"[,\s]", ref, maxsplit=1)[0] or "Smith"
            ym = re.search(r"(?:19|20)\d\d", ref)
            year = ym.group() if ym else "2020"
            if rng.random() < 0.3:
                return f" as {fam} et al. ({year}) showed"
            return f" ({fam} et al., {year})"

        paras = [f"## {rng.choice(('Overview', 'Answer', 'Background', 'Summary'))}\n"]
        for _ in range(rng.randint(3, 7)):
            sents = []
            for _ in range(rng.randint(3, 6)):
                sent = rng.choice(_SENTENCES)
                sents.append(sent.format(c=cite() if rng.random() < 0.55 else ""))
            paras.append(" ".join(sents))
        if rng.random() < 0.5:
            paras.append("See also https://doi.org/10.18653/v1/N19-1423 for details.")
        listing = "\n".join((f"{i + 1}. {r}" if numeric else r) for i, r in enumerate(refs))
        docs.append("\n\n".join(paras) + "\n\n## References\n\n" + listing + "\n")
    return docs


def throughput(by_style: dict[str, list[str]]) -> None:
    """CPU time of this process (`time.process_time`): "on one core" even on a shared machine."""
    docs = answer_documents(by_style, 600)
    total = sum(len(d.encode("utf-8")) for d in docs)
    prose = sum(len(d.split("## References")[0].encode("utf-8")) for d in docs)
    extract_citations(docs[0])  # load the model outside the clock
    refstring._memo.clear()  # parses are cached per string: measure every one afresh
    t0 = time.process_time()
    kinds: Counter[str] = Counter()
    for d in docs:
        kinds.update(c.kind for c in extract_citations(d))
    dt = time.process_time() - t0
    print(
        f"\nThroughput of extract_citations on {len(docs)} generated-answer-like documents "
        f"(3-7 paragraphs with inline cites, {prose / total:.0%} of the bytes prose, then 10-30 "
        f"real Crossref references of one style; {total / 1e6:.2f} MB, "
        f"{dict(sorted(kinds.items()))}):\n  {total / 1e6 / dt:.2f} MB/s of CPU time "
        f"({dt * 1e3 / len(docs):.1f} ms a document)"
    )
    corpus = [r for style in sorted(by_style) for r in by_style[style]]
    refs_bytes = sum(len(r.encode("utf-8")) for r in corpus)
    refstring._memo.clear()
    t0 = time.process_time()
    for r in corpus:
        PARSE(r)
    dt = time.process_time() - t0
    print(
        f"  parse_reference alone on {len(corpus)} strings ({refs_bytes / 1e6:.1f} MB): "
        f"{refs_bytes / 1e6 / dt:.2f} MB/s, {len(corpus) / dt:,.0f} references/s"
    )
    texts = [d.split("## References")[0] for d in docs]
    t0 = time.process_time()
    n = sum(len(extract_citations(t)) for t in texts)
    dt = time.process_time() - t0
    print(f"  prose alone ({prose / 1e6:.2f} MB, {n} cites): {prose / 1e6 / dt:.2f} MB/s")


def main() -> None:
    ap = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    ap.add_argument("--datasets", type=Path, default=DEFAULT)
    ap.add_argument("--folds", type=int, default=5, help="cross-validation folds (0: none)")
    ap.add_argument("--parser", choices=("crf", "rules"), default="crf")
    ap.add_argument(
        "--synthetic",
        type=int,
        default=None,
        help="synthetic references added to each CV training fold (default: as the shipped "
        "model was trained, from refparser.json; 0: none)",
    )
    ap.add_argument(
        "--only", choices=("anystyle", "crossref", "speed"), help="run one part of the evaluation"
    )
    ap.add_argument("--model", type=Path, help="score this model instead of the shipped one")
    ap.add_argument("--failures", help="print failures of one field (author, title, ..., crossref)")
    args = ap.parse_args()
    if not (args.datasets / "anystyle" / "core.xml").exists():
        sys.exit(f"datasets not found at {args.datasets} (pass --datasets)")
    if args.model:
        with crf.using_model(args.model):
            run(args)
    else:
        run(args)


def run(args: argparse.Namespace) -> None:
    global PARSE
    if args.parser == "rules":
        PARSE = parse_reference_rules
    if args.only in (None, "anystyle"):
        synthetic = args.synthetic
        if synthetic is None:
            synthetic = crf.manifest().get("synthetic", {}).get("n", 0)
        eval_anystyle(
            args.datasets / "anystyle" / "core.xml",
            args.failures,
            args.folds,
            args.parser,
            synthetic,
        )
    if args.only in (None, "crossref", "speed"):
        if args.parser == "crf" and not crf.available():
            sys.exit("the CRF model or python-crfsuite is missing: run scripts/train_refparser.py")
        corpus = eval_crossref(args.datasets / "crossref-refmatch", args.failures, args.only)
        if args.only in (None, "speed"):
            throughput(corpus)


if __name__ == "__main__":
    main()
