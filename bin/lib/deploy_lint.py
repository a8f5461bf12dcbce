"""Checks of the deployment files that no off-the-shelf linter makes. Run by bin/test's deploy suite with
the tools venv's Python (it has cfn-lint's template reader and PyYAML).

  deploy_lint.py stacks          each params file sets only its template's parameters and every required
                                 one; each cross-stack import names an export some stack makes; each
                                 Lambda folder is deployed by a stack, on the runtime its package is for;
                                 each environment holds the capacity tier it is sized for (capacity.py)
  deploy_lint.py capacity [CFN_DIR]
                                 only the connection budget and the capacity tiers, of CFN_DIR (a copy of
                                 aws/cfn: the tests edit one)
  deploy_lint.py compose         docker-compose.yml names services, build targets and paths that exist
  deploy_lint.py deploy-all CALLS first|again COMMIT
                                 what `bin/cfn/deploy all rehearsal` asked of the recording AWS CLI, in
                                 an empty account (first) or run again over it (again)
  deploy_lint.py images DOCKERFILE...
                                 each base image has a version tag, and Node is a supported major (22+)
  deploy_lint.py copied DOCKERFILE STAGE
                                 prints the paths the stage COPYs from the build context
  deploy_lint.py lambda-zip ZIP  the package has its handler at the root, no tests, and only Linux x86_64
                                 CPython 3.12 extension modules
  deploy_lint.py web URL ORIGIN...
                                 the web image's nginx answers like an SPA host should
"""
import json
import re
import subprocess
import sys
import urllib.error
import urllib.request
import zipfile
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
CFN = REPO / "aws" / "cfn"
LAMBDA_RUNTIME = "python3.12"
# Filled in by bin/cfn/deploy (Env, every <Name>CodeKey) or given on its command line (ImageTag).
SET_AT_DEPLOY = {"Env", "ImageTag", "MediaSigningPublicKey"}
# What `bin/cfn/deploy all` adds to a stack's parameters besides the deploy-order line's.
SET_BY_DEPLOY_ALL = {"services": {"ImageTag"}, "media": {"MediaSigningPublicKey"}}
DEPLOY_ORDER = CFN / "deploy-order"
DEPLOY_SCRIPT = REPO / "bin" / "cfn" / "deploy"
IMPORT = re.compile(r"^cruddur-\$\{Env\}-([a-z-]+):(\w+)$")
EXPORT = re.compile(r"^\$\{AWS::StackName\}:(\w+)$")

problems = []


def problem(message):
    problems.append(message)
    print(f"  {message}")


def walk(node):
    yield node
    if isinstance(node, dict):
        for value in node.values():
            yield from walk(value)
    elif isinstance(node, list):
        for value in node:
            yield from walk(value)


def load_template(path):
    from cfnlint.decode import decode

    template, matches = decode(str(path))
    if matches:
        raise SystemExit(f"{path}: cannot be read: {matches}")
    return template


def snake_case(camel):
    return re.sub(r"(?<=[a-z0-9])([A-Z])", r"_\1", camel).lower()


def check_stacks():
    templates = {path.parent.name: load_template(path) for path in sorted(CFN.glob("*/template.yaml"))}
    exports = {
        (stack, EXPORT.match(output["Export"]["Name"]["Fn::Sub"]).group(1))
        for stack, template in templates.items()
        for output in template.get("Outputs", {}).values()
        if isinstance(output.get("Export", {}).get("Name"), dict)
    }
    code_keys = set()
    for stack, template in templates.items():
        parameters = template.get("Parameters", {})
        for name in parameters:
            if name.endswith("CodeKey"):
                code_keys.add(snake_case(name[: -len("CodeKey")]))
        params_files = sorted((CFN / stack / "params").glob("*.json"))
        if not params_files:
            problem(f"{stack}: no parameters file under aws/cfn/{stack}/params/")
        for params_file in params_files:
            values = json.loads(params_file.read_text())
            where = params_file.relative_to(REPO)
            for name in values:
                if name not in parameters:
                    problem(f"{where}: {name} is not a parameter of the {stack} template")
                elif name in SET_AT_DEPLOY or name.endswith("CodeKey"):
                    problem(f"{where}: {name} is set by bin/cfn/deploy, not in a parameters file")
        for node in walk(template):
            if isinstance(node, dict) and "Fn::ImportValue" in node:
                value = node["Fn::ImportValue"]
                sub = value.get("Fn::Sub") if isinstance(value, dict) else None
                match = IMPORT.match(sub) if isinstance(sub, str) else None
                if not match:
                    problem(f"{stack}: import {value!r} is not of the form cruddur-${{Env}}-<stack>:<Name>")
                elif tuple(match.groups()) not in exports:
                    problem(f"{stack}: imports {sub}, which no stack exports")
            if isinstance(node, dict) and node.get("Type") == "AWS::Lambda::Function":
                runtime = node["Properties"].get("Runtime")
                if runtime != LAMBDA_RUNTIME:
                    problem(f"{stack}: a function runs {runtime}; bin/lambda/package builds for {LAMBDA_RUNTIME}")
    rehearse_first_deploy(templates)
    check_connection_budget(templates)
    check_capacity(templates)
    check_operability(templates)
    check_database_access(templates)
    check_stream_route(templates)
    check_spa_distribution(templates)
    check_identity_settings(templates)
    check_first_deploy(templates)
    check_health_checks(templates)
    for handler in sorted((REPO / "aws" / "lambdas").glob("*/handler.py")):
        name = handler.parent.name
        if name not in code_keys:
            problem(f"aws/lambdas/{name} is deployed by no stack (no parameter {name.title().replace('_', '')}CodeKey)")
    print(f"  {len(templates)} stacks, {len(exports)} exports, Lambdas: {', '.join(sorted(code_keys))}")


