"""Question sets written blind (from the source text, or for another treaty from the docs alone),
graded the way ../shared/eval/score.py grades: each must stay at least as right as when it was
last measured. A set the matcher was tuned on is regression material, not a measure of quality:
the figures that measure it come from sets written after the change (see the closing notes)."""

import unicodedata
from pathlib import Path

import pytest
import yaml

from bot.core.answer import Outcome
from bot.core.engine import FactEngine
from bot.core.factfile import load_fact_file

HERE = Path(__file__).resolve().parent
SETS = HERE / "sets"

# set -> (fact file, answered right at least, declined right at least), as last measured less one
# question each, so that one changed answer is a decision to make and not a failure by itself.
FLOORS: dict[str, tuple[str, int, int]] = {
    "before-chat": ("facts/pact.yaml", 76, 18),  # measured 77/85 answered, 19/20 declined
    "before-classroom": ("facts/pact.yaml", 61, 23),  # measured 62/65 answered, 24/25 declined
    "before-factcheck": ("facts/pact.yaml", 70, 11),  # measured 71/78 answered, 12/12 declined
    "before-ltru": ("facts/pact.yaml", 67, 12),  # measured 68/70 answered, 13/15 declined
    "berlin": ("data/berlin.yaml", 27, 6),  # measured 28/30 answered, 7/8 declined
    "brest": ("data/brest.yaml", 25, 7),  # measured 26/30 answered, 8/8 declined
    "estonia": ("data/estonia.yaml", 29, 6),  # measured 30/31 answered, 7/7 declined
    "finland": ("data/finland.yaml", 26, 7),  # measured 27/30 answered, 8/8 declined
    "kellogg-briand": ("data/kellogg-briand.yaml", 28, 7),  # measured 29/30 answered, 8/8 declined
    "locarno": ("data/locarno.yaml", 29, 7),  # measured 30/30 answered, 8/8 declined
    "poland": ("data/poland.yaml", 30, 6),  # measured 31/31 answered, 7/7 declined
    "rapallo": ("data/rapallo.yaml", 29, 7),  # measured 30/30 answered, 8/8 declined
    "round10-canonical": ("facts/pact.yaml", 59, 14),  # measured 60/60 answered, 15/15 declined
    "round10-chat": ("facts/pact.yaml", 79, 19),  # measured 80/80 answered, 20/20 declined
    "round10-classroom": ("facts/pact.yaml", 59, 23),  # measured 60/65 answered, 24/25 declined
    "round10-factcheck": ("facts/pact.yaml", 72, 10),  # measured 73/78 answered, 11/12 declined
    "round10-ltru": ("facts/pact.yaml", 69, 14),  # measured 70/70 answered, 15/15 declined
    "round11-canonical": ("facts/pact.yaml", 59, 14),  # measured 60/60 answered, 15/15 declined
    "round11-chat": ("facts/pact.yaml", 79, 18),  # measured 80/80 answered, 19/20 declined
    "round11-classroom": ("facts/pact.yaml", 55, 23),  # measured 56/65 answered, 24/25 declined
    "round11-factcheck": ("facts/pact.yaml", 74, 10),  # measured 75/78 answered, 11/12 declined
    "round11-ltru": ("facts/pact.yaml", 65, 13),  # measured 66/70 answered, 14/15 declined
    "round12-canonical": ("facts/pact.yaml", 59, 13),  # measured 60/60 answered, 14/15 declined
    "round12-chat": ("facts/pact.yaml", 76, 18),  # measured 77/80 answered, 19/20 declined
    "round12-classroom": ("facts/pact.yaml", 61, 23),  # measured 62/65 answered, 24/25 declined
    "round12-factcheck": ("facts/pact.yaml", 71, 9),  # measured 72/78 answered, 10/12 declined
    "round12-ltru": ("facts/pact.yaml", 67, 14),  # measured 68/70 answered, 15/15 declined
    "round13-canonical": ("facts/pact.yaml", 58, 13),  # measured 59/60 answered, 14/15 declined
    "round13-chat": ("facts/pact.yaml", 78, 19),  # measured 79/80 answered, 20/20 declined
    "round13-classroom": ("facts/pact.yaml", 61, 23),  # measured 62/65 answered, 24/25 declined
    "round13-factcheck": ("facts/pact.yaml", 73, 11),  # measured 74/78 answered, 12/12 declined
    "round13-ltru": ("facts/pact.yaml", 67, 14),  # measured 68/70 answered, 15/15 declined
    "round14-canonical": ("facts/pact.yaml", 59, 14),  # measured 60/60 answered, 15/15 declined
    "round14-chat": ("facts/pact.yaml", 76, 17),  # measured 77/80 answered, 18/20 declined
    "round14-classroom": ("facts/pact.yaml", 62, 24),  # measured 63/65 answered, 25/25 declined
    "round14-factcheck": ("facts/pact.yaml", 69, 11),  # measured 70/78 answered, 12/12 declined
    "round14-ltru": ("facts/pact.yaml", 65, 14),  # measured 66/70 answered, 15/15 declined
    "round15-canonical": ("facts/pact.yaml", 58, 14),  # measured 59/60 answered, 15/15 declined
    "round15-chat": ("facts/pact.yaml", 79, 19),  # measured 80/80 answered, 20/20 declined
    "round15-classroom": ("facts/pact.yaml", 60, 23),  # measured 61/65 answered, 24/25 declined
    "round15-factcheck": ("facts/pact.yaml", 72, 9),  # measured 73/78 answered, 10/12 declined
    "round15-ltru": ("facts/pact.yaml", 62, 14),  # measured 63/70 answered, 15/15 declined
    "round16-canonical": ("facts/pact.yaml", 59, 14),  # measured 60/60 answered, 15/15 declined
    "round16-chat": ("facts/pact.yaml", 76, 18),  # measured 77/80 answered, 19/20 declined
    "round16-classroom": ("facts/pact.yaml", 60, 23),  # measured 61/65 answered, 24/25 declined
    "round16-factcheck": ("facts/pact.yaml", 73, 10),  # measured 74/78 answered, 11/12 declined
    "round16-ltru": ("facts/pact.yaml", 68, 14),  # measured 69/70 answered, 15/15 declined
    "round17-canonical": ("facts/pact.yaml", 59, 14),  # measured 60/60 answered, 15/15 declined
    "round17-chat": ("facts/pact.yaml", 75, 19),  # measured 76/80 answered, 20/20 declined
    "round17-classroom": ("facts/pact.yaml", 60, 24),  # measured 61/65 answered, 25/25 declined
    "round17-factcheck": ("facts/pact.yaml", 70, 10),  # measured 71/78 answered, 11/12 declined
    "round17-ltru": ("facts/pact.yaml", 66, 14),  # measured 67/70 answered, 15/15 declined
    "round18-canonical": ("facts/pact.yaml", 59, 14),  # measured 60/60 answered, 15/15 declined
    "round18-chat": ("facts/pact.yaml", 75, 17),  # measured 76/80 answered, 18/20 declined
    "round18-classroom": ("facts/pact.yaml", 57, 23),  # measured 58/65 answered, 24/25 declined
    "round18-factcheck": ("facts/pact.yaml", 68, 10),  # measured 69/78 answered, 11/12 declined
    "round18-ltru": ("facts/pact.yaml", 64, 13),  # measured 65/70 answered, 14/15 declined
    "round19-canonical": ("facts/pact.yaml", 59, 14),  # measured 60/60 answered, 15/15 declined
    "round19-chat": ("facts/pact.yaml", 77, 19),  # measured 78/80 answered, 20/20 declined
    "round19-classroom": ("facts/pact.yaml", 56, 24),  # measured 57/65 answered, 25/25 declined
    "round19-factcheck": ("facts/pact.yaml", 71, 10),  # measured 72/78 answered, 11/12 declined
    "round19-ltru": ("facts/pact.yaml", 67, 14),  # measured 68/70 answered, 15/15 declined
    "round2-canonical": ("facts/pact.yaml", 58, 14),  # measured 59/60 answered, 15/15 declined
    "round2-chat": ("facts/pact.yaml", 62, 18),  # measured 63/80 answered, 19/20 declined
    "round2-classroom": ("facts/pact.yaml", 59, 23),  # measured 60/65 answered, 24/25 declined
    "round2-factcheck": ("facts/pact.yaml", 73, 11),  # measured 74/78 answered, 12/12 declined
    "round2-ltru": ("facts/pact.yaml", 66, 12),  # measured 67/70 answered, 13/15 declined
    "round20-canonical": ("facts/pact.yaml", 56, 14),  # measured 57/60 answered, 15/15 declined
    "round20-chat": ("facts/pact.yaml", 78, 19),  # measured 79/80 answered, 20/20 declined
    "round20-classroom": ("facts/pact.yaml", 58, 23),  # measured 59/65 answered, 24/25 declined
    "round20-factcheck": ("facts/pact.yaml", 73, 11),  # measured 74/78 answered, 12/12 declined
    "round20-ltru": ("facts/pact.yaml", 67, 14),  # measured 68/70 answered, 15/15 declined
    "round21-canonical": ("facts/pact.yaml", 57, 14),  # measured 58/60 answered, 15/15 declined
    "round21-chat": ("facts/pact.yaml", 79, 19),  # measured 80/80 answered, 20/20 declined
    "round21-classroom": ("facts/pact.yaml", 59, 23),  # measured 60/65 answered, 24/25 declined
    "round21-factcheck": ("facts/pact.yaml", 74, 10),  # measured 75/78 answered, 11/12 declined
    "round21-ltru": ("facts/pact.yaml", 67, 14),  # measured 68/70 answered, 15/15 declined
    "round22-classroom": ("facts/pact.yaml", 63, 23),  # measured 64/65 answered, 24/25 declined
    "round22-factcheck": ("facts/pact.yaml", 74, 11),  # measured 75/78 answered, 12/12 declined
    "round23-classroom": ("facts/pact.yaml", 61, 21),  # measured 62/65 answered, 22/25 declined
    "round23-factcheck": ("facts/pact.yaml", 72, 10),  # measured 73/78 answered, 11/12 declined
    "round24-canonical": ("facts/pact.yaml", 58, 14),  # measured 59/60 answered, 15/15 declined
    "round24-chat": ("facts/pact.yaml", 77, 18),  # measured 78/80 answered, 19/20 declined
    "round24-classroom": ("facts/pact.yaml", 56, 23),  # measured 57/65 answered, 24/25 declined
    "round24-factcheck": ("facts/pact.yaml", 71, 10),  # measured 72/78 answered, 11/12 declined
    "round24-ltru": ("facts/pact.yaml", 65, 14),  # measured 66/70 answered, 15/15 declined
    "round25-canonical": ("facts/pact.yaml", 59, 14),  # measured 60/60 answered, 15/15 declined
    "round25-chat": ("facts/pact.yaml", 77, 19),  # measured 78/80 answered, 20/20 declined
    "round25-classroom": ("facts/pact.yaml", 60, 24),  # measured 61/65 answered, 25/25 declined
    "round25-factcheck": ("facts/pact.yaml", 74, 9),  # measured 75/78 answered, 10/12 declined
    "round25-ltru": ("facts/pact.yaml", 67, 14),  # measured 68/70 answered, 15/15 declined
    "round26-canonical": ("facts/pact.yaml", 57, 14),  # measured 58/60 answered, 15/15 declined
    "round26-chat": ("facts/pact.yaml", 75, 19),  # measured 76/80 answered, 20/20 declined
    "round26-classroom": ("facts/pact.yaml", 57, 24),  # measured 58/65 answered, 25/25 declined
    "round26-factcheck": ("facts/pact.yaml", 75, 11),  # measured 76/78 answered, 12/12 declined
    "round26-ltru": ("facts/pact.yaml", 65, 13),  # measured 66/70 answered, 14/15 declined
    "round27-classroom": ("facts/pact.yaml", 59, 24),  # measured 60/65 answered, 25/25 declined
    "round27-factcheck": ("facts/pact.yaml", 71, 11),  # measured 72/78 answered, 12/12 declined
    "round27-ltru": ("facts/pact.yaml", 68, 14),  # measured 69/70 answered, 15/15 declined
    "round28-canonical": ("facts/pact.yaml", 58, 14),  # measured 59/60 answered, 15/15 declined
    "round28-chat": ("facts/pact.yaml", 75, 18),  # measured 76/80 answered, 19/20 declined
    "round28-classroom": ("facts/pact.yaml", 60, 24),  # measured 61/65 answered, 25/25 declined
    "round28-factcheck": ("facts/pact.yaml", 73, 11),  # measured 74/78 answered, 12/12 declined
    "round28-ltru": ("facts/pact.yaml", 65, 13),  # measured 66/70 answered, 14/15 declined
    "round29-canonical": ("facts/pact.yaml", 59, 14),  # measured 60/60 answered, 15/15 declined
    "round29-chat": ("facts/pact.yaml", 76, 18),  # measured 77/80 answered, 19/20 declined
    "round29-classroom": ("facts/pact.yaml", 59, 23),  # measured 60/65 answered, 24/25 declined
    "round29-factcheck": ("facts/pact.yaml", 69, 10),  # measured 70/78 answered, 11/12 declined
    "round29-ltru": ("facts/pact.yaml", 65, 14),  # measured 66/70 answered, 15/15 declined
    "round3-canonical": ("facts/pact.yaml", 58, 13),  # measured 59/60 answered, 14/15 declined
    "round3-chat": ("facts/pact.yaml", 69, 19),  # measured 70/80 answered, 20/20 declined
    "round3-classroom": ("facts/pact.yaml", 57, 24),  # measured 58/65 answered, 25/25 declined
    "round3-factcheck": ("facts/pact.yaml", 68, 10),  # measured 69/78 answered, 11/12 declined
    "round3-ltru": ("facts/pact.yaml", 65, 14),  # measured 66/70 answered, 15/15 declined
    "round30-canonical": ("facts/pact.yaml", 59, 14),  # measured 60/60 answered, 15/15 declined
    "round30-chat": ("facts/pact.yaml", 74, 19),  # measured 75/80 answered, 20/20 declined
    "round30-classroom": ("facts/pact.yaml", 59, 24),  # measured 60/65 answered, 25/25 declined
    "round30-factcheck": ("facts/pact.yaml", 72, 11),  # measured 73/78 answered, 12/12 declined
    "round30-ltru": ("facts/pact.yaml", 68, 14),  # measured 69/70 answered, 15/15 declined
    "round31-classroom": ("facts/pact.yaml", 61, 24),  # measured 62/65 answered, 25/25 declined
    "round31-factcheck": ("facts/pact.yaml", 73, 10),  # measured 74/78 answered, 11/12 declined
    "round32-canonical": ("facts/pact.yaml", 59, 14),  # measured 60/60 answered, 15/15 declined
    "round32-chat": ("facts/pact.yaml", 78, 19),  # measured 79/80 answered, 20/20 declined
    "round32-classroom": ("facts/pact.yaml", 59, 23),  # measured 60/65 answered, 24/25 declined
    "round32-factcheck": ("facts/pact.yaml", 71, 10),  # measured 72/78 answered, 11/12 declined
    "round32-ltru": ("facts/pact.yaml", 68, 12),  # measured 69/70 answered, 13/15 declined
    "round33-canonical": ("facts/pact.yaml", 59, 14),  # measured 60/60 answered, 15/15 declined
    "round33-chat": ("facts/pact.yaml", 76, 19),  # measured 77/80 answered, 20/20 declined
    "round33-classroom": ("facts/pact.yaml", 57, 23),  # measured 58/65 answered, 24/25 declined
    "round33-factcheck": ("facts/pact.yaml", 73, 11),  # measured 74/78 answered, 12/12 declined
    "round33-ltru": ("facts/pact.yaml", 69, 14),  # measured 70/70 answered, 15/15 declined
    "round34-canonical": ("facts/pact.yaml", 59, 14),  # measured 60/60 answered, 15/15 declined
    "round34-classroom": ("facts/pact.yaml", 63, 23),  # measured 64/65 answered, 24/25 declined
    "round34-factcheck": ("facts/pact.yaml", 73, 11),  # measured 74/78 answered, 12/12 declined
    "round35-canonical": ("facts/pact.yaml", 59, 14),  # measured 60/60 answered, 15/15 declined
    "round35-chat": ("facts/pact.yaml", 76, 19),  # measured 77/80 answered, 20/20 declined
    "round35-classroom": ("facts/pact.yaml", 59, 24),  # measured 60/65 answered, 25/25 declined
    "round35-factcheck": ("facts/pact.yaml", 75, 9),  # measured 76/78 answered, 10/12 declined
    "round35-ltru": ("facts/pact.yaml", 63, 13),  # measured 64/70 answered, 14/15 declined
    "round36-canonical": ("facts/pact.yaml", 59, 14),  # measured 60/60 answered, 15/15 declined
    "round36-chat": ("facts/pact.yaml", 76, 18),  # measured 77/80 answered, 19/20 declined
    "round36-classroom": ("facts/pact.yaml", 61, 21),  # measured 62/65 answered, 22/25 declined
    "round36-factcheck": ("facts/pact.yaml", 71, 11),  # measured 72/78 answered, 12/12 declined
    "round36-ltru": ("facts/pact.yaml", 64, 14),  # measured 65/70 answered, 15/15 declined
    "round37-chat": ("facts/pact.yaml", 78, 19),  # measured 79/80 answered, 20/20 declined
    "round37-classroom": ("facts/pact.yaml", 61, 23),  # measured 62/65 answered, 24/25 declined
    "round37-factcheck": ("facts/pact.yaml", 75, 11),  # measured 76/78 answered, 12/12 declined
    "round38-canonical": ("facts/pact.yaml", 59, 14),  # measured 60/60 answered, 15/15 declined
    "round38-chat": ("facts/pact.yaml", 77, 18),  # measured 78/80 answered, 19/20 declined
    "round38-classroom": ("facts/pact.yaml", 60, 24),  # measured 61/65 answered, 25/25 declined
    "round38-factcheck": ("facts/pact.yaml", 75, 11),  # measured 76/78 answered, 12/12 declined
    "round38-ltru": ("facts/pact.yaml", 65, 13),  # measured 66/70 answered, 14/15 declined
    "round39-classroom": ("facts/pact.yaml", 60, 24),  # measured 61/65 answered, 25/25 declined
    "round39-factcheck": ("facts/pact.yaml", 75, 11),  # measured 76/78 answered, 12/12 declined
    "round39-negatives": ("facts/pact.yaml", 24, 59),  # measured 25/25 answered, 60/65 declined
    "round4-canonical": ("facts/pact.yaml", 59, 14),  # measured 60/60 answered, 15/15 declined
    "round4-chat": ("facts/pact.yaml", 66, 19),  # measured 67/80 answered, 20/20 declined
    "round4-classroom": ("facts/pact.yaml", 58, 24),  # measured 59/65 answered, 25/25 declined
    "round4-factcheck": ("facts/pact.yaml", 66, 10),  # measured 67/78 answered, 11/12 declined
    "round4-ltru": ("facts/pact.yaml", 66, 14),  # measured 67/70 answered, 15/15 declined
    "round40-canonical": ("facts/pact.yaml", 59, 14),  # measured 60/60 answered, 15/15 declined
    "round40-chat": ("facts/pact.yaml", 76, 18),  # measured 77/80 answered, 19/20 declined
    "round40-classroom": ("facts/pact.yaml", 55, 24),  # measured 56/65 answered, 25/25 declined
    "round40-factcheck": ("facts/pact.yaml", 75, 11),  # measured 76/78 answered, 12/12 declined
    "round40-ltru": ("facts/pact.yaml", 66, 14),  # measured 67/70 answered, 15/15 declined
    "round41-classroom": ("facts/pact.yaml", 54, 23),  # measured 55/65 answered, 24/25 declined
    "round41-factcheck": ("facts/pact.yaml", 74, 11),  # measured 75/78 answered, 12/12 declined
    "round41-negatives": ("facts/pact.yaml", 23, 58),  # measured 24/25 answered, 59/65 declined
    "round42-canonical": ("facts/pact.yaml", 59, 14),  # measured 60/60 answered, 15/15 declined
    "round42-chat": ("facts/pact.yaml", 78, 19),  # measured 79/80 answered, 20/20 declined
    "round42-classroom": ("facts/pact.yaml", 59, 24),  # measured 60/65 answered, 25/25 declined
    "round42-factcheck": ("facts/pact.yaml", 73, 11),  # measured 74/78 answered, 12/12 declined
    "round42-ltru": ("facts/pact.yaml", 66, 14),  # measured 67/70 answered, 15/15 declined
    "round43-canonical": ("facts/pact.yaml", 59, 14),  # measured 60/60 answered, 15/15 declined
    "round43-chat": ("facts/pact.yaml", 76, 19),  # measured 77/80 answered, 20/20 declined
    "round43-classroom": ("facts/pact.yaml", 61, 24),  # measured 62/65 answered, 25/25 declined
    "round43-factcheck": ("facts/pact.yaml", 74, 11),  # measured 75/78 answered, 12/12 declined
    "round43-ltru": ("facts/pact.yaml", 66, 13),  # measured 67/70 answered, 14/15 declined
    "round44-canonical": ("facts/pact.yaml", 58, 14),  # measured 59/60 answered, 15/15 declined
    "round44-chat": ("facts/pact.yaml", 75, 19),  # measured 76/80 answered, 20/20 declined
    "round44-classroom": ("facts/pact.yaml", 57, 23),  # measured 58/65 answered, 24/25 declined
    "round44-factcheck": ("facts/pact.yaml", 73, 11),  # measured 74/78 answered, 12/12 declined
    "round44-ltru": ("facts/pact.yaml", 64, 14),  # measured 65/70 answered, 15/15 declined
    "round5-canonical": ("facts/pact.yaml", 59, 14),  # measured 60/60 answered, 15/15 declined
    "round5-chat": ("facts/pact.yaml", 77, 19),  # measured 78/80 answered, 20/20 declined
    "round5-classroom": ("facts/pact.yaml", 61, 24),  # measured 62/65 answered, 25/25 declined
    "round5-factcheck": ("facts/pact.yaml", 72, 11),  # measured 73/78 answered, 12/12 declined
    "round5-ltru": ("facts/pact.yaml", 66, 14),  # measured 67/70 answered, 15/15 declined
    "round6-canonical": ("facts/pact.yaml", 57, 14),  # measured 58/60 answered, 15/15 declined
    "round6-chat": ("facts/pact.yaml", 78, 18),  # measured 79/80 answered, 19/20 declined
    "round6-classroom": ("facts/pact.yaml", 62, 23),  # measured 63/65 answered, 24/25 declined
    "round6-factcheck": ("facts/pact.yaml", 70, 10),  # measured 71/78 answered, 11/12 declined
    "round6-ltru": ("facts/pact.yaml", 68, 14),  # measured 69/70 answered, 15/15 declined
    "round7-canonical": ("facts/pact.yaml", 59, 14),  # measured 60/60 answered, 15/15 declined
    "round7-chat": ("facts/pact.yaml", 79, 18),  # measured 80/80 answered, 19/20 declined
    "round7-classroom": ("facts/pact.yaml", 58, 24),  # measured 59/65 answered, 25/25 declined
    "round7-factcheck": ("facts/pact.yaml", 72, 9),  # measured 73/78 answered, 10/12 declined
    "round7-ltru": ("facts/pact.yaml", 64, 14),  # measured 65/70 answered, 15/15 declined
    "round8-canonical": ("facts/pact.yaml", 59, 14),  # measured 60/60 answered, 15/15 declined
    "round8-chat": ("facts/pact.yaml", 77, 19),  # measured 78/80 answered, 20/20 declined
    "round8-classroom": ("facts/pact.yaml", 57, 23),  # measured 58/65 answered, 24/25 declined
    "round8-factcheck": ("facts/pact.yaml", 73, 10),  # measured 74/78 answered, 11/12 declined
    "round8-ltru": ("facts/pact.yaml", 67, 14),  # measured 68/70 answered, 15/15 declined
    "round9-canonical": ("facts/pact.yaml", 59, 14),  # measured 60/60 answered, 15/15 declined
    "round9-chat": ("facts/pact.yaml", 75, 17),  # measured 76/80 answered, 18/20 declined
    "round9-classroom": ("facts/pact.yaml", 61, 24),  # measured 62/65 answered, 25/25 declined
    "round9-factcheck": ("facts/pact.yaml", 74, 11),  # measured 75/78 answered, 12/12 declined
    "round9-ltru": ("facts/pact.yaml", 61, 12),  # measured 62/70 answered, 13/15 declined
    "tartu": ("data/tartu.yaml", 28, 7),  # measured 29/30 answered, 8/8 declined
}


