"""The draft of a Stellungnahme: every part of the official form, as plain data.

The model holds exactly what the exchange format ``stellungnahme/1`` holds. It is mutable so
the editor can change it in place; equality compares every field. Nothing here validates:
an incomplete draft is a normal state, and :mod:`stellungnahme_app.rules` says what is missing.
"""

from __future__ import annotations

import copy
import datetime as dt
from dataclasses import dataclass, field
from typing import Literal

AssessmentKey = Literal["legal", "resources", "financial"]
ASSESSMENT_KEYS: tuple[AssessmentKey, ...] = ("legal", "resources", "financial")


@dataclass
class Assessments:
    """The three mandatory Ja/Nein questions; ``None`` means not yet answered."""

    legal: bool | None = None
    resources: bool | None = None
    financial: bool | None = None

    def get(self, key: AssessmentKey) -> bool | None:
        return getattr(self, key)

    def set(self, key: AssessmentKey, answer: bool | None) -> None:
        if key not in ASSESSMENT_KEYS:
            raise KeyError(key)
        setattr(self, key, answer)


@dataclass
class ResolutionPoint:
    """A numbered resolution point (Beschlusspunkt) of the motion, quoted verbatim."""

    number: str = ""
    text: str = ""


@dataclass
class Contribution:
    """One office's part of the Stellungnahme."""

    office: str = ""
    heading: str = ""
    text: str = ""


@dataclass
class Signature:
    """Who signs (the Beigeordnete of the Dezernat, or a deputy: "i. V.") and when."""

    name: str = ""
    date: dt.date | None = None
    #: Signs in place of the Beigeordnete ("in Vertretung"); the document prints "i. V.".
    deputy: bool = False


@dataclass
class Draft:
    """A Stellungnahme as the author is writing it, complete or not."""

    city: str = ""
    department: str = ""
    document_number: str = ""
    document_title: str = ""
    public: bool | None = None
    assessments: Assessments = field(default_factory=Assessments)
    resolution_points: list[ResolutionPoint] = field(default_factory=list)
    contributions: list[Contribution] = field(default_factory=list)
    conclusion: str = ""
    amended_resolution_points: str = ""
    attachments: list[str] = field(default_factory=list)
    signature: Signature = field(default_factory=Signature)

    def copy(self) -> Draft:
        """A deep copy that shares nothing with this draft."""
        return copy.deepcopy(self)

    @property
    def display_title(self) -> str:
        """A short name for lists and window titles, e.g. ``0661/24 – Arbeitskreis Segregation``."""
        parts = [p for p in (self.document_number.strip(), self.document_title.strip()) if p]
        return " – ".join(parts) if parts else "Neue Stellungnahme"
