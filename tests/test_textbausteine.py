"""Textbausteine: loading the bundled phrases, rendering in the sandbox, broken files."""

from __future__ import annotations

import datetime as dt
import functools
import importlib.util
import os
import time
from pathlib import Path
from types import ModuleType

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from stellungnahme_app import rules
from stellungnahme_app.model import ASSESSMENT_KEYS, Draft, ResolutionPoint, Signature
from stellungnahme_app.settings import default_textbausteine_dir
from stellungnahme_app.text import clean
from stellungnahme_app.textbausteine import (
    FAZIT_CATEGORY,
    GAPS,
    VARIABLES,
    Textbaustein,
    TextbausteinError,
    categories,
    category_for_assessment,
    check_textbaustein,
    find_gaps,
    for_category,
    german_list,
    load_textbausteine,
    render_textbaustein,
    suggested_order,
)

TODAY = dt.date(2024, 4, 30)


@pytest.fixture(scope="module")
def bundled() -> list[Textbaustein]:
    items, problems = load_textbausteine()
    assert problems == []
    return items


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def phrase(source: str, path: Path = Path("probe.txt")) -> Textbaustein:
    return Textbaustein("fazit", "Fazit", "Probe", path, source)


# --------------------------------------------------------------------------- bundled


def test_bundled_categories_and_order(bundled: list[Textbaustein]) -> None:
    assert categories(bundled) == [
        ("fazit", "Fazit"),
        ("pruefung-rechtlich", "Rechtliche Zulässigkeit – Nein"),
        ("pruefung-ressourcen", "Personelle und sächliche Ressourcen – Nein"),
        ("pruefung-finanzen", "Finanzielle Voraussetzungen – Nein"),
    ]
    fazit_titles = [item.title for item in for_category(bundled, FAZIT_CATEGORY)]
    assert fazit_titles[0] == "Zustimmen"
    for wanted in ("Ablehnen", "Kenntnisnahme", "Zustimmen mit Änderungen der Beschlusspunkte"):
        assert wanted in fazit_titles
    assert any("andere Drucksache" in title for title in fazit_titles)
    for key in ASSESSMENT_KEYS:
        assert len(for_category(bundled, category_for_assessment(key))) >= 2


def test_every_bundled_phrase_renders_with_the_reference(
    bundled: list[Textbaustein], reference_draft: Draft
) -> None:
    for item in bundled:
        text = render_textbaustein(item, reference_draft, today=TODAY)
        assert text == text.strip() and "\n\n\n" not in text, item.path
        assert "{{" not in text and "{%" not in text and "{#" not in text, item.path
        assert "[Nummer der Drucksache]" not in text and "[Stadt]" not in text, item.path
        assert text.startswith(("Aus Sicht der Stadtverwaltung", "Der Antrag", "Die ", "Für ")), (
            item.path
        )


def test_every_bundled_phrase_renders_with_an_empty_draft(bundled: list[Textbaustein]) -> None:
    for item in bundled:
        text = render_textbaustein(item, Draft(), today=TODAY)
        assert text, item.path
        if "{{ nummer }}" in item.source:
            assert "[Nummer der Drucksache]" in text
            assert find_gaps(text), item.path


def test_reference_fazit_wording(bundled: list[Textbaustein], reference_draft: Draft) -> None:
    [reject] = [i for i in for_category(bundled, "fazit") if i.title == "Ablehnen"]
    assert render_textbaustein(reject, reference_draft) == (
        "Aus Sicht der Stadtverwaltung sollte aus den oben genannten Gründen der vorliegenden "
        "Drucksache 0661/24 nicht gefolgt werden."
    )
    [agree] = [i for i in for_category(bundled, "fazit") if i.title == "Zustimmen"]
    assert render_textbaustein(agree, reference_draft) == (
        "Aus Sicht der Stadtverwaltung sollte der vorliegenden Drucksache 0661/24 "
        "zugestimmt werden."
    )


def test_assessment_phrases_satisfy_the_rules_reference_check(
    bundled: list[Textbaustein], reference_draft: Draft
) -> None:
    """Inserting a "Nein" phrase into the Fazit answers the rule that asks for a reason."""
    for key in ASSESSMENT_KEYS:
        for item in for_category(bundled, category_for_assessment(key)):
            draft = reference_draft.copy()
            draft.contributions = []
            draft.conclusion = render_textbaustein(item, draft)
            draft.assessments.set(key, False)
            fields = {f.field for f in rules.check(draft, today=TODAY)}
            assert f"assessments.{key}" not in fields, item.path


