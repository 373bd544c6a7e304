"""Generators of hostile inputs: each function writes one attack (or one careless user's
mistake) to a path and returns it, so that tests/test_hostile*.py can assert the outcome."""
