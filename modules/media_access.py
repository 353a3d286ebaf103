"""Who may download a Wagtail document or image, from where it is used (Wagtail's reference index).

- used in a lesson: people who may open one of those lessons;
- used only on public pages (programs, modules, home): anyone;
- not used anywhere yet: people who work in the admin.
"""

from django.contrib.contenttypes.models import ContentType
from wagtail.models import Page, ReferenceIndex

from modules.models import LessonPage
from modules.permissions import lesson_policy


def _page_ids_using(obj) -> list[int]:
    page_type = ContentType.objects.get_for_model(Page)
    rows = ReferenceIndex.get_references_to(obj).filter(base_content_type=page_type)
    return [int(object_id) for object_id in rows.values_list("object_id", flat=True)]


def is_public(obj) -> bool:
    """Used on a public page and in no lesson."""
    page_ids = _page_ids_using(obj)
    if LessonPage.objects.filter(pk__in=page_ids).exists():
        return False
    return Page.objects.live().public().filter(pk__in=page_ids).exists()


def may_download(user, obj) -> bool:
    if user.is_authenticated and user.has_perm("wagtailadmin.access_admin"):
        return True
    page_ids = _page_ids_using(obj)
    lessons = list(LessonPage.objects.live().filter(pk__in=page_ids))
    if any(lesson_policy.user_has_permission_for_instance(user, "view", p) for p in lessons):
        return True
    public = (
        Page.objects.live().public().filter(pk__in=page_ids).exclude(pk__in=[p.pk for p in lessons])
    )
    return public.exists()
