"""The name an upload is kept and handed out under ends in what its content is."""

import pytest

from lms.uploads import DOCX, display_name


@pytest.mark.parametrize(
    ("name", "content_type", "expected"),
    [
        ("x.html", "application/pdf", "x.pdf"),
        ("x.pdf.html", "application/pdf", "x.pdf.pdf"),
        ("photo.jpeg", "image/jpeg", "photo.jpg"),
        ("doc.zip", DOCX, "doc.docx"),
        ("x.", "image/png", "x.png"),
        ("..", "application/pdf", "file.pdf"),
        ("", "application/pdf", "file.pdf"),
        ("x.html", "text/html", "x.bin"),  # a type we never accept is not given a page's name
    ],
)
def test_the_extension_comes_from_the_content(name, content_type, expected):
    assert display_name(name, content_type) == expected


def test_the_name_is_cut_to_length_keeping_the_extension():
    name = display_name("я" * 300 + ".html", "application/pdf", max_length=50)
    assert name == "я" * 46 + ".pdf"
