from assessments.models.rubrics import Rubric

__all__ = ["Rubric"]
