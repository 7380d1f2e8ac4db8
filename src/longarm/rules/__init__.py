"""Legal questions, one module per test kind; each is a pure function of facts and a clause."""
