from modules.models.pages import LessonPage, ModulePage
from modules.models.progress import LessonProgress

__all__ = ["LessonPage", "LessonProgress", "ModulePage"]
