"""A bounded soak: minutes of mixed reads and writes against a served API, counting errors and watching
each worker's memory. `python -m soak --url URL --master-pid PID --minutes 5` (bin/soak runs it)."""
