"""The register of issued documents: filters, and the XLSX for the federal registry.

Columns of the upload template for additional professional education (ФИС ФРДО, "шаблон
ДПО", 40 columns): taken from the header rows that several independent exporters write
(see docs in README, "Register"); check them against the template downloaded from the
registry's personal account before the first upload.
"""

import io

import django_filters
from django.utils.translation import gettext_lazy as _
from openpyxl import Workbook
from openpyxl.styles import Font

from courses.models import Certificate, CertificateStatus, Cohort, FinalDocument, ProgramPage
from lms.spreadsheets import cells

FRDO_COLUMNS = [
    "Вид документа",
    "Статус документа",
    "Подтверждение утраты",
    "Подтверждение обмена",
    "Подтверждение уничтожения",
    "Серия документа",
    "Номер документа",
    "Дата выдачи документа",
    "Регистрационный номер",
    "Дополнительная профессиональная программа "
    "(повышение квалификации/ профессиональная переподготовка)",
    "Наименование дополнительной профессиональной программы",
    "Наименование области профессиональной деятельности",
    "Укрупненные группы специальностей",
    "Наименование квалификации, профессии, специальности",
    "Уровень образования ВО/СПО",
    "Фамилия указанная в дипломе о ВО или СПО",
    "Серия документа о ВО/СПО",
    "Номер документа о ВО/СПО",
    "Год начала обучения (для документа о квалификации)",
    "Год окончания обучения (для документа о квалификации)",
    "Срок обучения, часов (для документа о квалификации)",
    "Фамилия получателя",
    "Имя получателя",
    "Отчество получателя",
    "Дата рождения получателя",
    "Пол получателя",
    "СНИЛС",
    "Форма обучения",
    "Источник финансирования обучения",
    "Форма получения образования на момент прекращения образовательных отношений",
    "Гражданство получателя (код страны по ОКСМ)",
    "Наименование документа об образовании (оригинала)",
    "Серия (оригинала)",
    "Номер (оригинала)",
    "Регистрационный N (оригинала)",
    "Дата выдачи (оригинала)",
    "Фамилия получателя (оригинала)",
    "Имя получателя (оригинала)",
    "Отчество получателя (оригинала)",
    "Номер документа для изменения",
]
STUDY_FORM = {"in_person": "Очная", "blended": "Очно-заочная", "distance": "Заочная"}


class RegisterFilter(django_filters.FilterSet):
    program = django_filters.ModelChoiceFilter(
        field_name="enrollment__cohort__program",
        queryset=ProgramPage.objects.order_by("title"),
        # By the page's own id, not the pk (a relation to the page, which the database gets
        # unchecked): an id beyond 64 bits then matches nothing instead of an OverflowError.
        to_field_name="id",
        label=_("Program"),
    )
    cohort = django_filters.ModelChoiceFilter(
        field_name="enrollment__cohort", queryset=Cohort.objects.all(), label=_("Cohort")
    )
    kind = django_filters.ChoiceFilter(choices=FinalDocument.choices, label=_("Kind"))
    year = django_filters.NumberFilter(label=_("Year"), min_value=2000, max_value=2100)
    status = django_filters.ChoiceFilter(choices=CertificateStatus.choices, label=_("Status"))

    class Meta:
        model = Certificate
        fields = ["program", "cohort", "kind", "year", "status"]


def register_rows(queryset):
    return queryset.select_related("enrollment__user", "enrollment__cohort__program").order_by(
        "year", "series", "sequence"
    )


def frdo_xlsx(queryset) -> bytes:
    """Advanced-training documents in the registry's column order. Fields the platform does
    not collect (sex, SNILS, citizenship, funding, prior diploma) stay empty."""
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(title="Шаблон")
    sheet.append(cells(sheet, FRDO_COLUMNS, font=Font(bold=True)))
    for c in register_rows(queryset.filter(kind=FinalDocument.ADVANCED_TRAINING)):
        user = c.enrollment.user
        program = c.enrollment.cohort.program
        row = [""] * len(FRDO_COLUMNS)
        row[0] = "Удостоверение о повышении квалификации"
        row[1] = "Оригинал"
        row[2] = "Нет"
        row[3] = "Да" if c.status == CertificateStatus.REPLACED else "Нет"
        row[4] = "Да" if c.status == CertificateStatus.REVOKED else "Нет"
        row[5], row[6] = c.series, f"{c.year}-{c.sequence:06d}"
        row[7] = f"{c.issued_on:%d.%m.%Y}"
        row[8] = c.registration_number
        row[9] = "Повышение квалификации"
        row[10] = c.program_title
        row[18], row[19], row[20] = c.studied_from.year, c.studied_to.year, c.hours
        # The name the document bears, not the profile's current one.
        row[21], row[22], row[23] = c.holder_last_name, c.holder_first_name, c.holder_patronymic
        row[24] = f"{user.date_of_birth:%d.%m.%Y}" if user.date_of_birth else ""
        row[27] = STUDY_FORM.get(program.format, "")
        row[29] = "в образовательной организации"
        sheet.append(cells(sheet, row))  # names and titles were typed by people: text only
    data = io.BytesIO()
    workbook.save(data)
    return data.getvalue()
