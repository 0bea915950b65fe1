"""Fixtures for the letter tests: sample letters, an organization CA and reviewers' keys.

Credentials are made once per test process (key generation and Argon2id cost
tens of milliseconds each); every test gets the same immutable objects.
"""

from __future__ import annotations

import pytest
from letters_helpers import ADMIN_PASSWORD, NURSE_PASSWORD, PHYSICIAN_PASSWORD

from ixreview.letters import LetterData, LetterKind
from ixreview.letters.credentials import (
    OrganizationCA,
    ReviewerCredential,
    create_organization_ca,
    enroll_reviewer,
)
from ixreview.letters.samples import NURSE, PHYSICIAN, sample_letter


@pytest.fixture(scope="session")
def ca() -> OrganizationCA:
    return create_organization_ca("Blue Valley Health Plan", ADMIN_PASSWORD)


@pytest.fixture(scope="session")
def physician_credential(ca: OrganizationCA) -> ReviewerCredential:
    return enroll_reviewer(
        ca,
        ADMIN_PASSWORD,
        name=PHYSICIAN.name,
        role=PHYSICIAN.role,
        credentials=PHYSICIAN.credentials,
        password=PHYSICIAN_PASSWORD,
    )


@pytest.fixture(scope="session")
def nurse_credential(ca: OrganizationCA) -> ReviewerCredential:
    return enroll_reviewer(
        ca,
        ADMIN_PASSWORD,
        name=NURSE.name,
        role=NURSE.role,
        credentials=NURSE.credentials,
        password=NURSE_PASSWORD,
    )


@pytest.fixture(scope="session")
def approval() -> LetterData:
    return sample_letter(LetterKind.APPROVAL)


@pytest.fixture(scope="session")
def denial() -> LetterData:
    return sample_letter(LetterKind.DENIAL)


@pytest.fixture(scope="session")
def rfi() -> LetterData:
    return sample_letter(LetterKind.REQUEST_FOR_INFORMATION)