def deploy_order():
    """The lines of aws/cfn/deploy-order: (line number, kind, name, {parameter: value})."""
    for number, line in enumerate(DEPLOY_ORDER.read_text().splitlines(), 1):
        words = line.split()
        if words and not words[0].startswith("#"):
            yield number, words[0], words[1], dict(word.split("=", 1) for word in words[2:])


def imports_of(template):
    for node in walk(template):
        if isinstance(node, dict) and isinstance(node.get("Fn::ImportValue"), dict):
            match = IMPORT.match(node["Fn::ImportValue"].get("Fn::Sub", ""))
            if match:
                yield match.groups()


def rehearse_first_deploy(templates):
    """`bin/cfn/deploy all` on paper, in an empty account: each stack in its turn finds every export it
    imports and every output it is passed already made by a stack before it, and has a value for every
    parameter; each step is one the script has; the migrations run after the services exist (stopped) and
    before they start."""
    steps = set(re.findall(r"^step_([a-z_]+)\(\)", DEPLOY_SCRIPT.read_text(), re.M))
    exports, outputs, deployed, started_at, migrated_at = set(), {}, [], None, None
    for number, kind, name, overrides in deploy_order():
        where = f"aws/cfn/deploy-order:{number}"
        if kind == "step":
            if name.replace("-", "_") not in steps:
                problem(f"{where}: bin/cfn/deploy has no step {name}")
            if name == "migrate":
                migrated_at = number
            continue
        if kind != "stack" or name not in templates:
            problem(f"{where}: {kind} {name} is neither a step nor a stack of aws/cfn")
            continue
        template = templates[name]
        parameters = template.get("Parameters", {})
        for stack, export in sorted(set(imports_of(template))):
            if (stack, export) not in exports:
                problem(f"{where}: {name} imports {stack}:{export}, which no stack before it exports")
        for key, value in overrides.items():
            if key not in parameters:
                problem(f"{where}: {key} is not a parameter of {name}")
            if value.startswith("@"):
                stack, output = value[1:].split(":")
                if output not in outputs.get(stack, set()):
                    problem(f"{where}: {name}'s {key} is {value}, which no stack before it outputs")
            if value == "keep" and key != "ImageTag" and "false" not in parameters.get(key, {}).get("AllowedValues", []):
                problem(f"{where}: {key}=keep needs a true/false parameter (false before the stack exists)")
        values = set(overrides) | SET_BY_DEPLOY_ALL.get(name, set()) | {"Env"}
        for params_file in sorted((CFN / name / "params").glob("*.json")):
            given = values | set(json.loads(params_file.read_text()))
            for parameter, spec in parameters.items():
                if "Default" not in spec and parameter not in given and not parameter.endswith("CodeKey"):
                    problem(f"{where}: {name} gets no value for {parameter} from {params_file.relative_to(REPO)} or deploy all")
        if name == "services" and started_at is None:
            if overrides.get("ServicesStarted") not in ("keep", "false"):
                problem(f"{where}: the services' first deploy must leave them stopped until the migrations ran")
            started_at = number
        if name == "services" and overrides.get("ServicesStarted") == "true":
            if migrated_at is None or migrated_at > number:
                problem(f"{where}: the services start before the migrations ran")
        deployed.append(name)
        outputs[name] = set(template.get("Outputs", {}))
        exports |= {
            (name, EXPORT.match(output["Export"]["Name"]["Fn::Sub"]).group(1))
            for output in template.get("Outputs", {}).values()
            if isinstance(output.get("Export", {}).get("Name"), dict)
        }
    if migrated_at is None or started_at is None:
        problem("aws/cfn/deploy-order: no migrate step between the services' creation and their start")
    for stack in sorted(set(templates) - set(deployed)):
        problem(f"aws/cfn/deploy-order: the {stack} stack is never deployed")
    print(f"  rehearsed the first deploy: {' -> '.join(dict.fromkeys(deployed))}")


# Connections PostgreSQL keeps for superusers (superuser_reserved_connections); nothing of ours uses them.
SUPERUSER_RESERVED = 3
# The fan-out task's connections: its LISTEN connection and one for its statements; a deploy stops the old task
# before starting the new one (cruddur/fanout).
FANOUT_CONNECTIONS = 2
# The pools of one API worker: the requests' and the time-bounded statements' (cruddur/db/database.py).
POOLS_PER_WORKER = 2


def parameter_values(templates, stack, params_file):
    """A stack's parameters as one environment deploys them: its params file over the template's defaults."""
    values = {name: spec.get("Default") for name, spec in templates[stack].get("Parameters", {}).items()}
    if params_file.is_file():
        values.update(json.loads(params_file.read_text()))
    return values


