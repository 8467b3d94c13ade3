"""Sustained improvement, as the OPCC judges it before asking HMICFRS to sign
off a finding (seed 001): at least SUSTAINED_MONTHS months in a row on the
improvement side of the centre line, the same centre line and polarity as the
KPI tables (stats.improvement_run). Plain: reads a KPI row's figures."""

from dataclasses import dataclass

from scorecard.stats import SUSTAINED_MONTHS, is_sustained


@dataclass(frozen=True)
class Sustained:
    judged: bool  # False: neutral polarity, or no centre line yet
    months: int  # months in a row on the improvement side, up to the reference month
    met: bool
    words: str

    @property
    def verdict(self) -> str:
        if not self.judged:
            return "Not judged"
        return "Sustained" if self.met else "Not yet sustained"


def months_word(count: int) -> str:
    return f"{count} month{'s' if count != 1 else ''}"


def sustained(figures: dict, polarity: str) -> Sustained:
    """The judgement for one KPI row, from its figures (stats.FIGURE_COLUMNS)."""
    run = figures.get("improvement_run")
    if polarity == "neutral":
        return Sustained(False, 0, False, "The measure has no improvement direction "
                                          "(its polarity is neutral).")
    if run is None or run != run:
        return Sustained(False, 0, False, "There are too few months for a centre line.")
    months, met = int(run), is_sustained(run)
    if met:
        words = f"{months_word(months)} in a row on the improvement side of the centre line."
    elif months:
        words = (f"{months_word(months)} in a row on the improvement side of the centre "
                 f"line; {SUSTAINED_MONTHS} are needed.")
    else:
        words = "The latest month is not on the improvement side of the centre line."
    return Sustained(True, months, met, words)