def test_bundled_readme_documents_every_variable() -> None:
    readme = (default_textbausteine_dir() / "README.md").read_text(encoding="utf-8")
    for name in VARIABLES:
        assert "{{ " + name + " }}" in readme
    assert set(GAPS) <= set(VARIABLES)


# --------------------------------------------------------------------------- rendering


def test_context_values_and_gaps() -> None:
    source = (
        "{{ stadt }}|{{ nummer }}|{{ titel }}|{{ dezernat }}|{{ oeffentlich }}|"
        "{{ beschlusspunkte }}|{{ anzahl_beschlusspunkte }}|{{ unterzeichner }}|"
        "{{ datum_unterschrift }}|{{ datum }}"
    )
    draft = Draft(
        city="Erfurt",
        department="Dezernat 05",
        document_number="0661/24",
        document_title="Arbeitskreis Segregation",
        public=False,
        resolution_points=[ResolutionPoint("01", "a"), ResolutionPoint("02", "b")],
        signature=Signature("Anke Hofmann-Domke", dt.date(2024, 4, 30)),
    )
    assert render_textbaustein(phrase(source), draft, today=dt.date(2024, 5, 2)) == (
        "Erfurt|0661/24|Arbeitskreis Segregation|Dezernat 05|nichtöffentlich|01 und 02|2|"
        "Anke Hofmann-Domke|30.04.2024|02.05.2024"
    )
    assert render_textbaustein(phrase(source), Draft(), today=dt.date(2024, 5, 2)) == (
        "[Stadt]|[Nummer der Drucksache]|[Titel der Drucksache]|[Dezernat]|"
        "[öffentlich/nichtöffentlich]|[Beschlusspunkte]|0|[Name der unterzeichnenden Person]|"
        "[Datum der Unterschrift]|02.05.2024"
    )


def test_user_text_is_data_never_a_template() -> None:
    draft = Draft(
        document_number="{{ 7 * 7 }}",
        document_title="{% for x in range(3) %}x{% endfor %} {# c #} & <b>",
        city="{{ cycler.__init__.__globals__ }}",
    )
    text = render_textbaustein(phrase("{{ nummer }} / {{ titel }} / {{ stadt }}"), draft)
    assert text == (
        "{{ 7 * 7 }} / {% for x in range(3) %}x{% endfor %} {# c #} & <b> / "
        "{{ cycler.__init__.__globals__ }}"
    )


def test_user_text_control_characters_and_line_breaks_are_cleaned() -> None:
    draft = Draft(document_title="Zeile 1\nZeile\x002\x0b", document_number="  0661/24 ")
    text = render_textbaustein(phrase("{{ titel }} ({{ nummer }})"), draft)
    assert text == "Zeile 1 Zeile2 (0661/24)"


def test_conditions_and_layout() -> None:
    source = (
        "{# Titel: Bedingung #}\n"
        "{% if anzahl_beschlusspunkte > 1 %}\n"
        "den Beschlusspunkten {{ beschlusspunkte }}\n"
        "{% else %}\n"
        "dem Beschlusspunkt {{ beschlusspunkte }}\n"
        "{% endif %}\n\n\n\nAbsatz   \n"
    )
    one = Draft(resolution_points=[ResolutionPoint("01")])
    three = Draft(resolution_points=[ResolutionPoint(n) for n in ("01", "02", "03")])
    assert render_textbaustein(phrase(source), one) == "dem Beschlusspunkt 01\n\nAbsatz"
    assert render_textbaustein(phrase(source), three) == (
        "den Beschlusspunkten 01, 02 und 03\n\nAbsatz"
    )


@pytest.mark.parametrize(
    "source",
    [
        "{{ cycler.__init__.__globals__ }}",
        "{{ nummer.__class__.__mro__ }}",
        "{{ nummer['__class__'] }}",
        "{{ (nummer|attr('__class__')) }}",
        "{{ range.__self__ }}",
    ],
)
def test_sandbox_refuses_internals(source: str) -> None:
    with pytest.raises(TextbausteinError) as raised:
        check_textbaustein(phrase(source))
    assert "probe.txt" in raised.value.message
    assert "Zeile 1" in raised.value.message
    with pytest.raises(TextbausteinError):
        render_textbaustein(phrase(source), Draft())


