"""What the program works with besides the drafts: the settings in effect and the Textbausteine.

:func:`load_configuration` reads both the way the window and the command line need them: it
never raises for a damaged file; every problem is a German sentence in
:attr:`Configuration.problems`, and the program goes on with what could be read.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from stellungnahme_app.errors import StellungnahmeError
from stellungnahme_app.settings import Settings, load_settings

if TYPE_CHECKING:  # the Textbausteine (and jinja2) are loaded only when first needed
    from stellungnahme_app.textbausteine import Textbaustein


@dataclass
class Configuration:
    """The settings in effect and what went wrong reading them."""

    settings: Settings
    #: German sentences about damaged settings files (file and line); empty when all is well.
    problems: list[str] = field(default_factory=list)


def load_configuration() -> Configuration:
    """The merged settings (catalogue < administrator < user) and their problems."""
    loaded = load_settings()
    return Configuration(settings=loaded.settings, problems=list(loaded.problems))


def load_textbausteine_reporting(settings: Settings) -> tuple[list[Textbaustein], list[str]]:
    """The Textbausteine of the configured folder and German sentences about broken ones."""
    from stellungnahme_app.textbausteine import load_textbausteine

    try:
        items, problems = load_textbausteine(settings.textbausteine_dir)
    except StellungnahmeError as error:
        return [], [error.message]
    return list(items), list(problems)