def check_connection_budget(templates):
    """At the most tasks autoscaling may run, the API's pools, the database Lambdas and the migration task
    fit in max_connections (issue 19: 240 wanted against about 190)."""
    threads = int(re.search(r'GUNICORN_THREADS", "(\d+)"', (REPO / "backend-flask" / "gunicorn.conf.py").read_text())[1])
    for params_file in sorted((CFN / "services" / "params").glob("*.json")):
        env = params_file.stem
        services = parameter_values(templates, "services", params_file)
        data = parameter_values(templates, "data", CFN / "data" / "params" / f"{env}.json")
        pool, workers, tasks = (int(services[name]) for name in ("BackendPoolSize", "BackendWorkers", "BackendMaxTasks"))
        api = tasks * workers * POOLS_PER_WORKER * pool
        # The stream process: two pools of its lookup threads' size and the LISTEN connection, per task.
        stream = int(services["StreamMaxTasks"]) * (POOLS_PER_WORKER * int(services["StreamLookupThreads"]) + 1)
        stream += FANOUT_CONNECTIONS
        for_lambdas = int(data["DatabaseConnectionsForLambdas"])
        available = int(data["DatabaseMaxConnections"]) - SUPERUSER_RESERVED - for_lambdas
        if pool < threads + 1:
            problem(f"{env}: BackendPoolSize {pool} is less than a worker's {threads} threads and its purge thread")
        if api + stream > available:
            problem(f"{env}: the API's pools may open {tasks} tasks x {workers} workers x {POOLS_PER_WORKER} pools x {pool} "
                    f"= {api} connections and the stream's and fan-out's {stream}; the database has {available} for them")
        # Each instance of a Lambda that writes to PostgreSQL holds one connection; one more for migrations.
        lambdas = 1
        for stack in ("auth", "media", "data"):
            values = parameter_values(templates, stack, CFN / stack / "params" / f"{env}.json")
            for name, resource in templates[stack]["Resources"].items():
                variables = resource.get("Properties", {}).get("Environment", {}).get("Variables", {})
                if resource["Type"] == "AWS::Lambda::Function" and "DATABASE_URL_SSM_PARAMETER" in variables:
                    reserved = values.get(name.removesuffix("Function") + "Concurrency")
                    lambdas += int(reserved) if reserved else 0
        if lambdas > for_lambdas:
            problem(f"{env}: the database Lambdas' reserved concurrency and the migration task take {lambdas} "
                    f"connections; DatabaseConnectionsForLambdas keeps {for_lambdas}")
        print(f"  {env}: API pools, stream and fan-out at most {api} + {stream} of {available} connections; "
              f"Lambdas and migrations {for_lambdas}")


def capacity_config(templates, env):
    """One environment's sizing as bin/lib/capacity.py models it: its parameters over the defaults, and the
    figures the templates fix (the API's CPU target, the stream task's CPU, storage growth, DynamoDB's mode)."""
    from dataclasses import fields

    import capacity

    values = parameter_values(templates, "services", CFN / "services" / "params" / f"{env}.json")
    values.update(parameter_values(templates, "data", CFN / "data" / "params" / f"{env}.json"))
    services = templates["services"]["Resources"]
    data = templates["data"]["Resources"]
    given = {}
    for spec in fields(capacity.Config):
        if spec.name in values:
            given[spec.name] = spec.type(values[spec.name]) if spec.type in (int, float) else str(values[spec.name])
    cpu_target = services["BackendCpuScaling"]["Properties"]["TargetTrackingScalingPolicyConfiguration"]["TargetValue"]
    return capacity.Config(
        **given,
        backend_cpu_target=float(cpu_target) / 100,
        stream_cpu=int(services["StreamTaskDefinition"]["Properties"]["Cpu"]),
        max_storage_gib=int(data["Database"]["Properties"]["MaxAllocatedStorage"]),
        messages_billing=data["MessagesTable"]["Properties"]["BillingMode"],
    )


def check_capacity(templates):
    """Each environment's parameters hold the daily active people it is sized for (aws/cfn/capacity-tiers.json),
    by the model of bin/lib/capacity.py; the README's tables are the model's."""
    import capacity

    tiers = capacity.environment_tiers(CFN)
    for params_file in sorted((CFN / "services" / "params").glob("*.json")):
        env = params_file.stem
        tier = tiers.get(env)
        if tier is None:
            problem(f"{env}: no capacity tier (the daily active people it is sized for) in aws/cfn/{capacity.TIERS_FILE}")
            continue
        config = capacity_config(templates, env)
        unknown = [f"{name} {value}" for name, value, known in (
            ("DatabaseInstanceClass", config.DatabaseInstanceClass, capacity.RDS_CLASSES),
            ("CacheNodeType", config.CacheNodeType, capacity.CACHE_NODES)) if value not in known]
        if unknown:
            problem(f"{env}: bin/lib/capacity.py has no figures for {' or '.join(unknown)} (RDS_CLASSES, CACHE_NODES)")
            continue
        for resource, parameter, required in capacity.problems(config, tier):
            value = getattr(config, parameter, None)
            shown = f"{parameter} {value}" if value is not None else parameter
            problem(f"{env} (sized for {capacity.people(tier)} daily active people): {shown} does not hold the "
                    f"{resource}; it needs {required}")
        limit, resource = min((capacity.holds_up_to(config, name), name) for name in capacity.GROWTH_RESOURCES)
        print(f"  {env}: sized for {capacity.people(tier)} daily active people; holds up to {capacity.people(limit)} "
              f"({resource} runs out first)")
    if CFN == REPO / "aws" / "cfn" and capacity.readme_tables() != capacity.markdown():
        problem("README.md: the tables of 'Past one machine' are not bin/lib/capacity.py's "
                "(python3 bin/lib/capacity.py --write-readme)")


# What must page someone (issue 19, item 6): a metric of every kind, beside one alarm per Lambda and queue.
ALARMED_METRICS = {"HTTPCode_Target_5XX_Count", "HTTPCode_ELB_5XX_Count", "TargetResponseTime", "UnHealthyHostCount",
                   "CPUUtilization", "FreeStorageSpace", "DatabaseConnections", "ReadThrottleEvents",
                   "WriteThrottleEvents", "PurgeFailures", "PurgeLagSeconds"}


