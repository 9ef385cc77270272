"""Templates: the bundled one is clean; broken, incomplete or malicious ones are refused."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest
from docx import Document
from docx.oxml.ns import qn
from docx.shared import Pt
from docx_readback import body_texts, open_docx, read_fields

from stellungnahme_app.errors import TemplateError
from stellungnahme_app.export import (
    PLACEHOLDERS,
    bundled_template,
    check_template,
    export_document,
    render_docx_bytes,
)
from stellungnahme_app.export.context import PLACEHOLDER_NAMES, build_context
from stellungnahme_app.model import Draft
from stellungnahme_app.rules import Severity


def template_with(tmp_path: Path, replacements: dict[str, str], name: str = "t.docx") -> Path:
    """A copy of the bundled template with some text runs replaced (body, header, footer)."""
    document = Document(str(bundled_template()))
    section = document.sections[0]
    parts = [document.element.body, section.header._element, section.footer._element]
    replaced = set()
    for part in parts:
        for node in part.iter(qn("w:t")):
            if node.text in replacements:
                replaced.add(node.text)
                node.text = replacements[node.text]
    assert replaced == set(replacements), set(replacements) - replaced
    target = tmp_path / name
    document.save(str(target))
    return target


def errors(problems: list) -> list:
    return [p for p in problems if p.severity is Severity.ERROR]


def test_bundled_template_has_no_problems() -> None:
    assert check_template(bundled_template()) == []


def test_context_provides_exactly_the_declared_placeholders(reference_draft: Draft) -> None:
    assert set(build_context(reference_draft)) == PLACEHOLDER_NAMES
    assert len(PLACEHOLDER_NAMES) == len(PLACEHOLDERS)
    for placeholder in PLACEHOLDERS:
        assert placeholder.description


# --------------------------------------------------------------------------- static findings


def test_syntax_error_names_part_and_paragraph(tmp_path: Path) -> None:
    template = template_with(tmp_path, {"{{ title }}": "{{ title }"})
    [problem] = check_template(template)
    assert problem.severity is Severity.ERROR
    assert "Syntax" in problem.message
    assert problem.location.startswith("Haupttext, Absatz „{{ title }")


def test_syntax_error_in_the_header(tmp_path: Path) -> None:
    template = template_with(tmp_path, {"{{ not_public_mark }}": "{% if not_public_mark %}"})
    [problem] = check_template(template)
    assert problem.location.startswith("Kopfzeile (header1.xml)")
    assert "{% if not_public_mark %}" in problem.location


def test_unknown_placeholder(tmp_path: Path) -> None:
    template = template_with(tmp_path, {"{{ department }}": "{{ department }}{{ dezernat }}"})
    [problem] = check_template(template)
    assert "„dezernat“" in problem.message
    assert "department" in problem.message  # lists what is available
    assert problem.location == "Haupttext, Absatz „{{ department }}{{ dezernat }}“"


def test_unknown_attribute_of_a_loop_variable(tmp_path: Path) -> None:
    template = template_with(tmp_path, {"{{ row.answer }}": "{{ row.antwort }}"})
    [problem] = check_template(template)
    assert "row.antwort" in problem.message
    assert "row.answer" in problem.message


def test_unknown_label(tmp_path: Path) -> None:
    template = template_with(tmp_path, {"{{ labels.date }}": "{{ labels.datum }}"})
    [problem] = check_template(template)
    assert "labels.datum" in problem.message


def test_missing_required_placeholder(tmp_path: Path) -> None:
    template = template_with(tmp_path, {"{{ signature_date }}": "Datum"})
    [problem] = check_template(template)
    assert "signature_date" in problem.message
    assert "fehlt" in problem.message


def test_alternative_placeholder_satisfies_a_requirement(tmp_path: Path) -> None:
    template = template_with(tmp_path, {"{{ signature_line }}": "gez. {{ signature_name }}"})
    assert check_template(template) == []


def test_marks_outside_the_header_are_a_warning(tmp_path: Path) -> None:
    template = template_with(
        tmp_path, {"{{ draft_mark }}": "", "{{ title }}": "{{ title }} {{ draft_mark }}"}
    )
    [problem] = check_template(template)
    assert problem.severity is Severity.WARNING
    assert "draft_mark" in problem.message and "Kopfzeile" in problem.message


@pytest.mark.parametrize(
    ("code", "reached"),
    [
        ("{{ cycler.__init__.__globals__ }}", "__globals__"),
        ("{{ title.__class__ }}", "__class__"),
        ("{{ title|attr('__class__') }}", "__class__"),
        ("{{ title['__class__'] }}", "__class__"),
        ("{{ answers.mro() }}", "mro"),
        ("{{ lipsum.func_globals }}", "func_globals"),
        ("{{ __builtins__ }}", "__builtins__"),
        ("{{ title._private }}", "_private"),
    ],
)
def test_access_to_python_internals_is_refused(tmp_path: Path, code: str, reached: str) -> None:
    template = template_with(tmp_path, {"{{ title }}": "{{ title }}" + code})
    problems = errors(check_template(template))
    assert any(f"„{reached}“" in p.message and "Sicherheit" in p.message for p in problems)
    assert all(p.location.startswith("Haupttext, Absatz") for p in problems)


def test_the_safe_filter_does_not_exist(tmp_path: Path) -> None:
    template = template_with(tmp_path, {"{{ title }}": "{{ title|safe }}"})
    [problem] = check_template(template)
    assert "„safe“" in problem.message


# --------------------------------------------------------------------------- trial rendering


def test_access_hidden_from_the_static_check_is_caught_when_filling(tmp_path: Path) -> None:
    code = "{% set name = '__cla' ~ 'ss__' %}{{ title|attr(name) }}"
    template = template_with(tmp_path, {"{{ title }}": code})
    [problem] = check_template(template)
    assert "Sicherheitsgründen" in problem.message
    assert problem.location.startswith("Haupttext, Absatz")


def test_runtime_errors_are_reported_with_location(tmp_path: Path) -> None:
    template = template_with(tmp_path, {"{{ title }}": "{{ title + 1 }}"})
    [problem] = check_template(template)
    assert "TypeError" in problem.message
    assert problem.location == "Haupttext, Absatz „{{ title + 1 }}“"


def test_a_condition_that_cuts_through_the_document_structure(tmp_path: Path) -> None:
    template = template_with(
        tmp_path,
        {
            "{{ labels.conclusion }}": "{% if draft_mark %}{{ labels.conclusion }}",
            "{{ labels.amendments }}": "{% endif %}{{ labels.amendments }}",
        },
    )
    problems = errors(check_template(template))
    assert problems
    assert any("Struktur" in p.message for p in problems)


# --------------------------------------------------------------------------- unreadable files


def test_missing_file(tmp_path: Path) -> None:
    with pytest.raises(TemplateError, match="nicht gefunden"):
        check_template(tmp_path / "fehlt.docx")


def test_not_a_word_file(tmp_path: Path) -> None:
    path = tmp_path / "kaputt.docx"
    path.write_bytes(b"This is not a zip file at all")
    with pytest.raises(TemplateError, match=r"keine Word-Datei"):
        check_template(path)


def test_a_zip_that_is_not_a_word_file(tmp_path: Path) -> None:
    path = tmp_path / "archiv.docx"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("hallo.txt", "Hallo")
    with pytest.raises(TemplateError, match=r"keine Word-Datei"):
        check_template(path)


def test_a_word_file_with_damaged_xml(tmp_path: Path) -> None:
    path = tmp_path / "beschädigt.docx"
    with (
        zipfile.ZipFile(bundled_template()) as source,
        zipfile.ZipFile(path, "w") as target,
    ):
        for item in source.infolist():
            data = source.read(item.filename)
            if item.filename == "word/document.xml":
                data = data[: len(data) // 2]
            target.writestr(item, data)
    with pytest.raises(TemplateError, match="beschädigt"):
        check_template(path)


def test_a_folder_is_not_a_template(tmp_path: Path) -> None:
    with pytest.raises(TemplateError, match="Ordner"):
        check_template(tmp_path)


# --------------------------------------------------------------------------- using templates


def test_export_refuses_a_template_with_errors(reference_draft: Draft, tmp_path: Path) -> None:
    template = template_with(tmp_path, {"{{ title }}": "{{ cycler.__init__.__globals__ }}"})
    target = tmp_path / "x.docx"
    with pytest.raises(TemplateError, match="Sicherheitsgründen") as caught:
        export_document(reference_draft, target, template=template)
    assert "template-check" in caught.value.message
    assert not target.exists()


def test_export_refuses_internals_reached_at_runtime(
    reference_draft: Draft, tmp_path: Path
) -> None:
    code = "{{ title }}{% set n = '__in' ~ 'it__' %}{{ cycler|attr(n) }}"
    template = template_with(tmp_path, {"{{ title }}": code})
    with pytest.raises(TemplateError, match="Sicherheitsgründen"):
        render_docx_bytes(reference_draft, template=template)


def test_export_with_an_unreadable_template(reference_draft: Draft, tmp_path: Path) -> None:
    path = tmp_path / "kaputt.docx"
    path.write_bytes(b"kaputt")
    with pytest.raises(TemplateError, match="keine Word-Datei"):
        export_document(reference_draft, tmp_path / "x.docx", template=path)


def test_a_restyled_template_is_used(reference_draft: Draft, tmp_path: Path) -> None:
    document = Document(str(bundled_template()))
    document.styles["Stn Titel"].font.size = Pt(20)
    document.styles["Stn Text"].font.name = "Liberation Serif"
    path = tmp_path / "eigene.docx"
    document.save(str(path))
    result = open_docx(render_docx_bytes(reference_draft, template=path))
    assert result.styles["Stn Titel"].font.size == Pt(20)
    assert result.styles["Stn Text"].font.name == "Liberation Serif"
    assert read_fields(result).title == "Arbeitskreis Segregation"


def test_a_changed_template_file_is_read_again(reference_draft: Draft, tmp_path: Path) -> None:
    path = template_with(tmp_path, {"{{ title }}": "Titel: {{ title }}"}, name="v.docx")
    assert "Titel: Arbeitskreis Segregation" in body_texts(
        open_docx(render_docx_bytes(reference_draft, template=path))
    )
    changed = template_with(tmp_path, {"{{ title }}": "{{ title }}!"}, name="v2.docx")
    path.write_bytes(changed.read_bytes())
    assert "Arbeitskreis Segregation!" in body_texts(
        open_docx(render_docx_bytes(reference_draft, template=path))
    )


def test_template_properties_are_not_rendered(reference_draft: Draft, tmp_path: Path) -> None:
    document = Document(str(bundled_template()))
    document.core_properties.title = "{{ cycler.__init__.__globals__ }}"
    document.core_properties.subject = "{{ title"
    path = tmp_path / "eigenschaften.docx"
    document.save(str(path))
    result = open_docx(render_docx_bytes(reference_draft, template=path))
    assert result.core_properties.title.startswith("Stellungnahme zur Drucksache 0661/24")
    assert result.core_properties.subject == "Drucksache 0661/24"


# --------------------------------------------------------------------------- structure styles


def template_changed(tmp_path: Path, change) -> Path:
    document = Document(str(bundled_template()))
    change(document)
    path = tmp_path / "eigene.docx"
    document.save(str(path))
    return path


def _drop_styles(*names: str):
    def change(document) -> None:
        for style in list(document.styles.element.findall(qn("w:style"))):
            name = style.find(qn("w:name"))
            if name is not None and name.get(qn("w:val")) in names:
                document.styles.element.remove(style)

    return change


def test_a_template_without_the_list_and_table_styles_is_told_and_still_usable(
    tmp_path: Path, reference_draft: Draft
) -> None:
    template = template_changed(tmp_path, _drop_styles("Stn Aufzählung", "Stn Tabelle Daten"))
    problems = check_template(template)
    assert errors(problems) == []
    messages = [p.message for p in problems]
    assert len(messages) == 2
    assert "„Stn Aufzählung“" in messages[0] and "fehlt" in messages[0]
    assert "„•“" in messages[0]
    assert "„Stn Tabelle Daten“" in messages[1] and "Linien" in messages[1]
    assert all(p.location == "Formatvorlagen" for p in problems)
    reference_draft.conclusion = "- eins\n- zwei\n\na\tb\nc\td"
    assert read_fields(
        open_docx(render_docx_bytes(reference_draft, template=template))
    ).conclusion == [
        "•\teins",
        "•\tzwei",
        "a",
        "b",
        "c",
        "d",
    ]


def test_a_list_style_without_bullets_is_told_and_printed_with_bullets(
    tmp_path: Path, reference_draft: Draft
) -> None:
    def without_numbering(document) -> None:
        properties = document.styles["Stn Aufzählung"].element.pPr
        properties.remove(properties.find(qn("w:numPr")))

    template = template_changed(tmp_path, without_numbering)
    [problem] = check_template(template)
    assert problem.severity is Severity.WARNING
    assert "„Stn Aufzählung“" in problem.message and "keine Aufzählungszeichen" in problem.message
    reference_draft.conclusion = "- eins"
    document = open_docx(render_docx_bytes(reference_draft, template=template))
    assert read_fields(document).conclusion == ["•\teins"]
