"""Reading user input (case files) into the domain model, strictly."""
