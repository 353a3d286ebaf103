from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from lms.notifications.services import notifications_mark_read


@login_required
def inbox(request):
    items = request.user.notifications.all()[:100]
    return render(request, "notifications/inbox.html", {"items": items})


@login_required
@require_POST
def mark_read(request):
    notifications_mark_read(user=request.user)
    return redirect("notifications")
