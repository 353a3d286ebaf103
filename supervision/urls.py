from django.urls import path

from supervision import practice_views, report_views, views

urlpatterns = [
    path("supervision/", views.session_list, name="supervision_sessions"),
    path("supervision/new/", views.session_edit, name="supervision_session_new"),
    path("supervision/<int:session_id>/", views.session_detail, name="supervision_session"),
    path("supervision/<int:session_id>/edit/", views.session_edit, name="supervision_session_edit"),
    path(
        "supervision/<int:session_id>/attendance/",
        views.session_attendance,
        name="supervision_attendance",
    ),
    path("supervision/<int:session_id>/join/", views.session_join_view, name="supervision_join"),
    path(
        "supervision/<int:session_id>/participants/",
        views.participant_add_view,
        name="supervision_participant_add",
    ),
    path("practice/", practice_views.practice_list, name="practice_log"),
    path("practice/new/", practice_views.practice_edit, name="practice_new"),
    path("practice/review/", practice_views.practice_review_queue, name="practice_review_queue"),
    path(
        "practice/services/new/",
        practice_views.practice_service_new,
        name="practice_service_new",
    ),
    path("practice/<int:entry_id>/", practice_views.practice_detail, name="practice_entry"),
    path("practice/<int:entry_id>/edit/", practice_views.practice_edit, name="practice_edit"),
    path("practice/<int:entry_id>/submit/", practice_views.practice_submit, name="practice_submit"),
    path("practice/<int:entry_id>/review/", practice_views.practice_review, name="practice_review"),
    path("practice/<int:entry_id>/answer/", practice_views.practice_answer, name="practice_answer"),
    path("reports/monitoring/", report_views.report_page, name="monitoring_report"),
    path("reports/monitoring.xlsx", report_views.report_export, name="monitoring_report_xlsx"),
]
