package org.bedrockmonitor.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

/** The metric cross-check finds metrics in alarms and inside dashboard JSON, and rejects ones the service does not publish. */
class MetricUsageTest {

    private static final String DASHBOARD = """
            Parameters:
              Environment: {Type: String, Default: prod}
              MetricNamespace: {Type: String, Default: Custom/Bedrock}
            Resources:
              Board:
                Type: AWS::CloudWatch::Dashboard
                Properties:
                  DashboardBody: !Sub |
                    {"widgets": [{"type": "metric", "properties": {"title": "t", "metrics": [
                      ["${MetricNamespace}", "InputTokenz", "Environment", "${Environment}", {"stat": "Sum"}],
                      ["${MetricNamespace}", "UniqueUsers", "Environment", "${Environment}", "ModelId", "m", {"stat": "Sum"}],
                      [{"expression": "SEARCH('{${MetricNamespace},Environment,Principal} MetricName=\\"LatencyMs\\" Environment=\\"${Environment}\\"', 'Sum', 300)", "id": "e1"}],
                      [{"expression": "SEARCH('{AWS/Bedrock,ModelId} MetricName=\\"InvocationLatencyMs\\"', 'Sum', 300)", "id": "e2"}],
                      ["AWS/SQS", "ApproximateNumberOfMessagesVisible", "QueueName", "q"]
                    ]}}]}
              Alarm:
                Type: AWS::CloudWatch::Alarm
                Properties:
                  Namespace: !Ref MetricNamespace
                  MetricName: Invocations
                  Dimensions: [{Name: ModelId, Value: m}]
                  ComparisonOperator: GreaterThanThreshold
                  EvaluationPeriods: 1
            """;

    @Test
    void metricsTheServiceDoesNotPublishAreRejected() {
        List<String> problems = new ArrayList<>();
        List<MetricUsage.Use> uses = MetricUsage.collect(Template.parse("fragment.yaml", DASHBOARD), problems);
        assertThat(problems).isEmpty();
        assertThat(uses).hasSize(6);
        assertThat(MetricUsage.check(uses)).containsExactlyInAnyOrder(
                "fragment.yaml: Board widget 0 't': Custom/Bedrock InputTokenz [Environment]: the service publishes no metric of that name",
                "fragment.yaml: Board widget 0 't': Custom/Bedrock UniqueUsers [Environment, ModelId]: the service does not publish it with these dimensions",
                "fragment.yaml: Board widget 0 't' (SEARCH): Custom/Bedrock LatencyMs [Environment, Principal]: the service does not publish it with these dimensions",
                "fragment.yaml: Board widget 0 't' (SEARCH): AWS/Bedrock has no metric InvocationLatencyMs",
                "fragment.yaml: Alarm: Custom/Bedrock Invocations [ModelId]: every service metric carries the Environment dimension");
    }

    @Test
    void aDashboardBodyThatIsNotJsonIsReported() {
        List<String> problems = new ArrayList<>();
        MetricUsage.collect(Template.parse("fragment.yaml", """
                Resources:
                  Board:
                    Type: AWS::CloudWatch::Dashboard
                    Properties:
                      DashboardBody: !Sub '{"widgets": [}'
                """), problems);
        assertThat(problems).singleElement().asString().startsWith("fragment.yaml: Board: DashboardBody is not valid JSON");
    }

    @Test
    void publishedMetricsWithTheirDimensionsPass() {
        assertThat(MetricUsage.check(List.of(
                new MetricUsage.Use("a", "Custom/Bedrock", "EstimatedCostUsd", Set.of("Environment", "Principal")),
                new MetricUsage.Use("b", "Custom/Bedrock", "LatencyMs", Set.of("Environment", "ModelId")),
                new MetricUsage.Use("c", "Custom/Bedrock", "LogObjectsProcessed", Set.of("Environment")),
                new MetricUsage.Use("d", "AWS/Bedrock", "InvocationThrottles", Set.of("ModelId"))))).isEmpty();
    }
}
