# bedrock-monitor container. Build:  docker build -t bedrock-monitor .
# Run (AWS mode, as the ECS task does):  docker run -e MONITOR_PROFILE=aws -e ENVIRONMENT=prod ... bedrock-monitor
# Operators' copies of route files replace the jar's file of the same name (the others stay), and a copy
# of the report templates replaces the image's, by mounting them:
#   -v "$PWD/routes:/app/routes:ro" -v "$PWD/report-templates:/app/report-templates:ro"
# Any jar command works too:  docker run -v "$PWD/logs:/logs" bedrock-monitor analyze /logs --out /app/out/analysis

FROM maven:3.9-eclipse-temurin-17 AS build
WORKDIR /build
COPY pom.xml ./
# Dependencies in their own layer: a source change does not download the world again.
RUN mvn -B -q dependency:go-offline
COPY src ./src
COPY routes ./routes
COPY report-templates ./report-templates
RUN mvn -B -DskipTests package

FROM eclipse-temurin:17-jre
# curl for the HEALTHCHECK (and the ECS container health check, which runs the same command)
RUN apt-get update \
    && apt-get install -y --no-install-recommends curl \
    && rm -rf /var/lib/apt/lists/* \
    && groupadd --system --gid 10001 monitor \
    && useradd --system --uid 10001 --gid monitor --home-dir /app --shell /usr/sbin/nologin monitor
WORKDIR /app
COPY --from=build /build/target/bedrock-monitor.jar ./bedrock-monitor.jar
# Each ./routes/<name>.camel.yaml replaces the jar's file of that name (config.RouteFiles): the copies here
# are the jar's, for operators to start from; report templates are read from ./report-templates.
COPY --from=build /build/routes ./routes
COPY --from=build /build/report-templates ./report-templates
# out/ holds local state and the local-profile sinks, data/inbox is the folder the local profile watches;
# they are the only folders the service writes (any profile starts with the image's defaults).
RUN mkdir -p /app/out /app/data/inbox && chown -R monitor:monitor /app/out /app/data
# The serial collector: what the JVM picks by itself on the default task (1 vCPU), pinned for the larger
# ones too. On two cores it ran analyze of 1 GB about 10% faster than G1 with less CPU (the work is
# allocation-heavy batches on a small heap, with no pause-time goal; see the README's Performance section).
ENV JAVA_TOOL_OPTIONS="-XX:MaxRAMPercentage=75 -XX:+ExitOnOutOfMemoryError -XX:+UseSerialGC"
# Class-data sharing: a training run (the demo) archives the classes a run loads, so that every start
# maps them instead of reading and verifying them from the jar again (about 0.7 s of a 2.6 s start,
# see the README's Performance section). A JVM that cannot use the archive warns and starts without it.
RUN java -XX:ArchiveClassesAtExit=/app/bedrock-monitor.jsa -jar /app/bedrock-monitor.jar demo --out /tmp/cds-training \
    && rm -rf /tmp/cds-training
USER 10001:10001
EXPOSE 8080
HEALTHCHECK --interval=30s --timeout=5s --start-period=60s --retries=3 \
    CMD curl -fsS http://localhost:8080/observe/health || exit 1
ENTRYPOINT ["java", "-XX:SharedArchiveFile=/app/bedrock-monitor.jsa", "-jar", "/app/bedrock-monitor.jar"]
