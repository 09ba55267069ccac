"""iCal channel feeds (Airbnb, Booking.com, Vrbo, Google): fetching and reading them."""
