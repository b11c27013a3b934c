"""dti: the annual digital-transformation ranking of a province's departments, districts and communes.

The pipeline, one module a stage: criteria → inputs → scoring → ranking → history → robustness →
tables → report, with forms/collect for the self-assessment round trip and cli over all of it."""

__version__ = "0.1.0"