@pytest.mark.parametrize(
    "source",
    [
        "{{ 'x' * 10000000 }}",
        "{{ [1] * 10000000 }}",
        "{{ 9 ** 99999999 }}",
        "{% for i in range(10**9) %}{% endfor %}",
        "{% macro m() %}{{ m() }}{% endmacro %}{{ m() }}",
    ],
)
def test_sandbox_refuses_exhaustion(source: str) -> None:
    with pytest.raises(TextbausteinError):
        render_textbaustein(phrase(source), Draft())


def test_autoescape_is_off() -> None:
    draft = Draft(document_title='A & B <c> "d"')
    assert render_textbaustein(phrase("{{ titel }}"), draft) == 'A & B <c> "d"'


def test_german_list_and_gaps() -> None:
    assert german_list([]) == ""
    assert german_list(["01"]) == "01"
    assert german_list(["01", "02", "03"]) == "01, 02 und 03"
    text = "Drucksache [Nummer] vom [Datum]; Liste [1] ist keine Lücke? [] nein"
    assert [text[a:b] for a, b in find_gaps(text)] == ["[Nummer]", "[Datum]", "[1]"]


# --------------------------------------------------------------------------- broken files


def test_broken_files_are_reported_and_the_others_load(tmp_path: Path) -> None:
    own = tmp_path / "eigene"
    write(own / "fazit" / "10-gut.txt", "{# Titel: Gut #}\nGut: {{ nummer }}\n")
    write(own / "fazit" / "11-syntax.txt", "{# Titel: Kaputt #}\nZeile zwei\n{{ nummer \n")
    write(own / "fazit" / "12-intern.txt", "erste\n{{ cycler.__init__.__globals__ }}\n")
    write(own / "fazit" / "13-tippfehler.txt", "eins\nzwei\n{{ numer }}\n")
    write(own / "fazit" / "14-laufzeit.txt", "{{ 1 // 0 }}\n")
    (own / "fazit" / "15-ansi.txt").write_bytes("Kämmerei\n".encode("cp1252"))
    items, problems = load_textbausteine(own)
    assert len(problems) == 5, problems
    syntax, internal, typo, runtime, encoding = problems
    assert "11-syntax.txt" in syntax and "Zeile 3" in syntax
    assert "12-intern.txt" in internal and "Zeile 2" in internal and "nicht erlaubt" in internal
    assert "13-tippfehler.txt" in typo and "Zeile 3" in typo and "„numer“" in typo
    assert "14-laufzeit.txt" in runtime and "Zeile 1" in runtime
    assert "15-ansi.txt" in encoding and "UTF-8" in encoding
    titles = [item.title for item in for_category(items, "fazit")]
    assert titles[-1] == "Gut"
    bundled, _ = load_textbausteine()
    assert len(items) == len(bundled) + 1


def test_own_folder_adds_and_replaces(tmp_path: Path, reference_draft: Draft) -> None:
    own = tmp_path / "eigene"
    write(
        own / "fazit" / "05-ablehnen.txt", "{# Titel: Ablehnen (Erfurt) #}\nNein zu {{ nummer }}."
    )
    write(own / "sport" / "kategorie.toml", 'label = "Sport"\n')
    write(own / "sport" / "sportstaetten.txt", "Die Sportstätten sind ausgelastet.")
    write(own / "sport" / "notiz.md", "keine Textbaustein-Datei")
    write(own / "sport" / "~$entwurf.txt", "Sperrdatei von Word")
    items, problems = load_textbausteine(own)
    assert problems == []
    [reject] = [i for i in items if i.path.name == "05-ablehnen.txt"]
    assert reject.title == "Ablehnen (Erfurt)"
    assert render_textbaustein(reject, reference_draft) == "Nein zu 0661/24."
    assert categories(items)[-1] == ("sport", "Sport")
    assert [i.title for i in for_category(items, "sport")] == ["Sportstaetten"]


def test_title_from_file_name_and_label_from_folder_name(tmp_path: Path) -> None:
    own = tmp_path / "eigene"
    write(own / "hinweise" / "02_datenschutz-hinweis.txt", "Text")
    items, problems = load_textbausteine(own)
    assert problems == []
    [item] = for_category(items, "hinweise")
    assert (item.title, item.category_label) == ("Datenschutz hinweis", "hinweise")