def check_operability(templates):
    """Every Lambda's errors and every dead-letter queue's depth alarm, with the metrics above, all to the
    SNS topic; a daily AWS Backup plan keeps the database and the messages table 35 days."""
    alarms = [resource for template in templates.values() for resource in template.get("Resources", {}).values()
              if resource.get("Type") == "AWS::CloudWatch::Alarm"]
    alarmed = {node["MetricName"] for alarm in alarms for node in walk(alarm) if isinstance(node, dict) and "MetricName" in node}
    for metric in sorted(ALARMED_METRICS - alarmed):
        problem(f"no alarm watches {metric}")
    for alarm in alarms:
        if not alarm["Properties"].get("AlarmActions"):
            problem(f"alarm {alarm['Properties'].get('AlarmName')} notifies nobody (no AlarmActions)")

    def imported_by_alarms(metric):
        return {pair for alarm in alarms if metric in {n.get("MetricName") for n in walk(alarm) if isinstance(n, dict)}
                for pair in imports_of(alarm)}

    watched = {"Errors": imported_by_alarms("Errors"), "ApproximateNumberOfMessagesVisible":
               imported_by_alarms("ApproximateNumberOfMessagesVisible")}
    for stack, template in templates.items():
        exported = {}
        for output in template.get("Outputs", {}).values():
            if isinstance(output.get("Export", {}).get("Name"), dict):
                exported[json.dumps(output["Value"], sort_keys=True)] = EXPORT.match(output["Export"]["Name"]["Fn::Sub"]).group(1)
        for name, resource in template.get("Resources", {}).items():
            kind = resource.get("Type")
            if kind == "AWS::Lambda::Function":
                export, metric = exported.get(json.dumps({"Ref": name})), "Errors"
            elif kind == "AWS::SQS::Queue":
                export = exported.get(json.dumps({"Fn::GetAtt": [name, "QueueName"]}, sort_keys=True))
                metric = "ApproximateNumberOfMessagesVisible"
            else:
                continue
            if (stack, export) not in watched[metric]:
                problem(f"{stack} {name}: no alarm watches its {metric}")
    plans = [node for template in templates.values() for node in template.get("Resources", {}).values()
             if node.get("Type") == "AWS::Backup::BackupPlan"]
    backup = templates.get("backup", {})
    rules = [rule for plan in plans for rule in plan["Properties"]["BackupPlan"]["BackupPlanRule"]]
    retention = backup.get("Parameters", {}).get("RetentionDays", {}).get("Default")
    if not any("cron(0 5 * * ? *)" == rule.get("ScheduleExpression") for rule in rules) or str(retention) != "35":
        problem("backup: no daily AWS Backup rule keeping backups 35 days")
    selected = {pair for node in walk(backup) if isinstance(node, dict) and node.get("Type") == "AWS::Backup::BackupSelection"
                for pair in imports_of(node)}
    for needed in (("data", "DatabaseArn"), ("data", "MessagesTableArn")):
        if needed not in selected:
            problem(f"backup: the plan does not select {needed[0]}:{needed[1]}")


def runtime_files(dockerfile):
    """The destinations of the ADD and COPY lines of a Dockerfile's runtime stage."""
    in_stage, destinations = False, set()
    for line in Path(dockerfile).read_text().splitlines():
        words = line.split()
        if words[:1] == ["FROM"]:
            in_stage = words[-1] == "runtime"
        elif in_stage and words[:1] in (["ADD"], ["COPY"]):
            destinations.add(words[-1])
    return destinations


def check_database_access(templates):
    """Issue 19, item 4: the API and the Lambdas connect as a login of the least-privileged role, from a
    rotated secret, verifying the server's certificate; only the migration task is the schema's owner."""
    bundle_in_image = runtime_files(REPO / "backend-flask" / "Dockerfile")
    migrations = "\n".join(path.read_text() for path in (REPO / "backend-flask/cruddur/db/migrations").glob("*.sql"))
    if "CREATE ROLE cruddur_api NOLOGIN" not in migrations:
        problem("no migration makes the cruddur_api role the API's logins belong to")
    for stack, template in templates.items():
        resources = template.get("Resources", {})
        rotated = {node["Properties"]["SecretId"].get("Ref") for node in resources.values()
                   if node.get("Type") == "AWS::SecretsManager::RotationSchedule"}
        for name, resource in resources.items():
            properties = resource.get("Properties", {})
            kind = resource.get("Type")
            if kind == "AWS::SecretsManager::Secret" and "database" in json.dumps(properties.get("Name", "")):
                if name not in rotated:
                    problem(f"{stack} {name}: a database secret without a rotation schedule")
            if kind == "AWS::Lambda::Function":
                variables = properties.get("Environment", {}).get("Variables", {})
                if any(key.startswith("DATABASE_URL") for key in variables):
                    problem(f"{stack} {name}: reads a fixed database URL (the rotated secret is DATABASE_SECRET_ARN)")
                if "DATABASE_SECRET_ARN" in variables and set(imports_of(variables)) != {("data", "ApiDatabaseSecretArn")}:
                    problem(f"{stack} {name}: must connect with the API's rotated login (data:ApiDatabaseSecretArn)")
            if kind != "AWS::ECS::TaskDefinition":
                continue
            for container in properties["ContainerDefinitions"]:
                secrets = {secret["Name"]: set(imports_of(secret)) for secret in container.get("Secrets", [])
                           if isinstance(secret, dict) and "Name" in secret}
                if "DATABASE_USER" not in secrets:
                    continue
                where = f"{stack} {name} {container['Name']}"
                owner = container["Name"] == "migrate"
                expected = ("data", "DatabaseSecretArn") if owner else ("data", "ApiDatabaseSecretArn")
                if secrets["DATABASE_USER"] != {expected}:
                    problem(f"{where}: connects as {secrets['DATABASE_USER']}, not {expected[0]}:{expected[1]}")
                environment = {pair.get("Name"): pair.get("Value") for pair in container.get("Environment", [])
                               if isinstance(pair, dict)}
                if environment.get("DATABASE_SSLMODE") != "verify-full":
                    problem(f"{where}: does not verify the database's certificate (DATABASE_SSLMODE=verify-full)")
                if environment.get("DATABASE_SSLROOTCERT") not in bundle_in_image:
                    problem(f"{where}: DATABASE_SSLROOTCERT {environment.get('DATABASE_SSLROOTCERT')} is not in the API image")


