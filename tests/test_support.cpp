// Shared test helpers live in test_support.h.
