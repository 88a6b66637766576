"""Named organisations in a row: the finder (legal form + «quoted name», head noun + genitive
chain), the name pieces it is built of, and the country a body belongs to.
"""

from graphkg.extract.institutions.finder import Found, find_institutions, institutions
from graphkg.extract.institutions.lexicon import heads, legal_forms, name_key

__all__ = ["Found", "find_institutions", "heads", "institutions", "legal_forms", "name_key"]
