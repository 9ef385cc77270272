"""The fixed wording of the official form, declared once.

The exporter, the rules and the editor all take the form's labels from here, so the exported
document, the messages and the screen always say the same thing.
"""

from __future__ import annotations

from stellungnahme_app.model import AssessmentKey

TITLE_TEMPLATE = "Stellungnahme der Stadtverwaltung {city} zur Drucksache {number}"
LABEL_DOCUMENT_TITLE = "Titel der Drucksache"
LABEL_PUBLIC_STATUS = "Öffentlichkeitsstatus der Stellungnahme"
PUBLIC = "öffentlich"
NOT_PUBLIC = "nichtöffentlich"
ASSESSMENT_INSTRUCTION = (
    "Zutreffendes bitte auswählen und im Feld Stellungnahme darauf Bezug nehmen:"
)
ASSESSMENT_QUESTIONS: dict[AssessmentKey, str] = {
    "legal": "Ist die rechtliche Zulässigkeit des Antrages gegeben?",
    "resources": "Stehen personelle und sächliche Ressourcen zur Verfügung?",
    "financial": "Liegen die finanziellen Voraussetzungen vor?",
}
ASSESSMENT_SHORT_NAMES: dict[AssessmentKey, str] = {
    "legal": "Rechtliche Zulässigkeit",
    "resources": "Personelle und sächliche Ressourcen",
    "financial": "Finanzielle Voraussetzungen",
}
ANSWER_YES = "Ja."
ANSWER_NO = "Nein."
LABEL_STATEMENT = "Stellungnahme"
LABEL_CONCLUSION = "Fazit:"
LABEL_AMENDMENTS = "Änderung des/der Beschlusspunkte aus Sicht der Stadtverwaltung:"
LABEL_ATTACHMENTS = "Anlagenverzeichnis"
LABEL_SIGNATURE = "Unterschrift Beigeordneter"
LABEL_DATE = "Datum"
SIGNATURE_PREFIX = "gez. "
#: Before the name of a deputy, after "gez.": "gez. i. V. Max Muster".
DEPUTY_MARK = "i. V. "
DRAFT_MARK = "ENTWURF"
NOT_PUBLIC_MARK = "Nichtöffentlich"
DATE_FORMAT = "%d.%m.%Y"


def document_heading(city: str, number: str) -> str:
    """The title line, e.g. ``Stellungnahme der Stadtverwaltung Erfurt zur Drucksache 0661/24``."""
    return TITLE_TEMPLATE.format(city=city, number=number)


def answer_text(answer: bool | None) -> str:
    """``Ja.``, ``Nein.`` or empty for an unanswered question."""
    if answer is None:
        return ""
    return ANSWER_YES if answer else ANSWER_NO
