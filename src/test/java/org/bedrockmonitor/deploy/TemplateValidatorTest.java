package org.bedrockmonitor.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The schema validator rejects what CloudFormation would reject, so a broken template fails the build. */
class TemplateValidatorTest {

    private final TemplateValidator validator = new TemplateValidator(ResourceSpec.shared());

    private List<String> validate(String yaml) {
        return validator.validate(Template.parse("fragment.yaml", yaml));
    }

    @Test
    void aMisspeltPropertyIsRejected() {
        assertThat(validate("""
                Resources:
                  Queue:
                    Type: AWS::SQS::Queue
                    Properties:
                      VisibilityTimout: 300
                """)).containsExactly(
                "fragment.yaml: Resources.Queue.Properties.VisibilityTimout: unknown property of AWS::SQS::Queue");
    }

    @Test
    void aMisspeltPropertyOfANestedPropertyTypeIsRejected() {
        assertThat(validate("""
                Resources:
                  Bucket:
                    Type: AWS::S3::Bucket
                    Properties:
                      PublicAccessBlockConfiguration:
                        BlockPublicAcl: true
                """)).containsExactly("fragment.yaml: Resources.Bucket.Properties.PublicAccessBlockConfiguration.BlockPublicAcl:"
                + " unknown property of property type PublicAccessBlockConfiguration");
    }

    @Test
    void aPropertyTheOldCfnLintSpecLacksIsAccepted() {
        assertThat(validate("""
                Resources:
                  Queue:
                    Type: AWS::SQS::Queue
                    Properties:
                      SqsManagedSseEnabled: true
                """)).isEmpty();
    }

    @Test
    void missingRequiredPropertiesAreReported() {
        assertThat(validate("""
                Resources:
                  Policy:
                    Type: AWS::S3::BucketPolicy
                    Properties:
                      Bucket: logs
                """)).containsExactly(
                "fragment.yaml: Resources.Policy.Properties.PolicyDocument: required property of AWS::S3::BucketPolicy is missing");
    }

    @Test
    void valuesOfTheWrongShapeAreReported() {
        assertThat(validate("""
                Resources:
                  Queue:
                    Type: AWS::SQS::Queue
                    Properties:
                      VisibilityTimeout: five minutes
                      FifoQueue: maybe
                      Tags: {Environment: prod}
                """)).containsExactlyInAnyOrder(
                "fragment.yaml: Resources.Queue.Properties.VisibilityTimeout: expected an integer, got 'five minutes'",
                "fragment.yaml: Resources.Queue.Properties.FifoQueue: expected a boolean, got 'maybe'",
                "fragment.yaml: Resources.Queue.Properties.Tags: expected a list, got a mapping");
    }

    @Test
    void anUnknownResourceTypeIsReported() {
        assertThat(validate("""
                Resources:
                  Queue:
                    Type: AWS::SQS::Queu
                """)).containsExactly("fragment.yaml: Resources.Queue.Type: unknown resource type AWS::SQS::Queu");
    }

    @Test
    void referencesMustNameSomethingTheTemplateDefines() {
        assertThat(validate("""
                Parameters:
                  Environment: {Type: String}
                Conditions:
                  IsProd: !Equals [!Ref Environment, prod]
                Resources:
                  Queue:
                    Type: AWS::SQS::Queue
                    Properties:
                      QueueName: !Sub "${Environmnet}-${AWS::Region}-${Queue.Arn}"
                      DelaySeconds: !If [IsProduction, 0, !Ref AWS::NoValue]
                      KmsMasterKeyId: !Ref Key
                      RedrivePolicy:
                        deadLetterTargetArn: !GetAtt Queue.Url
                        maxReceiveCount: !FindInMap [Limits, !Ref Environment, Receives]
                """)).containsExactlyInAnyOrder(
                "fragment.yaml: Resources.Queue.Properties.QueueName ${Environmnet}: Ref to Environmnet, which is no parameter, resource or pseudo parameter",
                "fragment.yaml: Resources.Queue.Properties.DelaySeconds: no condition named IsProduction",
                "fragment.yaml: Resources.Queue.Properties.KmsMasterKeyId: Ref to Key, which is no parameter, resource or pseudo parameter",
                "fragment.yaml: Resources.Queue.Properties.RedrivePolicy.deadLetterTargetArn: AWS::SQS::Queue has no attribute Url (it has Arn, QueueName, QueueUrl)",
                "fragment.yaml: Resources.Queue.Properties.RedrivePolicy.maxReceiveCount: no mapping named Limits");
    }

