"""Citation extraction: table-driven cases for every form, plus file inputs."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from verifier.citations import Author, Citation, ParsedReference
from verifier.extract import extract_citations, extract_file, parse_reference
from verifier.extract.refstring import _dashed, _journal_as_title, _people

FIXTURES = Path(__file__).parent / "fixtures" / "extract"


def _families(p: Any) -> list[str]:
    return [a.family for a in p.authors]


# (reference string, expected fields: families / title / year / venue / volume / pages / doi ...)
REFERENCES = [
    # APA, a work without an author: the title takes the author's place
    (
        "Recognition of Reviewers. (2015). Journal of Social Philosophy, 46(4), 393–397.",
        {
            "families": [],
            "title": "Recognition of Reviewers",
            "year": 2015,
            "venue": "Journal of Social Philosophy",
            "volume": "46",
        },
    ),
    (  # ... but with a corporate author the title after the date is the title
        "World Health Organization. (2019). Global report on infection prevention and control. "
        "Geneva: World Health Organization.",
        {
            "title": "Global report on infection prevention and control",
            "year": 2019,
        },
    ),
    (  # a SICI DOI keeps its "<...>" part
        "Monthly Weather Review. (1926). Monthly Weather Review, 54(7), c11–c11. "
        "https://doi.org/10.1175/1520-0493(1926)547<c11:cxwmon>2.0.co;2",
        {"doi": "10.1175/1520-0493(1926)547<c11:cxwmon>2.0.co;2", "year": 1926},
    ),
    (  # "In <venue>." after the title is the venue, whatever the tagger calls it
        "Takashi Ishida, Ikko Yamane, and Masashi Sugiyama. 2023. Is the Performance of My Deep "
        "Network Too Good to Be True? In Conference on Disentangled Representations.",
        {"venue": "Conference on Disentangled Representations", "year": 2023},
    ),
    ("Smith, J. (2020). A title of a paper. In press.", {"venue": None, "year": 2020}),
    (  # an organisation opening a web document, read by the tagger as its title
        "Centers for Disease Control and Prevention. (2023, May 15). Symptoms of COVID-19. "
        "https://www.cdc.gov/coronavirus/2019-ncov/symptoms-testing/symptoms.html",
        {"title": "Symptoms of COVID-19", "families": ["Prevention"], "year": 2023},
    ),
    (
        "Wikipedia contributors. (2024, March 1). Transformer (deep learning architecture). In "
        "Wikipedia, The Free Encyclopedia. https://en.wikipedia.org/wiki/Transformer",
        {
            "title": "Transformer (deep learning architecture)",
            "venue": "Wikipedia, The Free Encyclopedia",
        },
    ),
    (
        "IPCC (2021). Climate Change 2021: The Physical Science Basis. Cambridge University Press.",
        {"title": "Climate Change 2021: The Physical Science Basis", "families": ["IPCC"]},
    ),
    (  # LNCS: the series is no part of the proceedings' name
        "He, K., Zhang, X., Ren, S., Sun, J.: Identity mappings in deep residual networks. In: "
        "Leibe, B., Matas, J., Sebe, N., Welling, M. (eds.) ECCV 2016. LNCS, vol. 9908, pp. "
        "630–645. Springer, Cham (2016)",
        {"venue": "ECCV 2016", "volume": "9908", "pages": "630-645", "year": 2016},
    ),
    (  # APA's spaced ellipsis; "Winter" is a name here, not a season that opens the date
        "Ziegler, D. M., Wu, J., Winter, C., . . . Amodei, D. (2020). Language models are "
        "few-shot learners. Advances in Neural Information Processing Systems, 33, 1877–1901.",
        {"families": ["Ziegler", "Wu", "Winter", "Amodei"], "year": 2020},
    ),
    (  # GB/T 7714: document-type codes end the title, "//" opens the proceedings
        "HE K, ZHANG X, REN S, et al. Deep residual learning for image recognition[C]//Proceedings "
        "of the IEEE Conference on Computer Vision and Pattern Recognition. Las Vegas: IEEE, "
        "2016: 770-778.",
        {
            "title": "Deep residual learning for image recognition",
            "families": ["HE", "ZHANG", "REN"],
            "venue": "Proceedings of the IEEE Conference on Computer Vision and Pattern "
            "Recognition",
            "year": 2016,
        },
    ),
    (
        "LECUN Y, BENGIO Y, HINTON G. Deep learning[J]. Nature, 2015, 521(7553): 436-444.",
        {"title": "Deep learning", "families": ["LECUN", "BENGIO", "HINTON"], "venue": "Nature"},
    ),
    (  # an abbreviated journal the tagger read as a genre
        '[9] C. E. Shannon, "A mathematical theory of communication," Bell Syst. Tech. J., vol. '
        "27, no. 3, pp. 379–423, Jul. 1948.",
        {"venue": "Bell Syst. Tech. J.", "volume": "27", "pages": "379-423", "year": 1948},
    ),
    (  # "von" opens a family name here, not the German "by"
        "von Neumann, John, and Oskar Morgenstern. 1944. Theory of Games and Economic Behavior. "
        "Princeton, NJ: Princeton University Press.",
        {"families": ["von Neumann", "Morgenstern"], "year": 1944},
    ),
    (  # DIN 1505's "u. a." is "et al."
        "SILVER, David u. a.: Mastering the game of Go with deep neural networks and tree search. "
        "In: Nature 529 (2016), Nr. 7587, S. 484–489",
        {
            "title": "Mastering the game of Go with deep neural networks and tree search",
            "families": ["SILVER"],
            "venue": "Nature",
        },
    ),
    (  # "NOM Prénom, Title, Place, Publisher, Year": the list ends with the first name
        "BOURDIEU Pierre, La Distinction. Critique sociale du jugement, Paris, Éditions de "
        "Minuit, 1979.",
        {"families": ["BOURDIEU"], "title": "La Distinction. Critique sociale du jugement"},
    ),
    (  # Bluebook: an article (volume, journal, first page, year) and a book
        "Guido Calabresi & A. Douglas Melamed, Property Rules, Liability Rules, and "
        "Inalienability: One View of the Cathedral, 85 Harv. L. Rev. 1089 (1972).",
        {
            "title": "Property Rules, Liability Rules, and Inalienability: One View of the "
            "Cathedral",
            "families": ["Calabresi", "Melamed"],
            "venue": "Harv. L. Rev.",
            "volume": "85",
            "pages": "1089",
            "year": 1972,
        },
    ),
    (
        "Frank H. Easterbrook, Cyberspace and the Law of the Horse, 1996 U. Chi. Legal F. 207.",
        {"venue": "U. Chi. Legal F.", "year": 1996, "volume": None, "families": ["Easterbrook"]},
    ),
    (
        "Ronald Dworkin, Law's Empire (1986).",
        {"title": "Law's Empire", "families": ["Dworkin"], "year": 1986},
    ),
    (  # APA's description of the kind of work is no part of the title
        "Dua, D., & Graff, C. (2019). UCI machine learning repository [Data set]. University of "
        "California, Irvine. http://archive.ics.uci.edu/ml",
        {"title": "UCI machine learning repository", "year": 2019},
    ),
    (
        "de Broglie, L. (1924). Recherches sur la théorie des quanta [Thèse de doctorat, Faculté "
        "des sciences de Paris].",
        {"title": "Recherches sur la théorie des quanta", "families": ["de Broglie"]},
    ),
    (  # OSCOLA: the year in parentheses, then volume, journal, first page
        "HLA Hart, 'Positivism and the Separation of Law and Morals' (1958) 71 Harvard Law "
        "Review 593.",
        {"venue": "Harvard Law Review", "volume": "71", "pages": "593", "year": 1958},
    ),
    (  # the place and dates of a meeting after its acronym are no part of its name
        '[9] J. Redmon, S. Divvala, R. Girshick, and A. Farhadi, "You only look once: Unified, '
        'real-time object detection," in Proc. IEEE Conf. Comput. Vis. Pattern Recognit. (CVPR), '
        "Las Vegas, NV, USA, Jun. 2016, pp. 779–788.",
        {"venue": "Proc. IEEE Conf. Comput. Vis. Pattern Recognit. (CVPR)", "year": 2016},
    ),
    (
        "Jeffrey Dean and Sanjay Ghemawat. 2004. MapReduce: Simplified Data Processing on Large "
        "Clusters. In Proceedings of the 6th Symposium on Operating Systems Design and "
        "Implementation (OSDI '04), December 6–8, 2004, San Francisco, CA. USENIX Association, "
        "137–150.",
        {
            "venue": "Proceedings of the 6th Symposium on Operating Systems Design and "
            "Implementation (OSDI '04)",
        },
    ),
    (  # nor its series in parentheses
        '[4] H. Bay, T. Tuytelaars, and L. Van Gool, "SURF: Speeded up robust features," in '
        "Computer Vision – ECCV 2006 (Lecture Notes in Computer Science, vol. 3951), A. "
        "Leonardis, H. Bischof, and A. Pinz, Eds. Berlin, Germany: Springer, 2006, pp. 404–417.",
        {"venue": "Computer Vision – ECCV 2006", "pages": "404-417"},
    ),
    (  # Science: names with initials, a title, then journal, volume, pages and (year); not a
        # Bluebook book
        "A. Tversky, D. Kahneman, Judgment under uncertainty: Heuristics and biases. Science 185, "
        "1124–1131 (1974).",
        {
            "families": ["Tversky", "Kahneman"],
            "title": "Judgment under uncertainty: Heuristics and biases",
            "venue": "Science",
        },
    ),
    (
        "A. Einstein, B. Podolsky, and N. Rosen, Can quantum-mechanical description of physical "
        "reality be considered complete?, Phys. Rev. 47, 777 (1935).",
        {"families": ["Einstein", "Podolsky", "Rosen"], "volume": "47", "year": 1935},
    ),
    (  # a numbered Vancouver line is no "Title. Names. Venue Year." chat line
        "36. Shechtman D, Blech I, Gratias D, Cahn JW. Metallic phase with long-range "
        "orientational order and no translational symmetry. Phys Rev Lett. 1984;53(20):1951-3.",
        {"families": ["Shechtman", "Blech", "Gratias", "Cahn"], "venue": "Phys Rev Lett"},
    ),
    (  # an organisation, a title, then place and year (Oxford-style note)
        "World Commission on Environment and Development, Our Common Future (Oxford, 1987).",
        {"title": "Our Common Future", "families": ["Development"], "year": 1987},
    ),
    (  # APA: an organisation, its date, then a title the tagger read as a journal
        "American Psychological Association. (2020). Publication manual of the American "
        "Psychological Association (7th ed.).",
        {
            "title": "Publication manual of the American Psychological Association",
            "families": ["Association"],
            "venue": None,
        },
    ),
    # APA's genre in brackets before the archive; an article number; a spaced ellipsis
    (
        "Shannon, C. E. (1940). An algebra for theoretical genetics [Doctoral dissertation, "
        "Massachusetts Institute of Technology]. DSpace@MIT. http://hdl.handle.net/1721.1/11174",
        {"title": "An algebra for theoretical genetics", "venue": None},
    ),
    (
        "Wilkinson, M. D., Dumontier, M., Aalbersberg, I. J., . . . Mons, B. (2016). The FAIR "
        "Guiding Principles for scientific data management and stewardship. Scientific Data, 3, "
        "Article 160018.",
        {
            "title": "The FAIR Guiding Principles for scientific data management and stewardship",
            "families": ["Wilkinson", "Dumontier", "Aalbersberg", "Mons"],
            "venue": "Scientific Data",
        },
    ),
    # a container's parenthesis closed after it, a translator after "trans.", DIN's place
    (
        "Martín Abadi, Paul Barham, Jianmin Chen, and Zhifeng Chen. 2016. TensorFlow: A System "
        "for Large-Scale Machine Learning. In 12th USENIX Symposium on Operating Systems Design "
        "and Implementation (OSDI 16). 265–283.",
        {
            "venue": "12th USENIX Symposium on Operating Systems Design and Implementation "
            "(OSDI 16)",
            "pages": "265-283",
        },
    ),
    (
        "3. Fernand Braudel, The Mediterranean and the Mediterranean World in the Age of Philip "
        "II, trans. Siân Reynolds, 2 vols. (New York: Harper & Row, 1972), 1:23.",
        {"venue": None, "publisher": "Harper & Row", "year": 1972},
    ),
    (
        "LUHMANN, Niklas: Soziale Systeme : Grundriß einer allgemeinen Theorie. Frankfurt am "
        "Main : Suhrkamp, 1984",
        {"venue": None, "publisher": "Suhrkamp", "year": 1984},
    ),
    # Chinese and Japanese script: GB/T 7714 books and articles, APA-like, 『』 titles
    (
        "钱学森, 于景元, 戴汝为. 一个科学新领域——开放的复杂巨系统及其方法论[J]. 自然杂志, 1990, "
        "13(1): 3-10.",
        {
            "title": "一个科学新领域——开放的复杂巨系统及其方法论",
            "families": ["钱学森", "于景元", "戴汝为"],
            "venue": "自然杂志",
            "volume": "13",
            "pages": "3-10",
            "year": 1990,
        },
    ),
    (
        "[1] 周志华. 机器学习[M]. 北京: 清华大学出版社, 2016.",
        {"title": "机器学习", "families": ["周志华"], "publisher": "清华大学出版社", "year": 2016},
    ),
    (
        "费孝通. (1948). 乡土中国. 上海: 观察社.",
        {"title": "乡土中国", "families": ["费孝通"], "year": 1948},
    ),
    (
        "丸山眞男 (1961)『日本の思想』岩波書店（岩波新書）.",
        {"title": "日本の思想", "families": ["丸山眞男"], "publisher": "岩波書店", "year": 1961},
    ),
    # court cases and statutes: the case's name is the title, its reporter the venue
    (
        "Brown v. Board of Education, 347 U.S. 483 (1954).",
        {
            "title": "Brown v. Board of Education",
            "authors": (),
            "venue": "U.S.",
            "volume": "347",
            "pages": "483",
            "year": 1954,
        },
    ),
    (
        "Marbury v. Madison, 5 U.S. (1 Cranch) 137 (1803).",
        {"title": "Marbury v. Madison", "volume": "5", "pages": "137", "year": 1803},
    ),
    (
        "Varghese v. China Southern Airlines Co., 925 F.3d 1339 (11th Cir. 2019).",
        {"title": "Varghese v. China Southern Airlines Co.", "venue": "F.3d", "year": 2019},
    ),
    (
        "Donoghue v Stevenson [1932] AC 562 (HL).",
        {"title": "Donoghue v Stevenson", "venue": "AC", "pages": "562", "year": 1932},
    ),
    (
        "Civil Rights Act of 1964, Pub. L. No. 88-352, 78 Stat. 241 (1964).",
        {"title": "Civil Rights Act of 1964", "authors": (), "year": 1964},
    ),
    # a title set off in bold, italics, quotes or a link, then the rest of the reference,
    # on the same line or the next
    (
        '1. **"Attention Is All You Need"** – Vaswani, A., Shazeer, N., Parmar, N., et al. '
        "(2017). *Advances in Neural Information Processing Systems 30*.",
        {
            "title": "Attention Is All You Need",
            "families": ["Vaswani", "Shazeer", "Parmar"],
            "year": 2017,
            "venue": "Advances in Neural Information Processing Systems",
        },
    ),
    (
        "1. **Reduction in the Incidence of Type 2 Diabetes with Lifestyle Intervention or "
        "Metformin**\n   Knowler WC, Barrett-Connor E, Fowler SE, et al. *New England Journal of "
        "Medicine*, 2002; 346:393–403.",
        {
            "title": "Reduction in the Incidence of Type 2 Diabetes with Lifestyle Intervention "
            "or Metformin",
            "families": ["Knowler", "Barrett-Connor", "Fowler"],
            "venue": "New England Journal of Medicine",
        },
    ),
    (
        "3. *Orientalism*\n   Edward W. Said — Pantheon Books, 1978",
        {"title": "Orientalism", "families": ["Said"], "year": 1978, "venue": None},
    ),
    (
        "- [Test-Enhanced Learning: Taking Memory Tests Improves Long-Term Retention]"
        "(https://doi.org/10.1111/j.1467-9280.2006.01693.x) by Roediger & Karpicke (2006)",
        {
            "title": "Test-Enhanced Learning: Taking Memory Tests Improves Long-Term Retention",
            "families": ["Roediger", "Karpicke"],
            "doi": "10.1111/j.1467-9280.2006.01693.x",
        },
    ),
    (
        "* **Guns, Germs, and Steel** (Jared Diamond, 1997) – A sweeping account of why some "
        "societies came to dominate others.",
        {"title": "Guns, Germs, and Steel", "families": ["Diamond"], "year": 1997},
    ),
    (
        "* **The Structure of Scientific Revolutions** (1962) by Thomas S. Kuhn: Introduced the "
        "concept of paradigm shifts.",
        {"title": "The Structure of Scientific Revolutions", "families": ["Kuhn"]},
    ),
    (
        "- 📄 *Deep learning* — LeCun, Bengio & Hinton, Nature (2015) (highly recommended)",
        {"families": ["LeCun", "Bengio", "Hinton"], "venue": "Nature", "year": 2015},
    ),
    # names before a set-off title, set-off names, a set-off label before a whole reference,
    # a title with its author on the next line
    (
        "- Kingma and Ba, *Adam: A Method for Stochastic Optimization*, ICLR 2015.",
        {
            "title": "Adam: A Method for Stochastic Optimization",
            "families": ["Kingma", "Ba"],
            "venue": "ICLR",
            "year": 2015,
        },
    ),
    (
        "1. **Lorenz, E. N.** — *Deterministic Nonperiodic Flow* — Journal of the Atmospheric "
        "Sciences, 20(2), 130–141 (1963).",
        {
            "title": "Deterministic Nonperiodic Flow",
            "families": ["Lorenz"],
            "venue": "Journal of the Atmospheric Sciences",
            "year": 1963,
        },
    ),
    (
        "**PPO** – Schulman, J., Wolski, F., Dhariwal, P., Radford, A., & Klimov, O. (2017). "
        "Proximal policy optimization algorithms. *arXiv preprint arXiv:1707.06347*.",
        {
            "title": "Proximal policy optimization algorithms",
            "families": ["Schulman", "Wolski", "Dhariwal", "Radford", "Klimov"],
        },
    ),
    (
        "🧬 **BLAST:** Altschul SF, Gish W, Miller W, Myers EW, Lipman DJ. Basic local alignment "
        "search tool. J Mol Biol. 1990;215(3):403-410.",
        {"title": "Basic local alignment search tool", "venue": "J Mol Biol"},
    ),
    (
        "🌱 *Silent Spring* — Rachel Carson, 1962",
        {"title": "Silent Spring", "families": ["Carson"]},
    ),
    (
        "**Development as Freedom** (1999)\nAmartya Sen",
        {"title": "Development as Freedom", "families": ["Sen"], "year": 1999},
    ),
    # a journal's first abbreviation that ran into the names or the title before it
    (
        "[1] J. Bardeen, L. N. Cooper, and J. R. Schrieffer, Theory of superconductivity, Phys. "
        "Rev. 108, 1175 (1957).",
        {"title": "Theory of superconductivity", "venue": "Phys. Rev", "volume": "108"},
    ),
    (
        "R. B. Woodward and R. Hoffmann, Angew. Chem., Int. Ed. Engl., 1969, 8, 781–853.",
        {"families": ["Woodward", "Hoffmann"], "venue": "Angew. Chem., Int. Ed. Engl"},
    ),
    (
        "K. Gödel, Über formal unentscheidbare Sätze der Principia Mathematica und verwandter "
        "Systeme I, Monatsh. Math. Phys. 38 (1931), 173–198.",
        {
            "title": "Über formal unentscheidbare Sätze der Principia Mathematica und verwandter "
            "Systeme I",
            "venue": "Monatsh. Math. Phys",
        },
    ),
    # a subtitle after a question is no journal; pages and "(PMLR, 2021)" after a proceedings;
    # what a work did is no venue
    (
        "Chetty, R., Hendren, N., Kline, P., & Saez, E. (2014). Where is the land of "
        "opportunity? The geography of intergenerational mobility in the United States. The "
        "Quarterly Journal of Economics, 129(4), 1553–1623.",
        {
            "title": "Where is the land of opportunity? The geography of intergenerational "
            "mobility in the United States",
            "venue": "The Quarterly Journal of Economics",
        },
    ),
    (
        "8. Radford, A. et al. Learning transferable visual models from natural language "
        "supervision. In Proc. 38th International Conference on Machine Learning 8748–8763 "
        "(PMLR, 2021).",
        {"venue": "Proc. 38th International Conference on Machine Learning", "year": 2021},
    ),
    (
        '**Mikolov et al. (2013)** — "Efficient Estimation of Word Representations in Vector '
        'Space", arXiv:1301.3781. Introduced word2vec.',
        {"venue": None, "arxiv": "1301.3781"},
    ),
    # GOST: "Family I. O." names, areas after ". — ", the host work after "//"
    (
        "Гинзбург В. Л., Ландау Л. Д. К теории сверхпроводимости // ЖЭТФ. — 1950. — Т. 20, "
        "№ 12. — С. 1064–1082.",
        {
            "title": "К теории сверхпроводимости",
            "families": ["Гинзбург", "Ландау"],
            "venue": "ЖЭТФ",
            "year": 1950,
        },
    ),
    (
        "Выготский Л. С. Мышление и речь. — М. ; Л. : Соцэкгиз, 1934. — 324 с.",
        {"title": "Мышление и речь", "families": ["Выготский"], "year": 1934},
    ),
    (  # MNRAS: the same names, then the year
        "Navarro J. F., Frenk C. S., White S. D. M., 1996, ApJ, 462, 563",
        {"families": ["Navarro", "Frenk", "White"], "year": 1996},
    ),
    # a work named in a sentence; an arXiv preprint's title; "(1776/1976)"; "Lynn, Jr."
    (
        "- Michelle Alexander's *The New Jim Crow* (2010) is the go-to book on mass incarceration.",
        {"title": "The New Jim Crow", "families": ["Alexander"], "year": 2010},
    ),
    (
        "- Shoshana Zuboff, *The Age of Surveillance Capitalism* (PublicAffairs, 2019) – long, "
        "but it defined the debate.",
        {"title": "The Age of Surveillance Capitalism", "families": ["Zuboff"], "year": 2019},
    ),
    (
        "- Hoffmann, J. et al. Training Compute-Optimal Large Language Models. arXiv:2203.15556 "
        "(2022).",
        {"title": "Training Compute-Optimal Large Language Models", "venue": None},
    ),
    (
        "Smith, A. (1776/1976) An inquiry into the nature and causes of the wealth of nations. "
        "Oxford: Clarendon Press.",
        {"year": 1976, "families": ["Smith"]},
    ),
    (
        'White, Lynn, Jr. "The Historical Roots of Our Ecologic Crisis." *Science*, vol. 155, '
        "no. 3767, 1967, pp. 1203–07.",
        {"families": ["White Jr."], "venue": "Science"},
    ),
    (  # Bluebook: names with an initial, a title with a dash in it
        "Lon L. Fuller, *Positivism and Fidelity to Law—A Reply to Professor Hart*, 71 Harv. L. "
        "Rev. 630 (1958).",
        {
            "title": "Positivism and Fidelity to Law—A Reply to Professor Hart",
            "venue": "Harv. L. Rev.",
            "families": ["Fuller"],
        },
    ),
    (  # an article about a case is no case
        "Derrick A. Bell, Jr., *Brown v. Board of Education and the Interest-Convergence "
        "Dilemma*, 93 Harv. L. Rev. 518 (1980).",
        {
            "title": "Brown v. Board of Education and the Interest-Convergence Dilemma",
            "families": ["Bell Jr."],
        },
    ),
    # the shortest chat forms: surnames, year and title; a cite's names before its year
    (
        "Putnam 2000, Bowling Alone",
        {"title": "Bowling Alone", "families": ["Putnam"], "year": 2000},
    ),
    (
        "Rawls, *A Theory of Justice* (1971)",
        {"title": "A Theory of Justice", "families": ["Rawls"], "year": 1971},
    ),
    (
        "Sequence to Sequence Learning with Neural Networks (Sutskever, Vinyals, Le 2014)",
        {"families": ["Sutskever", "Vinyals", "Le"], "venue": None, "year": 2014},
    ),
    (
        '"Mastering the game of Go without human knowledge" (Silver, Schrittwieser, Simonyan et '
        "al., *Nature*, 2017)",
        {"families": ["Silver", "Schrittwieser", "Simonyan"], "venue": "Nature", "et_al": True},
    ),
    (  # Chicago notes: "Family, Given, Title (Publisher, Year)" is no short form
        "Perloff, Marjorie, The Poetics of Indeterminacy: Rimbaud to Cage (Princeton University "
        "Press, 1981).",
        {"title": "The Poetics of Indeterminacy: Rimbaud to Cage", "families": ["Perloff"]},
    ),
    # chat answers' decorations: a generic link text, a pictograph and what follows it, a
    # closing remark in parentheses, labelled fields on bulleted lines or between pipes
    (
        "9. Ouyang, L., Wu, J., Jiang, X., et al. (2022). *Training language models to follow "
        "instructions with human feedback*. Advances in Neural Information Processing Systems, "
        "35. [Paper](https://arxiv.org/abs/2203.02155)",
        {"venue": "Advances in Neural Information Processing Systems", "arxiv": "2203.02155"},
    ),
    (
        "Lundberg, S. M., & Lee, S.-I. (2017). A Unified Approach to Interpreting Model "
        "Predictions. NeurIPS 30. 👉 Introduces SHAP.",
        {"venue": "NeurIPS", "volume": "30"},
    ),
    (
        "Dweck, C. S. (2006). *Mindset: The New Psychology of Success*. Random House. (Great "
        "for a general audience.)",
        {"title": "Mindset: The New Psychology of Success", "publisher": "Random House"},
    ),
    (
        'Mikolov et al. (2013), "Distributed Representations of Words and Phrases and their '
        'Compositionality", NIPS 2013 (seminal paper)',
        {"venue": "NIPS 2013"},
    ),
    (
        "- Title: Mastering the game of Go without human knowledge\n- Authors: Silver, D., "
        "Schrittwieser, J., Simonyan, K., et al.\n- Journal: Nature, 550, 354–359\n- Year: 2017",
        {
            "title": "Mastering the game of Go without human knowledge",
            "venue": "Nature",
            "volume": "550",
            "pages": "354-359",
        },
    ),
    (
        'Paper: "Deep Residual Learning for Image Recognition" | Authors: He, Zhang, Ren, Sun | '
        "Venue: CVPR | Year: 2016",
        {"title": "Deep Residual Learning for Image Recognition", "venue": "CVPR", "year": 2016},
    ),
    # chat answers: names, a dash, the work; or the work, a dash, the names; "by" with a
    # publisher in parentheses
    (
        "Hochreiter & Schmidhuber — Long Short-Term Memory (Neural Computation, 1997)",
        {
            "title": "Long Short-Term Memory",
            "families": ["Hochreiter", "Schmidhuber"],
            "venue": "Neural Computation",
            "year": 1997,
        },
    ),
    (
        "Piketty — *Capital in the Twenty-First Century* (Harvard University Press, 2014)",
        {
            "title": "Capital in the Twenty-First Century",
            "families": ["Piketty"],
            "venue": None,
            "publisher": "Harvard University Press",
        },
    ),
    (
        "Baumol & Bowen (1966) – Performing Arts: The Economic Dilemma",
        {"title": "Performing Arts: The Economic Dilemma", "families": ["Baumol", "Bowen"]},
    ),
    (
        '**Krugman (1979)** – "Increasing returns, monopolistic competition, and international '
        'trade", *Journal of International Economics* 9(4)',
        {
            "title": "Increasing returns, monopolistic competition, and international trade",
            "venue": "Journal of International Economics",
            "volume": "9",
        },
    ),
    (
        "**1776** — David McCullough (Simon & Schuster, 2005)",
        {
            "title": "1776",
            "families": ["McCullough"],
            "year": 2005,
            "publisher": "Simon & Schuster",
        },
    ),
    (
        "- **Bayesian Data Analysis** — Gelman, Carlin, Stern, Dunson, Vehtari & Rubin (CRC "
        "Press, 3rd ed., 2013)",
        {
            "families": ["Gelman", "Carlin", "Stern", "Dunson", "Vehtari", "Rubin"],
            "publisher": "CRC Press",
            "venue": None,
        },
    ),
    (
        "*Gödel, Escher, Bach: An Eternal Golden Braid* — Douglas Hofstadter, 1979",
        {"title": "Gödel, Escher, Bach: An Eternal Golden Braid", "families": ["Hofstadter"]},
    ),
    (
        "*Thinking, Fast and Slow* by Daniel Kahneman (Farrar, Straus and Giroux, 2011)",
        {
            "title": "Thinking, Fast and Slow",
            "families": ["Kahneman"],
            "publisher": "Farrar, Straus and Giroux",
        },
    ),
    (  # a journal after the year is no publisher
        '"The Problem of Social Cost" by Ronald H. Coase (1960), Journal of Law and Economics, '
        "3, 1–44.",
        {"venue": "Journal of Law and Economics", "publisher": None},
    ),
    (
        "Prospect Theory: An Analysis of Decision under Risk (Kahneman and Tversky, 1979) – "
        "Econometrica",
        {"title": "Prospect Theory: An Analysis of Decision under Risk", "venue": "Econometrica"},
    ),
    (  # a one-word title before a journal's full name is no abbreviation of it
        "BRINDLE, R. S. (1957). Italy. The Musical Quarterly, 43(3), 398–402.",
        {"title": "Italy", "venue": "The Musical Quarterly"},
    ),
    (  # a full stop set off by a space still ends the title
        "Çiftçi, S., Akyüz, A. O., & Ebrahimi, T. (2017). Privacy protection of tone-mapped HDR "
        "images using false colours . IET Signal Processing, 11(3), 1–9.",
        {
            "title": "Privacy protection of tone-mapped HDR images using false colours",
            "venue": "IET Signal Processing",
        },
    ),
    (  # a journal's name the tagger read as a publisher
        "Aydin, S., & Güzel, S. (2017). A descriptive study on foreign language anxiety among "
        "children. Hacettepe University Journal of Education, 1–13.",
        {"venue": "Hacettepe University Journal of Education", "pages": "1-13"},
    ),
    (  # a collective author with digits, which the tagger cut into a name, a date, a title
        "GBD 2019 Diseases and Injuries Collaborators. (2020). Global burden of 369 diseases and "
        "injuries in 204 countries and territories, 1990–2019. The Lancet, 396(10258), 1204–1222.",
        {
            "title": "Global burden of 369 diseases and injuries in 204 countries and "
            "territories, 1990–2019",
            "families": ["Collaborators"],
            "year": 2020,
            "venue": "The Lancet",
        },
    ),
    (  # a consortium opening with a number, then a Vancouver-like rest
        "The 1000 Genomes Project Consortium. (2015). A global reference for human genetic "
        "variation. Nature, 526(7571), 68–74.",
        {"title": "A global reference for human genetic variation", "families": ["Consortium"]},
    ),
    (
        "Cancer Genome Atlas Research Network. Comprehensive genomic characterization defines "
        "human glioblastoma genes and core pathways. Nature. 2008;455(7216):1061-1068.",
        {"families": ["Network"], "year": 2008, "venue": "Nature"},
    ),
    (  # MLA and ISO 690: an organisation, a full stop, then the title
        "Department of Health and Social Security. Inequalities in Health: Report of a Research "
        "Working Group. DHSS, 1980.",
        {"title": "Inequalities in Health: Report of a Research Working Group", "year": 1980},
    ),
    (
        "FOOD AND AGRICULTURE ORGANIZATION OF THE UNITED NATIONS. The State of Food and "
        "Agriculture 2010–11: Women in Agriculture. Rome: FAO, 2011.",
        {"families": ["NATIONS"], "year": 2011},
    ),
    (  # a book's publisher and place run into its name are no part of it
        "[25] K. Frampton, Towards a Critical Regionalism: Six Points for an Architecture of "
        "Resistance, in: H. Foster (Ed.), The Anti-Aesthetic: Essays on Postmodern Culture, Bay "
        "Press, Port Townsend, WA, 1983, pp. 16–30.",
        {"venue": "The Anti-Aesthetic: Essays on Postmodern Culture", "pages": "16-30"},
    ),
    (  # ... and so is a publisher after a proceedings' name
        "Sanjay Ghemawat, Howard Gobioff, and Shun-Tak Leung. 2003. The Google File System. In "
        "Proceedings of the 19th ACM Symposium on Operating Systems Principles (SOSP '03). ACM, "
        "New York, NY, 29–43.",
        {
            "venue": "Proceedings of the 19th ACM Symposium on Operating Systems Principles "
            "(SOSP '03)",
        },
    ),
    (
        "Golomb, S., & Baumert, L. (1965). Backtrack programming. J. ACM, 12, 516-524.",
        {"venue": "J. ACM"},
    ),
    (
        "Leslie Lamport. 1978. Time, clocks, and the ordering of events in a distributed system. "
        "Commun. ACM 21, 7 (July 1978), 558–565.",
        {"venue": "Commun. ACM", "volume": "21"},
    ),
    (  # a comment after a dash is no part of the reference
        '- Jane Jacobs, "The Death and Life of Great American Cities" (1961) — still the best '
        "critique of 1950s urban renewal.",
        {"title": "The Death and Life of Great American Cities", "venue": None, "year": 1961},
    ),
    (  # ... but a venue after a dash is, with its details
        "Harper & Konstan (2015) – The MovieLens Datasets: History and Context – ACM TiiS 5(4)",
        {"venue": "ACM TiiS", "volume": "5", "families": ["Harper", "Konstan"]},
    ),
    (  # a journal's series letter
        "Geim, A. K., & Novoselov, K. S. (2007). The rise of graphene. Phys. Rev. B, 75, 1–5.",
        {"venue": "Phys. Rev. B", "volume": "75"},
    ),
    (  # MLA: a known venue the tagger left as a note, its date after it; a bare-host URL
        'Kaplan, Jared, et al. "Scaling Laws for Neural Language Models." arXiv, 2020, '
        "arxiv.org/abs/2001.08361.",
        {"venue": "arXiv", "year": 2020, "arxiv": "2001.08361", "families": ["Kaplan"]},
    ),
    (  # MLA: the day of a date is no volume
        'Smith, John. "A Study of Things." New Yorker, 14 Oct. 2018, www.newyorker.com/a/b.',
        {"venue": "New Yorker", "volume": None, "year": 2018, "url": "www.newyorker.com/a/b"},
    ),
    ("Smith, J. (2020). A title of a paper. In preparation.", {"venue": None, "year": 2020}),
    # APA
    (
        "Suresh, M. R., & Milstein, C. (1985). A direct antigen-binding assay. Analytical "
        "Biochemistry, 151(1), 192–195.",
        {
            "families": ["Suresh", "Milstein"],
            "title": "A direct antigen-binding assay",
            "year": 1985,
            "venue": "Analytical Biochemistry",
            "volume": "151",
            "issue": "1",
            "pages": "192-195",
        },
    ),
    # MLA
    (
        "Prideaux, Gary D. “In Rejection of Autonomous Linguistics.” Lingua 50.3 (1980): 245–247.",
        {
            "families": ["Prideaux"],
            "title": "In Rejection of Autonomous Linguistics",
            "year": 1980,
            "venue": "Lingua",
            "volume": "50",
            "pages": "245-247",
        },
    ),
    # Chicago author-date, full given names after the first author
    (
        "Lakoff, George, and Mark Johnson. 2003. Metaphors We Live By. Chicago: University of "
        "Chicago Press.",
        {
            "families": ["Lakoff", "Johnson"],
            "title": "Metaphors We Live By",
            "year": 2003,
            "publisher": "University of Chicago Press",
        },
    ),
    # IEEE
    (
        "[1] M. R. Suresh and C. Milstein, “A direct antigen-binding assay,” Analytical "
        "Biochemistry, vol. 151, no. 1, pp. 192–195, Nov. 1985.",
        {
            "families": ["Suresh", "Milstein"],
            "title": "A direct antigen-binding assay",
            "year": 1985,
            "venue": "Analytical Biochemistry",
            "volume": "151",
            "issue": "1",
            "pages": "192-195",
        },
    ),
    # Vancouver, particles
    (
        "Pérez-Higueras JJ, Arias A, de la Macorra JC, Peters OA. Differences in cyclic fatigue "
        "resistance. J Endod. 2014;40(9):1477-81.",
        {
            "families": ["Pérez-Higueras", "Arias", "de la Macorra", "Peters"],
            "title": "Differences in cyclic fatigue resistance",
            "year": 2014,
            "venue": "J Endod",
            "volume": "40",
            "pages": "1477-81",
        },
    ),
    # Harvard
    (
        "Suresh, M.R. & Milstein, C., 1985. A direct assay. Analytical Biochemistry, 151(1), "
        "pp.192–195.",
        {
            "families": ["Suresh", "Milstein"],
            "title": "A direct assay",
            "year": 1985,
            "venue": "Analytical Biochemistry",
            "pages": "192-195",
        },
    ),
    # ACS (no title)
    (
        "(1) Suresh, M. R.; Milstein, C. Analytical Biochemistry 1985, 151, 192–195.",
        {
            "families": ["Suresh", "Milstein"],
            "title": None,
            "year": 1985,
            "venue": "Analytical Biochemistry",
            "volume": "151",
            "pages": "192-195",
        },
    ),
    # Elsevier / AIP (no title)
    (
        "[1] M.R. Suresh, C. Milstein, Analytical Biochemistry 151 (1985) 192.",
        {
            "families": ["Suresh", "Milstein"],
            "year": 1985,
            "venue": "Analytical Biochemistry",
            "volume": "151",
            "pages": "192",
        },
    ),
    # ACL / natbib with "et al." and arXiv
    (
        "Jacob Devlin, Ming-Wei Chang, Kenton Lee, and Kristina Toutanova. 2019. BERT: "
        "Pre-training of deep bidirectional transformers for language understanding. In "
        "Proceedings of NAACL-HLT, pages 4171–4186.",
        {
            "families": ["Devlin", "Chang", "Lee", "Toutanova"],
            "year": 2019,
            "title": "BERT: Pre-training of deep bidirectional transformers for language "
            "understanding",
            "venue": "Proceedings of NAACL-HLT",
            "pages": "4171-4186",
        },
    ),
    (
        "Vaswani, A., et al. (2017). Attention is all you need. arXiv preprint arXiv:1706.03762v5.",
        {
            "families": ["Vaswani"],
            "et_al": True,
            "year": 2017,
            "title": "Attention is all you need",
            "arxiv": "1706.03762",
        },
    ),
    # A title with a colon and a year in it
    (
        "Smith, J. (2020). Elections in 1999: A retrospective. Journal of Politics, 12(3), 1–20.",
        {
            "families": ["Smith"],
            "year": 2020,
            "title": "Elections in 1999: A retrospective",
            "venue": "Journal of Politics",
        },
    ),
    # DOI URL with trailing punctuation, parentheses inside the DOI
    (
        "Bar, K. (1993). Knowledge. AI, 5(1), 1–9. https://doi.org/10.1016/0004-3702(93)90015-X.",
        {"families": ["Bar"], "doi": "10.1016/0004-3702(93)90015-x", "year": 1993},
    ),
    # Markdown and HTML entities
    (
        "**Kearns, M., &amp; Roth, A.** (2019). *The Ethical Algorithm*. Oxford University Press.",
        {"families": ["Kearns", "Roth"], "year": 2019, "title": "The Ethical Algorithm"},
    ),
    # Markdown link as title, ACL Anthology URL
    (
        "Hovy, D. (2016). [The social impact of NLP](https://aclanthology.org/P16-2096/). In "
        "Proceedings of ACL.",
        {
            "families": ["Hovy"],
            "year": 2016,
            "title": "The social impact of NLP",
            "acl": "P16-2096",
        },
    ),
    # Diacritics, suffix
    (
        "Müller, K.-R., Ferren, W. R., Jr., & Ñúñez, José. (2001). Über Netze. Neural Computing, "
        "3, 1–2.",
        {"families": ["Müller", "Ferren Jr.", "Ñúñez"], "year": 2001, "title": "Über Netze"},
    ),
    # CJK names (romanized and in script)
    (
        "Wang, X., Li, Y., & Zhang, W. (2021). Graph learning. Neural Networks, 10, 1–9.",
        {"families": ["Wang", "Li", "Zhang"], "year": 2021, "title": "Graph learning"},
    ),
    # CJK names in script, each written whole
    (
        "王小明, 李华, 张伟, & 陈静. (2019). 深度学习在医学影像中的应用. 中国科学: 生命科学, 49(3), "
        "210–218.",
        {
            "families": ["王小明", "李华", "张伟", "陈静"],
            "year": 2019,
            "title": "深度学习在医学影像中的应用",
        },
    ),
    # No author: the title, the date, then a journal the tagger ran into its volume
    (
        "Obituary. (1962). Nature, 195(4840), 12–13.",
        {"families": [], "title": "Obituary", "venue": "Nature", "volume": "195", "year": 1962},
    ),
    # Wrapped lines and hyphenation breaks
    (
        "Brown, T. B., Mann, B., & Ryder, N. (2020). Language models are few-shot learn-\n"
        "   ers. Advances in Neural Information\n   Processing Systems, 33, 1877–1901.",
        {
            "families": ["Brown", "Mann", "Ryder"],
            "year": 2020,
            "title": "Language models are few-shot learners",
            "venue": "Advances in Neural Information Processing Systems",
            "volume": "33",
        },
    ),
    # "Given I. Family." is one name written forward, not Vancouver "Family I."
    (
        "[17] Thomas D. Gillespie. Fundamentals of Vehicle Dynamics. Society of Automotive "
        "Engineers, Inc, 1992.",
        {"families": ["Gillespie"], "title": "Fundamentals of Vehicle Dynamics", "year": 1992},
    ),
    # A journal named without punctuation inside it, after the title
    (
        "Drury CG, Law CH, Pawenski CS. A survey of industrial box handling. Hum Factors. "
        "1982; 24(5): 553-65.",
        {
            "families": ["Drury", "Law", "Pawenski"],
            "title": "A survey of industrial box handling",
            "venue": "Hum Factors",
            "year": 1982,
        },
    ),
    # A work without an author: its title first, then the date and the journal
    (
        "Notes from the Editors. (2003). Journal of Applied Tinkering, 7(2), 101–102.",
        {
            "families": [],
            "title": "Notes from the Editors",
            "venue": "Journal of Applied Tinkering",
            "year": 2003,
        },
    ),
    # No title (physics): an abbreviated journal is not split into a title and a venue
    (
        "[3] S. S. Gubser, I. R. Klebanov, A. M. Polyakov, Phys. Lett. B428 (1998) 105-114.",
        {"families": ["Gubser", "Klebanov", "Polyakov"], "title": None, "year": 1998},
    ),
    # Chat answers: title, dash, names, dash or comma, venue and year
    (
        "Deep Learning - Yann LeCun, Yoshua Bengio, Geoffrey Hinton - Nature 2015",
        {
            "families": ["LeCun", "Bengio", "Hinton"],
            "title": "Deep Learning",
            "venue": "Nature",
            "year": 2015,
        },
    ),
    (
        "Neural Machine Translation by Jointly Learning to Align and Translate | Bahdanau, Cho "
        "& Bengio | ICLR 2015",
        {"families": ["Bahdanau", "Cho", "Bengio"], "venue": "ICLR", "year": 2015},
    ),
    (
        "Language Models are Few-Shot Learners – Brown et al., NeurIPS 2020, pp. 1877–1901",
        {
            "families": ["Brown"],
            "et_al": True,
            "title": "Language Models are Few-Shot Learners",
            "venue": "NeurIPS",
            "year": 2020,
            "pages": "1877-1901",
        },
    ),
    # The kind of work in parentheses after the title (APA) is not part of it
    (
        "Alliance for Excellent Education. (2007). The high cost of high school dropouts: What "
        "the nation pays for inadequate high schools (Report). Washington, DC: Author.",
        {
            "title": "The high cost of high school dropouts: What the nation pays for inadequate "
            "high schools",
            "year": 2007,
        },
    ),
    # A quoted chapter title, then ', in' and the quoted book
    (
        "[124] H. M. Gibbs, “Optical Switching: Controlling light with light,” in “Optical "
        "Bistability: Controlling Light with Light,” (Academic Press, 1985), chap. 5, pp. 195–239.",
        {
            "families": ["Gibbs"],
            "title": "Optical Switching: Controlling light with light",
            "venue": "Optical Bistability: Controlling Light with Light",
            "year": 1985,
        },
    ),
    # AIP: a bare citation number, initials first, no article title, "Volume, Page (Year)"
    (
        "7 K. Tanaka, M. Ribeiro, P. O. Lindqvist, and S. Haddad, Journal of Imaginary Optics "
        "58, 1204 (2011).",
        {
            "families": ["Tanaka", "Ribeiro", "Lindqvist", "Haddad"],
            "title": None,
            "venue": "Journal of Imaginary Optics",
            "volume": "58",
            "year": 2011,
        },
    ),
    # Elsevier without titles: "Journal Volume (Year) Pages"
    (
        "[12] R. Okafor, L. Brandt, Applied Acoustics Letters 9 (1998) 77–81.",
        {
            "families": ["Okafor", "Brandt"],
            "title": None,
            "venue": "Applied Acoustics Letters",
            "volume": "9",
            "pages": "77-81",
        },
    ),
    # no author, and the superscript number run into the journal's name
    (
        "3Annals of Fictional Chemistry 12, 45 (1999).",
        {"families": [], "title": None, "venue": "Annals of Fictional Chemistry", "volume": "12"},
    ),
    # copied from a PDF: a name broken at its hyphen, ligatures, spaced punctuation
    (
        "Bengio, Y., Ducharme, R., Vincent, P., Jean-\nvin, C. (2003). A neural probabilistic "
        "language model. Journal of Machine Learning Research , 3 , 1137 – 1155.",
        {"families": ["Bengio", "Ducharme", "Vincent", "Jeanvin"], "pages": "1137-1155"},
    ),
    (
        "Lee-\nThorp, J., Ainslie, J. (2022). FNet: mixing tokens with Fourier transforms. In "
        "NAACL.",
        {"families": ["Lee-Thorp", "Ainslie"], "venue": "NAACL"},
    ),
    (
        "Hardin G (1968) The tragedy of the commons . Science 162 : 1243 – 1248",
        {
            "families": ["Hardin"],
            "title": "The tragedy of the commons",
            "venue": "Science",
            "volume": "162",
            "pages": "1243-1248",
        },
    ),
    (
        "Krizhevsky, A., Sutskever, I., & Hinton, G. E. (2012). ImageNet classiﬁcation with deep "
        "convolutional neural networks. In NIPS (pp. 1097–1105).",
        {"title": "ImageNet classification with deep convolutional neural networks"},
    ),
    # a BibTeX entry given as the reference
    (
        "@article{lecun2015deep, title={Deep learning}, author={LeCun, Yann and Bengio, Yoshua "
        "and Hinton, Geoffrey}, journal={Nature}, volume={521}, year={2015}}",
        {
            "families": ["LeCun", "Bengio", "Hinton"],
            "title": "Deep learning",
            "year": 2015,
            "venue": "Nature",
            "volume": "521",
        },
    ),
    # a markdown table row alone, the year in its own cell
    (
        "| Deep Residual Learning for Image Recognition | He et al. | CVPR | 2016 |",
        {
            "families": ["He"],
            "title": "Deep Residual Learning for Image Recognition",
            "year": 2016,
            "venue": "CVPR",
        },
    ),
    (
        "| 1962 | Kuhn | *The Structure of Scientific Revolutions* | University of Chicago Press |",
        {"families": ["Kuhn"], "title": "The Structure of Scientific Revolutions", "year": 1962},
    ),
    # a kind label before a whole reference
    (
        "**Book:** Kahneman, D. (2011). *Thinking, Fast and Slow*. Farrar, Straus and Giroux.",
        {"families": ["Kahneman"], "title": "Thinking, Fast and Slow", "year": 2011},
    ),
    # a translator after the title (Chicago note), a German dissertation in APA's brackets
    (
        "2. Émile Durkheim, The Division of Labor in Society, trans. W. D. Halls (New York: Free "
        "Press, 1984), 39.",
        {"families": ["Durkheim"], "title": "The Division of Labor in Society", "year": 1984},
    ),
    (
        "Heisenberg, W. (1923). Über Stabilität und Turbulenz von Flüssigkeitsströmen "
        "[Inaugural-Dissertation, Universität München]. Leipzig: Barth.",
        {"title": "Über Stabilität und Turbulenz von Flüssigkeitsströmen", "year": 1923},
    ),
    # OSCOLA and AGLC articles: the year in brackets, then volume, journal, first page
    (
        "HLA Hart, 'Positivism and the Separation of Law and Morals' (1958) 71 Harv L Rev 593.",
        {
            "families": ["Hart"],
            "title": "Positivism and the Separation of Law and Morals",
            "year": 1958,
            "venue": "Harv L Rev",
            "volume": "71",
            "pages": "593",
        },
    ),
    # one inverted name before a dash, not two surnames
    (
        "- Gladwell, Malcolm — *The Tipping Point* (Little, Brown, 2000)",
        {"families": ["Gladwell"], "title": "The Tipping Point", "year": 2000},
    ),
    # Vancouver names the scanner stops at ("Grigorieva IV" reads as a suffix)
    (
        "Novoselov KS, Geim AK, Morozov SV, Jiang D, Zhang Y, Dubonos SV, Grigorieva IV, Firsov "
        "AA. Electric field effect in atomically thin carbon films. Science. 2004;306:666-9.",
        {
            "families": [
                "Novoselov",
                "Geim",
                "Morozov",
                "Jiang",
                "Zhang",
                "Dubonos",
                "Grigorieva",
                "Firsov",
            ]
        },
    ),
    (
        "Myers N, Mittermeier RA, Mittermeier CG, da Fonseca GA, Kent J. Biodiversity hotspots "
        "for conservation priorities. Nature. 2000;403(6772):853-8.",
        {"families": ["Myers", "Mittermeier", "Mittermeier", "da Fonseca", "Kent"]},
    ),
    # chat answers: forward names and the journal in the parenthesis after a set-off title;
    # names with their year before one
    (
        '- **"On Computable Numbers"** (A. M. Turing, *Proceedings of the London Mathematical '
        "Society*, 1937)",
        {
            "families": ["Turing"],
            "title": "On Computable Numbers",
            "year": 1937,
            "venue": "Proceedings of the London Mathematical Society",
        },
    ),
    (
        "- Wooldridge (2010), *Econometric Analysis of Cross Section and Panel Data*, MIT Press",
        {
            "families": ["Wooldridge"],
            "title": "Econometric Analysis of Cross Section and Panel Data",
            "year": 2010,
            "publisher": "MIT Press",
        },
    ),
    # volumes counted after a title; a place and a publisher after it (UNE, ISO 690)
    (
        "Luhmann, Niklas (1997): Die Gesellschaft der Gesellschaft. 2 Bde. Frankfurt a. M.: "
        "Suhrkamp.",
        {"title": "Die Gesellschaft der Gesellschaft", "year": 1997},
    ),
    (
        "GARCÍA MÁRQUEZ, Gabriel (1967): Cien años de soledad, Buenos Aires, Sudamericana.",
        {"title": "Cien años de soledad", "year": 1967, "publisher": "Sudamericana"},
    ),
    # a book publisher whose name has no publisher's word is no venue
    (
        "- Rebecca Skloot, The Immortal Life of Henrietta Lacks, Crown, 2010",
        {"title": "The Immortal Life of Henrietta Lacks", "venue": None, "publisher": "Crown"},
    ),
    (
        "3. **The Road to Wigan Pier** by George Orwell (1937) – *Victor Gollancz*; then "
        "**Homage to Catalonia** (1938) – *Secker and Warburg*.",
        {"families": ["Orwell"], "year": 1937, "venue": None},
    ),
    (
        "4. **The Sixth Extinction** by Elizabeth Kolbert (2014) – *Henry Holt*. On extinction.",
        {"families": ["Kolbert"], "year": 2014, "venue": None},
    ),
    (
        "Kuhn, Thomas. *The Copernican Revolution*. Harvard UP, 1957.",
        {"title": "The Copernican Revolution", "venue": None, "publisher": "Harvard UP"},
    ),
    # ISO 690: families in capitals, each before its given name
    (
        "FOUCAULT, Michel, DELEUZE, Gilles and GUATTARI, Félix. Title of a joint work. Paris: "
        "Minuit, 1977.",
        {"families": ["FOUCAULT", "DELEUZE", "GUATTARI"], "year": 1977},
    ),
    # a set-off title, a dash, forward names and the year: the family is no venue
    (
        "📗 **Silent Spring** — Rachel L. Carson (1962) ← the classic",
        {"families": ["Carson"], "title": "Silent Spring", "year": 1962, "venue": None},
    ),
    # APA's full date of a web page or a news article; an organisation as the author
    (
        "National Institute of Mental Health. (2022, March 3). Anxiety disorders. "
        "https://www.nimh.nih.gov/health/topics/anxiety-disorders",
        {"title": "Anxiety disorders", "year": 2022},
    ),
    (
        "Kolata, G. (2019, April 2). A scientist's lonely fight against a fake cure. The New "
        "York Times. https://www.nytimes.com/2019/04/02/health/fake-cure.html",
        {
            "families": ["Kolata"],
            "title": "A scientist's lonely fight against a fake cure",
            "year": 2019,
        },
    ),
    # particles: Dutch "'t", Arabic "ben", Irish "Ó"
    (
        "de Vries, H., van 't Veer, L. J., & ben Haim, D. (2011). A shared title. Nature, 1, 2.",
        {"families": ["de Vries", "van 't Veer", "ben Haim"], "year": 2011},
    ),
    (
        "Murphy, K., Ó Gráda, C.: Famine demography. In: Proc. Econ. Hist. Soc., pp. 1–9 (2014)",
        {"families": ["Murphy", "Ó Gráda"], "title": "Famine demography", "year": 2014},
    ),
    # a version or a report's number after a title (APA)
    (
        "Pedregosa, F., & Varoquaux, G. (2011). scikit-learn: Machine learning in Python (Version "
        "0.24.1) [Computer software]. https://scikit-learn.org",
        {"title": "scikit-learn: Machine learning in Python", "year": 2011},
    ),
    (
        "Semega, J., & Kollar, M. (2022). Income in the United States: 2021 (Report No. P60-276). "
        "U.S. Government Publishing Office.",
        {"title": "Income in the United States: 2021", "year": 2022},
    ),
    # a journal in „…" or «…» after the title (Polish, Italian); a place is no venue
    (
        "Nowak S., System wartości społeczeństwa polskiego, „Studia Socjologiczne” 1979, nr 4, "
        "s. 155–173.",
        {"title": "System wartości społeczeństwa polskiego", "venue": "Studia Socjologiczne"},
    ),
    (
        "Kowalski J., Historia gospodarcza Polski, Wydawnictwo Naukowe PWN, Warszawa 2010.",
        {"families": ["Kowalski"], "year": 2010, "venue": None},
    ),
    # chat answers: names with a venue and year before a set-off title; a remark after the year
    (
        "- Sutskever, Vinyals & Le (NeurIPS 2014): *Sequence to Sequence Learning with Neural "
        "Networks*",
        {"families": ["Sutskever", "Vinyals", "Le"], "year": 2014, "venue": "NeurIPS"},
    ),
    (
        '- Radford et al., ICML 2021 — "Learning Transferable Visual Models From Natural '
        'Language Supervision"',
        {"families": ["Radford"], "year": 2021, "venue": "ICML"},
    ),
    (
        "2. **Deep Residual Learning for Image Recognition** – He et al. (2016). Introduced "
        "residual connections.",
        {"families": ["He"], "year": 2016, "venue": None},
    ),
    # a title that opens with a quoted phrase and goes on after it
    (
        'Ioannidis, J. P. A. (2016). "Evidence-based medicine has been hijacked": A report to '
        "David Sackett. Journal of Clinical Epidemiology, 73, 82–86.",
        {
            "title": '"Evidence-based medicine has been hijacked": A report to David Sackett',
            "venue": "Journal of Clinical Epidemiology",
        },
    ),
    (
        "Kahneman, D. (2003). “Rational” choice and the framing of decisions. Journal of Business, "
        "59(4), 251–278.",
        {"title": "“Rational” choice and the framing of decisions"},
    ),
    # Harvard's single quotes before the journal; NLM's "[Internet]" and "[cited ...]"; a kind
    # of work in brackets
    (
        "Greaves, T. (2020) 'Micro-mobility and the last mile', Transport Reviews, 40(5), pp. "
        "612–630.",
        {"title": "Micro-mobility and the last mile", "venue": "Transport Reviews"},
    ),
    (
        "Wilkinson MD, Dumontier M. The FAIR Guiding Principles for scientific data management. "
        "Sci Data [Internet]. 2016 [cited 2023 Oct 5];3:160018.",
        {"year": 2016, "venue": "Sci Data"},
    ),
    (
        "Morales, E. (2015, March 12). Why bilingual kids are better at puzzles [Blog post]. "
        "Retrieved from https://example.org/bilingual",
        {"title": "Why bilingual kids are better at puzzles", "year": 2015},
    ),
    # names and year set off in bold before the italic title
    (
        "**Acemoglu & Robinson (2012)** — *Why Nations Fail: The Origins of Power, Prosperity, "
        "and Poverty*",
        {
            "families": ["Acemoglu", "Robinson"],
            "year": 2012,
            "title": "Why Nations Fail: The Origins of Power, Prosperity, and Poverty",
        },
    ),
    # LaTeX quotes, ISBN
    (
        "D. Knuth, ``The Art of Computer Programming,'' Addison-Wesley, 1997. ISBN 0-201-89683-4.",
        {
            "families": ["Knuth"],
            "title": "The Art of Computer Programming",
            "year": 1997,
            "isbn": "9780201896831",
        },
    ),
]


@pytest.mark.parametrize(("text", "expected"), REFERENCES)
def test_parse_reference(text: str, expected: dict[str, Any]) -> None:
    p = parse_reference(text)
    for name, want in expected.items():
        got = _families(p) if name == "families" else getattr(p, name)
        assert got == want, f"{name}: {got!r} != {want!r}\n{p.to_dict()}"


RULES_READ = ParsedReference(authors=(Author("T. E.", "Sarosi"),), venue="Imaging of Bones")


@pytest.mark.parametrize(
    ("title", "s", "how"),
    [
        (None, "X", "journal"),
        ("Imaging of Bones", "X", "journal"),
        ("Imaging of Bones 126", "X", "journal"),  # its volume run in
        (
            "Sarosi, and S.W.",
            "J. Weber, T.E. Sarosi, and S.W. Carmichael, Imaging of Bones",
            "names",
        ),
        ("Imaging of Bones in Sports", "X", ""),  # a title that merely starts like it
        ("Sarosi Lectures", "A. Cho, Sarosi Lectures, Imaging of Bones", ""),  # no initials
    ],
)
def test_a_title_the_rules_read_as_none(title: str | None, s: str, how: str) -> None:
    assert _journal_as_title(title, RULES_READ, s) == how


@pytest.mark.parametrize(
    ("block", "families"),
    [
        ("1 S. Van Lierde, W. Maenhaut, and R.D. Vis,", ["Van Lierde", "Maenhaut", "Vis"]),
        ("Nuclear Physics B 226,", []),  # a journal read as names: "226" is no one's name
        ("Smith, J. (Eds.)", ["Smith"]),
        # APA: the first names, an ellipsis for those left out, the last
        (
            "Kocmi, T., Artemova, E., Murray, K., ..., & Zouhar, V.",
            ["Kocmi", "Artemova", "Murray", "Zouhar"],
        ),
        ("Kocmi, T., Artemova, E., … Zouhar, V.", ["Kocmi", "Artemova", "Zouhar"]),
        # "Given van den Family, Given Family, and ...": forward names, not "Family, Given"
        (
            "Aäron van den Oord, Oriol Vinyals, and Koray Kavukcuoglu",
            ["van den Oord", "Vinyals", "Kavukcuoglu"],
        ),
        ("García de la Cruz, Juan", ["García de la Cruz"]),
        # a suffix after a forward name is no given name
        ("J. F. Nash, Jr., and L. S. Shapley", ["Nash Jr.", "Shapley"]),
        ("Hal Daumé III and Daniel Marcu", ["Daumé III", "Marcu"]),
        ("Callister WD Jr, Rethwisch DG.", ["Callister Jr.", "Rethwisch"]),
        # "SR" and "JR" beside a Vancouver name are initials, not "Sr." and "Jr."
        ("Berry WR, Lipsitz SR, Breizat AH, et al.", ["Berry", "Lipsitz", "Breizat"]),
        ("Ortega y Gasset, José, and Julián Marías", ["Ortega y Gasset", "Marías"]),
        # Chicago: the first name inverted, the others forward
        (
            "Chetty, Raj, Nathaniel Hendren, Patrick Kline, and Emmanuel Saez.",
            ["Chetty", "Hendren", "Kline", "Saez"],
        ),
        ("Wallach, H., Daumé III, H., & Crawford, K.", ["Wallach", "Daumé III", "Crawford"]),
        # French and Italian styles' family names in capitals first: "NOM Prénom"
        ("BOURDIEU Pierre et PASSERON Jean-Claude", ["BOURDIEU", "PASSERON"]),
        ("J.-P. Ranjeva, P. Cozzone", ["Ranjeva", "Cozzone"]),
        # Chicago and MLA: the first name inverted with initials, the last forward after "and"
        ("Tang, W., R. Wang, and Anthony Lu.", ["Tang", "Wang", "Lu"]),
        ("Sokol, B. J., and Mary Sokol.", ["Sokol", "Sokol"]),
        # hyphenated initials, last in the list or Vancouver's "A-L"
        (
            "Papineni, K., Roukos, S., Ward, T. and Zhu, W.-J.",
            ["Papineni", "Roukos", "Ward", "Zhu"],
        ),
        (
            "Kim, H.-J., Jang, H.-S., Park, S.-H., Cho, K.-M., & Kim, J.-W.",
            ["Kim", "Jang", "Park", "Cho", "Kim"],
        ),
        ("Barabási A-L, Albert R", ["Barabási", "Albert"]),
        # a group after Vancouver names
        (
            "Moher D, Liberati A, Tetzlaff J, Altman DG; PRISMA Group",
            ["Moher", "Liberati", "Tetzlaff", "Altman", "Group"],
        ),
        # an organisation is one author, split as the records split it
        ("Centers for Disease Control and Prevention.", ["Prevention"]),
        ("World Health Organization", ["Organization"]),
    ],
)
def test_people_of_an_author_segment(block: str, families: list[str]) -> None:
    assert [a.family for a in _people(block)[0]] == families


@pytest.mark.parametrize(
    "text",
    [
        "[3] “MRI Market | Size | Share | Analysis | Future Scope (2017-2022).”",
        "Smith, J. – A study of things – Nature 2019",  # names first: another form
        "Roof Collapse — A Forensic Analysis Years After. Forensic Engineering (2006).",
        "Deep Learning – Yann LeCun, Yoshua Bengio – Nature",  # no year
    ],
)
def test_dashes_without_a_name_list_are_not_the_chat_form(text: str) -> None:
    assert _dashed(text, {}) is None


def _kinds(cites: list[Citation]) -> list[tuple[str, str]]:
    return [(c.kind, c.text) for c in cites]


INLINE = [
    ("as shown (Kearns & Roth, 2019).", [("(Kearns & Roth, 2019)", ["Kearns", "Roth"], 2019)]),
    (
        "Prior work (Vaswani et al., 2017; Devlin et al., 2019) did this.",
        [("Vaswani et al., 2017", ["Vaswani"], 2017), ("Devlin et al., 2019", ["Devlin"], 2019)],
    ),
    ("Smith (2020) showed it.", [("Smith (2020)", ["Smith"], 2020)]),
    (
        "van der Berg and Li (2018a) found",
        [("van der Berg and Li (2018a)", ["van der Berg", "Li"], 2018)],
    ),
    ("(see Müller, 2001, p. 4)", [("(see Müller, 2001, p. 4)", ["Müller"], 2001)]),
    # APA's secondary source: both works, the one read and the one that cites it
    (
        "(Piaget, 1952, as cited in Ginsburg, 1997)",
        [("Piaget, 1952", ["Piaget"], 1952), ("Ginsburg, 1997", ["Ginsburg"], 1997)],
    ),
    # an organisation without a comma before its year (Chicago); lead-ins in other languages
    (
        "(World Health Organization 2022, p. 8)",
        [("(World Health Organization 2022, p. 8)", ["World Health Organization"], 2022)],
    ),
    (
        "(Lahire, 1995 ; voir aussi Bourdieu, 1979)",
        [("Lahire, 1995", ["Lahire"], 1995), ("Bourdieu, 1979", ["Bourdieu"], 1979)],
    ),
    # pinpoints over several chapters or pages onward; names joined by a slash
    (
        "as Bishop (2006, ch. 9 and 10) shows",
        [("Bishop (2006, ch. 9 and 10)", ["Bishop"], 2006)],
    ),
    ("(Weber 1922, S. 28 ff.)", [("(Weber 1922, S. 28 ff.)", ["Weber"], 1922)]),
    ("(Adorno/Horkheimer 1947)", [("(Adorno/Horkheimer 1947)", ["Adorno", "Horkheimer"], 1947)]),
    ("In 2019 (the year) nothing (2020).", []),
    ("Table 3 (2019) is not a cite.", []),
    # pinpoints after the year
    (
        "surveys (Zhao et al., 2023, Section 4; Bommasani et al., 2021)",
        [("Zhao et al., 2023, Section 4", ["Zhao"], 2023), ("Bommasani et al., 2021", ["Bommasani"], 2021)],
    ),
    ("as in (Lee 2020, Table 2).", [("(Lee 2020, Table 2)", ["Lee"], 2020)]),
    # several works of the same authors: one cite each
    (
        "(Smith, 2019a, 2019b; Lee 2020)",
        [("Smith, 2019a", ["Smith"], 2019), ("2019b", ["Smith"], 2019), ("Lee 2020", ["Lee"], 2020)],
    ),
    ("(Smith 2018, 2020)", [("Smith 2018", ["Smith"], 2018), ("2020", ["Smith"], 2020)]),
    ("(Lee 2018a, b)", [("Lee 2018a", ["Lee"], 2018), ("b", ["Lee"], 2018)]),
    # in square brackets, as alphabetic styles and some answers write them
    ("according to [Smith 2019], it", [("[Smith 2019]", ["Smith"], 2019)]),
    (
        "[Vaswani et al., 2017; Devlin et al. 2019]",
        [("Vaswani et al., 2017", ["Vaswani"], 2017), ("Devlin et al. 2019", ["Devlin"], 2019)],
    ),
    # a markdown link whose text is a cite: the cite (which gets the link's target)
    ("see [Smith 2019](https://x.org/a).", [("[Smith 2019]", ["Smith"], 2019)]),
    ("As Freire (1970/2000, p. 72) argued", [("Freire (1970/2000, p. 72)", ["Freire"], 2000)]),
    # a bare page after the year, as author-date styles write it; possessives
    ("(Labov 1966, 45) and (Swidler 1986: 273)",
     [("(Labov 1966, 45)", ["Labov"], 1966), ("(Swidler 1986: 273)", ["Swidler"], 1986)]),
    ("Lynch's (1960) study", [("Lynch's (1960)", ["Lynch"], 1960)]),
]  # fmt: skip


@pytest.mark.parametrize(("text", "expected"), INLINE)
def test_inline_author_year(text: str, expected: list[tuple[str, list[str], int]]) -> None:
    cites = [c for c in extract_citations(text) if c.kind == "inline"]
    assert [(c.text, _families(c.parsed), c.parsed.year) for c in cites] == expected


NUMERIC = [
    ("works [3].", [(3,)]),
    ("works [3, 5-7].", [(3, 5, 6, 7)]),
    ("works [3–5; 9].", [(3, 4, 5, 9)]),
    ("works^12 and more", [(12,)]),
    ("works<sup>2,3</sup>.", [(2, 3)]),
    ("works¹² and", [(12,)]),
    ("a [link](http://x.org) is not [a] cite", []),
    ("heterogeneity I² and R² = 0.9 are powers", []),
    ("evidence (1). Without a numbered list, (2) is no cite.", []),
]


@pytest.mark.parametrize(("text", "expected"), NUMERIC)
def test_inline_numeric(text: str, expected: list[tuple[int, ...]]) -> None:
    cites = [c for c in extract_citations(text) if c.kind == "inline"]
    assert [c.parsed.number for c in cites] == expected


def test_a_cite_that_links_somewhere_gets_the_link_target() -> None:
    text = (
        "Datasheets ([Gebru et al., 2021](https://doi.org/10.1145/3458723)) and "
        "[Bender et al. (2021)](https://arxiv.org/abs/2101.00001)."
    )
    cites = extract_citations(text)
    assert [c.kind for c in cites] == ["inline", "inline"]  # no separate identifiers
    assert cites[0].parsed.doi == "10.1145/3458723" and cites[0].parsed.families == ("Gebru",)
    assert cites[1].parsed.arxiv == "2101.00001" and cites[1].parsed.year == 2021


# (text, for each inline cite the indexes of the reference entries it links to)
LINKED = [
    # lines that each hold a whole reference, without a heading or list markers
    (
        "Variation is structured (Labov 1966, 45); see also (Trudgill 1972).\n\n"
        "Labov, William. 1966. The Social Stratification of English in New York City. "
        "Washington, DC: Center for Applied Linguistics.\n"
        "Trudgill, Peter. 1972. “Sex, Covert Prestige and Linguistic Change.” Language in "
        "Society 1 (2): 179–95.\n",
        [(0,), (1,)],
    ),
    # year letters pick the entry
    (
        "(Labov, 1972a) and Labov (1972b).\n\nReferences\n"
        "Labov, W. (1972a). Language in the inner city. University of Pennsylvania Press.\n"
        "Labov, W. (1972b). Sociolinguistic patterns. University of Pennsylvania Press.\n",
        [(0,), (1,)],
    ),
    # a labelled "Source:" line is a reference
    (
        "Newborns were scored (Apgar, 1953).\n\n"
        "Source: Apgar V. A proposal for a new method of evaluation of the newborn infant. Curr "
        "Res Anesth Analg. 1953;32(4):260-267.\n\nSee: the documentation.",
        [(0,)],
    ),
    # numbers in parentheses cite a numbered list; "We (1) list" is an enumeration
    (
        "Evidence (1). Reviews follow PRISMA (2), pooled (3,4) were. We (1) list steps.\n\n"
        "References\n"
        "1. Sackett DL, Rosenberg WM. Evidence based medicine. BMJ. 1996;312(7023):71-2.\n"
        "2. Page MJ, McKenzie JE. The PRISMA 2020 statement. BMJ. 2021;372:n71.\n"
        "3. Higgins JP, Thompson SG. Measuring inconsistency in meta-analyses. BMJ. "
        "2003;327(7414):557-60.\n"
        "4. DerSimonian R, Laird N. Meta-analysis in clinical trials. Control Clin Trials. "
        "1986;7(3):177-88.\n",
        [(0,), (1,), (2, 3)],
    ),
    # a table's "#" column numbers its rows
    (
        "Hohenberg and Kohn [1]; Becke [2].\n\n"
        "| # | Authors | Year | Title | Journal |\n|---|---|---|---|---|\n"
        "| 1 | Hohenberg, P.; Kohn, W. | 1964 | Inhomogeneous electron gas | Physical Review "
        "136, B864 |\n"
        "| 2 | Becke, A. D. | 1993 | Density-functional thermochemistry | J. Chem. Phys. 98, 5648 |\n",
        [(0,), (1,)],
    ),
    # footnote definitions with a year are references; "[^2]:" is no superscript cite
    (
        "Privacy.[^1] Entitlements.[^2]\n\n"
        "[^1]: Samuel D. Warren & Louis D. Brandeis, The Right to Privacy, 4 Harv. L. Rev. 193 "
        "(1890).\n"
        "[^2]: Guido Calabresi & A. Douglas Melamed, Property Rules, Liability Rules, and "
        "Inalienability: One View of the Cathedral, 85 Harv. L. Rev. 1089 (1972).\n",
        [(0,), (1,)],
    ),
    # MLA's author-page cites, where the list has works by those authors ("(Table 3)" is none)
    (
        "Not knowledge (Gettier 121); the bat (Nagel 435). See (Table 3) and (Python 3).\n\n"
        "Works Cited\n"
        'Gettier, Edmund L. "Is Justified True Belief Knowledge?" Analysis, vol. 23, no. 6, '
        "1963, pp. 121-23.\n"
        'Nagel, Thomas. "What Is It Like to Be a Bat?" The Philosophical Review, vol. 83, no. 4, '
        "1974, pp. 435-50.\n",
        [(0,), (1,)],
    ),
    # IEEE's "[3]–[5]" cites the range; bold numbers after a rule are a numbered list
    (
        "Queues [3]–[5]; see [1].\n\n---\n"
        '**[1]** J. H. Saltzer, D. P. Reed, and D. D. Clark, "End-to-end arguments in system '
        'design," ACM Trans. Comput. Syst., vol. 2, no. 4, pp. 277–288, 1984.\n'
        '**[2]** V. Jacobson, "Congestion avoidance and control," in Proc. ACM SIGCOMM, 1988.\n'
        '**[3]** S. Floyd and V. Jacobson, "Random early detection gateways for congestion '
        'avoidance," IEEE/ACM Trans. Netw., vol. 1, no. 4, pp. 397–413, 1993.\n'
        '**[4]** K. Nichols and V. Jacobson, "Controlling queue delay," Commun. ACM, vol. 55, '
        "no. 7, pp. 42–50, 2012.\n"
        '**[5]** R. Pan et al., "PIE: A lightweight control scheme to address the bufferbloat '
        'problem," in Proc. IEEE HPSR, 2013, pp. 148–155.\n',
        [(2, 3, 4), (0,)],
    ),
    # "Brown et al. [2020]"; an organisation inside a grouped cite; list items written
    # "Title (Names, Year)" under a chat answer's lead-in, and its sign-off is no entry
    (
        "Brown et al. [2020] scaled up; replication failed (Button et al., 2013; Open Science "
        "Collaboration, 2015).\n\nSources you might find useful:\n\n"
        "- Language Models are Few-Shot Learners (Brown, Mann & Ryder, 2020)\n"
        "- Power failure: Why small sample size undermines the reliability of neuroscience "
        "(Button, Ioannidis & Mokrysz, 2013)\n"
        "- Estimating the reproducibility of psychological science (Open Science "
        "Collaboration, 2015)\n\n"
        "Let me know if you'd like a deeper dive into any of these, or a comparison with "
        "other methods!\n",
        [(0,), (1,), (2,)],
    ),
    # bullets of claims with their cites are prose; bullets of titles with theirs, after a
    # lead-in, are the list
    (
        "Key findings:\n\n- Transformers improve translation quality (Vaswani et al., 2017)\n"
        "- Pretraining helps downstream tasks (Devlin et al., 2019)\n\n"
        "Here are some key papers:\n\n- Attention Is All You Need (Vaswani et al., 2017)\n"
        "- BERT: pre-training of deep bidirectional transformers (Devlin et al., 2019)\n",
        [(0,), (1,)],
    ),
    # a table whose first cell numbers the row; "(2–4) have" in Vancouver
    (
        "Consensus is impossible [1]; Raft [2] uses timeouts. Definitions (2–4) have changed."
        "\n\n### Sources\n\n| Ref | Citation |\n|-----|----------|\n"
        "| [1] | Fischer, Lynch & Paterson (1985). Impossibility of distributed consensus with "
        "one faulty process. *J. ACM* 32(2). |\n"
        "| [2] | Ongaro & Ousterhout (2014). In search of an understandable consensus algorithm. "
        "USENIX ATC. |\n"
        "| [3] | Bone RC, Balk RA (1992). Definitions for sepsis and organ failure. Chest. |\n"
        "| [4] | Singer M, Deutschman CS (2016). The Third International Consensus Definitions "
        "for Sepsis. JAMA. |\n",
        [(0,), (1,), (1, 2, 3)],
    ),
    # under a heading, bold titles with their authors and venue on the next line
    (
        "Gates help (Hochreiter and Schmidhuber, 1997) and so does attention (Bahdanau et al., "
        "2015).\n\nFurther reading:\n\n**Long Short-Term Memory**\nSepp Hochreiter and Jürgen "
        "Schmidhuber. Neural Computation 9(8):1735–1780, 1997.\n\n**Neural Machine Translation by "
        "Jointly Learning to Align and Translate**\nDzmitry Bahdanau, Kyunghyun Cho, Yoshua "
        "Bengio. ICLR 2015.\n",
        [(0,), (1,)],
    ),
    # AMS keys; "(Huron 3; Meyer 14)"; an organisation cited by its acronym, or with it
    (
        "Exotic spheres [Mil56]; see [Sma61, Fre82] and [Fre82, Theorem 1.5]. Music (Huron 3; "
        "Meyer 14). Health (WHO, 2021) and (World Health Organization [WHO], 2021).\n\n"
        "References\n"
        "[Fre82] M. Freedman, The topology of four-dimensional manifolds, J. Differential Geom. "
        "17 (1982), 357–453.\n"
        "[Mil56] J. Milnor, On manifolds homeomorphic to the 7-sphere, Ann. of Math. (2) 64 "
        "(1956), 399–405.\n"
        "[Sma61] S. Smale, Generalized Poincaré's conjecture in dimensions greater than four, "
        "Ann. of Math. (2) 74 (1961), 391–406.\n"
        "Huron, David. Sweet Anticipation. MIT Press, 2006.\n"
        "Meyer, Leonard B. Emotion and Meaning in Music. U of Chicago P, 1956.\n"
        "World Health Organization. (2021). Global tuberculosis report 2021. WHO.\n",
        [(1,), (2, 0), (0,), (3,), (4,), (5,), (5,)],
    ),
    # after a rule, Harvard paragraphs with no heading; an edited book cited by its editors
    (
        "Spreading was proposed by Hess (1962) and tested (Vine and Matthews, 1963); see "
        "Clifford and Marcus (1986).\n\n---\n\n"
        "Hess, H.H. (1962) 'History of ocean basins', in Engel, A.E.J. (ed.) Petrologic studies. "
        "New York: Geological Society of America, pp. 599–620.\n\n"
        "Vine, F.J. and Matthews, D.H. (1963) 'Magnetic anomalies over oceanic ridges', Nature, "
        "199, pp. 947–949.\n\n"
        "Clifford, J. and Marcus, G.E., eds. (1986) Writing Culture: The Poetics and Politics of "
        "Ethnography. Berkeley: University of California Press.\n",
        [(0,), (1,), (2,)],
    ),
    # a lead-in, then prose with cites, then the numbered list; bold-led APA lines under a
    # bold lead-in
    (
        "Here are some sources on code review:\n\n"
        "Review mostly transfers knowledge (Bacchelli & Bird, 2013), as Peng et al. [2023] "
        "also found.\n\n"
        "1. **Expectations, Outcomes, and Challenges of Modern Code Review** — Alberto "
        "Bacchelli, Christian Bird. *ICSE 2013*.\n"
        "2. **The Impact of AI on Developer Productivity: Evidence from GitHub Copilot** — Sida "
        "Peng, Eirini Kalliamvakou, Peter Cihon, Mert Demirer. *arXiv:2302.06590* (2023).\n",
        [(0,), (1,)],
    ),
    (
        "Efficacy matters (Bandura, 1977).\n\n**Key readings:**\n\n"
        "**Bandura, A. (1977).** *Self-efficacy: Toward a unifying theory of behavioral change*. "
        "Psychological Review, 84(2), 191–215.\n\nHappy to summarize any of these!\n",
        [(0,)],
    ),
    # a family name that is also a month is a cite where the list has that name and year;
    # "In May (2019)" and "(May 2020)" are dates
    (
        "Stability was questioned by May (1972) and (May, 1973; Pimm, 1984). In May (2019), "
        "nothing happened (May 2020). As March (1991) put it.\n\nReferences\n"
        "March, J. G. (1991). Exploration and exploitation in organizational learning. "
        "Organization Science, 2(1), 71–87.\n"
        "May, R. M. (1972). Will a large complex system be stable? Nature, 238, 413–414.\n"
        "May, R. M. (1973). Stability and complexity in model ecosystems. Princeton University "
        "Press.\n"
        "Pimm, S. L. (1984). The complexity and stability of ecosystems. Nature, 307, 321–326.\n",
        [(1,), (2,), (3,), (0,)],
    ),
    # a family name with a suffix links to its cite
    (
        "Adding people makes it later [Brooks 1975].\n\nReferences\n\n"
        "- *The Mythical Man-Month* by Frederick P. Brooks Jr. (Addison-Wesley, 1975)\n",
        [(0,)],
    ),
    # claim bullets that cite their sources are no entries, however quoted or set off
    (
        "Key effects:\n\n"
        '- **Anchoring:** estimates stay close to an arbitrary "anchor" (Tversky & Kahneman, '
        "1974; Ariely et al., 2003).\n"
        '- **Framing:** Levin and Gaeth (1988) showed that beef labelled "75% lean" tastes '
        "better.\n"
        "- **Chubby** and **Spanner** rely on Paxos [Burrows, 2006].\n\n"
        "## References\n\n"
        "- Ariely, D., Loewenstein, G., & Prelec, D. (2003). Coherent arbitrariness. *The "
        "Quarterly Journal of Economics*, 118(1), 73–106.\n"
        "- Burrows, M. (2006). The Chubby lock service. In *Proc. OSDI*.\n"
        "- Levin, I. P., & Gaeth, G. J. (1988). How consumers are affected by the framing of "
        "attribute information. *Journal of Consumer Research*, 15(3), 374–378.\n"
        "- Tversky, A., & Kahneman, D. (1974). Judgment under uncertainty. *Science*, 185, "
        "1124–1131.\n",
        [(3,), (0,), (2,), (1,)],
    ),
    # a two-word family before "et al." in a grouped cite; AMS keys grouped by a semicolon,
    # one of them missing from the list
    (
        "Sleep loss raises anxiety (Goldstein & Walker, 2014; Ben Simon et al., 2018) and "
        "accents persist [Fle95; Pin94].\n\nReferences\n\n"
        "[Ben18] Ben Simon, E., Rossi, A., & Walker, M. P. (2018). Sleep loss. *Neuron*.\n"
        "[Fle95] Flege, J. E. (1995). Factors affecting foreign accent. *JASA*, 97, 3125.\n"
        "[GW14] Goldstein, A. N., & Walker, M. P. (2014). The role of sleep. *Annu Rev Clin "
        "Psychol*, 10, 679–708.\n",
        [(2,), (0,), (1,)],
    ),
    # a timeline with bold dates and a claim bullet ending in a numeric cite are no entries;
    # a table of studies cited by author and year holds cites, not entries
    (
        "Key dates:\n\n"
        "- **14 July 1789** – Storming of the Bastille, in the heart of Paris.\n"
        "- **21 January 1793** – Execution of Louis XVI in the Place de la Révolution.\n"
        "- The spacing effect was first documented by Ebbinghaus in 1885 using syllables.[1]\n\n"
        "| Study | Design | Finding |\n|---|---|---|\n"
        "| Furet (1978) | Revisionist essay | The revolution was a political event |\n\n"
        "References\n\n"
        "[1] Ebbinghaus, H. (1885). Über das Gedächtnis. Leipzig: Duncker & Humblot.\n"
        "[2] Furet, F. (1978). Penser la Révolution française. Paris: Gallimard.\n",
        [(0,), (1,)],
    ),
    # retrieval answers: "[Source 2]" labels and cites; a numbered cite as a link; a bold label
    # ending in a colon sets off no title; "Learn more:" heads a list
    (
        "Long COVID persists for months [Source 1]. A survey found 6.9% prevalence [Source 2].\n"
        "- **Factoring:** breaking RSA-2048 takes 20 million qubits running for 8 hours.\n\n"
        "**Retrieved sources**\n"
        "[Source 1] Soriano JB, Murthy S. A clinical case definition of post COVID-19 condition. "
        "Lancet Infect Dis. 2022;22(4):e102-7.\n"
        "[Source 2] Adjaye-Gbewonyo D, Vahratian A. Long COVID in adults: United States, 2022. "
        "NCHS Data Brief No. 480. 2023.\n",
        [(0,), (1,)],
    ),
    (
        "Prices peaked in June 2022 [1](https://www.bls.gov/cpi).\n\nLearn more:\n"
        "1. bls.gov — Consumer Price Index news release, June 2022\n",
        [(0,)],
    ),
    # numbered examples that are claims ("X, Y, launched ... in 2013", "program (2006–2015)
    # lowered ..."), a timeline's dated bold leads, and superscript cites one after another
    (
        "Carbon dividends can be progressive.^1^2\n\n**Examples**\n"
        "1. Ahmedabad, India, launched South Asia's first Heat Action Plan in 2013.\n"
        '2. The Dutch "Room for the River" program (2006–2015) lowered floodplains.\n'
        "3. **9 November 1799 (18 Brumaire, Year VIII)** – Napoleon's coup ends the Directory.\n\n"
        "**Further reading**\n"
        "1. Klenert, D., et al. (2018). Making carbon pricing work for citizens. *Nature "
        "Climate Change*, 8, 669–677.\n"
        "2. Fremstad, A., & Paul, M. (2019). The impact of a carbon tax on inequality. "
        "*Ecological Economics*, 163, 88–97.\n",
        [(0,), (1,)],
    ),
    # a work published over years, cited and listed with its span of years
    (
        "Rome fell slowly (Gibbon, 1776–1789).\n\nReferences\n\n"
        "Gibbon, E. (1776–1789). The History of the Decline and Fall of the Roman Empire. London: "
        "Strahan.\n",
        [(0,)],
    ),
    # numbered cites with a pinpoint; a Wikipedia list ("^ a b ...") with no numbers, which
    # "[n]" cites by position
    (
        "BM25 ranks documents [1, p. 4] and needs tuning [2, pp. 20–22; 1].\n\nReferences\n\n"
        '^ a b Robertson, Stephen; Zaragoza, Hugo (2009). "The Probabilistic Relevance '
        'Framework: BM25 and Beyond". *Foundations and Trends in IR*. 3 (4): 333–389.\n\n'
        "^ Manning, Christopher D.; Raghavan, Prabhakar; Schütze, Hinrich (2008). *Introduction "
        "to Information Retrieval*. Cambridge University Press.\n",
        [(0,), (1, 0)],
    ),
    # works in press or without a date, cited and listed so
    (
        "As argued (Petrov, in press) and (Haddad, n.d.).\n\nReferences\n\n"
        "Haddad, L. (n.d.). Remote work and wellbeing. Retrieved from https://example.org/x\n"
        "Petrov, I. (in press). Hybrid teams. Journal of Work, 12.\n",
        [(1,), (0,)],
    ),
    # short notes and "Ibid." among footnote definitions
    (
        "Drought hit first.[^1] Trade broke down.[^2] Then came the earthquakes.[^3]\n\n"
        "[^1]: Eric H. Cline, *1177 B.C.: The Year Civilization Collapsed* (Princeton, NJ: "
        "Princeton University Press, 2014), 1–3.\n"
        "[^2]: Cline, *1177 B.C.*, 139–40.\n"
        "[^3]: Ibid., 141.\n",
        [(0,), (1,), (2,)],
    ),
]


@pytest.mark.parametrize(("text", "links"), LINKED)
def test_inline_cites_link_to_their_entries(text: str, links: list[tuple[int, ...]]) -> None:
    cites = extract_citations(text)
    refs = [c.id for c in cites if c.kind == "reference"]
    assert [c.links for c in cites if c.kind == "inline"] == [
        tuple(refs[i] for i in link) for link in links
    ]


def test_entries_read_from_lines_tables_and_sources() -> None:
    cites = extract_citations(LINKED[3][0])
    assert [c.text for c in cites if c.kind == "inline"] == ["(1)", "(2)", "(3,4)"]
    table = [c.parsed for c in extract_citations(LINKED[4][0]) if c.kind == "reference"]
    assert [p.number for p in table] == [(1,), (2,)]
    assert (table[0].venue, table[0].volume, table[0].pages) == ("Physical Review", "136", "B864")
    source = [c for c in extract_citations(LINKED[2][0]) if c.kind == "reference"]
    assert source[0].text.startswith("Apgar V.")
    prose = "Smith (2019) showed X in 2019.\nJones (2020) found Y, in 2020.\n"
    assert [c.kind for c in extract_citations(prose)] == ["inline", "inline"]


def test_numeric_cites_link_to_numbered_list() -> None:
    text = (
        "Attention [1] and BERT [2, 3].\n\n## References\n\n"
        "[1] A. Vaswani et al., “Attention is all you need,” in NeurIPS, 2017.\n"
        "[2] J. Devlin, M.-W. Chang, K. Lee, and K. Toutanova, “BERT: Pre-training of deep\n"
        "    bidirectional transformers,” in Proc. NAACL, 2019, pp. 4171–4186.\n"
    )
    cites = extract_citations(text)
    refs = {c.parsed.number[0]: c for c in cites if c.kind == "reference"}
    assert set(refs) == {1, 2}
    assert refs[2].parsed.title == "BERT: Pre-training of deep bidirectional transformers"
    assert refs[2].text.endswith("4171–4186.")
    inline = [c for c in cites if c.kind == "inline"]
    assert inline[0].links == (refs[1].id,)
    assert inline[1].links == (refs[2].id,)  # [3] does not exist: no dangling link


def test_author_year_links_and_plain_list() -> None:
    text = (
        "Fairness (Kearns & Roth, 2019) and attention (Vaswani et al., 2017).\n\n"
        "References\n"
        "Kearns, M., & Roth, A. (2019). The ethical algorithm. Oxford University Press.\n"
        "Vaswani, A., Shazeer, N., Parmar, N., Uszkoreit, J., Jones, L., Gomez, A. N., "
        "Kaiser, L.,\n"
        "  & Polosukhin, I. (2017). Attention is all you need. In Advances in Neural Information\n"
        "  Processing Systems (pp. 5998–6008).\n"
    )
    cites = extract_citations(text)
    refs = [c for c in cites if c.kind == "reference"]
    assert [c.parsed.authors[0].family for c in refs] == ["Kearns", "Vaswani"]
    assert len(refs[1].parsed.authors) == 8
    inline = [c for c in cites if c.kind == "inline"]
    assert [c.links for c in inline] == [(refs[0].id,), (refs[1].id,)]


_LIST = (
    "\n\nReferences\n"
    "Kearns, M., & Roth, A. (2019). The ethical algorithm. Oxford University Press.\n"
    "Kearns, M., & Lee, B. (2021). Fair learning in practice. Journal of X, 3, 1-9.\n"
    "Devlin, J., Chang, M.-W., Lee, K., & Toutanova, K. (2019). BERT: Pre-training of deep "
    "bidirectional transformers for language understanding. In Proc. NAACL (pp. 4171-4186).\n"
)


@pytest.mark.parametrize(
    ("cite", "linked"),
    [
        ("(Devlin et al., 2019)", [("Devlin", 2019)]),
        ("(Devlin et al., 2018)", [("Devlin", 2019)]),  # a year slip: the only Devlin entry
        ("(Kearns & Roth, 2020)", [("Kearns", 2019)]),  # two Kearns entries: Roth decides
        ("(Kearns & Lee, 2021)", [("Kearns", 2021)]),
        ("(Kearns, 2020)", []),  # two Kearns entries, neither of 2020: no guess
        ("(Smith, 2019)", []),
    ],
)
def test_author_year_linking(cite: str, linked: list[tuple[str, int]]) -> None:
    cites = extract_citations(f"As shown {cite}." + _LIST)
    entries = {c.id: c for c in cites if c.kind == "reference"}
    inline = [c for c in cites if c.kind == "inline"]
    assert len(inline) == 1
    got = [entries[i].parsed for i in inline[0].links]
    assert [(p.authors[0].family, p.year) for p in got] == linked


def test_bulleted_markdown_list_without_heading() -> None:
    text = (
        "Here are some sources:\n"
        "- Goodfellow, I., Bengio, Y., & Courville, A. (2016). *Deep Learning*. MIT Press.\n"
        "- LeCun, Y., Bengio, Y., & Hinton, G. (2015). Deep learning. *Nature*, 521(7553), "
        "436–444. "
        "https://doi.org/10.1038/nature14539\n"
    )
    refs = [c for c in extract_citations(text) if c.kind == "reference"]
    assert [c.parsed.year for c in refs] == [2016, 2015]
    assert refs[1].parsed.doi == "10.1038/nature14539"
    assert refs[1].parsed.venue == "Nature"


def test_reference_list_in_markdown_table() -> None:
    text = (
        "| # | Authors | Title | Year | Venue |\n"
        "|---|---------|-------|------|-------|\n"
        "| 1 | Vaswani et al. | Attention Is All You Need | 2017 | NeurIPS |\n"
        "| 2 | Devlin, Chang, Lee, Toutanova | BERT | 2019 | NAACL |\n"
    )
    refs = [c for c in extract_citations(text) if c.kind == "reference"]
    assert [(c.parsed.title, c.parsed.year, c.parsed.venue) for c in refs] == [
        ("Attention Is All You Need", 2017, "NeurIPS"),
        ("BERT", 2019, "NAACL"),
    ]
    assert refs[0].parsed.et_al and refs[0].parsed.authors[0].family == "Vaswani"
    assert refs[1].text.startswith("| 2 |")


def test_footnotes() -> None:
    text = "A claim.[^1]\n\n[^1]: Smith, J. (2020). A study. Journal of X, 1, 1–2.\n"
    cites = extract_citations(text)
    assert [c.kind for c in cites] == ["inline", "reference"]
    assert cites[0].links == (cites[1].id,)
    assert cites[1].parsed.title == "A study"


IDENTIFIERS = [
    ("see https://doi.org/10.1145/3442188.3445922.", "doi", "10.1145/3442188.3445922"),
    ("(doi:10.1016/0004-3702(93)90015-X)", "doi", "10.1016/0004-3702(93)90015-x"),
    ("DOI: 10.18653/v1/N19-1423;", "doi", "10.18653/v1/n19-1423"),
    ("arXiv:1706.03762v5,", "arxiv", "1706.03762"),
    ("https://arxiv.org/abs/hep-th/9901001v2.", "arxiv", "hep-th/9901001"),
    ("arXiv:cs.CL/0501001", "arxiv", "cs.cl/0501001"),
    ("https://aclanthology.org/2020.acl-main.463/", "acl", "2020.acl-main.463"),
    ("ACL Anthology 2020.acl-main.463.", "acl", "2020.acl-main.463"),
    ("ISBN 978-0-262-03384-8", "isbn", "9780262033848"),
    ("at https://example.com/page_(1).", "url", "https://example.com/page_(1)"),
    # hosts written without a scheme, as answers often do
    ("(arxiv.org/abs/2001.08361v2)", "arxiv", "2001.08361"),
    ("see aclanthology.org/N19-1423.", "acl", "N19-1423"),
    ("[Scaling laws](arxiv.org/abs/2001.08361)", "arxiv", "2001.08361"),
    ("code: github.com/facebookresearch/fairseq.", "url", "github.com/facebookresearch/fairseq"),
    ("in ncbi.nlm.nih.gov/pmc/articles/PMC3159421/", "url",
     "ncbi.nlm.nih.gov/pmc/articles/PMC3159421/"),
]  # fmt: skip


@pytest.mark.parametrize(
    "text", ["e.g./i.e. and/or", "node.js/npm", "mail me at a.b@example.com/x", "v2.0/3.1"]
)
def test_no_identifier_in(text: str) -> None:
    assert [c for c in extract_citations(text) if c.kind == "identifier"] == []


@pytest.mark.parametrize(("text", "scheme", "value"), IDENTIFIERS)
def test_identifiers(text: str, scheme: str, value: str) -> None:
    cites = [c for c in extract_citations(text) if c.kind == "identifier"]
    assert len(cites) == 1
    assert getattr(cites[0].parsed, scheme) == value


def test_fenced_bibtex() -> None:
    text = (
        "Here is the entry:\n```bibtex\n@inproceedings{vaswani2017,\n  title={Attention Is All You "
        "Need},\n  author={Vaswani, Ashish and Shazeer, Noam and others},\n  year={2017},\n"
        "  booktitle={NeurIPS}, doi={10.5555/3295222.3295349}\n}\n```\n"
    )
    cites = extract_citations(text)
    assert [c.kind for c in cites] == ["bibtex"]
    c = cites[0]
    assert c.key == "vaswani2017" and c.parsed.et_al
    assert c.parsed.doi == "10.5555/3295222.3295349"  # not reported again as an identifier
    assert c.text.startswith("@inproceedings") and c.text.endswith("}")


def test_to_dict_matches_design() -> None:
    cites = extract_citations(
        "Smith (2020) said.\n\nReferences\nSmith, J. (2020). A title. J. X, 1, 2–3."
    )
    d = cites[0].to_dict()
    assert set(d) == {"id", "kind", "key", "text", "span", "parsed", "confidence", "links"}
    assert d["parsed"] == {"authors": ["Smith"], "year": 2020}
    ref = cites[1].to_dict()
    assert ref["parsed"]["title"] == "A title" and ref["parsed"]["authors"] == ["J. Smith"]
    assert isinstance(ref["span"], list) and all(0 <= v <= 1 for v in ref["confidence"].values())
    assert "Smith" in cites[1].describe()


def test_extract_file_tex_with_bib() -> None:
    cites = extract_file(FIXTURES / "paper.tex")
    inline = [c for c in cites if c.kind == "inline"]
    bib = {c.key: c for c in cites if c.kind == "bibtex"}
    assert set(bib) == {"vaswani2017", "devlin2019"}  # the uncited entry is left out
    assert inline[0].links == (bib["vaswani2017"].id,)
    assert inline[1].links == (bib["devlin2019"].id,)
    assert bib["devlin2019"].parsed.doi == "10.18653/v1/n19-1423"


def test_extract_file_bibitems() -> None:
    cites = extract_file(FIXTURES / "bibitems.tex")
    assert [c.kind for c in cites] == ["inline", "reference"]
    ref = cites[1]
    assert ref.key == "knuth84" and cites[0].links == (ref.id,)
    assert ref.parsed.title == "Literate programming" and ref.parsed.year == 1984


def test_extract_file_bib_and_jsonl() -> None:
    bib = extract_file(FIXTURES / "refs.bib")
    assert [c.key for c in bib] == ["vaswani2017", "devlin2019", "uncited"]
    cites = extract_file(FIXTURES / "answers.jsonl")
    assert [c.id for c in cites] == [1, 2, 3]
    assert cites[0].links == (2,)
    assert cites[2].parsed.arxiv == "1706.03762"


def test_spans_reproduce_text() -> None:
    text = Path(FIXTURES / "paper.tex").read_text() + "\n" + REFERENCES[0][0]
    for c in extract_citations(text):
        assert text[c.span[0] : c.span[1]] == c.text


def test_a_wrapped_line_starting_with_a_year_is_not_a_new_entry() -> None:
    text = (
        "As shown [1].\n\nReferences\n\n"
        "1. DeYoung, J., Jain, S., Rajani, N. F., Lehman, E., Xiong, C., Socher, R., & Wallace, B. C.\n"
        "   (2020). ERASER: A Benchmark to Evaluate Rationalized NLP Models. In Proceedings of ACL.\n"
        "2. Sarthak Jain and Byron C. Wallace. 2019. Attention is not Explanation. In\n"
        "   Proceedings of NAACL-HLT.\n"
    )
    refs = [c for c in extract_citations(text) if c.kind == "reference"]
    assert [r.key for r in refs] == ["1", "2"]
    assert refs[0].parsed.year == 2020 and refs[1].parsed.year == 2019


@pytest.mark.parametrize(
    ("paragraph", "is_reference"),
    [
        ("Jain, S., & Wallace, B. C. (2019). Attention is not Explanation. In Proceedings of "
         "NAACL-HLT (pp. 3543–3556).", True),
        ("Sarthak Jain and Byron C. Wallace. 2019. Attention is not Explanation. In Proceedings "
         "of NAACL-HLT, pages 3543–3556.", True),
        ("Jain, Sarthak, and Byron C. Wallace. “Attention Is Not Explanation.” Proceedings of "
         "NAACL-HLT, 2019, pp. 3543–3556.", True),
        ("Jain S, Wallace BC. Attention is not explanation. Proc NAACL. 2019;1:3543-56.", True),
        ("Jain and Wallace (2019) showed that attention weights are not explanations. Later "
         "work by Wiegreffe and Pinter (2019) disagreed.", False),
        ("Vaswani et al. (2017) introduced the Transformer. It replaced recurrence entirely, "
         "and by 2019 most systems used it.", False),
        ("In 2019, Jain and Wallace argued that attention is not explanation. This was "
         "widely discussed.", False),
        ("Smith, the lead author, wrote in 2020 that results vary. We agree.", False),
    ],
)  # fmt: skip
def test_a_reference_standing_alone_without_heading(paragraph: str, is_reference: bool) -> None:
    text = f"Here is what you asked about.\n\n{paragraph}\n\nHope this helps."
    refs = [c for c in extract_citations(text) if c.kind == "reference"]
    if is_reference:
        assert [c.text for c in refs] == [paragraph]
        assert refs[0].parsed.year == 2019 and refs[0].parsed.title
    else:
        assert refs == []


def test_a_wrapped_line_starting_with_the_year_continues_its_entry() -> None:
    text = (
        "## References\n\n"
        "Sarthak Jain and Byron C. Wallace.\n"
        "2019. Attention is not Explanation. In Proceedings of NAACL-HLT, pages 3543–3556.\n"
        "Sarah Wiegreffe and Yuval Pinter. 2019. Attention is not not Explanation. In\n"
        "Proceedings of EMNLP-IJCNLP, pages 11–20.\n"
    )
    refs = [c for c in extract_citations(text) if c.kind == "reference"]
    assert [(c.parsed.authors[0].family, c.parsed.year) for c in refs] == [
        ("Jain", 2019),
        ("Wiegreffe", 2019),
    ]
    assert refs[0].parsed.title == "Attention is not Explanation"


@pytest.mark.parametrize(
    ("reference", "venue"),
    [
        ("Jain, S., & Wallace, B. C. (2019). Attention is not Explanation. NAACL.", "NAACL"),
        ("Vaswani, A., et al. (2017). Attention is all you need. NeurIPS.", "NeurIPS"),
        ("Devlin, J., et al. (2019). BERT: Pre-training of deep bidirectional transformers for "
         "language understanding. NAACL-HLT.", "NAACL-HLT"),
        ("Goodfellow, I., Bengio, Y., & Courville, A. (2016). Deep Learning. MIT Press.", None),
    ],
)  # fmt: skip
def test_a_bare_venue_name_after_the_title_is_the_venue(reference: str, venue: str | None) -> None:
    p = parse_reference(reference)
    assert p.venue == venue
    assert p.publisher != venue


@pytest.mark.parametrize(
    ("reference", "venue"),
    [
        ("Pollack, M. E. (1986). Inferring domain plans in question-answering. In Proceedings of "
         "the 24th Annual Meeting of the Association for Computational Linguistics, New York.",
         "Proceedings of the 24th Annual Meeting of the Association for Computational Linguistics"),
        ("Allen, J. F., \"Towards a general theory of action and time\", Workshop on Planning "
         "and Reasoning, Orlando, Florida, November, 1984.", "Workshop on Planning and Reasoning"),
        ("Mahler, Jonathan. \"The Big Ugly.\" New York Times, March 4, 2012, sec. 6, 22.",
         "New York Times"),
        ("Smith, J. (1999). Parsing with rules. In Proceedings of the Workshop on Robust "
         "Parsing. Saarbrücken.", "Proceedings of the Workshop on Robust Parsing"),
        # a place after a comma stays in a periodical's name
        ("T. Saito, \"Sintering of alumina,\" Journal of the Ceramic Society, Japan, vol. 7, "
         "pp. 1-9, 1960.", "Journal of the Ceramic Society, Japan"),
    ],
)  # fmt: skip
def test_a_venue_loses_its_meetings_place_and_month(reference: str, venue: str) -> None:
    assert parse_reference(reference).venue == venue


CHAT_LIST = [  # the informal list items chat assistants write
    ('1. **"Attention Is All You Need"** by Vaswani et al. (2017), published in NeurIPS.',
     ("Vaswani", 2017, "Attention Is All You Need", "NeurIPS")),
    ("2. **BERT: Pre-training of Deep Bidirectional Transformers for Language Understanding** – "
     "Devlin, Chang, Lee & Toutanova, NAACL 2019.",
     ("Devlin", 2019, "BERT: Pre-training of Deep Bidirectional Transformers for Language "
      "Understanding", "NAACL")),
    ("3. *Attention is not Explanation* (Jain and Wallace, 2019) — NAACL-HLT.",
     ("Jain", 2019, "Attention is not Explanation", "NAACL-HLT")),
    ('4. Wiegreffe, S. & Pinter, Y. "Attention is not not Explanation." EMNLP 2019.',
     ("Wiegreffe", 2019, "Attention is not not Explanation", "EMNLP")),
    ("5. Attention is not Explanation — Sarthak Jain, Byron C. Wallace — NAACL (2019)",
     ("Jain", 2019, "Attention is not Explanation", "NAACL")),
    ("6. **Wiegreffe & Pinter (2019)**, *Attention is not not Explanation*, EMNLP.",
     ("Wiegreffe", 2019, "Attention is not not Explanation", "EMNLP")),
    ("7. [Attention Is All You Need](https://arxiv.org/abs/1706.03762) (Vaswani et al., 2017)",
     ("Vaswani", 2017, "Attention Is All You Need", None)),
    ('8. "Attention is not not Explanation" – Wiegreffe and Pinter, EMNLP-IJCNLP 2019, '
     "pp. 11–20.", ("Wiegreffe", 2019, "Attention is not not Explanation", "EMNLP-IJCNLP")),
    ("9. **BERT: Pre-training of Deep Bidirectional Transformers for Language Understanding** "
     "by Devlin, Chang, Lee & Toutanova (2019), NAACL.",
     ("Devlin", 2019, "BERT: Pre-training of Deep Bidirectional Transformers for Language "
      "Understanding", "NAACL")),
    ("10. **Attention Is All You Need** (Vaswani et al., 2017) – introduced the Transformer.",
     ("Vaswani", 2017, "Attention Is All You Need", None)),
    ("11. Title: Deep Residual Learning for Image Recognition; Authors: Kaiming He, Xiangyu "
     "Zhang, Shaoqing Ren, Jian Sun; Venue: CVPR 2016",
     ("He", 2016, "Deep Residual Learning for Image Recognition", "CVPR")),
    ("12. *Deep Learning*, by Ian Goodfellow, Yoshua Bengio and Aaron Courville, MIT Press, 2016.",
     ("Goodfellow", 2016, "Deep Learning", None)),
    ("13. **Mastering the game of Go with deep neural networks and tree search** (Silver et al., "
     "Nature, 2016)", ("Silver", 2016, "Mastering the game of Go with deep neural networks and "
                       "tree search", "Nature")),
    ("14. Sequence to Sequence Learning with Neural Networks (Sutskever, Vinyals, Le — NIPS 2014)",
     ("Sutskever", 2014, "Sequence to Sequence Learning with Neural Networks", "NIPS")),
    ("15. **Deep Learning** (LeCun, Bengio & Hinton, 2015), *Nature* 521: 436–444.",
     ("LeCun", 2015, "Deep Learning", "Nature")),
    ('16. **Rosenbaum & Rubin (1983)**, "The central role of the propensity score in '
     'observational studies for causal effects," *Biometrika* 70(1): 41–55.',
     ("Rosenbaum", 1983, "The central role of the propensity score in observational studies "
      "for causal effects", "Biometrika")),
    ("17. **Key text:** Angrist & Pischke, *Mostly Harmless Econometrics: An Empiricist's "
     "Companion* (Princeton University Press, 2009).",
     ("Angrist", 2009, "Mostly Harmless Econometrics: An Empiricist's Companion", None)),
    ("18. **Data Feminism** (D'Ignazio & Klein, 2020, MIT Press) — argues for intersectional "
     "approaches to data science.", ("D'Ignazio", 2020, "Data Feminism", None)),
    ('19. Efron (1979) — "Bootstrap Methods: Another Look at the Jackknife" — *The Annals of '
     'Statistics*', ("Efron", 1979, "Bootstrap Methods: Another Look at the Jackknife",
                     "The Annals of Statistics")),
    ("20. Deep Residual Learning for Image Recognition — Kaiming He, Xiangyu Zhang, Shaoqing Ren, "
     "Jian Sun, CVPR, 2016", ("He", 2016, "Deep Residual Learning for Image Recognition", "CVPR")),
    ("21. Attention Is All You Need. A. Vaswani, N. Shazeer, N. Parmar et al. NeurIPS 2017.",
     ("Vaswani", 2017, "Attention Is All You Need", "NeurIPS")),
    ("22. Gettier (1963) — Is Justified True Belief Knowledge? — Analysis",
     ("Gettier", 1963, "Is Justified True Belief Knowledge?", "Analysis")),
    ("23. *The Protestant Ethic and the Spirit of Capitalism* (1930) by Max Weber. A foundational "
     "study that is still widely cited.",
     ("Weber", 1930, "The Protestant Ethic and the Spirit of Capitalism", None)),
    ('24. "Solutions for a Cultivated Planet" by Jonathan A. Foley et al. (2011), published in '
     "Nature. Best read alongside its critics.",
     ("Foley", 2011, "Solutions for a Cultivated Planet", "Nature")),
    ("25. Perlmutter, S., et al. (1999). *Measurements of Ω and Λ from 42 High-Redshift "
     "Supernovae.* Astrophysical Journal. — Best read alongside the critiques that followed it.",
     ("Perlmutter", 1999, "Measurements of Ω and Λ from 42 High-Redshift Supernovae",
      "Astrophysical Journal")),
]  # fmt: skip


def test_chat_style_reference_list_without_heading() -> None:
    text = "Key papers:\n\n" + "\n".join(line for line, _ in CHAT_LIST) + "\n\nAs [3] shows."
    cites = extract_citations(text)
    refs = [c for c in cites if c.kind == "reference"]
    got = [
        (c.parsed.authors[0].family, c.parsed.year, c.parsed.title, c.parsed.venue) for c in refs
    ]
    assert got == [want for _, want in CHAT_LIST]
    assert [c.parsed.number for c in refs] == [(n,) for n in range(1, len(CHAT_LIST) + 1)]
    assert [len(c.parsed.authors) for c in refs] == [
        *(1, 4, 2, 2, 2, 2, 1, 2, 4, 1, 4, 3, 1, 3, 3, 2, 2, 2, 1, 4, 3, 1, 1, 1, 1)
    ]
    assert (refs[16].parsed.publisher, refs[17].parsed.publisher) == (
        "Princeton University Press",
        "MIT Press",
    )
    assert refs[11].parsed.publisher == "MIT Press"
    assert (refs[14].parsed.volume, refs[14].parsed.pages) == ("521", "436-444")
    inline = [c for c in cites if c.kind == "inline"]
    assert inline[-1].links == (refs[2].id,)


@pytest.mark.parametrize(
    ("sentence", "cited", "expected"),
    [
        ('As argued in "Attention is not Explanation" (Jain & Wallace, NAACL 2019), weights mislead.',
         '"Attention is not Explanation" (Jain & Wallace, NAACL 2019)',
         ("Attention is not Explanation", ["Jain", "Wallace"], 2019, "NAACL")),
        ("A reply, “Attention is not not Explanation” by Wiegreffe and Pinter (EMNLP 2019), "
         "disputed it.",
         "“Attention is not not Explanation” by Wiegreffe and Pinter (EMNLP 2019)",
         ("Attention is not not Explanation", ["Wiegreffe", "Pinter"], 2019, "EMNLP")),
        ("As *Attention Is All You Need* (Vaswani et al., 2017) showed, recurrence can go.",
         "*Attention Is All You Need* (Vaswani et al., 2017)",
         ("Attention Is All You Need", ["Vaswani"], 2017, None)),
        ('In "a phrase of hers", Smith (2020) said more.', "Smith (2020)",
         (None, ["Smith"], 2020, None)),  # a quoted phrase before a narrative cite: no title
        ("Results were shown at a venue (EMNLP 2019).", None, None),  # a venue is not a name
        # prose that names a work: its author, its marked title and its year
        ("Ostrom's *Governing the Commons* (Cambridge University Press, 1990) is the key text.",
         "Ostrom's *Governing the Commons* (Cambridge University Press, 1990)",
         ("Governing the Commons", ["Ostrom"], 1990, None)),
        ('Kahneman and Tversky’s "Prospect Theory" (1979) founded it.',
         'Kahneman and Tversky’s "Prospect Theory" (1979)',
         ("Prospect Theory", ["Kahneman", "Tversky"], 1979, None)),
        ("Elinor Ostrom, *Governing the Commons* (1990), remains key.",
         "Ostrom, *Governing the Commons* (1990)",
         ("Governing the Commons", ["Ostrom"], 1990, None)),
        ("However, *The Structure of Scientific Revolutions* (1962) argued it.", None, None),
    ],
)  # fmt: skip
def test_inline_cites_with_titles_and_venues(
    sentence: str, cited: str | None, expected: tuple[Any, ...] | None
) -> None:
    inline = [c for c in extract_citations(sentence) if c.kind == "inline"]
    if cited is None:
        assert inline == []
        return
    assert [c.text for c in inline] == [cited]
    p = inline[0].parsed
    assert (p.title, [a.family for a in p.authors], p.year, p.venue) == expected


def test_superscript_footnotes_and_a_surname_table() -> None:
    text = (
        "Attention is not a faithful explanation¹, though this is contested².\n"
        "Probing found syntax (Hewitt and Manning 2019).\n\n"
        "| Title | Authors | Year | Venue |\n|---|---|---|---|\n"
        "| A Structural Probe for Finding Syntax in Word Representations | Hewitt, Manning | 2019 "
        "| NAACL |\n\n"
        "Footnotes\n"
        "¹ Jain, S., Wallace, B.C.: Attention is not explanation. In: NAACL-HLT, pp. 3543–3556 "
        "(2019)\n"
        "² Wiegreffe S, Pinter Y. Attention is not not explanation. EMNLP-IJCNLP. 2019:11-20.\n"
    )
    cites = extract_citations(text)
    refs = {c.id: c for c in cites if c.kind == "reference"}
    inline = [c for c in cites if c.kind == "inline"]
    linked = [[(refs[i].parsed.authors[0].family, refs[i].parsed.number) for i in c.links]
              for c in inline]  # fmt: skip
    assert linked == [[("Jain", (1,))], [("Wiegreffe", (2,))], [("Hewitt", ())]]
    table = next(c for c in refs.values() if c.text.startswith("|"))
    assert [a.family for a in table.parsed.authors] == ["Hewitt", "Manning"]


def test_labelled_fields_list() -> None:
    """Chat answers that lay out each work field by field, one label per line."""
    text = (
        "Sources:\n\n"
        "1. **Title:** Deep Residual Learning for Image Recognition\n"
        "   **Authors:** Kaiming He, Xiangyu Zhang, Shaoqing Ren, Jian Sun\n"
        "   **Published in:** CVPR 2016\n"
        "   **DOI:** 10.1109/CVPR.2016.90\n\n"
        "2. **Title:** Attention Is All You Need\n"
        "   **Authors:** Ashish Vaswani, Noam Shazeer, et al.\n"
        "   **Year:** 2017\n"
        "   **Venue:** NeurIPS\n"
    )
    refs = [c for c in extract_citations(text) if c.kind == "reference"]
    got = [(c.parsed.title, c.parsed.families, c.parsed.year, c.parsed.venue) for c in refs]
    assert got == [
        (
            "Deep Residual Learning for Image Recognition",
            ("He", "Zhang", "Ren", "Sun"),
            2016,
            "CVPR",
        ),
        ("Attention Is All You Need", ("Vaswani", "Shazeer"), 2017, "NeurIPS"),
    ]
    assert refs[0].parsed.doi == "10.1109/cvpr.2016.90" and refs[1].parsed.et_al
    assert refs[0].parsed.confidence["title"] == 0.9


def test_court_cases_cited_in_running_text() -> None:
    """A case cited in full in prose is a citation with its case name, reporter and year; a
    leading "In" or "See" is no part of the name."""
    text = (
        "In Brown v. Board of Education, 347 U.S. 483 (1954), the Court overruled Plessy. The "
        "brief cited Varghese v. China Southern Airlines Co., 925 F.3d 1339 (11th Cir. 2019). "
        "See Donoghue v Stevenson [1932] AC 562 on negligence."
    )
    cites = extract_citations(text)
    assert [(c.kind, c.text) for c in cites] == [
        ("inline", "Brown v. Board of Education, 347 U.S. 483 (1954)"),
        ("inline", "Varghese v. China Southern Airlines Co., 925 F.3d 1339 (11th Cir. 2019)"),
        ("inline", "Donoghue v Stevenson [1932] AC 562"),
    ]
    assert [(c.parsed.title, c.parsed.venue, c.parsed.year) for c in cites] == [
        ("Brown v. Board of Education", "U.S.", 1954),
        ("Varghese v. China Southern Airlines Co.", "F.3d", 2019),
        ("Donoghue v Stevenson", "AC", 1932),
    ]


def test_one_reference_a_line_without_full_stops() -> None:
    """Lines that each hold a whole reference are entries of their own, even when the one
    before ends in a DOI or the next opens in lower case; wrapped lines still continue."""
    lines = [
        "Hochreiter, S., & Schmidhuber, J. (1997). Long short-term memory. Neural Computation, "
        "9(8), 1735–1780. https://doi.org/10.1162/neco.1997.9.8.1735",
        "van der Maaten, L., & Hinton, G. (2008). Visualizing data using t-SNE. Journal of "
        "Machine Learning Research, 9, 2579–2605",
        "OpenAI. (2023). GPT-4 technical report. arXiv. https://doi.org/10.48550/arXiv.2303.08774",
        "Centers for Disease Control and Prevention. (2023, May 15). Symptoms of COVID-19. "
        "https://www.cdc.gov/coronavirus/2019-ncov/symptoms-testing/symptoms.html",
        "EINSTEIN, Albert: Zur Elektrodynamik bewegter Körper. In: Annalen der Physik 322 (1905), "
        "Nr. 10, S. 891–921",
        "Gödel, Kurt: Über formal unentscheidbare Sätze der Principia Mathematica und verwandter "
        "Systeme I. In: Monatshefte für Mathematik und Physik 38 (1931), S. 173–198",
    ]
    wrapped = "Smith, J. (2020). A title that runs on\nover two lines. Journal of Things, 1, 2–3."
    text = "## References\n\n" + "\n".join(lines) + "\n" + wrapped + "\n"
    refs = [c for c in extract_citations(text) if c.kind == "reference"]
    assert [c.text for c in refs] == [*lines, wrapped]
