"""NUL characters never reach a view: PostgreSQL refuses them, so one middleware strips them."""

import pytest
from django.http import HttpResponse
from django.test import RequestFactory

from lms.middleware import StripNulMiddleware, without_nul


def _seen(request):
    middleware = StripNulMiddleware(lambda r: HttpResponse())
    middleware.process_view(request, None, (), {})
    return request


def test_form_values_and_keys_lose_their_nul():
    request = _seen(RequestFactory().post("/x/", {"text\x00": ["a\x00b", "c"], "n": "1"}))
    assert request.POST.getlist("text") == ["ab", "c"]
    assert request.POST["n"] == "1"


def test_multipart_forms_are_cleaned_too():
    request = RequestFactory().post("/x/", {"reason": "по\x00чему"})  # multipart by default
    assert request.content_type == "multipart/form-data"
    assert _seen(request).POST["reason"] == "почему"


def test_query_strings_are_cleaned():
    request = _seen(RequestFactory().get("/x/", {"q": "мед\x00иатор"}))
    assert request.GET["q"] == "медиатор"


def test_clean_data_is_left_as_it_is():
    request = RequestFactory().post("/x/", {"a": "b"})
    before = request.POST
    assert without_nul(before) is before


@pytest.mark.django_db
def test_a_search_with_nul_is_answered(client):
    assert client.get("/search/", {"q": "круг\x00"}).status_code in (200, 302)
