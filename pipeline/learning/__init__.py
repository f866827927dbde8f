"""Fitted models as plain data, the sentence encoder, and `claims train` / `claims cross-validate`."""
