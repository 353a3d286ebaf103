"""The program catalogue: program, module and lesson pages (content/programs/)."""

from courses.models import ProgramIndexPage, ProgramPage
from demo.loader.files import html, read_html, read_lesson, read_yaml
from lms.home.models import HomePage
from modules.models import LessonPage, ModulePage

PROGRAM_FIELDS = (
    "code",
    "audience",
    "total_hours",
    "format",
    "final_document",
    "summary",
    "hours_illustrative",
)
MODULE_FIELDS = (
    "number",
    "contact_hours",
    "self_study_hours",
    "supervision_hours",
    "requires_previous",
)


def _child(parent, model, slug, **fields):
    page = model.objects.child_of(parent).filter(slug=slug).first()
    if page is None:
        page = parent.add_child(instance=model(slug=slug, **fields))
        page.save_revision().publish()
    return page


def _program(catalogue, folder: str) -> ProgramPage:
    data = read_yaml(f"programs/{folder}/program.yaml")
    program = ProgramPage.objects.filter(code=data["code"]).first()
    if program is not None:
        return program
    program = catalogue.add_child(
        instance=ProgramPage(
            title=data["title"],
            slug=data["slug"],
            live=False,
            description=read_html(f"programs/{folder}/description.md"),
            completion_requirements=read_html(f"programs/{folder}/requirements.md"),
            **{f: data[f] for f in PROGRAM_FIELDS},
        )
    )
    for module_data in data["modules"]:
        module = _child(
            program,
            ModulePage,
            module_data["slug"],
            title=module_data["title"],
            outcomes="\n".join(module_data["outcomes"]),
            **{f: module_data[f] for f in MODULE_FIELDS},
        )
        for lesson in module_data["lessons"]:
            _child(
                module,
                LessonPage,
                lesson["slug"],
                title=lesson["title"],
                duration_minutes=lesson["duration_minutes"],
                body=read_lesson(f"programs/{folder}/{module_data['slug']}/{lesson['slug']}.md"),
            )
    # Published last, when its modules exist and their hours add up.
    program.save_revision().publish()
    return program


def seed() -> dict[str, ProgramPage]:
    """The catalogue's programs by code."""
    catalogue_data = read_yaml("site.yaml")["catalogue"]
    catalogue = _child(
        HomePage.objects.first(),
        ProgramIndexPage,
        catalogue_data["slug"],
        title=catalogue_data["title"],
        intro=html(catalogue_data["intro"]),
    )
    programs = [_program(catalogue, folder) for folder in catalogue_data["programs"]]
    return {program.code: program for program in programs}
