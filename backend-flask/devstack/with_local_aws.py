"""`python -m devstack.with_local_aws COMMAND...` runs COMMAND with the local AWS made ready and its
Cognito settings (COGNITO_USER_POOL_ID, COGNITO_USER_POOL_CLIENT_ID) in the environment.

It is what bin/dev's `use_local_aws` does, for the docker compose services: moto's HASH id strategies
keep the ids stable, and making the pool and client is idempotent, so every service that asks gets the
same ones.
"""

import os
import sys

from .aws import bootstrap


def main(command):
    if not command:
        sys.exit("usage: python -m devstack.with_local_aws COMMAND [ARG...]")
    settings = bootstrap(os.environ["AWS_ENDPOINT_URL"], os.environ.get("AWS_REGION", "us-east-1"))
    # bandit: it runs the command it is given, as exec does.
    os.execvpe(command[0], command, {**os.environ, **settings})  # nosec B606


if __name__ == "__main__":
    main(sys.argv[1:])
