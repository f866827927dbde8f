"""What a run reads from models/: each file checked by its folder's card, none able to run code.

The stages own these formats; training (``pipeline.learning``) writes them
and sits above the stages, so a run never imports the trainer.
"""
