"""Word's units as small value types: twips (1/20 pt) for lengths, half-points for font sizes.

Both are ``int`` subclasses, so they compare, add and print as the numbers Word writes.
"""
from __future__ import annotations

TWIPS_PER_MM = 1440 / 25.4


class Twips(int):
    """A length in twentieths of a point."""

    @classmethod
    def from_mm(cls, value: float) -> "Twips":
        """Millimetres to twips, rounded."""
        return cls(round(value * TWIPS_PER_MM))


class HalfPoints(int):
    """A font size in half-points (``w:sz``): 三号 16 pt is 32."""

    @property
    def em(self) -> Twips:
        """The width of one full-width character of this size."""
        return Twips(self * 10)


def chars_to_twips(hundredths: int, char: int) -> Twips:
    """An indent in hundredths of a ``char``-wide character (``firstLineChars``) as twips."""
    return Twips(hundredths * char // 100)


def twips_to_chars(twips: int, char: int) -> int:
    """A length in twips as hundredths of a ``char``-wide character, rounded."""
    return round(twips / (char / 100))
