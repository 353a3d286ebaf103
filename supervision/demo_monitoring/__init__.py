"""A demo region's practice log whose monitoring figures are the 2019 Kuzbass report's.

shared/domain.md ("Monitoring the region reports") gives the region's published tables;
``load()`` logs a practice that reproduces them exactly, so the monitoring report can be
checked against figures collected by hand. No randomness: every choice cycles through
fixed patterns. Idempotent: a second run reuses the demo's territories, services and users
(emails ending ``DEMO_DOMAIN``) and replaces their entries.
"""

from supervision.demo_monitoring.data import DEMO_DOMAIN, TERRITORIES
from supervision.demo_monitoring.write import load

__all__ = ["DEMO_DOMAIN", "TERRITORIES", "load"]
