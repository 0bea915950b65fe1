"""The six checklist pages; each is a view of the review model built on a Designer form."""
