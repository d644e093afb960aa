package org.bedrockmonitor.aggregate;

import java.util.Set;

/** Classification of Bedrock runtime error codes. */
public final class ErrorCodes {

    private static final Set<String> SERVER_SIDE = Set.of(
            "InternalServerException", "ServiceUnavailableException", "ModelNotReadyException",
            "ModelTimeoutException", "ModelStreamErrorException", "ModelErrorException",
            "InternalFailure", "ServiceUnavailable");

    private ErrorCodes() {
    }

    /** A 5xx-class failure: the service or the model failed, not the caller. */
    public static boolean isServerSide(String errorCode) {
        return errorCode != null && (SERVER_SIDE.contains(errorCode) || errorCode.startsWith("5"));
    }
}
