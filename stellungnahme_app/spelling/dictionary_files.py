"""Where the German hunspell dictionary lies on this computer.

The program ships no dictionary of its own (the German dictionaries are GPL-licensed; see
``packaging/ADMIN.md``): it looks one up at run time, in this order –

1. the folder the administrator sets (``dictionary_dir`` in ``stellungnahme.toml``);
2. the folder ``woerterbuch`` in the installation folder, where IT may put one (the
   installer's optional, replaceable dictionary component goes there);
3. LibreOffice's own German dictionary (``share/extensions/dict-de``);
4. the system's hunspell folders (Debian's ``hunspell-de-de``: ``/usr/share/hunspell``).

The environment variable ``STELLUNGNAHME_DICTIONARY_PATH`` replaces 2–4 with its folders
(separated by ``os.pathsep``; empty: none) – for tests and for administrators trying one out.
A folder counts when it holds ``de_DE.aff`` and ``de_DE.dic`` (igerman98, Debian) or
``de_DE_frami.aff`` and ``de_DE_frami.dic`` (LibreOffice).
"""

from __future__ import annotations

import os
import sys
from dataclasses import dataclass, field
from pathlib import Path

SEARCH_PATH_VARIABLE = "STELLUNGNAHME_DICTIONARY_PATH"
INSTALLED_FOLDER_NAME = "woerterbuch"
#: The names a German (Germany) dictionary goes by, preferred first.
DICTIONARY_NAMES = ("de_DE", "de_DE_frami")


@dataclass(frozen=True)
class DictionaryFiles:
    """A hunspell dictionary: ``<folder>/<name>.aff`` and ``<folder>/<name>.dic``."""

    folder: Path
    name: str

    @property
    def aff(self) -> Path:
        return self.folder / f"{self.name}.aff"

    @property
    def dic(self) -> Path:
        return self.folder / f"{self.name}.dic"

    def describe(self) -> str:
        return f"{self.name} in „{self.folder}“"


@dataclass(frozen=True)
class DictionaryLookup:
    """What the search found: the dictionary (or ``None``) and the folders it looked in."""

    found: DictionaryFiles | None
    searched: tuple[Path, ...] = ()
    #: German sentences about a configured folder that holds no dictionary.
    problems: tuple[str, ...] = field(default=())

    @property
    def reason(self) -> str:
        """German: why there is no spell-check (empty when a dictionary was found)."""
        if self.found is not None:
            return ""
        folders = ", ".join(f"„{folder}“" for folder in self.searched) or "keinem Ordner"
        return (
            "Die Rechtschreibprüfung ist aus: Auf diesem Rechner wurde kein deutsches "
            f"Wörterbuch (de_DE) gefunden; gesucht in {folders}. Bitte wenden Sie sich an die "
            "IT-Betreuung: ein Wörterbuch kommt mit LibreOffice oder wird in "
            "„stellungnahme.toml“ als „dictionary_dir“ eingetragen."
        )


def dictionary_in(folder: Path) -> DictionaryFiles | None:
    """The German dictionary in ``folder``, if it holds one."""
    for name in DICTIONARY_NAMES:
        candidate = DictionaryFiles(folder, name)
        try:
            if candidate.aff.is_file() and candidate.dic.is_file():
                return candidate
        except OSError:
            continue
    return None


def find_dictionary(configured: Path | None = None) -> DictionaryLookup:
    """Look for the German dictionary: ``configured`` first, then the usual places."""
    searched: list[Path] = []
    problems: list[str] = []
    if configured is not None:
        searched.append(configured)
        found = dictionary_in(configured)
        if found is not None:
            return DictionaryLookup(found, tuple(searched))
        problems.append(
            f"Im eingestellten Ordner des Wörterbuchs „{configured}“ liegt kein deutsches "
            "Wörterbuch (de_DE.aff und de_DE.dic oder de_DE_frami.aff und de_DE_frami.dic)."
        )
    for folder in usual_folders():
        if folder in searched:
            continue
        searched.append(folder)
        found = dictionary_in(folder)
        if found is not None:
            return DictionaryLookup(found, tuple(searched), tuple(problems))
    return DictionaryLookup(None, tuple(searched), tuple(problems))


def usual_folders() -> list[Path]:
    """Where a dictionary is looked for besides the configured folder (see the module)."""
    override = os.environ.get(SEARCH_PATH_VARIABLE)
    if override is not None:
        return [Path(part) for part in override.split(os.pathsep) if part.strip()]
    folders: list[Path] = []
    if getattr(sys, "frozen", False):
        folders.append(Path(sys.executable).resolve().parent / INSTALLED_FOLDER_NAME)
    folders.extend(_libreoffice_folders())
    if sys.platform != "win32":
        folders.extend(
            Path(folder)
            for folder in (
                "/usr/share/hunspell",
                "/usr/share/myspell",
                "/usr/share/myspell/dicts",
                "/usr/local/share/hunspell",
            )
        )
    return folders


def _libreoffice_folders() -> list[Path]:
    extension = Path("share") / "extensions" / "dict-de"
    if sys.platform == "win32":
        roots = {
            os.environ.get(variable, "")
            for variable in ("ProgramFiles", "ProgramW6432", "ProgramFiles(x86)")
        }
        return [Path(root) / "LibreOffice" / extension for root in sorted(roots) if root]
    if sys.platform == "darwin":
        return [Path("/Applications/LibreOffice.app/Contents/Resources/extensions/dict-de")]
    folders = [Path("/usr/lib/libreoffice") / extension]
    folders.extend(sorted(Path("/opt").glob("libreoffice*/" + extension.as_posix())))
    return folders
