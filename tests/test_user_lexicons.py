"""Users' lexicon files extend the English repair rules' tables too (issue 9).

``FixConfig.lexicons`` (the CLI's ``--lexicon [RULE=]FILE``) used to reach the
layout rules only. Every table a rule builds from a lexicon is now built with
the users' files of the document being fixed (``newsfix.lexicon.using`` around
each run, ``newsfix.lexicon.extensible`` on each table builder): a document
fixed with a file sees its rows, and the next document without it does not.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from newsfix import FixConfig, fix_and_trace
from newsfix.lexicon import active, extensible, load, using

from .conftest import contract_violations

EN = FixConfig(translate=False, language="en")


def _write(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


def names_file(tmp_path: Path) -> Path:
    return _write(tmp_path / "gazetteer_en_names.tsv",
                  "# Names our desk writes (test file).\n"
                  "canonical\tkind\tforeign\tenglish\nSkrzypczak\tperson\t\t\n")


def test_a_names_file_extends_name_case_and_its_message_names_the_row(tmp_path: Path) -> None:
    names = names_file(tmp_path)
    text = "The minister met skrzypczak in Kyiv on Monday, officials said."
    assert fix_and_trace(text, EN).text == text  # the package does not know the name
    for value in (str(names), f"NAME_CASE={names}"):
        r = fix_and_trace(text, EN.with_options(lexicons=[value]))
        assert r.text == "The minister met Skrzypczak in Kyiv on Monday, officials said."
        [edit] = r.edits
        assert edit.rule == "NAME_CASE" and f"({names}:3)" in edit.message
        assert contract_violations(r) == []
    # The next document without the file is fixed with the package's table only.
    assert fix_and_trace(text, EN).text == text


def test_package_rows_are_named_in_name_case_messages() -> None:
    r = fix_and_trace("Talks in kyiv ended on Monday, officials said.", EN)
    [edit] = r.edits
    assert edit.message.startswith("proper noun in lower case: kyiv (gazetteer_en_names.tsv:")


def test_a_glossary_file_extends_stray_foreign_word(tmp_path: Path) -> None:
    glossary = _write(tmp_path / "glossary_en_stray.tsv",
                      "word\tlanguage\tenglish\nskrzynka\tpl\tbox\n")
    text = "The ballot skrzynka was sealed on Monday, officials said."
    assert fix_and_trace(text, EN).suggestions == ()
    r = fix_and_trace(text, EN.with_options(lexicons=[str(glossary)]))
    [s] = r.suggestions
    assert s.rule == "STRAY_FOREIGN_WORD" and f"({glossary}:2)" in s.message


def test_an_exonym_file_extends_foreign_exonym(tmp_path: Path) -> None:
    exonyms = _write(tmp_path / "exonyms.tsv",
                     "# lexicon: gazetteer_exonyms.tsv.gz\n"
                     "name\tlang\tenglish\tkind\tform_of\ten_word\tsources\n"
                     "Helsinkoi\tsv\tHelsinki\tcity\t\t\tc\n")
    text = "The talks in Helsinkoi ended on Monday, officials said."
    assert fix_and_trace(text, EN).text == text
    r = fix_and_trace(text, EN.with_options(lexicons=[f"FOREIGN_EXONYM={exonyms}"]))
    [e] = r.edits
    assert (e.rule, e.after) == ("FOREIGN_EXONYM", "Helsinki") and f"({exonyms}:3)" in e.message


def test_an_organisations_file_extends_the_spin_names(tmp_path: Path) -> None:
    from newsfix.rules import spin

    orgs = _write(tmp_path / "orgs.tsv", "# lexicon: gazetteer_orgs.tsv.gz\n"
                  "name\tkind\taliases\tsource\nNational Water Energy Agency\tagency\t\tu\n")
    name = ("National", "Water", "Energy", "Agency")
    assert name not in spin.known_names()
    with using([f"SPUN_NAME={orgs}"]):
        assert name in spin.known_names()
        assert spin.match_name(["National", "Water", "Vitality", "Company"]) == name
    assert name not in spin.known_names() and spin.match_name(
        ["National", "Water", "Vitality", "Company"]) is None


def test_extensible_tables_are_built_once_per_set_of_files(tmp_path: Path) -> None:
    calls: list[int] = []

    @extensible("layout_photo_agencies.tsv")
    def agencies() -> frozenset[str]:
        calls.append(1)
        return frozenset(r["agency"] for r in load("layout_photo_agencies.tsv",
                                                   active("layout_photo_agencies.tsv")))

    mine = _write(tmp_path / "layout_photo_agencies.tsv", "agency\nZorvik Press\n")
    other = _write(tmp_path / "unrelated.tsv", "# lexicon: en_collocations.tsv\nname\nx y\n")
    assert "Zorvik Press" not in agencies() and agencies() is agencies()
    with using([mine, other]):
        assert "Zorvik Press" in agencies()
        assert active("layout_photo_agencies.tsv") == active("layout_photo_agencies.tsv")
        assert [u.path for u in active("layout_photo_agencies.tsv")] == [mine]
    with using([other]):  # a file for another lexicon shares the package-only table
        assert "Zorvik Press" not in agencies()
    assert len(calls) == 2


def test_cli_lexicon_for_an_english_rule(tmp_path: Path) -> None:
    names = names_file(tmp_path)
    f = _write(tmp_path / "a.txt", "The minister met skrzypczak in Kyiv on Monday.\n")
    p = subprocess.run([sys.executable, "-m", "newsfix", "--language", "en", "--no-translate",
                        "--lexicon", f"NAME_CASE={names}", str(f)],
                       capture_output=True, text=True, timeout=300)
    assert p.returncode == 0, p.stderr
    assert p.stdout == "The minister met Skrzypczak in Kyiv on Monday.\n"


def test_a_table_that_is_not_installed_reads_as_users_rows_only(tmp_path: Path) -> None:
    from newsfix.lexicon import cells, numbered_cells

    assert list(cells("bilingual/xx_en.tsv.gz")) == []
    mine = _write(tmp_path / "mine.tsv", "# lexicon: bilingual/xx_en.tsv.gz\n"
                  "lemma\tpos\tenglish\nhaus\tn\thouse\n")
    assert list(numbered_cells("bilingual/xx_en.tsv.gz", [mine])) == [
        (f"{mine}:3", ["haus", "n", "house"])]
