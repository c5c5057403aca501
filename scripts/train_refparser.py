"""Train the reference-string CRF shipped in `verifier/extract/refparser.crfsuite`.

    .venv/bin/python scripts/train_refparser.py [--data ../shared/datasets/anystyle/core.xml]
                                                [--out verifier/extract/refparser.crfsuite]

Training data: AnyStyle's `core.xml` (BSD-2-Clause, https://github.com/inukshuk/anystyle),
1,514 references labelled field by field. The model is trained on all of it; the figures that
`scripts/eval_parse.py` prints for this file are k-fold cross-validated instead. Training is
deterministic (L-BFGS, fixed parameters in `verifier.extract.crf.TRAINING_PARAMS`) and takes
about half a minute on one core. `refparser.json` beside the model records what built it.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from verifier.extract import crf

DEFAULT_DATA = Path(__file__).resolve().parents[2] / "shared" / "datasets" / "anystyle" / "core.xml"


def main() -> None:
    ap = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    ap.add_argument("--data", type=Path, default=DEFAULT_DATA)
    ap.add_argument("--out", type=Path, default=crf.MODEL)
    args = ap.parse_args()
    if not args.data.exists():
        sys.exit(f"training data not found: {args.data} (pass --data)")
    examples = crf.examples_from_anystyle(args.data)
    t0 = time.perf_counter()
    crf.train(examples, args.out)
    manifest_path = args.out.with_suffix(".json")
    manifest = json.loads(manifest_path.read_text(encoding="utf-8"))
    manifest["training_data"] = {
        "file": "anystyle/core.xml",
        "source": "AnyStyle parser training data (BSD-2-Clause)",
        "sha256": hashlib.sha256(args.data.read_bytes()).hexdigest(),
        "tokens": sum(len(labels) for _, labels in examples),
    }
    manifest_path.write_text(json.dumps(manifest, indent=1) + "\n", encoding="utf-8")
    size = args.out.stat().st_size
    print(
        f"trained on {len(examples)} references in {time.perf_counter() - t0:.0f} s: "
        f"{args.out} ({size / 1e6:.2f} MB)"
    )


if __name__ == "__main__":
    main()
