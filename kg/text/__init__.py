"""Text handling that never edits a document's text.

``normalize`` gives a matching form of a text together with a map back to the
original offsets; ``split_sentences`` cuts a text into sentence spans.

>>> from kg.text import normalize, split_sentences
>>> normalize("أحمد").text
'احمد'
>>> [s.text for s in split_sentences("قال. ثم مضى")]
['قال.', 'ثم مضى']
"""

from kg.text.normalize import Normalized, normalize
from kg.text.sentences import split_sentences

__all__ = ["Normalized", "normalize", "split_sentences"]