def test_damaged_category_file(tmp_path: Path) -> None:
    own = tmp_path / "eigene"
    write(own / "fazit" / "kategorie.toml", "label = \n")
    write(own / "neu" / "kategorie.toml", "titel = 'x'\n")
    write(own / "neu" / "a.txt", "Text")
    items, problems = load_textbausteine(own)
    assert len(problems) == 2, problems
    assert "fazit" in problems[0] and "kategorie.toml" in problems[0]
    assert ("fazit", "Fazit") in categories(items)
    assert ("neu", "neu") in categories(items)


def test_missing_own_folder_keeps_the_bundled(tmp_path: Path) -> None:
    items, problems = load_textbausteine(tmp_path / "fehlt")
    assert len(problems) == 1 and "gibt es nicht" in problems[0]
    assert len(items) == len(load_textbausteine()[0])


def test_huge_file_is_refused(tmp_path: Path) -> None:
    own = tmp_path / "eigene"
    write(own / "fazit" / "gross.txt", "x" * 200_000)
    _, problems = load_textbausteine(own)
    assert len(problems) == 1 and "zu groß" in problems[0]


def test_windows_line_endings_and_bom(tmp_path: Path) -> None:
    own = tmp_path / "eigene"
    path = own / "fazit" / "windows.txt"
    path.parent.mkdir(parents=True)
    path.write_bytes("\ufeff{# Titel: Windows #}\r\nZeile 1\r\n\r\nZeile 2\r\n".encode())
    items, problems = load_textbausteine(own)
    assert problems == []
    [item] = [i for i in items if i.path == path]
    assert item.title == "Windows"
    assert render_textbaustein(item, Draft()) == "Zeile 1\n\nZeile 2"


@settings(max_examples=80, deadline=None)
@given(source=st.text(max_size=200))
def test_any_file_content_loads_or_is_reported(source: str) -> None:
    item = phrase(source)
    try:
        check_textbaustein(item)
    except TextbausteinError as error:
        assert "probe.txt" in error.message
    else:
        assert isinstance(render_textbaustein(item, Draft()), str)


@settings(max_examples=80, deadline=None)
@given(value=st.text(max_size=200))
def test_any_user_value_is_inserted_as_is(value: str) -> None:
    draft = Draft(document_title=value)
    text = render_textbaustein(phrase("«{{ titel }}»"), draft)
    # Whitespace runs become one space and characters XML cannot hold are dropped; nothing
    # else of the value changes.
    expected = " ".join(clean(value).split()) or "[Titel der Drucksache]"
    assert text == f"«{expected}»"


def test_category_folder_names_ignore_case(tmp_path: Path) -> None:
    own = tmp_path / "eigene"
    write(own / "Fazit" / "99-eigenes.txt", "{# Titel: Eigenes Fazit #}\nText")
    items, problems = load_textbausteine(own)
    assert problems == []
    assert for_category(items, FAZIT_CATEGORY)[-1].title == "Eigenes Fazit"
    assert [label for category, label in categories(items) if category == "fazit"] == ["Fazit"]


# --------------------------------------------------------------------------- fitting the answers


def _answers(legal: bool | None, resources: bool | None, financial: bool | None) -> Draft:
    draft = Draft()
    draft.assessments.legal, draft.assessments.resources = legal, resources
    draft.assessments.financial = financial
    return draft


def test_the_fazit_offered_first_fits_the_answers(bundled: list[Textbaustein]) -> None:
    fazit = for_category(bundled, FAZIT_CATEGORY)
    two_nein = [i.title for i in suggested_order(fazit, _answers(True, False, False))]
    assert two_nein[0] == "Ablehnen"
    assert two_nein[-1] == "Zustimmen"
    all_ja = [i.title for i in suggested_order(fazit, _answers(True, True, True))]
    assert all_ja[0] == "Zustimmen"
    assert all_ja[-1].startswith("Ablehnen")
    unanswered = suggested_order(fazit, _answers(True, None, None))
    assert unanswered == fazit, "without a Nein or all Ja: the files' order"


