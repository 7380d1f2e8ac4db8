"""Whole-catalogue batch runs: one pure Arrow function (`decide_batch`), run locally or on
Spark, checkpointed in the store."""