    @Test
    void anUnusedParameterIsReported() {
        assertThat(validate("""
                Parameters:
                  Used: {Type: String}
                  Forgotten: {Type: String}
                Resources:
                  Topic:
                    Type: AWS::SNS::Topic
                    Properties:
                      TopicName: !Sub "${Used}-alerts"
                """)).containsExactly("fragment.yaml: Parameters.Forgotten: declared but never used");
    }

    @Test
    void everyShortFormTagIsReadAsItsLongForm() {
        Template template = Template.parse("tags.yaml", """
                AWSTemplateFormatVersion: 2010-09-09
                Resources:
                  R:
                    Type: AWS::SNS::Topic
                    Properties:
                      A: !Ref X
                      B: !GetAtt Res.Some.Attr
                      C: !Sub "${X}"
                      D: !If [C, 1, 2]
                      E: !Equals [a, b]
                      F: !Join ["", [a, b]]
                      G: !Select [0, !Split [",", "a,b"]]
                      H: !FindInMap [M, k, v]
                      I: !ImportValue exported
                      J: !Not [!Condition C]
                      K: !And [!Condition C, !Or [!Condition C, !Condition D]]
                      L: !Base64 text
                      N: !GetAZs ""
                """);
        assertThat(template.root.get("AWSTemplateFormatVersion")).isEqualTo("2010-09-09");
        Map<String, Object> properties = template.properties("R");
        assertThat(properties.get("A")).isEqualTo(Map.of("Ref", "X"));
        assertThat(properties.get("B")).isEqualTo(Map.of("Fn::GetAtt", List.of("Res", "Some.Attr")));
        assertThat(properties.get("C")).isEqualTo(Map.of("Fn::Sub", "${X}"));
        assertThat(properties.get("D")).isEqualTo(Map.of("Fn::If", List.of("C", 1, 2)));
        assertThat(properties.get("E")).isEqualTo(Map.of("Fn::Equals", List.of("a", "b")));
        assertThat(properties.get("F")).isEqualTo(Map.of("Fn::Join", List.of("", List.of("a", "b"))));
        assertThat(properties.get("G")).isEqualTo(Map.of("Fn::Select", List.of(0, Map.of("Fn::Split", List.of(",", "a,b")))));
        assertThat(properties.get("H")).isEqualTo(Map.of("Fn::FindInMap", List.of("M", "k", "v")));
        assertThat(properties.get("I")).isEqualTo(Map.of("Fn::ImportValue", "exported"));
        assertThat(properties.get("J")).isEqualTo(Map.of("Fn::Not", List.of(Map.of("Condition", "C"))));
        assertThat(properties.get("K")).isEqualTo(Map.of("Fn::And", List.of(Map.of("Condition", "C"),
                Map.of("Fn::Or", List.of(Map.of("Condition", "C"), Map.of("Condition", "D"))))));
        assertThat(properties.get("L")).isEqualTo(Map.of("Fn::Base64", "text"));
        assertThat(properties.get("N")).isEqualTo(Map.of("Fn::GetAZs", ""));
    }

    @Test
    void withoutTheSchemaFileTheCheckFailsAndSaysHowToGetIt(@TempDir Path empty) {
        assertThatThrownBy(() -> ResourceSpec.load(empty.resolve("db.json.gz")))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("run `npm ci`");
    }
}
