"""SQL queries each main page may run (checked by test_query_budgets.py).

A value is the count measured when the budget was recorded; it must not grow with data.
A dict value holds a per-database budget ({"sqlite": n, "postgresql": m}).
Raise a budget only on purpose, in the same change that adds the queries.
"""

QUERY_BUDGETS = {
    "catalogue": 9,  # anyone, signed in or not: the program catalogue page
    "lesson": 25,  # a trainee enrolled in the lesson's program
    "dashboard": 25,  # a trainee: /learn/
    # Staff pages +1: does an approved enrollment make this person a trainee for the menu
    # (lms.navigation.register_role_source)? Asked only when their groups do not say so.
    "grading queue": 13,  # a trainer: one page of the submissions of the cohorts they teach
    "gradebook": 16,  # a trainer of the cohort (the registrar may see it too)
    "supervision log": 12,  # a supervisor: /supervision/ (+2: staff scope, approved enrollment)
    "practice log": 9,  # a trainee or practising mediator: /practice/ (+ awaiting their answer)
    "monitoring report": 15,  # the registrar (a curator for their territory); + awaiting sign-off
    "certificate register": 12,  # the registrar: /certificates/register/
    "verification": 2,  # anyone, no sign-in: /verify/<code>/
}