# The contract's longest silence on a stream (a `: ping` comment at least this often).
STREAM_HEARTBEAT_MAX_SECONDS = 20


def check_stream_route(templates):
    """The stream is its own service behind the same load balancer: /api/stream routed before /api/* to a
    target group on the stream container's port, and connections kept open longer than a heartbeat."""
    cluster = templates["cluster"]["Resources"]
    rules = sorted((resource["Properties"]["Priority"], resource["Properties"]) for resource in cluster.values()
                   if resource.get("Type") == "AWS::ElasticLoadBalancingV2::ListenerRule")
    first = next((rule for _, rule in rules for condition in rule["Conditions"]
                  if any(value.startswith("/api/") for value in condition["PathPatternConfig"]["Values"])), None)
    values = first["Conditions"][0]["PathPatternConfig"]["Values"] if first else []
    target = cluster.get(first["Actions"][0]["TargetGroupArn"]["Ref"], {}) if first else {}
    containers = {container["Name"]: container for resource in templates["services"]["Resources"].values()
                  if resource.get("Type") == "AWS::ECS::TaskDefinition"
                  for container in resource["Properties"]["ContainerDefinitions"]}
    stream = containers.get("stream", {})
    ports = [mapping["ContainerPort"] for mapping in stream.get("PortMappings", [])]
    if "/api/stream" not in values or target.get("Properties", {}).get("Port") not in ports:
        problem("cluster: /api/stream is not routed, before /api/*, to the stream container's port")
    if stream.get("Command") != ["python", "-m", "cruddur.stream"]:
        problem("services: no container runs the stream process (python -m cruddur.stream)")
    attributes = {a["Key"]: a["Value"] for resource in cluster.values()
                  if resource.get("Type") == "AWS::ElasticLoadBalancingV2::LoadBalancer"
                  for a in resource["Properties"].get("LoadBalancerAttributes", [])}
    if int(attributes.get("idle_timeout.timeout_seconds", 60)) <= STREAM_HEARTBEAT_MAX_SECONDS:
        problem("cluster: the load balancer's idle timeout would close quiet streams between heartbeats")


# Node 20 left support in April 2026; the images build with a maintained major (bin/dev's Node may lag).
NODE_MAJOR_MIN = 22


def check_images(*dockerfiles):
    for dockerfile in dockerfiles:
        text = Path(dockerfile).read_text()
        defaults = dict(re.findall(r"^ARG\s+(\w+)=(\S+)", text, re.M))
        stages = set(re.findall(r"^FROM\s+\S+\s+AS\s+(\S+)", text, re.M | re.I))
        for image in re.findall(r"^FROM\s+(\S+)", text, re.M):
            image = defaults.get(image.strip("${}"), image)
            if image in stages:
                continue
            name, _, tag = image.partition(":")
            if not tag or tag.startswith("latest"):
                problem(f"{dockerfile}: {image} has no version tag")
            if name.endswith("node") and int(tag.split(".")[0]) < NODE_MAJOR_MIN:
                problem(f"{dockerfile}: {image} is Node {tag.split('.')[0]}, below the supported {NODE_MAJOR_MIN}")
    print(f"  {len(dockerfiles)} Dockerfiles: base images tagged, Node {NODE_MAJOR_MIN}+")


CACHING_DISABLED = "4135ea2d-6df8-44a3-9df3-4b5a84be39ad"
NGINX_TEMPLATE = REPO / "frontend-react-js" / "nginx" / "cruddur.conf.template"
# What the SPA's CloudFront Function must answer: its routes are index.html, files stay themselves.
SPA_ROUTES = {"/": "/index.html", "/@andrew/status/6f1c1f4e-0000-4000-8000-000000000000": "/index.html",
              "/notifications": "/index.html", "/assets/index-abc123.js": "/assets/index-abc123.js",
              "/assets/missing-0000.js": "/assets/missing-0000.js", "/favicon.svg": "/favicon.svg"}


