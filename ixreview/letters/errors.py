"""Errors of the letters package; each message names what is wrong and where."""

from __future__ import annotations


class LetterError(Exception):
    """Base class: a letter could not be rendered, signed or verified as asked."""


class TemplateError(LetterError):
    """A letter template is missing, malformed or uses an unknown placeholder."""


class DraftPolicyError(LetterError):
    """A letter that cites a draft policy version can be previewed, never signed."""


class CredentialError(LetterError):
    """A signing credential cannot be created, imported or unlocked."""


class WrongPasswordError(CredentialError):
    """The password does not unlock the private key; nothing was signed."""


class SigningError(LetterError):
    """The PDF signature could not be made."""
