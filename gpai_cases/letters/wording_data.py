"""The first wording of the letters' legal statements, with their sources: loaded into
:class:`~gpai_cases.letters.models.LetterWording` by a data migration and edited there since
(admin → Letter wordings). A key with no row falls back to this text."""

from __future__ import annotations

TFEU = "Treaty on the Functioning of the European Union (consolidated version, OJ C 202, 7.6.2016)"
AI_ACT = "Regulation (EU) 2024/1689 (AI Act), OJ L, 12.7.2024"

#: key → (text, source)
DEFAULT_WORDING: dict[str, tuple[str, str]] = {
    "redress": (
        "You may challenge this decision by bringing an action for annulment before the General "
        "Court of the European Union under Article 263 of the Treaty on the Functioning of the "
        "European Union: any legal person may institute proceedings against an act addressed to "
        "it (Article 263, fourth paragraph). The action must be brought within two months of the "
        "notification of this decision to you (Article 263, sixth paragraph), extended on account "
        "of distance by a single period of ten days (Article 60 of the Rules of Procedure of the "
        "General Court).",
        f"{TFEU}, Article 263, fourth and sixth paragraphs, and Article 256(1); Rules of "
        "Procedure of the General Court (OJ L 105, 23.4.2015, p. 1), Article 60.",
    ),
    "obligations": (
        "perform model evaluation in accordance with standardised protocols and tools reflecting "
        "the state of the art, including conducting and documenting adversarial testing of the "
        "model with a view to identifying and mitigating systemic risks (Article 55(1)(a));\n"
        "assess and mitigate possible systemic risks at Union level, including their sources, that "
        "may stem from the development, the placing on the market, or the use of the model "
        "(Article 55(1)(b));\n"
        "keep track of, document, and report, without undue delay, to the AI Office and, as "
        "appropriate, to national competent authorities, relevant information about serious "
        "incidents and possible corrective measures to address them (Article 55(1)(c));\n"
        "ensure an adequate level of cybersecurity protection for the model and the physical "
        "infrastructure of the model (Article 55(1)(d)).",
        f"{AI_ACT}, Article 55(1) and (2).",
    ),
    "rfi_basis": (
        "Article 91 of Regulation (EU) 2024/1689 (power to request documentation and "
        "information): under its paragraph 1, the Commission may request the provider of "
        "a general-purpose AI model to provide the documentation drawn up under Articles 53 and 55, "
        "or any additional information that is necessary for the purpose of assessing compliance, "
        "in the procedure of Articles 51 and 52. This request states its legal basis and purpose, "
        "the information requested and the period within which it is to be provided (Article "
        "91(4)).",
        f"{AI_ACT}, Article 91(1) and (4).",
    ),
    "rfi_consequence": (
        "If you do not answer by the due date, the assessment continues on the information "
        "available to the AI Office. Failing to comply with a request for information, or "
        "supplying incorrect, incomplete or misleading information, may lead to a fine under "
        "Article 101(1)(b) of Regulation (EU) 2024/1689.",
        f"{AI_ACT}, Articles 91(4) and 101(1)(b).",
    ),
    "hearing_basis": (
        "Article 41(2)(a) of the Charter of Fundamental Rights of the European Union (the right "
        "of every person to be heard before any individual measure which would affect him or her "
        "adversely is taken) and Article 52(3) and (4) of Regulation (EU) 2024/1689.",
        "Charter of Fundamental Rights of the European Union (OJ C 326, 26.10.2012), Article "
        f"41(2)(a); {AI_ACT}, Article 52.",
    ),
}
