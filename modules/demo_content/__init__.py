"""Demo content: programs, modules and lessons for training restorative mediators."""

from .p8_directors import PROGRAM as P8_DIRECTORS
from .p36_volunteers import PROGRAM as P36_VOLUNTEERS
from .p72_prevention import PROGRAM as P72_PREVENTION
from .p72_teacher import PROGRAM as P72_TEACHER
from .p254 import PROGRAM as P254

PROGRAMS = [P254, P72_PREVENTION, P72_TEACHER, P36_VOLUNTEERS, P8_DIRECTORS]
