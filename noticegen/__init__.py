"""noticegen: official notice packages to GB/T 9704-2012, and checks of units' summaries."""
__version__ = "0.1.0"