def test_a_textbaustein_says_which_answers_it_fits() -> None:
    assert phrase("{# Titel: Ablehnen #}\n{# Passt bei: Nein #}\nNein.").fits == "nein"
    assert phrase("{# Passt bei: ja #}\nJa.").fits == "ja"
    assert phrase("{# Titel: Kenntnisnahme #}\nZur Kenntnis.").fits == ""
    item = phrase("{# Titel: Ablehnen #}\n{# Passt bei: Nein #}\nNein zu {{ nummer }}.")
    check_textbaustein(item)
    assert render_textbaustein(item, Draft(document_number="0661/24")) == "Nein zu 0661/24."


# --------------------------------------------------------------------------- hostile files


@functools.cache
def _hostile_module() -> ModuleType:
    path = Path(__file__).parent / "fixtures" / "make_hostile_templates.py"
    spec = importlib.util.spec_from_file_location("make_hostile_templates", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


HOSTILE_JINJA: dict[str, str] = _hostile_module().HOSTILE_JINJA


@pytest.mark.timeout(30)
def test_hostile_files_are_reported_within_a_second_each(tmp_path: Path) -> None:
    """Loading runs at every start: a file that hangs or eats memory must fail fast."""
    own = tmp_path / "eigene"
    for name, source in HOSTILE_JINJA.items():
        write(own / "fazit" / f"{name}.txt", source + "\n")
    write(own / "fazit" / "zz-gut.txt", "{# Titel: Gut #}\nGut: {{ nummer }}\n")
    started = time.monotonic()
    items, problems = load_textbausteine(own)
    elapsed = time.monotonic() - started
    assert elapsed < len(HOSTILE_JINJA) * 1.0, elapsed
    assert len(problems) == len(HOSTILE_JINJA), problems
    for name in HOSTILE_JINJA:
        [problem] = [p for p in problems if f"{os.sep}{name}.txt“" in p]
        assert "wird nicht angeboten" in problem and ".." not in problem
    assert for_category(items, FAZIT_CATEGORY)[-1].title == "Gut"


@pytest.mark.timeout(30)
@pytest.mark.parametrize("name", ["leere-schleifen", "wiederholung", "makro-ruft-sich-selbst"])
def test_hostile_phrases_are_refused_when_rendered(name: str) -> None:
    with pytest.raises(TextbausteinError) as raised:
        render_textbaustein(phrase(HOSTILE_JINJA[name]), Draft())
    assert "probe.txt" in raised.value.message and "Zeile 1" in raised.value.message


def test_an_unknown_filter_is_reported_not_a_crash(tmp_path: Path) -> None:
    own = tmp_path / "eigene"
    write(own / "fazit" / "20-filter.txt", "Drucksache\n{{ nummer|gibtsnicht }}\n")
    write(own / "fazit" / "21-safe.txt", "{{ nummer|safe }}\n")
    write(own / "fazit" / "22-gut.txt", "{# Titel: Gut #}\nGut: {{ nummer }}\n")
    items, problems = load_textbausteine(own)
    assert len(problems) == 2, problems
    assert "20-filter.txt" in problems[0] and "Zeile 2" in problems[0]
    assert "„gibtsnicht“" in problems[0]
    assert "21-safe.txt" in problems[1] and "„safe“" in problems[1]
    assert for_category(items, FAZIT_CATEGORY)[-1].title == "Gut"


@pytest.mark.parametrize("name", sorted(_hostile_module().BROKEN_JINJA))
def test_constructs_that_break_jinjas_compiler_are_reported(name: str) -> None:
    source = _hostile_module().BROKEN_JINJA[name]
    with pytest.raises(TextbausteinError) as raised:
        check_textbaustein(phrase(source))
    assert "probe.txt" in raised.value.message


@pytest.mark.parametrize("name", sorted(_hostile_module().BROKEN_JINJA))
def test_rendering_a_broken_phrase_gives_a_german_error(name: str) -> None:
    with pytest.raises(TextbausteinError):
        render_textbaustein(phrase(_hostile_module().BROKEN_JINJA[name]), Draft())


@pytest.mark.timeout(30)
def test_a_long_run_of_spaces_is_tidied_in_linear_time() -> None:
    """``[ \\t]+\\n`` backtracked over every start of 90,000 spaces: 15 s for one phrase."""
    started = time.monotonic()
    text = render_textbaustein(phrase("Anfang{{ ' ' * 90000 }}Ende  \nZeile 2"), Draft())
    assert time.monotonic() - started < 1
    assert text == "Anfang" + " " * 90000 + "Ende\nZeile 2"
