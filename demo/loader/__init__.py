"""The demo's loader: each step reads its part of ``demo/content`` and creates what is
missing, so running it again changes nothing (the monitoring region is rebuilt)."""

from demo import monitoring
from demo.loader import accounts, assignments, cohorts, programs, site, supervision
from demo.loader.accounts import DEMO_ACCOUNTS, DEMO_PASSWORD

__all__ = ["DEMO_ACCOUNTS", "DEMO_PASSWORD", "seed"]


def seed(*, out) -> None:
    """Every step in dependency order: people, pages, cohorts, then what hangs off them."""
    accounts.seed()
    out.write("  demo data: accounts")
    site.seed()
    out.write("  demo data: centre and home page")
    by_code = programs.seed()
    out.write("  demo data: programs")
    cohorts.seed(by_code)
    out.write("  demo data: cohorts")
    assignments.seed(by_code)
    out.write("  demo data: assignments")
    supervision.seed(by_code)
    monitoring.load()
    out.write("  demo data: supervision and the monitoring region")
