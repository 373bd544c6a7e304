"""Campaign data: load YAML into the model and check it."""
from .load import load_campaign
from .validate import check_campaign, validate

__all__ = ["load_campaign", "check_campaign", "validate"]
