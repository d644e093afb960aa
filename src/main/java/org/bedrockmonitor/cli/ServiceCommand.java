package org.bedrockmonitor.cli;

import java.util.Map;
import java.util.concurrent.Callable;

import org.bedrockmonitor.config.MonitorRuntime;
import picocli.CommandLine.Command;

@Command(name = "service", mixinStandardHelpOptions = true,
        description = "Runs the service until stopped (what the jar does with no command).")
final class ServiceCommand implements Callable<Integer> {

    @Override
    public Integer call() throws Exception {
        MonitorRuntime.service(MonitorRuntime.profileFromEnvironment(), Map.of()).runUntilStopped();
        return 0;
    }
}
