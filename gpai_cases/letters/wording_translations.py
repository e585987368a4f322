"""The first French and German wording of the letters' legal statements, with their sources,
in the terms of the Official Journal's French and German texts of Regulation (EU) 2024/1689, the
TFEU and the Charter: loaded into :class:`~gpai_cases.letters.models.LetterWording` by a data
migration (one row per statement and language) and edited there since (admin → Letter wordings).
English is in :mod:`.wording_data`."""

from __future__ import annotations

_TFUE = (
    "Traité sur le fonctionnement de l'Union européenne (version consolidée, JO C 202 du 7.6.2016)"
)
_RIA = "Règlement (UE) 2024/1689 (règlement sur l'intelligence artificielle), JO L du 12.7.2024"
_AEUV = "Vertrag über die Arbeitsweise der Europäischen Union (konsolidierte Fassung, ABl. C 202 vom 7.6.2016)"
_KIVO = "Verordnung (EU) 2024/1689 (Verordnung über künstliche Intelligenz), ABl. L vom 12.7.2024"

#: language → key → (text, source)
TRANSLATED_WORDING: dict[str, dict[str, tuple[str, str]]] = {
    "fr": {
        "redress": (
            "Vous pouvez contester la présente décision en introduisant un recours en annulation "
            "devant le Tribunal de l'Union européenne conformément à l'article 263 du traité sur le "
            "fonctionnement de l'Union européenne : toute personne morale peut former un recours "
            "contre les actes dont elle est le destinataire (article 263, quatrième alinéa). Le "
            "recours doit être formé dans un délai de deux mois à compter de la notification de la "
            "présente décision (article 263, sixième alinéa), augmenté d'un délai de distance "
            "forfaitaire de dix jours (article 60 du règlement de procédure du Tribunal).",
            f"{_TFUE}, article 263, quatrième et sixième alinéas, et article 256, paragraphe 1 ; "
            "règlement de procédure du Tribunal (JO L 105 du 23.4.2015, p. 1), article 60.",
        ),
        "obligations": (
            "effectuer une évaluation des modèles sur la base de protocoles et d'outils normalisés "
            "reflétant l'état de la technique, y compris en réalisant et en documentant des essais "
            "contradictoires des modèles en vue d'identifier et d'atténuer les risques systémiques "
            "(article 55, paragraphe 1, point a)) ;\n"
            "évaluer et atténuer les risques systémiques éventuels au niveau de l'Union, y compris "
            "leurs origines, qui pourraient découler du développement, de la mise sur le marché ou "
            "de l'utilisation du modèle (article 55, paragraphe 1, point b)) ;\n"
            "suivre, documenter et communiquer sans retard injustifié au Bureau de l'IA et, le cas "
            "échéant, aux autorités nationales compétentes les informations pertinentes concernant "
            "les incidents graves ainsi que les éventuelles mesures correctives pour y remédier "
            "(article 55, paragraphe 1, point c)) ;\n"
            "garantir un niveau approprié de protection en matière de cybersécurité pour le modèle "
            "et son infrastructure physique (article 55, paragraphe 1, point d)).",
            f"{_RIA}, article 55, paragraphes 1 et 2.",
        ),
        "rfi_basis": (
            "Article 91 du règlement (UE) 2024/1689 (pouvoir de demander des documents et des "
            "informations) : en vertu de son paragraphe 1, la Commission peut demander au "
            "fournisseur d'un modèle d'IA à usage général de fournir la documentation établie "
            "conformément aux articles 53 et 55, ou toute information supplémentaire nécessaire aux "
            "fins de l'évaluation de la conformité, dans la procédure prévue aux articles 51 et 52. "
            "La présente demande d'informations indique sa base juridique et son objet, les "
            "informations demandées et le délai dans lequel elles doivent être fournies (article "
            "91, paragraphe 4).",
            f"{_RIA}, article 91, paragraphes 1 et 4.",
        ),
        "rfi_consequence": (
            "Si vous ne répondez pas dans le délai imparti, l'évaluation se poursuit sur la base des "
            "informations dont dispose le Bureau de l'IA. Le fait de ne pas donner suite à une "
            "demande d'informations, ou de fournir des informations inexactes, incomplètes ou "
            "trompeuses, peut donner lieu à une amende au titre de l'article 101, paragraphe 1, "
            "point b), du règlement (UE) 2024/1689.",
            f"{_RIA}, article 91, paragraphe 4, et article 101, paragraphe 1, point b).",
        ),
        "hearing_basis": (
            "Article 41, paragraphe 2, point a), de la Charte des droits fondamentaux de l'Union "
            "européenne (le droit de toute personne d'être entendue avant qu'une mesure individuelle "
            "qui l'affecterait défavorablement ne soit prise à son encontre) et article 52, "
            "paragraphes 3 et 4, du règlement (UE) 2024/1689.",
            "Charte des droits fondamentaux de l'Union européenne (JO C 326 du 26.10.2012), "
            f"article 41, paragraphe 2, point a) ; {_RIA}, article 52.",
        ),
    },
    "de": {
        "redress": (
            "Sie können gegen diesen Beschluss nach Artikel 263 des Vertrags über die Arbeitsweise "
            "der Europäischen Union Nichtigkeitsklage beim Gericht der Europäischen Union erheben: "
            "Jede juristische Person kann gegen die an sie gerichteten Handlungen Klage erheben "
            "(Artikel 263 Absatz 4). Die Klage ist binnen zwei Monaten nach der Bekanntgabe dieses "
            "Beschlusses an Sie zu erheben (Artikel 263 Absatz 6); diese Frist verlängert sich um "
            "eine pauschale Entfernungsfrist von zehn Tagen (Artikel 60 der Verfahrensordnung des "
            "Gerichts).",
            f"{_AEUV}, Artikel 263 Absätze 4 und 6 und Artikel 256 Absatz 1; Verfahrensordnung des "
            "Gerichts (ABl. L 105 vom 23.4.2015, S. 1), Artikel 60.",
        ),
        "obligations": (
            "Durchführung einer Modellbewertung mit standardisierten Protokollen und Instrumenten, "
            "die dem Stand der Technik entsprechen, einschließlich der Durchführung und "
            "Dokumentation von Angriffstests beim Modell, um systemische Risiken zu ermitteln und zu "
            "mindern (Artikel 55 Absatz 1 Buchstabe a);\n"
            "Bewertung und Minderung möglicher systemischer Risiken auf Unionsebene, einschließlich "
            "ihrer Ursachen, die sich aus der Entwicklung, dem Inverkehrbringen oder der Verwendung "
            "des Modells ergeben können (Artikel 55 Absatz 1 Buchstabe b);\n"
            "Erfassung, Dokumentation und unverzügliche Übermittlung einschlägiger Informationen "
            "über schwerwiegende Vorfälle und mögliche Abhilfemaßnahmen an das Büro für Künstliche "
            "Intelligenz und gegebenenfalls an die zuständigen nationalen Behörden (Artikel 55 "
            "Absatz 1 Buchstabe c);\n"
            "Gewährleistung eines angemessenen Maßes an Cybersicherheit für das Modell und seine "
            "physische Infrastruktur (Artikel 55 Absatz 1 Buchstabe d).",
            f"{_KIVO}, Artikel 55 Absätze 1 und 2.",
        ),
        "rfi_basis": (
            "Artikel 91 der Verordnung (EU) 2024/1689 (Befugnis zur Anforderung von Dokumentation "
            "und Informationen): Nach seinem Absatz 1 kann die Kommission den Anbieter eines "
            "KI-Modells mit allgemeinem Verwendungszweck auffordern, die gemäß den Artikeln 53 und "
            "55 erstellte Dokumentation oder alle zusätzlichen Informationen vorzulegen, die für die "
            "Bewertung der Einhaltung im Verfahren nach den Artikeln 51 und 52 erforderlich sind. "
            "Dieses Auskunftsersuchen nennt seine Rechtsgrundlage und seinen Zweck, die "
            "angeforderten Informationen und die Frist, innerhalb deren sie vorzulegen sind "
            "(Artikel 91 Absatz 4).",
            f"{_KIVO}, Artikel 91 Absätze 1 und 4.",
        ),
        "rfi_consequence": (
            "Antworten Sie nicht bis zum Fälligkeitstag, wird die Bewertung auf der Grundlage der "
            "dem Büro für Künstliche Intelligenz vorliegenden Informationen fortgesetzt. Wird einem "
            "Auskunftsersuchen nicht nachgekommen oder werden unrichtige, unvollständige oder "
            "irreführende Informationen übermittelt, kann nach Artikel 101 Absatz 1 Buchstabe b der "
            "Verordnung (EU) 2024/1689 eine Geldbuße verhängt werden.",
            f"{_KIVO}, Artikel 91 Absatz 4 und Artikel 101 Absatz 1 Buchstabe b.",
        ),
        "hearing_basis": (
            "Artikel 41 Absatz 2 Buchstabe a der Charta der Grundrechte der Europäischen Union (das "
            "Recht jeder Person, gehört zu werden, bevor ihr gegenüber eine für sie nachteilige "
            "individuelle Maßnahme getroffen wird) und Artikel 52 Absätze 3 und 4 der Verordnung "
            "(EU) 2024/1689.",
            "Charta der Grundrechte der Europäischen Union (ABl. C 326 vom 26.10.2012), Artikel 41 "
            f"Absatz 2 Buchstabe a; {_KIVO}, Artikel 52.",
        ),
    },
}
