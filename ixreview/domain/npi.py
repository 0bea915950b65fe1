"""National Provider Identifier check: 10 digits, Luhn check digit over the prefix 80840."""

from __future__ import annotations


def npi_is_valid(npi: str) -> bool:
    if len(npi) != 10 or not npi.isascii() or not npi.isdigit():
        return False
    digits = [int(c) for c in "80840" + npi[:9]]
    total = 0
    # Luhn: double every second digit from the right of the payload.
    for i, d in enumerate(reversed(digits)):
        if i % 2 == 0:
            d *= 2
            if d > 9:
                d -= 9
        total += d
    return (10 - total % 10) % 10 == int(npi[9])


def check_npi(npi: str) -> str:
    """pydantic validator: return the NPI or raise with a reason."""
    if len(npi) != 10 or not npi.isascii() or not npi.isdigit():
        raise ValueError(f'"{npi}" is not an NPI: it must be exactly 10 digits')
    if not npi_is_valid(npi):
        raise ValueError(f'"{npi}" is not a valid NPI: its check digit is wrong')
    return npi
