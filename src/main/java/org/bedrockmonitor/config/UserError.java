package org.bedrockmonitor.config;

/** A mistake of the operator (a file, a flag, a property), reported as one sentence with no stack trace. */
public class UserError extends RuntimeException {

    public UserError(String message) {
        super(message);
    }
}
