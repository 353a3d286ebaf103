"""The demo's content files: every lesson listed has its file and the reverse, Markdown
becomes the HTML Wagtail's editor saves, and the demo is never part of production."""

import tomllib
from fnmatch import fnmatch
from pathlib import Path

import pytest

from demo.loader import files
from demo.loader.files import CONTENT_DIR, html, read_lesson, read_yaml
from lms.tests.test_settings import PRODUCTION_ENV, run_django

ROOT = Path(__file__).resolve().parents[2]
BLOCKS = {"rich_text", "markdown", "case", "callout", "reflection"}


def test_every_listed_lesson_has_a_file_and_every_lesson_file_is_listed():
    listed = set()
    for folder in read_yaml("site.yaml")["catalogue"]["programs"]:
        program = read_yaml(f"programs/{folder}/program.yaml")
        assert program["slug"] == folder
        for module in program["modules"]:
            for lesson in module["lessons"]:
                listed.add(f"programs/{folder}/{module['slug']}/{lesson['slug']}.md")
    on_disk = {str(path.relative_to(CONTENT_DIR)) for path in CONTENT_DIR.glob("programs/*/*/*.md")}
    assert listed == on_disk
    for name in sorted(listed):
        blocks = read_lesson(name)
        assert blocks[0][0] == "rich_text", name
        assert {kind for kind, _value in blocks} <= BLOCKS, name


def test_markdown_becomes_the_html_the_editor_saves():
    text = (
        "## Итоги\n\nАбзац **с выделением**\nна двух строках.\n\n"
        "- один;\n- два,\n  дальше.\n\n1. раз\n"
    )
    assert html(text) == (
        "<h2>Итоги</h2><p>Абзац <strong>с выделением</strong> на двух строках.</p>"
        "<ul><li>один;</li><li>два, дальше.</li></ul><ol><li>раз</li></ol>"
    )


def test_a_lesson_is_its_text_then_fenced_blocks_in_order(tmp_path, monkeypatch):
    monkeypatch.setattr(files, "CONTENT_DIR", tmp_path)
    (tmp_path / "lesson.md").write_text(
        "Текст урока.\n\n```callout\nkind: info\ntitle: ''\ntext: Важно.\n```\n\n"
        "```markdown\n## Памятка\n\n- шаг\n```\n",
        encoding="utf-8",
    )
    assert read_lesson("lesson.md") == [
        ("rich_text", "<p>Текст урока.</p>"),
        ("callout", {"kind": "info", "title": "", "text": "Важно."}),
        ("markdown", "## Памятка\n\n- шаг\n"),
    ]
    (tmp_path / "broken.md").write_text("Текст.\n\n```case\ntitle: x\n", encoding="utf-8")
    with pytest.raises(ValueError, match="not closed"):
        read_lesson("broken.md")


def test_the_demo_is_not_packaged():
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    patterns = config["tool"]["setuptools"]["packages"]["find"]["include"]
    assert not any(fnmatch(name, p) for p in patterns for name in ("demo", "demo.loader"))


def test_production_settings_have_no_demo_app_and_no_seed_demo():
    code = (
        "from django.conf import settings; from django.core.management import get_commands; "
        "print('demo' in settings.INSTALLED_APPS, 'seed_demo' in get_commands())"
    )
    result = run_django("lms.settings.production", code, **PRODUCTION_ENV)
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["False", "False"]
