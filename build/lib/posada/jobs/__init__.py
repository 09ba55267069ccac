"""Named idempotent jobs and the runners that schedule them."""
