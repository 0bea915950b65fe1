"""Python compiled from forms/*.ui by scripts/compile_forms.py; do not edit."""
