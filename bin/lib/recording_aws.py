"""A stand-in for the AWS CLI that records each call and answers like an account in which only the stacks
it was asked to deploy exist: what `bin/cfn/deploy all` needs to be run end to end offline (deploy-checks.sh,
check_deploy_all). State (the stacks made, with their parameters) lives in $RECORDING_AWS_STATE.

Not AWS: no resource is made and nothing is validated here; CloudFormation's own checks are cfn-lint's and
checkov's, and the order's is deploy_lint.py's. This only lets the script's steps, in their order, be seen.
"""

import json
import os
import re
import sys
from pathlib import Path

STATE = Path(os.environ["RECORDING_AWS_STATE"])
ACCOUNT = "123456789012"


def option(args, name, default=None):
    return args[args.index(name) + 1] if name in args else default


def stacks():
    path = STATE / "stacks.json"
    return json.loads(path.read_text()) if path.exists() else {}


def save(made):
    (STATE / "stacks.json").write_text(json.dumps(made))


def describe_stacks(args):
    name, query = option(args, "--stack-name"), option(args, "--query", "")
    stack = stacks().get(name)
    if stack is None:
        sys.exit(f"An error occurred (ValidationError): Stack with id {name} does not exist")
    if output := re.search(r"OutputKey=='(\w+)'", query):
        print(f"{output[1]}-of-{name}")
    elif parameter := re.search(r"ParameterKey=='(\w+)'", query):
        print(stack["parameters"].get(parameter[1], "None"))
    elif query.endswith("StackStatus"):
        print("CREATE_COMPLETE")


def deploy(args):
    made = stacks()
    overrides = args[args.index("--parameter-overrides") + 1 : args.index("--capabilities")]
    name = option(args, "--stack-name")
    made[name] = {"parameters": dict(pair.split("=", 1) for pair in overrides)}
    save(made)


def task_definition(args):
    family = option(args, "--task-definition").rsplit("/", 1)[-1].split(":")[0]
    container = family.rsplit("-", 1)[-1]
    services = next((s for n, s in stacks().items() if n.endswith("-services")), {"parameters": {}})
    image = f"{ACCOUNT}.dkr.ecr.example/{family}:{services['parameters'].get('ImageTag', 'none')}"
    if option(args, "--query") == "taskDefinition":
        print(json.dumps({"family": family, "containerDefinitions": [{"name": container, "image": image}]}))
    else:
        print(image)


def answer(args):
    call = [word for word in args if word not in ("--region",)]
    service, command = call[0], call[1]
    if (service, command) == ("cloudformation", "describe-stacks"):
        describe_stacks(args)
    elif (service, command) == ("cloudformation", "deploy"):
        deploy(args)
    elif (service, command) in (("s3api", "head-object"), ("ecr", "describe-images")):
        sys.exit("An error occurred (404): Not Found")
    elif (service, command) == ("sts", "get-caller-identity"):
        print(ACCOUNT)
    elif (service, command) == ("ecs", "describe-services"):
        if "networkConfiguration" in option(args, "--query", ""):
            print(json.dumps({"awsvpcConfiguration": {"subnets": ["subnet-1"], "securityGroups": ["sg-1"]}}))
        else:
            print(f"arn:aws:ecs:eu-west-1:{ACCOUNT}:task-definition/{option(args, '--cluster')}-backend:1")
    elif (service, command) == ("ecs", "describe-task-definition"):
        task_definition(args)
    elif (service, command) == ("ecs", "register-task-definition"):
        family = json.loads(Path(option(args, "--cli-input-json").removeprefix("file://")).read_text())["family"]
        print(f"arn:aws:ecs:eu-west-1:{ACCOUNT}:task-definition/{family}:2")
    elif (service, command) == ("ecs", "run-task"):
        print(f"arn:aws:ecs:eu-west-1:{ACCOUNT}:task/{option(args, '--cluster')}/0123456789abcdef")
    elif (service, command) == ("ecs", "describe-tasks"):
        print("0\tNone")


if __name__ == "__main__":
    STATE.mkdir(parents=True, exist_ok=True)
    with (STATE / "calls.jsonl").open("a") as log:
        log.write(json.dumps({"args": sys.argv[1:], "region": os.environ.get("AWS_REGION")}) + "\n")
    answer(sys.argv[1:])
