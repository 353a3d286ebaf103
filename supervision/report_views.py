"""The monitoring report for the registrar (whole region) and curators (their territory)."""

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _

from lms.accounts.models import Territory
from lms.permissions import staff_territory_ids
from supervision.charts import bar_chart
from supervision.forms import ReportFilterForm
from supervision.permissions import may_see_report, report_territory_allowed
from supervision.report import monitoring_report, report_years
from supervision.report_export import report_xlsx


def _territory_asked(data) -> int | None:
    """The territory in the query, or None when absent or malformed (the form says so)."""
    try:
        return ReportFilterForm.base_fields["territory"].clean(data.get("territory"))
    except ValidationError:
        return None


def _report(request):
    if not may_see_report(request.user):
        raise PermissionDenied
    data = request.GET.copy()
    if not data.get("territory") and not report_territory_allowed(request.user, None):
        data["territory"] = str(min(staff_territory_ids(request.user), default=""))
    asked = _territory_asked(data)
    # The years of the territory shown (a curator's own), so the report opens on the
    # latest year with data there rather than on an empty current year.
    allowed = report_territory_allowed(request.user, asked)
    years = report_years(territory_id=asked) if allowed else []
    data.setdefault("year", str(years[0] if years else timezone.localdate().year))
    form = ReportFilterForm(data)
    if not form.is_valid():
        return form, None, years
    territory_id = form.cleaned_data.get("territory")
    if not report_territory_allowed(request.user, territory_id):
        raise PermissionDenied(
            _("Curators see the report for their own municipal territory only.")
            if territory_id
            else _("No municipal territory is assigned to you: ask the centre to assign one.")
        )
    territory = None
    if territory_id:
        territory = Territory.objects.filter(pk=territory_id).first()
        if territory is None:
            form.add_error("territory", _("There is no such territory."))
            return form, None, years
    return form, monitoring_report(year=form.cleaned_data["year"], territory=territory), years


@login_required
def report_page(request):
    form, report, years = _report(request)
    charts = []
    if report is not None and report.has_data:
        for table in report.tables:
            charts.append(
                bar_chart(
                    _("%(kind)s: completed programs by type") % {"kind": table.label},
                    [(f.label, f.all) for f in table.types],
                )
            )
        charts.append(
            bar_chart(
                _("Completed programs by case category, all services"),
                [
                    (f.label, sum(t.categories[i].all for t in report.tables))
                    for i, f in enumerate(report.tables[0].categories)
                ],
            )
        )
    territories = (
        Territory.objects.all()
        if report_territory_allowed(request.user, None)
        else Territory.objects.filter(pk__in=staff_territory_ids(request.user))
    )
    return render(
        request,
        "supervision/report.html",
        {
            "form": form,
            "report": report,
            "years": years,
            "territories": territories,
            "charts": charts,
            "query": request.GET.urlencode(),
        },
        status=200 if report is not None else 400,
    )


@login_required
def report_export(request):
    _form, report, _years = _report(request)
    if report is None:
        return report_page(request)
    response = HttpResponse(
        report_xlsx(report),
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
    response["Content-Disposition"] = f'attachment; filename="monitoring-{report.year}.xlsx"'
    return response
