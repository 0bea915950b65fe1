"""Limits shared by intake, the case model and the engine's facts.

A count below the unit-doubt threshold is almost surely given in ×10⁹/L
(neutrophils) or ×10³/µL (platelets). Intake warns about it, and the engine treats
the count as needing confirmation instead of judging it in cells/mm³.

Counts collected more than LAB_MAX_AGE_DAYS before the request was received (or
on an undocumented date) are not a current baseline: intake warns, and the engine
treats them as not documented.

Size and date limits (docs/intake-format.md): far beyond any real intake, so a
value past them is a mistake or an attack, refused with its field named before it
reaches the database, the clocks or a letter.
"""

from __future__ import annotations

from datetime import date

ANC_UNIT_DOUBT = 50  # cells/mm³
PLATELET_UNIT_DOUBT = 1000  # cells/mm³
LAB_MAX_AGE_DAYS = 30  # days between labs.collected_on and received_at

# The whole case file, checked before it is decoded or parsed. A real case is 2-5 KB.
MAX_DOCUMENT_BYTES = 512 * 1024

# Text fields, in characters (after surrounding spaces are stripped).
MAX_ID_CHARS = 64  # member.id, continuation.prior_authorization (reference: its own rule)
MAX_NAME_CHARS = 100  # member.first_name, member.last_name, prior_therapies[].agent
MAX_LINE_CHARS = 200  # address lines, member.plan, prescriber.name
MAX_PHONE_CHARS = 40  # prescriber.phone, prescriber.fax
MAX_CODE_CHARS = 16  # one ICD-10-CM code or NPI as typed
MAX_ADDRESS_LINES = 8
MAX_CODES = 50  # diagnosis.icd10_codes
MAX_THERAPIES = 50  # prior_therapies

# An error message quotes at most this much of a bad value.
QUOTE_CHARS = 40

# Dates: every date and timestamp lies in this span (a birth before 1900 cannot be a
# living member; the decision clock, the authorization period and the resistance
# windows are computed well inside it).
EARLIEST_DATE = date(1900, 1, 1)
LATEST_DATE = date(2199, 12, 31)
# received_at may be at most this many days after today (this computer's clock): a
# request cannot have been received a year from now.
RECEIVED_AHEAD_DAYS = 366
