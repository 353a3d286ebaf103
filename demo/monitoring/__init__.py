"""A demo region's practice log whose monitoring figures are the 2019 Kuzbass report's.

shared/domain.md ("Monitoring the region reports") gives the region's published tables;
``load()`` logs a practice that reproduces them exactly, so the monitoring report can be
checked against figures collected by hand. The targets, names and texts are data
(content/monitoring.yaml); ``plan`` computes the entries that meet them, ``write`` stores
them. No randomness: every choice cycles through fixed patterns. Idempotent: a second run
reuses the demo's territories, services and users (emails ending ``DEMO_DOMAIN``) and
replaces their entries.
"""

from demo.monitoring.data import DEMO_DOMAIN, TERRITORIES
from demo.monitoring.write import load

__all__ = ["DEMO_DOMAIN", "TERRITORIES", "load"]
