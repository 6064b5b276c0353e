"""Stage 4: study designs and the overstatement flags."""

from pipeline.flags.design import DESIGNS, detect_designs
from pipeline.flags.flagger import Sentence, flag_article

__all__ = ["DESIGNS", "Sentence", "detect_designs", "flag_article"]
