from django.urls import path

from modules import views

urlpatterns = [
    path("", views.dashboard, name="learning_dashboard"),
    path("lessons/<int:lesson_id>/complete/", views.mark_complete, name="lesson_complete"),
    path("cohorts/", views.my_cohorts, name="my_cohorts"),
    path("cohorts/<int:cohort_id>/progress/", views.cohort_progress, name="cohort_progress"),
]
