from django.urls import path

from courses.certificates import badge_views, batch_views, verify_views, views

urlpatterns = [
    path(
        "certificates/cohorts/<int:cohort_id>/",
        views.cohort_certificates,
        name="cohort_certificates",
    ),
    path(
        "certificates/cohorts/<int:cohort_id>/issue/",
        views.cohort_issue,
        name="cohort_certificates_issue",
    ),
    path(
        "certificates/cohorts/<int:cohort_id>/documents.zip",
        views.cohort_zip,
        name="cohort_certificates_zip",
    ),
    path("certificates/batches/<int:batch_id>/", batch_views.batch_page, name="certificate_batch"),
    path(
        "certificates/batches/<int:batch_id>/status.json",
        batch_views.batch_status,
        name="certificate_batch_status",
    ),
    path(
        "certificates/batches/<int:batch_id>/retry/",
        batch_views.batch_retry_view,
        name="certificate_batch_retry",
    ),
    path(
        "certificates/<int:certificate_id>/document.pdf",
        views.certificate_pdf,
        name="certificate_pdf",
    ),
    path(
        "certificates/<int:certificate_id>/change/",
        views.certificate_change,
        name="certificate_change",
    ),
    path("certificates/register/", views.register_page, name="certificate_register"),
    path("certificates/register.xlsx", views.register_export, name="certificate_register_xlsx"),
    path(
        "certificates/<int:certificate_id>/credential.jwt",
        badge_views.credential_download,
        name="certificate_credential",
    ),
    path(".well-known/did.json", badge_views.did_document, name="credential_did"),
    path("credentials/issuer.json", badge_views.issuer_profile, name="credential_issuer"),
    path(
        "credentials/status/<int:number>.jwt",
        badge_views.status_list,
        name="credential_status_list",
    ),
    path("verify/", verify_views.verify_form, name="certificate_verify_form"),
    path("verify/<str:code>.json", verify_views.verify_json, name="certificate_verify_json"),
    path("verify/<str:code>/", verify_views.verify, name="certificate_verify"),
]
