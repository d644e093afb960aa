package org.bedrockmonitor.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

class MonitorRuntimeTest {

    @Test
    void theBundledRouteListNamesEveryRouteFileAndEachIsInTheJarsResources() throws IOException {
        try (Stream<Path> files = Files.list(Path.of("routes"))) {
            assertThat(RouteFiles.BUNDLED).containsExactlyInAnyOrderElementsOf(files
                    .map(file -> file.getFileName().toString())
                    .filter(name -> name.endsWith(".camel.yaml"))
                    .map(name -> name.substring(0, name.length() - ".camel.yaml".length()))
                    .toList());
        }
        for (String route : RouteFiles.BUNDLED) {
            String location = RouteFiles.bundled(route);
            assertThat(getClass().getResource("/" + location.substring("classpath:".length()))).as(location).isNotNull();
        }
    }
}
