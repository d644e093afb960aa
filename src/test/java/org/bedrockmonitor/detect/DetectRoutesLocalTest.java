package org.bedrockmonitor.detect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;

import org.apache.camel.BeanInject;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.EndpointInject;
import org.apache.camel.test.main.junit5.CamelMainTest;
import org.bedrockmonitor.aggregate.WindowStats;
import org.bedrockmonitor.config.Json;
import org.junit.jupiter.api.Test;

/**
 * The detection routes in local mode: rollup rows of each object in, closed windows evaluated, the
 * flush at the end of an analysis, notifications written as one JSON file each, and the alert log
 * that analyze copies into summary.json.
 */
@CamelMainTest(mainClass = org.bedrockmonitor.Main.class,
        propertyPlaceholderLocations = {"classpath:detect-local-test.properties", "classpath:application.properties"})
class DetectRoutesLocalTest {

    static final Path OUT = TestFolders.fresh("detect-local");

    @EndpointInject("direct:object-windows")
    ProducerTemplate objects;

    @EndpointInject("direct:detect-flush")
    ProducerTemplate flush;

    @BeanInject("alertLog")
    AlertLog alertLog;

    @Test
    void errorBurstInTheLogsEndsAsNotificationFilesAndInTheAlertLog() throws IOException {
        List<List<WindowStats>> day = new TrafficGenerator(42).objects(TrafficGenerator.MONDAY, AlertEngineScenarioTest.DAY,
                AlertEngineScenarioTest.during(AlertEngineScenarioTest.AT_14, Duration.ofMinutes(30),
                        TrafficGenerator.SONNET, null, profile -> profile.withErrors(0.20)));
        day.forEach(objects::sendBody);
        flush.sendBody(null);

        await().atMost(Duration.ofSeconds(10)).until(() -> notificationFiles().size() >= 2);
        List<AlertNotification> notifications = notificationFiles().stream().map(DetectRoutesLocalTest::read).toList();
        List<AlertNotification> firing = notifications.stream()
                .filter(n -> n.status() == AlertNotification.Status.FIRING).toList();
        assertThat(firing).isNotEmpty().allMatch(n -> TrafficGenerator.SONNET.equals(n.model()));
        assertThat(firing).flatExtracting(AlertNotification::alerts).extracting(Alert::type)
                .contains(AlertTypes.HIGH_ERROR_RATE);
        assertThat(notifications).anyMatch(n -> n.status() == AlertNotification.Status.RESOLVED);
        assertThat(alertLog.raised()).extracting(Alert::type).contains(AlertTypes.HIGH_ERROR_RATE)
                .doesNotContain(AlertTypes.HIGH_ERROR_RATE + Alert.RESOLVED_SUFFIX);
        assertThat(alertLog.raised()).allMatch(alert -> TrafficGenerator.SONNET.equals(alert.model()));
    }

    private static List<Path> notificationFiles() throws IOException {
        Path alerts = OUT.resolve("alerts");
        if (!Files.isDirectory(alerts)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(alerts)) {
            return files.filter(file -> file.toString().endsWith(".json")).toList();
        }
    }

    private static AlertNotification read(Path file) {
        try {
            return Json.MAPPER.readValue(file.toFile(), AlertNotification.class);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
