from django.urls import path

from assessments.views import cohort, grading, quizzes, roleplays, submissions

urlpatterns = [
    path("assignments/<int:assignment_id>/", submissions.assignment_page, name="assignment"),
    path("quizzes/<int:assignment_id>/", quizzes.quiz_page, name="quiz"),
    path(
        "assignments/<int:assignment_id>/autosave/",
        submissions.autosave,
        name="assignment_autosave",
    ),
    path(
        "assignments/<int:assignment_id>/attachments/",
        submissions.attachment_upload,
        name="attachment_upload",
    ),
    path(
        "attachments/<int:attachment_id>/",
        submissions.attachment_download,
        name="attachment_download",
    ),
    path("roleplays/<int:session_id>/", roleplays.session_page, name="roleplay"),
    path("roleplays/<int:session_id>/held/", roleplays.session_held, name="roleplay_held"),
    path(
        "roleplays/new/<int:assignment_id>/<int:cohort_id>/",
        roleplays.session_new,
        name="roleplay_new",
    ),
    path("cohorts/<int:cohort_id>/roleplays/", roleplays.cohort_page, name="cohort_roleplays"),
    path("grading/", grading.queue, name="grading_queue"),
    path("cohorts/<int:cohort_id>/extensions/", cohort.extensions, name="extensions"),
    path("grading/release-all/<int:cohort_id>/", cohort.release_all, name="grades_release_all"),
    path(
        "grading/live/<int:assignment_id>/<int:enrollment_id>/",
        grading.skills_live,
        name="skills_live",
    ),
    path("grading/<int:submission_id>/", grading.grade_page, name="grade_submission"),
    path("grading/<int:submission_id>/release/", grading.grade_publish, name="grade_release"),
    path("cohorts/<int:cohort_id>/gradebook/", cohort.gradebook_page, name="gradebook"),
    path("cohorts/<int:cohort_id>/gradebook.xlsx", cohort.gradebook_export, name="gradebook_xlsx"),
    path(
        "grading/release/<int:assignment_id>/<int:cohort_id>/",
        grading.release,
        name="grades_release",
    ),
]
