from django.conf import settings
from django.urls import include, path, re_path
from django.views.generic import RedirectView
from django.views.i18n import set_language
from wagtail import urls as wagtail_urls
from wagtail import views as wagtail_views
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

from lms.accounts import desk_views
from lms.accounts.views import ProfileView, particulars_request
from lms.notifications import views as notification_views
from lms.privacy import views as privacy_views
from lms.views import healthz
from modules import media_views
from modules import views as modules_views

urlpatterns = [
    path("healthz", healthz, name="healthz"),
    path("i18n/setlang/", set_language, name="set_language"),
    # Wagtail's own sign-in form would bypass allauth's rate limits and MFA: send it there.
    path(
        "admin/login/",
        RedirectView.as_view(pattern_name="account_login", query_string=True),
    ),
    # Wagtail's front-end sign-in (Django's plain LoginView, for private pages) likewise:
    # every door that can sign someone in is allauth's (lms/tests/test_sign_in_doors.py).
    path(
        "_util/login/",
        RedirectView.as_view(pattern_name="account_login", query_string=True),
        name="wagtailcore_login",
    ),
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path("accounts/profile/", ProfileView.as_view(), name="profile"),
    path("accounts/profile/particulars/", particulars_request, name="particulars_request"),
    path("notifications/", notification_views.inbox, name="notifications"),
    path("notifications/read/", notification_views.mark_read, name="notifications_read"),
    path("accounts/privacy/", privacy_views.my_data, name="my_data"),
    path("accounts/privacy/export.zip", privacy_views.my_data_export, name="my_data_export"),
    path(
        "accounts/privacy/consents/<int:consent_id>/withdraw/",
        privacy_views.consent_withdraw_view,
        name="consent_withdraw",
    ),
    path("privacy/consent/<str:kind>/", privacy_views.consent_text, name="consent_text"),
    path("privacy/people/", privacy_views.people, name="privacy_people"),
    path("privacy/people/<int:user_id>/", privacy_views.person, name="privacy_person"),
    path(
        "privacy/people/<int:user_id>/export.zip",
        privacy_views.person_export_view,
        name="privacy_person_export",
    ),
    path(
        "privacy/people/<int:user_id>/changes/<int:change_id>/",
        desk_views.particulars_decide,
        name="particulars_decide",
    ),
    path("privacy/people/<int:user_id>/scope/", desk_views.staff_scope, name="staff_scope"),
    path("audit/", privacy_views.audit_log, name="audit_log"),
    path("accounts/", include("allauth.urls")),
    path("learn/", include("modules.urls")),
    path("learn/", include("assessments.urls")),
    path("search/", modules_views.site_search, name="search"),
    path("", include("courses.urls")),
    path("", include("courses.certificates.urls")),
    path("", include("supervision.urls")),
    path("", wagtail_views.serve, {"path": ""}, name="home"),
    path("", include(wagtail_urls)),
]

# Images are served by a view that checks who may see them (lesson images are private);
# documents go through Wagtail's document view and its permission hook.
urlpatterns.insert(
    0,
    re_path(
        rf"^{settings.MEDIA_URL.lstrip('/')}(?P<path>.+)$",
        media_views.image_file,
        name="media_image",
    ),
)

# An outage (database, Redis, a disk refusing writes) is a 503 that says so (lms/outage.py).
handler500 = "lms.outage.server_error"
