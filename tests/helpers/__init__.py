"""Fixtures and helpers shared by several test folders (plugins of tests/conftest.py)."""
