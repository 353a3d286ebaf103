from django.urls import path

from assessments import grading_views, views

urlpatterns = [
    path("assignments/<int:assignment_id>/", views.assignment_page, name="assignment"),
    path("assignments/<int:assignment_id>/autosave/", views.autosave, name="assignment_autosave"),
    path("grading/", grading_views.queue, name="grading_queue"),
    path("grading/<int:submission_id>/", grading_views.grade_page, name="grade_submission"),
    path(
        "grading/release/<int:assignment_id>/<int:cohort_id>/",
        grading_views.release,
        name="grades_release",
    ),
]
