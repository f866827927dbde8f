"""Running the pipeline over many documents: reading, engines, manifests, resumable output."""
