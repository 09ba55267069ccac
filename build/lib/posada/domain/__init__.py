"""Pure booking rules: no I/O, no clock, no settings."""
