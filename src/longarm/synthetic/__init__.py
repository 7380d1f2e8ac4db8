"""A deterministic synthetic supply chain: catalogue, bills of materials, parties, shipments.

Everything is drawn from one seed with numpy's PCG64 generator, so the same seed and
parameters give the same data. Used by the benchmarks and by equivalence tests; the mix of
origins, classifications and parties is data (`profile.yaml`), not code.
"""
