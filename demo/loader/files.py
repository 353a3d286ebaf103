"""Reading ``demo/content``: YAML for structure, Markdown for text.

Rich text is written as Markdown and stored as the HTML Wagtail's editor would save: block
tags back to back, no line breaks. A lesson file is Markdown (the lesson's text) with fenced
blocks for the other parts of the body: ```` ```case ````, ```` ```callout ```` and
```` ```reflection ```` hold the block's fields as YAML; ```` ```markdown ```` holds a
Markdown block kept as Markdown.
"""

import functools
import re
from pathlib import Path

import markdown
import yaml

try:  # libyaml's parser when PyYAML was built with it: the content parses several times faster
    from yaml import CSafeLoader as SafeLoader
except ImportError:  # pragma: no cover
    from yaml import SafeLoader

CONTENT_DIR = Path(__file__).resolve().parent.parent / "content"
_FENCE = re.compile(r"^```(\w+)\s*$")
_AFTER_BLOCK_TAG = re.compile(r"(</?(?:p|ul|ol|li|h[1-6])>)\n+")


@functools.cache
def read_yaml(name: str):
    """The parsed file; cached per process, so callers must not change what they get."""
    return yaml.load((CONTENT_DIR / name).read_text(encoding="utf-8"), Loader=SafeLoader)


def html(text: str) -> str:
    """Markdown to the demo's stored rich text (trusted content: nothing is cleaned)."""
    rendered = markdown.markdown(text, extensions=["sane_lists"])
    # A line break inside a paragraph or list item is a space; between blocks, nothing.
    return re.sub(r"\s*\n\s*", " ", _AFTER_BLOCK_TAG.sub(r"\1", rendered))


def read_html(name: str) -> str:
    return html((CONTENT_DIR / name).read_text(encoding="utf-8"))


def _fenced(kind: str, lines: list[str]):
    text = "\n".join(lines) + "\n"
    if kind == "markdown":
        return text
    return yaml.load(text, Loader=SafeLoader)


def read_lesson(name: str) -> list[tuple[str, object]]:
    """The lesson file as StreamField blocks, in the order they appear."""
    blocks, prose, fence, inside = [], [], None, []
    for line in (CONTENT_DIR / name).read_text(encoding="utf-8").splitlines():
        if fence is None:
            opening = _FENCE.match(line)
            if opening is None:
                prose.append(line)
                continue
            if "".join(prose).strip():
                blocks.append(("rich_text", html("\n".join(prose))))
            prose, fence, inside = [], opening.group(1), []
        elif line.rstrip() == "```":
            blocks.append((fence, _fenced(fence, inside)))
            fence = None
        else:
            inside.append(line)
    if fence is not None:
        raise ValueError(f"{name}: the ```{fence} block is not closed")
    if "".join(prose).strip():
        blocks.append(("rich_text", html("\n".join(prose))))
    return blocks
