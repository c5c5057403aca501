"""verifier.venues: one venue under its many spellings, and no more."""

from __future__ import annotations

import pytest

from verifier.venues import abbreviation_of, first_year, same_venue

ACL_2023 = ("Proceedings of the 61st Annual Meeting of the Association for Computational "
            "Linguistics (Volume 1: Long Papers)")  # fmt: skip


@pytest.mark.parametrize(
    ("cited", "actual", "same"),
    [
        ("NeurIPS", "NIPS", True),
        ("NeurIPS", "Advances in Neural Information Processing Systems 34", True),
        ("ACL 2023", ACL_2023, True),
        ("TACL", "Transactions of the Association for Computational Linguistics", True),
        ("Trans. Assoc. Comput. Linguist.", "Transactions of the Association for Computational Linguistics", True),
        ("CL", "Computational Linguistics", True),
        ("NAACL-HLT", "Proceedings of the 2019 Conference of the North American Chapter of the Association for Computational Linguistics: Human Language Technologies", True),
        ("Findings of EMNLP", "Findings of the Association for Computational Linguistics: EMNLP 2020", True),
        ("LREC", "Proceedings of the Ninth International Conference on Language Resources and Evaluation (LREC'14)", True),
        ("Phys. Rev. Lett.", "Physical Review Letters", True),
        ("Proceedings of the IEEE/CVF Conference on Computer Vision and Pattern Recognition", "CVPR", True),
        # not the same venue
        ("EMNLP", "Findings of the Association for Computational Linguistics: EMNLP 2020", False),
        ("CVPR Workshops", "CVPR", False),
        ("ICML", "NeurIPS", False),
        ("Symposium on Neural Scaling Laws", "ICLR", False),
        ("Nature", "Nature Communications", False),
        ("J. Mach. Learn. Res.", "Journal of Materials Research", False),
    ],
)  # fmt: skip
def test_same_venue(cited: str, actual: str, same: bool) -> None:
    assert same_venue(cited, actual).same is same


def test_abbreviations_without_the_list(monkeypatch: pytest.MonkeyPatch) -> None:
    from verifier import venues

    monkeypatch.setattr(venues, "journal_abbreviations", lambda: {})
    assert abbreviation_of("J. Artif. Intell. Res.", "Journal of Artificial Intelligence Research")
    assert not abbreviation_of("J. Artif. Intell. Res.", "Journal of Applied Ecology")


def test_first_year() -> None:
    assert first_year("ICLR") == 2013
    assert first_year("Findings of ACL") == 2020
    assert first_year("Workshop on Something New") is None
