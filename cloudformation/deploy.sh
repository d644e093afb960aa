#!/usr/bin/env bash
# Deploys, removes or reports the bedrock-monitor stacks with the aws CLI.
#
#   cloudformation/deploy.sh deploy [options]   infrastructure -> dashboards -> image -> service
#   cloudformation/deploy.sh delete [options]   service -> dashboards -> infrastructure (buckets are kept)
#   cloudformation/deploy.sh status [options]   stack states, outputs, service tasks, queue depth
#
# Options:
#   --parameters FILE   parameter file (default: cloudformation/parameters.json next to this script)
#   --region REGION     AWS region (default: AWS_REGION / the CLI's configured region)
#   --image-tag TAG     run this already-pushed image tag instead of building and pushing one
#   --skip-service      deploy only the infrastructure and dashboards (no VPC needed)
#   --enable-logging    after deploying, run `bedrock-monitor logging enable` with the stack's outputs
#                       (needs java and target/bedrock-monitor.jar; replaces the region's current logging config)
#
# Needs: aws CLI v2, jq; docker for building the image (or --image-tag); the caller's credentials must
# be allowed to create the resources in the templates (CAPABILITY_IAM).
set -euo pipefail

SCRIPT_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
PROJECT_DIR="$(dirname "$SCRIPT_DIR")"
PARAMETERS="$SCRIPT_DIR/parameters.json"
IMAGE_TAG=""
SKIP_SERVICE=false
ENABLE_LOGGING=false

fail() { echo "deploy.sh: $*" >&2; exit 2; }
note() { echo "==> $*"; }

[[ $# -ge 1 ]] || fail "usage: deploy.sh deploy|delete|status [--parameters FILE] [--region REGION] [--image-tag TAG] [--skip-service] [--enable-logging]"
ACTION="$1"; shift
while [[ $# -gt 0 ]]; do
  case "$1" in
    --parameters) PARAMETERS="${2:?--parameters needs a file}"; shift 2 ;;
    --region) export AWS_REGION="${2:?--region needs a region}"; export AWS_DEFAULT_REGION="$AWS_REGION"; shift 2 ;;
    --image-tag) IMAGE_TAG="${2:?--image-tag needs a tag}"; shift 2 ;;
    --skip-service) SKIP_SERVICE=true; shift ;;
    --enable-logging) ENABLE_LOGGING=true; shift ;;
    *) fail "unknown option $1 (see the header of this script)" ;;
  esac
done

command -v aws >/dev/null || fail "the aws CLI is not installed"
command -v jq >/dev/null || fail "jq is not installed"
[[ -f "$PARAMETERS" ]] || fail "parameter file $PARAMETERS not found"
jq -e '.common.Environment' "$PARAMETERS" >/dev/null || fail "$PARAMETERS has no common.Environment"

ENVIRONMENT="$(jq -r '.common.Environment' "$PARAMETERS")"
INFRA_STACK="bedrock-monitoring-${ENVIRONMENT}-infrastructure"
DASHBOARD_STACK="bedrock-monitoring-${ENVIRONMENT}-dashboards"
SERVICE_STACK="bedrock-monitoring-${ENVIRONMENT}-service"

# Key=Value arguments for one stack: the common section plus the stack's own (empty values are skipped
# so template defaults apply).
overrides() {
  jq -r --arg stack "$1" '(.common + .[$stack]) | to_entries[] | select(.value != "") | "\(.key)=\(.value)"' "$PARAMETERS"
}

stack_output() {
  aws cloudformation describe-stacks --stack-name "$1" \
    --query "Stacks[0].Outputs[?OutputKey=='$2'].OutputValue" --output text
}

stack_status() {
  aws cloudformation describe-stacks --stack-name "$1" --query 'Stacks[0].StackStatus' --output text 2>/dev/null \
    || echo "NOT_DEPLOYED"
}

deploy_stack() {
  local stack="$1" template="$2"; shift 2
  note "deploying $stack ($template)"
  local args=()
  while IFS= read -r pair; do args+=("$pair"); done < <(overrides "$@")
  aws cloudformation deploy \
    --stack-name "$stack" \
    --template-file "$SCRIPT_DIR/$template" \
    --capabilities CAPABILITY_IAM \
    --no-fail-on-empty-changeset \
    --tags "Project=bedrock-monitor" "Environment=$ENVIRONMENT" \
    --parameter-overrides "${args[@]}" "${EXTRA_OVERRIDES[@]}"
}