def fold(text: str) -> str:
    text = unicodedata.normalize("NFKD", text or "")
    text = "".join(c for c in text if not unicodedata.combining(c))
    return text.casefold().replace("\u2013", "-").replace("\u2014", "-")


def grade(engine: FactEngine, cases: list[dict[str, object]]) -> tuple[int, int, list[str]]:
    """(answerable questions answered right, negatives declined, the misses)."""
    answered = declined = 0
    misses = []
    for case in cases:
        answer = engine.ask(str(case["q"]))
        if case.get("abstain"):
            ok = answer.outcome is not Outcome.ANSWERED
            declined += ok
        else:
            text = fold(answer.text) if answer.outcome is Outcome.ANSWERED else ""
            groups = case["expect"]
            assert isinstance(groups, list)
            ok = bool(text) and all(any(fold(str(alt)) in text for alt in group) for group in groups)
            answered += ok
        if not ok:
            misses.append(f"[{case['cat']}] {case['q']!r} -> {answer.text[:100]!r}")
    return answered, declined, misses


@pytest.mark.parametrize("name", sorted(FLOORS))
def test_question_set_stays_as_right_as_measured(name: str) -> None:
    facts, min_answered, min_declined = FLOORS[name]
    engine = FactEngine(load_fact_file((HERE.parents[1] if facts.startswith("facts/") else HERE) / facts))
    cases = yaml.safe_load((SETS / f"{name}.yaml").read_text(encoding="utf-8"))["cases"]
    answered, declined, misses = grade(engine, cases)
    assert answered >= min_answered and declined >= min_declined, "\n".join(misses)
