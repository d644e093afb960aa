package org.bedrockmonitor;

import org.bedrockmonitor.cli.Cli;

/** Entry point: no arguments runs the service on the local profile; otherwise a command (see --help). */
public final class Main {

    private Main() {
    }

    public static void main(String[] args) {
        System.exit(Cli.run(args));
    }
}
