"""Law packs: loading, validation and the dated view `RuleBook.at(as_of)`."""
