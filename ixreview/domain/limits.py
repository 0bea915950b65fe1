"""Thresholds below which a blood count reads as a unit mistake, not a value.

A count this low is almost surely given in ×10⁹/L (neutrophils) or ×10³/µL
(platelets). Intake warns about it, and the engine treats the count as needing
confirmation instead of judging it in cells/mm³.
"""

ANC_UNIT_DOUBT = 50  # cells/mm³
PLATELET_UNIT_DOUBT = 1000  # cells/mm³
