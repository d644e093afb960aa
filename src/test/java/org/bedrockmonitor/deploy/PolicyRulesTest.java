package org.bedrockmonitor.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

/** The security rules reject wildcard grants and unprotected buckets, queues, topics and log groups. */
class PolicyRulesTest {

    private static List<String> check(String yaml) {
        return PolicyRules.check(Template.parse("fragment.yaml", yaml));
    }

    @Test
    void wildcardActionsInAllowStatementsAreRejected() {
        assertThat(check("""
                Resources:
                  Role:
                    Type: AWS::IAM::Role
                    Properties:
                      AssumeRolePolicyDocument:
                        Statement:
                          - {Effect: Allow, Principal: {Service: ecs-tasks.amazonaws.com}, Action: sts:AssumeRole}
                      Policies:
                        - PolicyName: too-broad
                          PolicyDocument:
                            Statement:
                              - {Effect: Allow, Action: "*", Resource: "*"}
                              - {Effect: Allow, Action: [s3:GetObject, "sqs:*"], Resource: "*"}
                              - {Effect: Allow, Action: "kms:Get*", Resource: "*"}
                              - {Effect: Allow, NotAction: iam:CreateUser, Resource: "*"}
                """)).containsExactly(
                "fragment.yaml: Resources.Role.Properties.Policies[0].PolicyDocument.Statement[0]: wildcard action * (name the exact actions)",
                "fragment.yaml: Resources.Role.Properties.Policies[0].PolicyDocument.Statement[1]: wildcard action sqs:* (name the exact actions)",
                "fragment.yaml: Resources.Role.Properties.Policies[0].PolicyDocument.Statement[2]: wildcard action kms:Get* (name the exact actions)",
                "fragment.yaml: Resources.Role.Properties.Policies[0].PolicyDocument.Statement[3]: Allow with NotAction grants every other action");
    }

    @Test
    void aTlsOnlyDenyMayCoverEveryAction() {
        assertThat(check("""
                Resources:
                  Bucket:
                    Type: AWS::S3::Bucket
                    Properties:
                      BucketEncryption:
                        ServerSideEncryptionConfiguration:
                          - ServerSideEncryptionByDefault: {SSEAlgorithm: AES256}
                      PublicAccessBlockConfiguration:
                        {BlockPublicAcls: true, BlockPublicPolicy: true, IgnorePublicAcls: true, RestrictPublicBuckets: true}
                  BucketPolicy:
                    Type: AWS::S3::BucketPolicy
                    Properties:
                      Bucket: !Ref Bucket
                      PolicyDocument:
                        Statement:
                          - Effect: Deny
                            Principal: "*"
                            Action: s3:*
                            Resource: [!GetAtt Bucket.Arn, !Sub "${Bucket.Arn}/*"]
                            Condition: {Bool: {aws:SecureTransport: "false"}}
                """)).isEmpty();
    }

    @Test
    void anUnprotectedBucketIsRejected() {
        assertThat(check("""
                Resources:
                  Bucket:
                    Type: AWS::S3::Bucket
                    Properties:
                      PublicAccessBlockConfiguration: {BlockPublicAcls: true, BlockPublicPolicy: false}
                  PublicRead:
                    Type: AWS::S3::BucketPolicy
                    Properties:
                      Bucket: !Ref Bucket
                      PolicyDocument:
                        Statement:
                          - {Effect: Allow, Principal: "*", Action: s3:GetObject, Resource: !Sub "${Bucket.Arn}/*"}
                """)).containsExactly(
                "fragment.yaml: Resources.PublicRead.Properties.PolicyDocument.Statement[0]: allows anyone (Principal *) without a condition",
                "fragment.yaml: Resources.Bucket: bucket has no default encryption (BucketEncryption)",
                "fragment.yaml: Resources.Bucket: public access not blocked (PublicAccessBlockConfiguration.BlockPublicPolicy)",
                "fragment.yaml: Resources.Bucket: public access not blocked (PublicAccessBlockConfiguration.IgnorePublicAcls)",
                "fragment.yaml: Resources.Bucket: public access not blocked (PublicAccessBlockConfiguration.RestrictPublicBuckets)",
                "fragment.yaml: Resources.Bucket: no bucket policy denies requests without TLS (aws:SecureTransport false)");
    }

    @Test
    void queuesNeedEncryptionAndADeadLetterQueue() {
        assertThat(check("""
                Resources:
                  Lonely:
                    Type: AWS::SQS::Queue
                  Work:
                    Type: AWS::SQS::Queue
                    Properties:
                      SqsManagedSseEnabled: true
                      RedrivePolicy: {deadLetterTargetArn: !GetAtt Dead.Arn, maxReceiveCount: 5}
                  Dead:
                    Type: AWS::SQS::Queue
                    Properties: {SqsManagedSseEnabled: true}
                """)).containsExactly(
                "fragment.yaml: Resources.Lonely: queue is not encrypted (SqsManagedSseEnabled or KmsMasterKeyId)",
                "fragment.yaml: Resources.Lonely: queue has no dead-letter queue (RedrivePolicy) and is no other queue's DLQ");
    }

    @Test
    void topicsAndLogGroupsNeedEncryptionAndRetention() {
        assertThat(check("""
                Resources:
                  Topic:
                    Type: AWS::SNS::Topic
                  Logs:
                    Type: AWS::Logs::LogGroup
                """)).containsExactly(
                "fragment.yaml: Resources.Topic: topic is not encrypted (KmsMasterKeyId)",
                "fragment.yaml: Resources.Logs: log group is not encrypted with the stack's key (KmsKeyId)",
                "fragment.yaml: Resources.Logs: log group keeps logs forever (RetentionInDays)");
    }
}
