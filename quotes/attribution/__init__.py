"""Cue-governed attribution over one parsed paragraph: cue, speaker mention and content span.

Small pure functions over a spaCy ``Doc``. Offsets returned here are relative to the ``Doc``'s
text; ``extract`` shifts them to article offsets. The content of a cue is what the parse says it
governs (its clausal complement, the clause it interrupts, its infinitive or prepositional
object), not whatever text lies nearest.

Modules, in the order data flows: ``matches`` (cues), ``sources`` (speaker mentions), ``content``
(what a cue governs, with ``clauses``, ``quotations`` and ``sentences``), ``paragraph`` (all of a
paragraph's attributions); ``parse`` holds the helpers they share.
"""

from quotes.attribution.matches import Attribution, CueMatch
from quotes.attribution.paragraph import attributions, colon_cue
from quotes.attribution.parse import SUBJECTS
from quotes.attribution.quotations import quotation_after
from quotes.attribution.sentences import sentence_breaks

__all__ = ["SUBJECTS", "Attribution", "CueMatch", "attributions", "colon_cue", "quotation_after", "sentence_breaks"]
