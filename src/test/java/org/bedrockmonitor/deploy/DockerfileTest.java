package org.bedrockmonitor.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import org.junit.jupiter.api.Test;

/**
 * Docker cannot run here, so the image definition is checked as text: the stages and base images, a
 * non-root user, and that port, health check and start command agree with the ECS task definition.
 */
class DockerfileTest {

    static List<String> instructions() throws IOException {
        List<String> instructions = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        for (String line : Files.readAllLines(Path.of("Dockerfile"))) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            current.append(line.strip());
            if (line.endsWith("\\")) {
                current.setLength(current.length() - 1);
                current.append(' ');
            } else {
                instructions.add(current.toString().replaceAll("\\s+", " "));
                current.setLength(0);
            }
        }
        return instructions;
    }

    @Test
    void buildsWithMavenAndRunsOnTheJreAsANonRootUser() throws IOException {
        List<String> instructions = instructions();
        assertThat(instructions).filteredOn(i -> i.startsWith("FROM ")).containsExactly(
                "FROM maven:3.9-eclipse-temurin-17 AS build", "FROM eclipse-temurin:17-jre");
        assertThat(instructions).contains("RUN mvn -B -DskipTests package", "WORKDIR /app", "EXPOSE 8080",
                "ENTRYPOINT [\"java\", \"-XX:SharedArchiveFile=/app/bedrock-monitor.jsa\", \"-jar\", \"/app/bedrock-monitor.jar\"]");
        assertThat(instructions).filteredOn(i -> i.startsWith("USER ")).singleElement().asString()
                .doesNotContain("root").doesNotContain(" 0");
        assertThat(instructions).anySatisfy(i -> assertThat(i).startsWith("COPY --from=build /build/routes"))
                .anySatisfy(i -> assertThat(i).startsWith("COPY --from=build /build/report-templates"));
    }

    @Test
    void theClassArchiveTheEntrypointMapsIsWrittenByATrainingRunBeforeTheUserChanges() throws IOException {
        List<String> instructions = instructions();
        int training = -1;
        for (int i = 0; i < instructions.size(); i++) {
            if (instructions.get(i).contains("-XX:ArchiveClassesAtExit=/app/bedrock-monitor.jsa -jar /app/bedrock-monitor.jar demo")) {
                training = i;
            }
        }
        int user = instructions.indexOf(instructions.stream().filter(i -> i.startsWith("USER ")).findFirst().orElseThrow());
        assertThat(training).as("training run").isGreaterThan(0).isLessThan(user);
        assertThat(instructions.get(training)).startsWith("RUN java ");
        // the archive is made under the JVM options it is used with (the collector among them)
        int options = instructions.indexOf(instructions.stream().filter(i -> i.startsWith("ENV JAVA_TOOL_OPTIONS=")).findFirst().orElseThrow());
        assertThat(options).isLessThan(training);
        assertThat(instructions.get(options)).contains("-XX:+UseSerialGC", "-XX:+ExitOnOutOfMemoryError");
    }

    @Test
    void healthCheckAndPortMatchTheEcsTaskDefinition() throws IOException {
        String dockerHealthCheck = instructions().stream().filter(i -> i.startsWith("HEALTHCHECK ")).findFirst().orElseThrow();
        assertThat(dockerHealthCheck).contains("CMD curl -fsS http://localhost:8080/observe/health || exit 1");

        Template service = Template.load(Path.of("cloudformation", "bedrock-monitoring-service.yaml"));
        Map<String, Object> container = Template.map(
                Template.list(service.properties("TaskDefinition").get("ContainerDefinitions")).get(0));
        List<Object> ecsHealthCheck = Template.list(Template.map(container.get("HealthCheck")).get("Command"));
        assertThat(ecsHealthCheck).containsExactly("CMD-SHELL", "curl -fsS http://localhost:8080/observe/health || exit 1");
        assertThat(Template.list(container.get("PortMappings"))).singleElement()
                .satisfies(port -> assertThat(Template.map(port).get("ContainerPort")).isEqualTo(8080));
    }

    /** Any profile starts with the defaults: the folders they write must exist and belong to the image's user. */
    @Test
    void theFoldersTheDefaultsWriteToAreCreatedForTheServiceUserBeforeItTakesOver() throws IOException {
        Properties defaults = new Properties();
        try (var in = Files.newBufferedReader(Path.of("src/main/resources/application.properties"))) {
            defaults.load(in);
        }
        List<String> instructions = instructions();
        int user = instructions.indexOf(instructions.stream().filter(i -> i.startsWith("USER ")).findFirst().orElseThrow());
        String folders = instructions.stream().filter(i -> i.startsWith("RUN mkdir -p ")).findFirst().orElseThrow();
        assertThat(instructions.indexOf(folders)).isLessThan(user);
        assertThat(folders).contains("/app/" + defaults.getProperty("monitor.local.inbox"),
                "/app/" + defaults.getProperty("monitor.out.dir"), "chown -R monitor:monitor");
        assertThat(defaults.getProperty("monitor.store.dir")).isEqualTo("{{monitor.out.dir}}");
        assertThat(defaults.getProperty("monitor.health.enabled")).isEqualTo("true");
    }

    @Test
    void theBuildContextHoldsEverythingTheBuildStageCopies() throws IOException {
        List<String> allowed = Files.readAllLines(Path.of(".dockerignore")).stream()
                .filter(line -> line.startsWith("!")).map(line -> line.substring(1).replaceAll("/$", "")).toList();
        List<String> copied = instructions().stream()
                .filter(i -> i.startsWith("COPY ") && !i.startsWith("COPY --from"))
                .map(i -> i.split(" ")[1].replaceAll("^\\./", "")).toList();
        assertThat(copied).isNotEmpty();
        assertThat(allowed).containsAll(copied);
    }
}
