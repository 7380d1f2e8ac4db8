"""The bill of materials: graph, valuation and content roll-up."""
