"""Limits shared by intake warnings and the engine's facts about blood counts.

A count below the unit-doubt threshold is almost surely given in ×10⁹/L
(neutrophils) or ×10³/µL (platelets). Intake warns about it, and the engine treats
the count as needing confirmation instead of judging it in cells/mm³.

Counts collected more than LAB_MAX_AGE_DAYS before the request was received (or
on an undocumented date) are not a current baseline: intake warns, and the engine
treats them as not documented.
"""

ANC_UNIT_DOUBT = 50  # cells/mm³
PLATELET_UNIT_DOUBT = 1000  # cells/mm³
LAB_MAX_AGE_DAYS = 30  # days between labs.collected_on and received_at
