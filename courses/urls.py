from django.urls import path

from courses import views

urlpatterns = [
    path("catalogue/", views.catalogue, name="catalogue"),
    path("calendar/", views.calendar_page, name="calendar"),
    path("calendar/<str:token>.ics", views.calendar_feed, name="calendar_feed"),
    path("cohorts/<int:cohort_id>/apply/", views.cohort_apply, name="cohort_apply"),
    path(
        "classes/<int:session_id>/attendance/",
        views.class_attendance,
        name="class_attendance",
    ),
    path("enrolments/<int:enrollment_id>/withdraw/", views.withdraw, name="enrollment_withdraw"),
]
