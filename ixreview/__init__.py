"""ixreview: prior-authorization review desk for ixabepilone (Ixempra, HCPCS J9207)."""

__version__ = "0.1.0"
