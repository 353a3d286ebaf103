from django.urls import path

from courses import views

urlpatterns = [
    path("catalogue/", views.catalogue, name="catalogue"),
    path("cohorts/<int:cohort_id>/apply/", views.cohort_apply, name="cohort_apply"),
    path("enrolments/<int:enrollment_id>/withdraw/", views.withdraw, name="enrollment_withdraw"),
]
