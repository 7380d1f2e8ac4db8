"""Pure value objects: the case, its vocabularies and the determination."""
