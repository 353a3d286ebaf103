from django.urls import path

from assessments import cohort_views, grading_views, roleplay_views, views

urlpatterns = [
    path("assignments/<int:assignment_id>/", views.assignment_page, name="assignment"),
    path("quizzes/<int:assignment_id>/", views.quiz_page, name="quiz"),
    path("assignments/<int:assignment_id>/autosave/", views.autosave, name="assignment_autosave"),
    path(
        "assignments/<int:assignment_id>/attachments/",
        views.attachment_upload,
        name="attachment_upload",
    ),
    path("attachments/<int:attachment_id>/", views.attachment_download, name="attachment_download"),
    path("roleplays/<int:session_id>/", roleplay_views.session_page, name="roleplay"),
    path("roleplays/<int:session_id>/held/", roleplay_views.session_held, name="roleplay_held"),
    path(
        "roleplays/new/<int:assignment_id>/<int:cohort_id>/",
        roleplay_views.session_new,
        name="roleplay_new",
    ),
    path("cohorts/<int:cohort_id>/roleplays/", roleplay_views.cohort_page, name="cohort_roleplays"),
    path("grading/", grading_views.queue, name="grading_queue"),
    path("cohorts/<int:cohort_id>/extensions/", cohort_views.extensions, name="extensions"),
    path(
        "grading/release-all/<int:cohort_id>/", cohort_views.release_all, name="grades_release_all"
    ),
    path(
        "grading/live/<int:assignment_id>/<int:enrollment_id>/",
        grading_views.skills_live,
        name="skills_live",
    ),
    path("grading/<int:submission_id>/", grading_views.grade_page, name="grade_submission"),
    path("grading/<int:submission_id>/release/", grading_views.grade_publish, name="grade_release"),
    path("cohorts/<int:cohort_id>/gradebook/", cohort_views.gradebook_page, name="gradebook"),
    path(
        "cohorts/<int:cohort_id>/gradebook.xlsx",
        cohort_views.gradebook_export,
        name="gradebook_xlsx",
    ),
    path(
        "grading/release/<int:assignment_id>/<int:cohort_id>/",
        grading_views.release,
        name="grades_release",
    ),
]
