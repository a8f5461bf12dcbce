# shellcheck shell=bash
# What bin/ecs/release and bin/ecs/migrate share. Sourced after common.sh.

# Registers a copy of the family's latest revision whose CONTAINER runs the image tagged TAG; prints its ARN.
register_revision() {
  local family="$1" container="$2" tag="$3" definition
  definition="$(mktemp)"
  aws ecs describe-task-definition --task-definition "$family" --query taskDefinition --output json \
    | jq --arg container "$container" --arg tag "$tag" '
        del(.taskDefinitionArn, .revision, .status, .requiresAttributes, .compatibilities,
            .registeredAt, .registeredBy, .deregisteredAt)
        | .containerDefinitions |= map(
            if .name == $container then .image = (.image | sub(":[^:/]+$"; ":" + $tag)) else . end)' \
    > "$definition"
  aws ecs register-task-definition --cli-input-json "file://$definition" \
    --query taskDefinition.taskDefinitionArn --output text
  rm -f "$definition"
}
