"""The command line: ``stellungnahme export|validate|template-check|drafts …``."""
