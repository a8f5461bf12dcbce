"""bin/bench: seeds a realistic dataset, loads the API and the database, and reports (see README, Benchmarks)."""
