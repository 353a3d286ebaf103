"""The domain's vocabularies (see docs/domain.md): restorative programs, case categories,
referral sources. Stored values are stable English codes; labels are translated.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _


class ProgramType(models.TextChoices):
    MEDIATION = "mediation", _("Restorative mediation")
    SHUTTLE = "shuttle", _("Shuttle mediation")
    CIRCLE_UNDERSTANDING = "circle_understanding", _("Community circle: mutual understanding")
    CIRCLE_RECONCILIATION = "circle_reconciliation", _("Community circle: reconciliation")
    CIRCLE_HARM = "circle_harm", _("Community circle: repairing harm")
    CIRCLE_VICTIM = "circle_victim", _("Community circle: victim support")
    CIRCLE_HEALING = "circle_healing", _("Community circle: healing")
    CIRCLE_PROBLEM = "circle_problem", _("Community circle: problem solving")
    CIRCLE_PREVENTIVE = "circle_preventive", _("Community circle: preventive")
    SCHOOL_CONFERENCE = "school_conference", _("School conference")
    FAMILY_CONFERENCE = "family_conference", _("Family conference")
    SCHOOL_PARENT_COUNCIL = "school_parent_council", _("School-parent council")
    PREVENTIVE = "preventive", _("Restorative preventive program")


CONFLICT_CIRCLES = frozenset(
    {
        ProgramType.CIRCLE_UNDERSTANDING,
        ProgramType.CIRCLE_RECONCILIATION,
        ProgramType.CIRCLE_HARM,
        ProgramType.CIRCLE_VICTIM,
        ProgramType.CIRCLE_HEALING,
        ProgramType.CIRCLE_PROBLEM,
    }
)

# (fewest, most) participants a program of each type can have; a mediation needs two
# parties, a circle or a conference at least three people. Upper bounds catch typos
# (an extra zero) without refusing a whole-school preventive program.
PARTICIPANT_BOUNDS = {
    ProgramType.MEDIATION: (2, 20),
    ProgramType.SHUTTLE: (2, 20),
    ProgramType.SCHOOL_CONFERENCE: (3, 150),
    ProgramType.FAMILY_CONFERENCE: (3, 40),
    ProgramType.SCHOOL_PARENT_COUNCIL: (3, 100),
    ProgramType.PREVENTIVE: (2, 300),
    **dict.fromkeys(CONFLICT_CIRCLES | {ProgramType.CIRCLE_PREVENTIVE}, (3, 60)),
}


class CaseCategory(models.TextChoices):
    EDUCATION = "education", _("Conflicts between participants of education")
    COMMUNITY = (
        "community",
        _("Problem situations in children's, parents' and teachers' communities"),
    )
    DELINQUENCY = "delinquency", _("Juvenile delinquency")
    FAMILY = "family", _("Problem situations of minors and families")
    SCHOOL = "school", _("Difficult school situations")


class CaseSubcategory(models.TextChoices):
    EDUCATION_GROUP = "education_group", _("Group conflict")
    EDUCATION_PAIR = "education_pair", _("Conflict between two participants")
    COMMUNITY_CHILDREN = "community_children", _("Children's community")
    COMMUNITY_PARENTS = "community_parents", _("Parents' community")
    COMMUNITY_TEACHERS = "community_teachers", _("Teachers' community")
    CRIME = "crime", _("Crime")
    DANGEROUS_ACT = (
        "dangerous_act",
        _("Socially dangerous act below the age of criminal responsibility"),
    )
    ADMINISTRATIVE = "administrative", _("Administrative offence")
    DIFFICULT_LIFE = "difficult_life", _("Difficult life situation")
    DANGEROUS_SITUATION = "dangerous_situation", _("Socially dangerous situation")
    FAMILY_VIOLENCE = "family_violence", _("Violence and abuse in the family")
    BULLYING = "bullying", _("Bullying by peers or teachers")
    MULTILEVEL = "multilevel", _("Multilevel conflict in escalation")
    HARM_BY_TEACHERS = "harm_by_teachers", _("Harm to a child by teachers")


SUBCATEGORIES = {
    CaseCategory.EDUCATION: (CaseSubcategory.EDUCATION_GROUP, CaseSubcategory.EDUCATION_PAIR),
    CaseCategory.COMMUNITY: (
        CaseSubcategory.COMMUNITY_CHILDREN,
        CaseSubcategory.COMMUNITY_PARENTS,
        CaseSubcategory.COMMUNITY_TEACHERS,
    ),
    CaseCategory.DELINQUENCY: (
        CaseSubcategory.CRIME,
        CaseSubcategory.DANGEROUS_ACT,
        CaseSubcategory.ADMINISTRATIVE,
    ),
    CaseCategory.FAMILY: (
        CaseSubcategory.DIFFICULT_LIFE,
        CaseSubcategory.DANGEROUS_SITUATION,
        CaseSubcategory.FAMILY_VIOLENCE,
    ),
    CaseCategory.SCHOOL: (
        CaseSubcategory.BULLYING,
        CaseSubcategory.MULTILEVEL,
        CaseSubcategory.HARM_BY_TEACHERS,
    ),
}
CATEGORY_OF = {sub: cat for cat, subs in SUBCATEGORIES.items() for sub in subs}


class ReferralSource(models.TextChoices):
    KDN = "kdn", _("Juvenile affairs commission (KDN i ZP)")
    SCHOOL_ADMINISTRATION = "school_administration", _("School administration")
    POLICE = "police", _("Police (juvenile unit)")
    COURT = "court", _("Court")
    SOCIAL_SERVICES = "social_services", _("Social services")
    PARENTS = "parents", _("Parents")
    TEACHERS = "teachers", _("Teachers")
    SELF = "self", _("Self-referral by a party")
    OTHER = "other", _("Other")


class Outcome(models.TextChoices):
    AGREEMENT = "agreement", _("Agreement reached")
    PLAN = "plan", _("Plan adopted")
    PROTOCOL = "protocol", _("Protocol (final document)")
    NOT_COMPLETED = "not_completed", _("Not completed")

    @classmethod
    def completed(cls) -> tuple[str, ...]:
        return (cls.AGREEMENT, cls.PLAN, cls.PROTOCOL)


class ServiceKind(models.TextChoices):
    SCHOOL = "school", _("School reconciliation service")
    TERRITORIAL = "territorial", _("Territorial reconciliation service")