def check_spa_distribution(templates):
    """The SPA from a private bucket through CloudFront, /api/* (the stream too) uncached to the load
    balancer on the same origin, the nginx image's CSP, and a load balancer that answers only CloudFront."""
    web = templates["web"]["Resources"]
    config = web["Distribution"]["Properties"]["DistributionConfig"]
    origins = {origin["Id"]: origin for origin in config["Origins"]}
    default = config["DefaultCacheBehavior"]
    if "OriginAccessControlId" not in origins[default["TargetOriginId"]]:
        problem("web: the SPA's files are not read through origin access control")
    api = next((behavior for behavior in config.get("CacheBehaviors", []) if behavior["PathPattern"] == "/api/*"), None)
    api_origin = origins.get(api["TargetOriginId"], {}) if api else {}
    if not api or api.get("CachePolicyId") != CACHING_DISABLED or "DELETE" not in api.get("AllowedMethods", []):
        problem("web: /api/* is not sent, uncached and with every method, to the load balancer")
    if api_origin.get("CustomOriginConfig", {}).get("OriginProtocolPolicy") != "https-only":
        problem("web: the load balancer is not reached over HTTPS only")
    headers = {header["HeaderName"] for header in api_origin.get("OriginCustomHeaders", [])}
    listener = next(resource for resource in templates["cluster"]["Resources"].values()
                    if resource.get("Type") == "AWS::ElasticLoadBalancingV2::Listener")
    if listener["Properties"]["DefaultActions"][0]["Type"] != "fixed-response" or "X-Origin-Verify" not in headers:
        problem("cluster: the load balancer answers requests that did not come through CloudFront")
    for name, rule in templates["cluster"]["Resources"].items():
        if rule.get("Type") == "AWS::ElasticLoadBalancingV2::ListenerRule" and not any(
                condition.get("HttpHeaderConfig", {}).get("HttpHeaderName") == "X-Origin-Verify"
                for condition in rule["Properties"]["Conditions"]):
            problem(f"cluster {name}: forwards without checking CloudFront's header")
    nginx_csp = re.search(r'default "([^"]+)";', NGINX_TEMPLATE.read_text())[1]
    policy = web["SecurityHeaders"]["Properties"]["ResponseHeadersPolicyConfig"]["SecurityHeadersConfig"]
    cloudfront_csp = policy["ContentSecurityPolicy"]["ContentSecurityPolicy"]["Fn::Sub"][0]
    if cloudfront_csp != nginx_csp:
        problem(f"web: the CSP differs from the nginx image's:\n    {cloudfront_csp}\n    {nginx_csp}")
    code = web["SpaRoutes"]["Properties"]["FunctionCode"]
    script = code + "\nconsole.log(JSON.stringify(" + json.dumps(sorted(SPA_ROUTES)) + \
        ".map(function (uri) { return handler({request: {uri: uri}}).uri; })));"
    answered = subprocess.run(["node", "-e", script], capture_output=True, text=True, check=True).stdout
    for uri, expected in zip(sorted(SPA_ROUTES), json.loads(answered)):
        if SPA_ROUTES[uri] != expected:
            problem(f"web: the SPA's function sends {uri} to {expected}, not {SPA_ROUTES[uri]}")


def check_deploy_all(calls_file, run, commit):
    """The calls `deploy all` made, in order: each stack of the order file deployed in its turn and region,
    the services stopped until the migration task ran, photos' key made and stored once, the SPA uploaded
    once the services run; run again, it keeps the services running their image and makes no second key."""
    calls = [json.loads(line) for line in Path(calls_file).read_text().splitlines()]
    deploys = [(index, call) for index, call in enumerate(calls) if call["args"][:2] == ["cloudformation", "deploy"]]
    stacks = [call["args"][call["args"].index("--stack-name") + 1].removeprefix("cruddur-rehearsal-") for _, call in deploys]
    ordered = [name for _, kind, name, _ in deploy_order() if kind == "stack"]
    expect(stacks == ordered, f"deploy all deployed {stacks}, not the order file's {ordered}")

    def parameters(call):
        args = call["args"]
        return dict(pair.split("=", 1) for pair in args[args.index("--parameter-overrides") + 1 : args.index("--capabilities")])

    def first(predicate):
        return next((index for index, call in enumerate(calls) if predicate(call["args"])), None)

    for (_, call), name in zip(deploys, stacks):
        wanted = "us-east-1" if name == "cdn-waf" else "eu-west-1"
        expect(call["region"] == wanted, f"{name} was deployed in {call['region']}, not {wanted}")
    services = [(index, parameters(call)) for (index, call), name in zip(deploys, stacks) if name == "services"]
    migrate = first(lambda args: args[:2] == ["ecs", "run-task"])
    spa = first(lambda args: args[:2] == ["s3", "sync"])
    key_stored = first(lambda args: args[:2] == ["secretsmanager", "put-secret-value"])
    media = next((parameters(call) for (_, call), name in zip(deploys, stacks) if name == "media"), {})
    web = next((parameters(call) for (_, call), name in zip(deploys, stacks) if name == "web"), {})
    if len(services) != 2 or services[1][1].get("ServicesStarted") != "true":
        problem("the services are not deployed twice, started the second time")
        return
    expect(migrate is not None and services[0][0] < migrate < services[1][0],
           "the migration task does not run between the services' two deploys")
    expect(spa is not None and spa > services[1][0], "the SPA is not uploaded once the services run")
    expect(web.get("AppCertificateArn") == "AppCertificateArn-of-cruddur-rehearsal-cdn-waf",
           "the web stack does not get cdn-waf's certificate")
    if run == "first":
        expect(services[0][1].get("ServicesStarted") == "false", "a first deploy starts the services before migrating")
        expect(services[0][1].get("ImageTag") == commit, "the services are not made with the commit's images")
        expect(media.get("MediaSigningPublicKey", "").startswith("-----BEGIN PUBLIC KEY-----"),
               "the media stack gets no signing key")
        expect(key_stored is not None, "photos' private key is not stored in its secret")
    else:
        expect(services[0][1].get("ServicesStarted") == "true", "a re-run stops the running services")
        expect("MediaSigningPublicKey" not in media and key_stored is None, "a re-run makes another signing key")
    print(f"  deploy all ({run}): {len(calls)} calls, {' -> '.join(stacks)}")


