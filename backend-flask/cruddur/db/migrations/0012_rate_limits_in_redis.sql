-- Rate-limit counts moved to Redis (Flask-Limiter, api/rate_limits.py); the table of 0005 is no longer read.
DROP TABLE rate_limit_hits;
