"""Train the reference-string CRF shipped in `verifier/extract/refparser.crfsuite`.

    .venv/bin/python scripts/train_refparser.py [--data ../shared/datasets/anystyle/core.xml]
                                                [--out verifier/extract/refparser.crfsuite]

Training data: AnyStyle's `core.xml` (BSD-2-Clause, https://github.com/inukshuk/anystyle),
1,514 references labelled field by field, plus `--synthetic N` synthetic references (default
SYNTHETIC) that `scripts/make_synthetic_refs.py` renders from real ACL Anthology records in
thirteen citation styles (seeded). The model is trained on all of it; the figures that
`scripts/eval_parse.py` prints for core.xml are k-fold cross-validated instead (synthetic
references only ever in training folds). Training is deterministic (L-BFGS, fixed parameters
in `verifier.extract.crf.TRAINING_PARAMS`, seeded synthetic data) and takes a minute or two on
one core. `refparser.json` beside the model records what built it.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from make_synthetic_refs import DATA as ACL_DATA
from make_synthetic_refs import STYLES, synthetic_examples

from verifier.extract import crf

SYNTHETIC = 1750
SEED = 1
DEFAULT_DATA = Path(__file__).resolve().parents[2] / "shared" / "datasets" / "anystyle" / "core.xml"


def main() -> None:
    ap = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    ap.add_argument("--data", type=Path, default=DEFAULT_DATA)
    ap.add_argument("--out", type=Path, default=crf.MODEL)
    ap.add_argument("--synthetic", type=int, default=SYNTHETIC, help="synthetic references")
    ap.add_argument("--seed", type=int, default=SEED, help="seed of the synthetic references")
    args = ap.parse_args()
    if not args.data.exists():
        sys.exit(f"training data not found: {args.data} (pass --data)")
    examples = crf.examples_from_anystyle(args.data)
    extra = synthetic_examples(args.synthetic, args.seed) if args.synthetic else []
    t0 = time.perf_counter()
    crf.train(examples + extra, args.out)
    manifest_path = args.out.with_suffix(".json")
    manifest = json.loads(manifest_path.read_text(encoding="utf-8"))
    manifest["training_data"] = {
        "file": "anystyle/core.xml",
        "source": "AnyStyle parser training data (BSD-2-Clause)",
        "sha256": hashlib.sha256(args.data.read_bytes()).hexdigest(),
        "tokens": sum(len(labels) for _, labels in examples),
    }
    manifest["synthetic"] = {
        "n": len(extra),
        "seed": args.seed,
        "source": "scripts/make_synthetic_refs.py: ACL Anthology records (data/"
        + ACL_DATA.name
        + f") rendered in {len(STYLES)} citation styles",
        "sha256": hashlib.sha256(ACL_DATA.read_bytes()).hexdigest() if extra else None,
        "tokens": sum(len(labels) for _, labels in extra),
    }
    manifest_path.write_text(json.dumps(manifest, indent=1) + "\n", encoding="utf-8")
    size = args.out.stat().st_size
    print(
        f"trained on {len(examples)} AnyStyle + {len(extra)} synthetic references in {time.perf_counter() - t0:.0f} s: "
        f"{args.out} ({size / 1e6:.2f} MB)"
    )


if __name__ == "__main__":
    main()