def check_compose():
    import yaml

    compose = yaml.safe_load((REPO / "docker-compose.yml").read_text())
    services = compose["services"]
    for name, service in services.items():
        for dependency in service.get("depends_on", {}):
            if dependency not in services:
                problem(f"compose {name}: depends on unknown service {dependency}")
        network_mode = service.get("network_mode", "")
        if network_mode.startswith("service:"):
            owner = network_mode.split(":", 1)[1]
            if owner not in services:
                problem(f"compose {name}: shares the network of unknown service {owner}")
            if service.get("ports"):
                problem(f"compose {name}: publishes ports but shares {owner}'s network (publish them there)")
        build = service.get("build")
        if build:
            dockerfile = REPO / build["context"] / build.get("dockerfile", "Dockerfile")
            if not dockerfile.is_file():
                problem(f"compose {name}: no {dockerfile.relative_to(REPO)}")
            elif build.get("target") and not re.search(
                    rf"^FROM\s+\S+\s+AS\s+{re.escape(build['target'])}\s*$", dockerfile.read_text(), re.M | re.I):
                problem(f"compose {name}: {dockerfile.relative_to(REPO)} has no stage {build['target']}")
        for volume in service.get("volumes", []):
            source = volume.split(":", 1)[0] if isinstance(volume, str) else volume.get("source", "")
            if source.startswith(".") and not (REPO / source).exists():
                problem(f"compose {name}: mounts {source}, which does not exist")
            elif ":" in volume and not source.startswith(("/", ".")) and source not in compose.get("volumes", {}):
                problem(f"compose {name}: mounts undeclared volume {source}")
    print(f"  {len(services)} services: {', '.join(services)}")


def check_identity_settings(templates):
    """What keeps one account from passing for another (issue 14): emails change only once verified, the web
    client cannot write email_verified, and the API signs cursors with a key of its own."""
    resources = {name: resource for template in templates.values()
                 for name, resource in template.get("Resources", {}).items()}
    for name, resource in resources.items():
        properties = resource.get("Properties", {})
        if resource.get("Type") == "AWS::Cognito::UserPool":
            verify = properties.get("UserAttributeUpdateSettings", {}).get("AttributesRequireVerificationBeforeUpdate")
            if verify != ["email"]:
                problem(f"{name}: an email change must wait for its verification (AttributesRequireVerificationBeforeUpdate)")
        if resource.get("Type") == "AWS::Cognito::UserPoolClient":
            if "email_verified" in properties.get("WriteAttributes", ["email_verified"]):
                problem(f"{name}: the client may write email_verified (list WriteAttributes without it)")
    secrets = {secret["Name"] for resource in resources.values() if resource.get("Type") == "AWS::ECS::TaskDefinition"
               for container in resource["Properties"]["ContainerDefinitions"] for secret in container.get("Secrets", [])
               if isinstance(secret, dict) and "Name" in secret}
    if "CURSOR_SIGNING_KEY" not in secrets:
        problem("services: the API task gets no CURSOR_SIGNING_KEY secret (production refuses to start without it)")


def check_first_deploy(templates):
    """What made a first deploy into a new account fail, or a failed one impossible to retry (issue 19)."""
    for stack, template in templates.items():
        parameters = template.get("Parameters", {})
        resources = template.get("Resources", {})
        cognito_triggers = {
            node["Fn::GetAtt"][0]
            for resource in resources.values() if resource.get("Type") == "AWS::Cognito::UserPool"
            for node in walk(resource.get("Properties", {}).get("LambdaConfig", {}))
            if isinstance(node, dict) and "Fn::GetAtt" in node
        }
        for name, resource in resources.items():
            properties = resource.get("Properties", {})
            # A new account's whole Lambda concurrency quota is 10, and none of it can be reserved.
            reserved = properties.get("ReservedConcurrentExecutions") if resource.get("Type") == "AWS::Lambda::Function" else None
            if reserved is not None:
                chosen = reserved.get("Fn::If", [None, None, None]) if isinstance(reserved, dict) else None
                parameter = chosen[1].get("Ref") if chosen and isinstance(chosen[1], dict) else None
                if parameter not in parameters or parameters[parameter].get("Default") != "":
                    problem(f"{stack} {name}: reserves Lambda concurrency by default (a new account has none to reserve)")
            # Retain leaves a named resource behind when a failed create rolls back, and the retry collides.
            if resource.get("DeletionPolicy") == "Retain":
                problem(f"{stack} {name}: DeletionPolicy Retain (use RetainExceptOnCreate so a failed create can be retried)")
            if name in cognito_triggers and "DeadLetterConfig" in properties:
                problem(f"{stack} {name}: a dead-letter queue on a synchronous Cognito trigger never receives anything")


LIVENESS_PATH = "/api/health/live"
READINESS_PATH = "/api/health-check"


def check_health_checks(templates):
    """Liveness (the container's check) never asks the database; readiness (the load balancer's) does, and
    the schema version too, so a failover restarts nothing and a first deploy serves nothing unmigrated."""
    healthcheck = (REPO / "backend-flask" / "healthcheck.py").read_text()
    if LIVENESS_PATH not in healthcheck or READINESS_PATH in healthcheck:
        problem(f"backend-flask/healthcheck.py must call {LIVENESS_PATH} only (the container's liveness check)")
    resources = {name: resource for template in templates.values()
                 for name, resource in template.get("Resources", {}).items()}
    for name, resource in resources.items():
        properties = resource.get("Properties", {})
        if resource.get("Type") == "AWS::ECS::TaskDefinition":
            for container in properties["ContainerDefinitions"]:
                command = container.get("HealthCheck", {}).get("Command", [])
                if "healthcheck.py" not in command and any("/api/" in str(word) for word in command):
                    problem(f"{name} {container['Name']}: its health check calls the API directly, not healthcheck.py")
        if resource.get("Type") == "AWS::ElasticLoadBalancingV2::TargetGroup" and properties.get("Port") == 4567:
            if properties.get("HealthCheckPath") != READINESS_PATH:
                problem(f"{name}: the API's target group must check readiness ({READINESS_PATH})")


