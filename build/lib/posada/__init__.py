"""Posada: direct bookings for cabins and small lodgings."""

__version__ = "0.1.0"
