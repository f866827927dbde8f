"""Training, above the stages: `claims train`, `claims cross-validate` and `claims distill`.

It writes the formats a run reads (``pipeline.stages.formats``); nothing in a run imports it.
"""