def copied_paths(dockerfile, stage):
    """The build-context sources of the COPY lines of one stage (those without --from)."""
    in_stage, sources = False, []
    for line in Path(dockerfile).read_text().splitlines():
        words = line.split()
        if words[:1] == ["FROM"]:
            in_stage = len(words) >= 4 and words[2].upper() == "AS" and words[3] == stage
        elif in_stage and words[:1] == ["COPY"] and not any(w.startswith("--from") for w in words):
            sources += [w for w in words[1:-1] if not w.startswith("--")]
    if not sources:
        raise SystemExit(f"{dockerfile}: stage {stage} copies nothing from the build context")
    print("\n".join(sources))


def check_lambda_zip(path):
    with zipfile.ZipFile(path) as archive:
        names = archive.namelist()
    if "handler.py" not in names:
        problem(f"{path}: no handler.py at the root")
    with zipfile.ZipFile(path) as archive:
        handler = archive.read("handler.py").decode() if "handler.py" in names else ""
    for package in ("lambda_common", "cruddur_shared"):
        if f"from {package}" in handler and f"{package}/__init__.py" not in names:
            problem(f"{path}: the handler imports {package}, which the zip does not have")
    for name in names:
        base = name.rsplit("/", 1)[-1]
        if base.startswith("test_") or base == "conftest.py" or "__pycache__" in name:
            problem(f"{path}: ships {name}")
        if base.endswith(".so") and ".cpython-" in base and not base.endswith(".cpython-312-x86_64-linux-gnu.so"):
            problem(f"{path}: {name} is not built for CPython 3.12 on Linux x86_64")
    print(f"  {Path(path).name}: {len(names)} files")


def fetch(url, **headers):
    request = urllib.request.Request(url, headers=headers)
    try:
        with urllib.request.urlopen(request, timeout=5) as response:
            return response.status, response.headers, response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.headers, error.read()


def expect(condition, message):
    if not condition:
        problem(message)


def check_web(base, origins):
    status, headers, index = fetch(base + "/")
    expect(status == 200 and b'<div id="root">' in index, f"/ answered {status} without the SPA")
    expect(headers.get("Cache-Control") == "no-cache", f"/ is cached: {headers.get('Cache-Control')}")
    csp = headers.get("Content-Security-Policy", "")
    for directive in ("default-src 'self'", "script-src 'self'", "frame-ancestors 'none'", "object-src 'none'"):
        expect(directive in csp, f"the CSP lacks {directive}: {csp}")
    for origin in origins:
        expect(origin in csp, f"the CSP does not allow {origin}: {csp}")
    expect("max-age=" in headers.get("Strict-Transport-Security", ""), "no HSTS header")
    expect(headers.get("X-Content-Type-Options") == "nosniff", "no X-Content-Type-Options: nosniff")
    expect("nginx/" not in headers.get("Server", ""), f"nginx tells its version: {headers.get('Server')}")

    status, headers, deep = fetch(base + "/@andrew/status/6f1c1f4e-0000-4000-8000-000000000000")
    expect(status == 200 and deep == index, f"a deep SPA route answered {status}, not index.html")
    expect("frame-ancestors 'none'" in headers.get("Content-Security-Policy", ""), "a deep route has no CSP")

    script = re.search(rb'src="(/assets/[^"]+\.js)"', index)
    expect(script is not None, "index.html loads no script from /assets/")
    if script:
        status, headers, _ = fetch(base + script.group(1).decode(), **{"Accept-Encoding": "gzip"})
        expect(status == 200, f"{script.group(1).decode()} answered {status}")
        expect("immutable" in headers.get("Cache-Control", "") and "max-age=31536000" in headers.get("Cache-Control", ""),
               f"hashed assets are not cached for a year: {headers.get('Cache-Control')}")
        expect(headers.get("Content-Encoding") == "gzip", "the script is not gzipped")
        expect("frame-ancestors 'none'" in headers.get("Content-Security-Policy", ""), "assets lose the security headers")
    status, _, _ = fetch(base + "/assets/missing-0000.js")
    expect(status == 404, f"a missing asset answered {status} (it must be 404, never index.html)")
    status, _, _ = fetch(base + "/api/health-check")
    expect(status == 404, f"/api/* reached the web image and answered {status} (a proxy in front routes it to the API)")
    status, _, body = fetch(base + "/health-check")
    expect(status == 200 and body.strip() == b"ok", f"/health-check answered {status}")
    if not problems:
        print(f"  {base}: SPA fallback, caching, gzip and security headers as expected")


def check_capacity_only(cfn=None):
    global CFN
    CFN = Path(cfn).resolve() if cfn else CFN
    templates = {path.parent.name: load_template(path) for path in sorted(CFN.glob("*/template.yaml"))}
    check_connection_budget(templates)
    check_capacity(templates)


if __name__ == "__main__":
    command, args = sys.argv[1], sys.argv[2:]
    if command == "copied":
        copied_paths(*args)
        sys.exit(0)
    {"stacks": check_stacks, "capacity": check_capacity_only, "compose": check_compose, "images": check_images,
     "deploy-all": check_deploy_all, "lambda-zip": check_lambda_zip,
     "web": lambda base, *origins: check_web(base, origins)}[command](*args)
    sys.exit(1 if problems else 0)