build_and_push_image() {
  local repository account region registry
  command -v docker >/dev/null || fail "docker is not installed: build and push the image elsewhere and pass --image-tag"
  repository="$(jq -r '.service.EcrRepositoryName // "bedrock-monitor"' "$PARAMETERS")"
  account="$(aws sts get-caller-identity --query Account --output text)"
  region="${AWS_REGION:-$(aws configure get region)}"
  registry="$account.dkr.ecr.$region.amazonaws.com"
  IMAGE_TAG="$(git -C "$PROJECT_DIR" rev-parse --short HEAD 2>/dev/null || date +%Y%m%d%H%M%S)"
  if ! aws ecr describe-repositories --repository-names "$repository" >/dev/null 2>&1; then
    note "creating ECR repository $repository"
    aws ecr create-repository --repository-name "$repository" \
      --image-scanning-configuration scanOnPush=true --encryption-configuration encryptionType=AES256 >/dev/null
  fi
  note "building and pushing $registry/$repository:$IMAGE_TAG"
  aws ecr get-login-password | docker login --username AWS --password-stdin "$registry"
  docker build -t "$registry/$repository:$IMAGE_TAG" "$PROJECT_DIR"
  docker push "$registry/$repository:$IMAGE_TAG"
}

logging_command() {
  echo "java -jar target/bedrock-monitor.jar logging enable" \
    "--bucket $(stack_output "$INFRA_STACK" LogBucketName)" \
    "--log-group $(stack_output "$INFRA_STACK" InvocationLogGroupName)" \
    "--role-arn $(stack_output "$INFRA_STACK" BedrockLoggingRoleArn)"
}

deploy() {
  EXTRA_OVERRIDES=()
  deploy_stack "$INFRA_STACK" bedrock-monitoring-infrastructure.yaml infrastructure
  EXTRA_OVERRIDES=("InfrastructureStackName=$INFRA_STACK")
  deploy_stack "$DASHBOARD_STACK" bedrock-monitoring-dashboards.yaml dashboards
  if [[ "$SKIP_SERVICE" == true ]]; then
    note "skipping the service stack (--skip-service)"
  else
    [[ -n "$(jq -r '.service.VpcId' "$PARAMETERS")" && -n "$(jq -r '.service.SubnetIds' "$PARAMETERS")" ]] \
      || fail "service.VpcId and service.SubnetIds must be set in $PARAMETERS (or pass --skip-service)"
    [[ -n "$(jq -r '.service.SenderEmail' "$PARAMETERS")" ]] || fail "service.SenderEmail must be set in $PARAMETERS"
    [[ -n "$IMAGE_TAG" ]] || build_and_push_image
    EXTRA_OVERRIDES=("InfrastructureStackName=$INFRA_STACK" "ImageTag=$IMAGE_TAG")
    deploy_stack "$SERVICE_STACK" bedrock-monitoring-service.yaml service
  fi
  if [[ "$ENABLE_LOGGING" == true ]]; then
    note "enabling Bedrock model invocation logging"
    (cd "$PROJECT_DIR" && eval "$(logging_command)")
  else
    note "next: point Bedrock's model invocation logging at the stack (once per account and region):"
    echo "    $(logging_command)"
  fi
  status
}

delete() {
  for stack in "$SERVICE_STACK" "$DASHBOARD_STACK" "$INFRA_STACK"; do
    if [[ "$(stack_status "$stack")" != "NOT_DEPLOYED" ]]; then
      note "deleting $stack"
      aws cloudformation delete-stack --stack-name "$stack"
      aws cloudformation wait stack-delete-complete --stack-name "$stack"
    fi
  done
  note "the log and report buckets are retained (DeletionPolicy: Retain); empty and delete them by hand if wanted"
}

status() {
  for stack in "$INFRA_STACK" "$DASHBOARD_STACK" "$SERVICE_STACK"; do
    echo "$stack: $(stack_status "$stack")"
  done
  if [[ "$(stack_status "$INFRA_STACK")" != "NOT_DEPLOYED" ]]; then
    aws cloudformation describe-stacks --stack-name "$INFRA_STACK" \
      --query 'Stacks[0].Outputs[].[OutputKey,OutputValue]' --output table
    aws sqs get-queue-attributes --queue-url "$(stack_output "$INFRA_STACK" QueueUrl)" \
      --attribute-names ApproximateNumberOfMessages ApproximateNumberOfMessagesNotVisible --output table
  fi
  if [[ "$(stack_status "$DASHBOARD_STACK")" != "NOT_DEPLOYED" ]]; then
    aws cloudformation describe-stacks --stack-name "$DASHBOARD_STACK" \
      --query 'Stacks[0].Outputs[].[OutputKey,OutputValue]' --output table
  fi
  if [[ "$(stack_status "$SERVICE_STACK")" != "NOT_DEPLOYED" ]]; then
    aws ecs describe-services --cluster "$(stack_output "$SERVICE_STACK" ClusterName)" \
      --services "$(stack_output "$SERVICE_STACK" ServiceName)" \
      --query 'services[0].{status:status,desired:desiredCount,running:runningCount,pending:pendingCount}' --output table
  fi
}

case "$ACTION" in
  deploy) deploy ;;
  delete) delete ;;
  status) status ;;
  *) fail "unknown action $ACTION (deploy, delete or status)" ;;
esac
