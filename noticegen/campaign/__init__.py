"""Campaign data: load YAML into the model and check it."""
from .load import load_campaign
from .validate import load_valid_campaign, validate

__all__ = ["load_campaign", "load_valid_campaign", "validate"]
