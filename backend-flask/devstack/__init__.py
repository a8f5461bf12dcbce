"""The local stack: an embedded PostgreSQL, moto as the local AWS, and demo data. Never used on AWS."""
