"""Textbausteine: standard phrases the clerk inserts into the Fazit or a contribution.

Each Textbaustein is a small text file in a folder per category (``fazit/``,
``pruefung-rechtlich/``, ``pruefung-ressourcen/``, ``pruefung-finanzen/``, or any folder an
administrator adds) under ``templates/textbausteine/``. Its first line may be a Jinja comment
``{# Titel: … #}`` naming it in the menu, and a line ``{# Passt bei: Nein #}`` (or ``Ja``)
may say which answers of step 2 it fits (:func:`suggested_order`); a category's German name
comes from ``label = "…"`` in the folder's ``kategorie.toml``, else from a built-in list, else
from the folder name. The folder's ``README.md`` is the authors' guide.

A Textbaustein is a jinja2 template rendered in the program's
:class:`~stellungnahme_app.jinja_sandbox.HardenedSandbox` with autoescaping off (the result is
plain text that becomes ordinary editable text, not XML) and the small :data:`LIMITS` of a
phrase, so that a file with an endless loop is refused within a fraction of a second.
The draft's values are handed to it as data – German names such as ``nummer`` and ``titel``,
see :data:`VARIABLES` – and are never themselves parsed as templates. An empty value renders
as a visible gap such as ``[Nummer der Drucksache]``, the same square-bracket convention the
authors use for what the clerk must fill in by hand (:func:`find_gaps` finds them).

Files are checked when loaded – syntax, unknown variables, access to internals, a trial
rendering with an empty draft – so a broken file is reported (German, with file and line)
and left out, and the others load as usual.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
import tomllib
import traceback
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import jinja2
from jinja2 import meta, nodes
from jinja2.exceptions import SecurityError

from stellungnahme_app import form, settings
from stellungnahme_app.errors import TemplateError
from stellungnahme_app.fileio import FileReadError, read_bytes
from stellungnahme_app.german_dates import format_date
from stellungnahme_app.jinja_sandbox import HardenedSandbox, Limits, TemplateLimitError
from stellungnahme_app.model import ASSESSMENT_KEYS, AssessmentKey, Draft
from stellungnahme_app.text import clean, is_blank

FAZIT_CATEGORY = "fazit"
ASSESSMENT_CATEGORIES: dict[AssessmentKey, str] = {
    "legal": "pruefung-rechtlich",
    "resources": "pruefung-ressourcen",
    "financial": "pruefung-finanzen",
}
CATEGORY_FILE_NAME = "kategorie.toml"
FILE_SUFFIX = ".txt"
MAX_FILE_BYTES = 100 * 1024
MAX_OUTPUT_CHARS = 100_000
#: What rendering one phrase may use: a phrase is a few sentences, rendered in milliseconds.
LIMITS = Limits(seconds=2.0, steps=100_000, characters=1_000_000, call_depth=20)

#: German names of the built-in categories; they also fix the order of the menu.
BUILTIN_CATEGORY_LABELS: dict[str, str] = {
    FAZIT_CATEGORY: "Fazit",
    **{
        category: f"{form.ASSESSMENT_SHORT_NAMES[key]} – Nein"
        for key, category in ASSESSMENT_CATEGORIES.items()
    },
}

#: The variables a Textbaustein may use, with what they hold (the README shows the same).
VARIABLES: dict[str, str] = {
    "stadt": "die Stadt, z. B. „Erfurt“",
    "nummer": "die Nummer der Drucksache, z. B. „0661/24“",
    "titel": "der Titel der Drucksache",
    "dezernat": "das Dezernat",
    "oeffentlich": "„öffentlich“ oder „nichtöffentlich“",
    "beschlusspunkte": "die Nummern der Beschlusspunkte, z. B. „01, 02 und 03“",
    "anzahl_beschlusspunkte": "die Zahl der Beschlusspunkte (0, wenn keiner erfasst ist)",
    "unterzeichner": "der Name der unterzeichnenden Person",
    "datum_unterschrift": "das Datum der Unterschrift, TT.MM.JJJJ",
    "datum": "das heutige Datum, TT.MM.JJJJ",
}

#: What an empty value renders as, so the clerk sees what is still missing.
GAPS: dict[str, str] = {
    "stadt": "[Stadt]",
    "nummer": "[Nummer der Drucksache]",
    "titel": "[Titel der Drucksache]",
    "dezernat": "[Dezernat]",
    "oeffentlich": "[öffentlich/nichtöffentlich]",
    "beschlusspunkte": "[Beschlusspunkte]",
    "unterzeichner": "[Name der unterzeichnenden Person]",
    "datum_unterschrift": "[Datum der Unterschrift]",
}

_TITLE_COMMENT = re.compile(
    r"\A\ufeff?\{#-?\s*Titel\s*:\s*(?P<title>.*?)\s*-?#\}[ \t]*\r?\n?", re.S
)
_FITS_COMMENT = re.compile(
    r"^\{#-?\s*Passt bei\s*:\s*(?P<answer>Ja|Nein)\s*-?#\}[ \t]*$", re.M | re.I
)
_GAP = re.compile(r"\[[^\[\]\n]{1,80}\]")
_HIDDEN_PREFIXES = (".", "~", "_")


class TextbausteinError(TemplateError):
    """A Textbaustein cannot be loaded or rendered."""


@dataclass(frozen=True)
class Textbaustein:
    """One standard phrase: where it belongs, its menu title and its template text."""

    category: str
    category_label: str
    title: str
    path: Path
    source: str

    @property
    def fits(self) -> str:
        """``nein``: offered first after a "Nein" (``{# Passt bei: Nein #}`` at the top),
        ``ja``: first when every question is answered "Ja"; ``""``: either way."""
        head = self.source[:500]
        match = _FITS_COMMENT.search(head)
        return match.group("answer").casefold() if match else ""


# --------------------------------------------------------------------------- loading


def load_textbausteine(folder: Path | None = None) -> tuple[list[Textbaustein], list[str]]:
    """All usable Textbausteine and German messages about the files that are not.

    The bundled phrases are always read; ``folder`` (the setting ``textbausteine_dir``) is
    read on top of them when it is another folder: a file there with the same category and
    name replaces the bundled one, every other file is added. Order: the built-in categories
    first, then the others by folder name; within a category by file name.
    """
    bundled = settings.default_textbausteine_dir()
    folders = [bundled]
    if folder is not None and not _same_folder(Path(folder), bundled):
        folders.append(Path(folder))
    problems: list[str] = []
    found: dict[tuple[str, str], Textbaustein] = {}
    labels: dict[str, str] = {}
    for root in folders:
        if not _is_dir(root):
            problems.append(
                f"Den Ordner der Textbausteine „{root}“ gibt es nicht. "
                + (
                    "Bitte das Programm neu installieren."
                    if root == bundled
                    else "Bitte prüfen Sie die Einstellung „Ordner der Textbausteine“."
                )
            )
            continue
        for category_dir in _subfolders(root, problems):
            category = category_dir.name.casefold()
            label = _category_label(category_dir, problems) or labels.get(category)
            labels[category] = label or BUILTIN_CATEGORY_LABELS.get(category, category_dir.name)
            for path in _phrase_files(category_dir, problems):
                item = _load_file(path, category, problems)
                if item is not None:
                    found[(category, path.name.casefold())] = item
    items = [
        Textbaustein(i.category, labels[i.category], i.title, i.path, i.source)
        for i in found.values()
    ]
    order = list(BUILTIN_CATEGORY_LABELS)
    items.sort(
        key=lambda i: (
            order.index(i.category) if i.category in order else len(order),
            i.category,
            i.path.name.casefold(),
        )
    )
    return items, problems


def for_category(items: Iterable[Textbaustein], category: str) -> list[Textbaustein]:
    """The Textbausteine of one category, in menu order."""
    return [item for item in items if item.category == category]


def suggested_order(items: Sequence[Textbaustein], draft: Draft) -> list[Textbaustein]:
    """``items`` with those that fit the draft's answers first: after any "Nein" the ones
    that fit a Nein, when all three are "Ja" the ones that fit a Ja; the rest keep their
    order, the misfits come last. While neither holds, ``items`` as they are."""
    answers = [draft.assessments.get(key) for key in ASSESSMENT_KEYS]
    if False in answers:
        first, last = "nein", "ja"
    elif all(answers):
        first, last = "ja", "nein"
    else:
        return list(items)
    rank = {first: 0, "": 1, last: 2}
    return sorted(items, key=lambda item: rank.get(item.fits, 1))


def category_for_assessment(key: AssessmentKey) -> str:
    """The category of phrases that justify a "Nein" to an assessment question."""
    return ASSESSMENT_CATEGORIES[key]


def categories(items: Iterable[Textbaustein]) -> list[tuple[str, str]]:
    """The categories present, as ``(category, label)`` in menu order."""
    return list(dict.fromkeys((item.category, item.category_label) for item in items))


def _is_dir(path: Path) -> bool:
    try:
        return path.is_dir()
    except OSError:
        return False


def _same_folder(first: Path, second: Path) -> bool:
    try:
        return first.resolve() == second.resolve()
    except OSError:
        return False


def _subfolders(root: Path, problems: list[str]) -> list[Path]:
    try:
        return sorted(
            (p for p in root.iterdir() if p.is_dir() and not p.name.startswith(_HIDDEN_PREFIXES)),
            key=lambda p: p.name.casefold(),
        )
    except OSError as error:
        problems.append(
            f"Der Ordner der Textbausteine „{root}“ kann nicht gelesen werden "
            f"({error.strerror or error})."
        )
        return []


def _phrase_files(category_dir: Path, problems: list[str]) -> list[Path]:
    try:
        return sorted(
            (
                p
                for p in category_dir.iterdir()
                if p.suffix.casefold() == FILE_SUFFIX
                and p.is_file()
                and not p.name.startswith(_HIDDEN_PREFIXES)
            ),
            key=lambda p: p.name.casefold(),
        )
    except OSError as error:
        problems.append(
            f"Der Ordner „{category_dir}“ kann nicht gelesen werden ({error.strerror or error})."
        )
        return []


def _category_label(category_dir: Path, problems: list[str]) -> str | None:
    """``label`` from the folder's ``kategorie.toml``; ``None`` when there is none."""
    path = category_dir / CATEGORY_FILE_NAME
    try:
        if not path.is_file():
            return None
        data = tomllib.loads(path.read_bytes().decode("utf-8-sig"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as error:
        problems.append(
            f"Die Datei „{path}“ kann nicht gelesen werden ({error}); die Kategorie erhält "
            "ihren Standardnamen."
        )
        return None
    label = data.get("label")
    if not isinstance(label, str) or not label.strip():
        problems.append(
            f'In „{path}“ fehlt label = "…" (der Name der Kategorie); die Kategorie erhält '
            "ihren Standardnamen."
        )
        return None
    return " ".join(label.split())


def _load_file(path: Path, category: str, problems: list[str]) -> Textbaustein | None:
    try:
        data = read_bytes(path, max_bytes=MAX_FILE_BYTES, subject="Der Textbaustein")
    except FileReadError as error:
        problems.append(f"{error.message} Er wird nicht angeboten.")
        return None
    try:
        source = data.decode("utf-8-sig").replace("\r\n", "\n")
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        problems.append(
            f"Textbaustein „{path}“, Zeile {line}: Die Datei ist nicht in UTF-8 gespeichert und "
            "wird nicht angeboten. Bitte im Editor mit der Codierung „UTF-8“ speichern."
        )
        return None
    title_match = _TITLE_COMMENT.match(source)
    title = title_match.group("title") if title_match else ""
    item = Textbaustein(
        category=category,
        category_label=BUILTIN_CATEGORY_LABELS.get(category, category),
        title=" ".join(title.split()) or _title_from_file_name(path),
        path=path,
        source=source,
    )
    try:
        check_textbaustein(item)
    except TextbausteinError as error:
        problems.append(error.message)
        return None
    return item


def _title_from_file_name(path: Path) -> str:
    """``03-ablehnen.txt`` → ``Ablehnen``."""
    words = re.sub(r"^\d+[-_ .]*", "", path.stem).replace("_", " ").replace("-", " ").split()
    text = " ".join(words) or path.stem
    return text[:1].upper() + text[1:]


# --------------------------------------------------------------------------- checking


def check_textbaustein(item: Textbaustein) -> None:
    """Raise :class:`TextbausteinError` (German, with file and line) if ``item`` is unusable."""
    environment = _environment()
    try:
        tree = environment.parse(item.source)
    except jinja2.TemplateSyntaxError as error:
        raise _error(item, error.lineno, f"Die Vorlage ist fehlerhaft ({error.message})") from None
    for node in tree.find_all(nodes.Filter):
        if node.name not in environment.filters:
            raise _error(item, node.lineno, f"Den Filter „{node.name}“ gibt es nicht")
    for node in tree.find_all(nodes.Test):
        if node.name not in environment.tests:
            raise _error(item, node.lineno, f"Den Test „{node.name}“ gibt es nicht")
    allowed = set(VARIABLES) | set(environment.globals)
    try:
        undeclared = meta.find_undeclared_variables(tree)
    except jinja2.TemplateError as error:  # also a constant that fails: (0).a or 'x'
        line = getattr(error, "lineno", None)
        raise _error(item, line, f"Die Vorlage ist fehlerhaft ({error.message})") from None
    for name in sorted(undeclared - allowed):
        raise _error(
            item,
            _line_of_name(item.source, name),
            f"„{name}“ ist keine bekannte Angabe. Möglich sind: {', '.join(VARIABLES)}",
        )
    for node in tree.find_all((nodes.Getattr, nodes.Getitem)):
        name = node.attr if isinstance(node, nodes.Getattr) else _constant_key(node)
        if isinstance(name, str) and name.startswith("_"):
            raise _error(item, node.lineno, f"Der Zugriff auf „{name}“ ist nicht erlaubt")
    try:
        template = environment.from_string(tree)
    except (jinja2.TemplateError, SyntaxError) as error:
        reason = error.msg if isinstance(error, SyntaxError) else error.message
        raise _error(item, None, f"Die Vorlage ist fehlerhaft ({reason})") from None
    _render(item, template, Draft(), today=dt.date(2000, 1, 1))


def _constant_key(node: nodes.Getitem) -> object:
    return node.arg.value if isinstance(node.arg, nodes.Const) else None


def _line_of_name(source: str, name: str) -> int | None:
    pattern = re.compile(rf"\b{re.escape(name)}\b")
    for number, line in enumerate(source.splitlines(), start=1):
        if pattern.search(line):
            return number
    return None


def _error(item: Textbaustein, line: int | None, reason: str) -> TextbausteinError:
    where = f"Textbaustein „{item.path}“" + (f", Zeile {line}" if line else "")
    return TextbausteinError(
        f"{where}: {reason.rstrip('.')}. Der Textbaustein wird nicht angeboten; bitte die "
        "Datei berichtigen oder die IT-Betreuung informieren."
    )


# --------------------------------------------------------------------------- rendering


def render_textbaustein(item: Textbaustein, draft: Draft, *, today: dt.date | None = None) -> str:
    """The phrase filled in with the draft's values, as plain text ready to insert.

    The draft's values are data: ``{{ … }}`` typed by the user stays exactly as typed.
    Raises :class:`TextbausteinError` when the template fails (e.g. forbidden access).
    """
    try:
        template = _compiled(item.source)
    except jinja2.TemplateSyntaxError as error:
        raise _error(item, error.lineno, f"Die Vorlage ist fehlerhaft ({error.message})") from None
    except (jinja2.TemplateError, SyntaxError) as error:
        reason = error.msg if isinstance(error, SyntaxError) else error.message
        raise _error(item, None, f"Die Vorlage ist fehlerhaft ({reason})") from None
    return _render(item, template, draft, today=today)


@functools.lru_cache(maxsize=256)
def _compiled(source: str) -> jinja2.Template:
    return _environment().from_string(source)


def _render(
    item: Textbaustein, template: jinja2.Template, draft: Draft, *, today: dt.date | None
) -> str:
    try:
        rendered = template.render(template_context(draft, today=today))
    except TemplateLimitError as error:
        raise _error(item, _template_line(error), error.message or "") from None
    except SecurityError as error:
        raise _error(
            item, _template_line(error), f"Der Zugriff ist nicht erlaubt ({error})"
        ) from None
    except jinja2.UndefinedError as error:
        raise _error(item, _template_line(error), f"Unbekannte Angabe ({error.message})") from None
    except (
        jinja2.TemplateError,
        ArithmeticError,
        TypeError,
        ValueError,
        LookupError,
        RuntimeError,  # also RecursionError from a macro calling itself
        AssertionError,  # raised by some of Jinja's filters (truncate) for bad arguments
        AttributeError,  # a filter given the wrong kind of value (xmlattr of a text)
    ) as error:
        raise _error(item, _template_line(error), f"Die Vorlage ist fehlerhaft ({error})") from None
    if len(rendered) > MAX_OUTPUT_CHARS:
        raise _error(item, None, "Der erzeugte Text ist unvernünftig lang")
    return _tidy(rendered)


def template_context(draft: Draft, *, today: dt.date | None = None) -> dict[str, Any]:
    """The values a Textbaustein sees (see :data:`VARIABLES`); empty ones are gaps."""
    today = today or dt.date.today()
    numbers = [p.number.strip() for p in draft.resolution_points if not is_blank(p.number)]
    public = {True: form.PUBLIC, False: form.NOT_PUBLIC, None: ""}[draft.public]
    values: dict[str, Any] = {
        "stadt": draft.city,
        "nummer": draft.document_number,
        "titel": draft.document_title,
        "dezernat": draft.department,
        "oeffentlich": public,
        "beschlusspunkte": german_list(numbers),
        "unterzeichner": draft.signature.name,
        "datum_unterschrift": format_date(draft.signature.date),
    }
    context = {key: (" ".join(clean(value).split()) or GAPS[key]) for key, value in values.items()}
    context["anzahl_beschlusspunkte"] = len(draft.resolution_points)
    context["datum"] = format_date(today)
    return context


def german_list(words: Sequence[str]) -> str:
    """``["01", "02", "03"]`` → ``01, 02 und 03``."""
    if len(words) <= 1:
        return "".join(words)
    return f"{', '.join(words[:-1])} und {words[-1]}"


def find_gaps(text: str) -> list[tuple[int, int]]:
    """Where ``text`` still has ``[…]`` gaps to fill in, as ``(start, end)`` offsets."""
    return [match.span() for match in _GAP.finditer(text)]


def _tidy(rendered: str) -> str:
    """Plain text as the form holds it: clean characters, at most one blank line, no edges."""
    # Line by line: the pattern [ \t]+\n backtracks quadratically over a long run of spaces.
    text = "\n".join(line.rstrip(" \t") for line in clean(rendered).split("\n"))
    text = re.sub(r"\n{3,}", "\n\n", text)
    return text.strip()


def _template_line(error: BaseException) -> int | None:
    """The line in the template where ``error`` happened (jinja2 rewrites the traceback)."""
    line = None
    for frame in traceback.extract_tb(error.__traceback__):
        if frame.filename == "<template>":
            line = frame.lineno
    return line


@functools.cache
def _environment() -> HardenedSandbox:
    return HardenedSandbox(
        limits=LIMITS,
        autoescape=False,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=False,
    )
