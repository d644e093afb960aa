package org.bedrockmonitor.security;

import java.util.Locale;

/** Classifies CloudTrail user agents into families that people recognise. */
public final class UserAgents {

    public static final String CONSOLE = "console";
    public static final String AWS_CLI = "aws-cli";
    public static final String BOTO3 = "boto3";
    public static final String SDK_JAVA = "aws-sdk-java";
    public static final String SDK_JS = "aws-sdk-js";
    public static final String SDK_GO = "aws-sdk-go";
    public static final String SDK_DOTNET = "aws-sdk-dotnet";
    public static final String SDK_OTHER = "aws-sdk-other";
    public static final String AWS_SERVICE = "aws-service";
    public static final String TERRAFORM = "terraform";
    public static final String CLOUDFORMATION = "cloudformation";
    public static final String UNKNOWN = "unknown";
    public static final String OTHER = "other";

    private UserAgents() {
    }

    public static String family(String userAgent) {
        if (userAgent == null || userAgent.isBlank()) {
            return UNKNOWN;
        }
        String ua = userAgent.toLowerCase(Locale.ROOT);
        if (ua.contains("console.amazonaws.com") || ua.startsWith("aws internal") && ua.contains("console")
                || ua.contains("signin.amazonaws.com")) {
            return CONSOLE;
        }
        if (ua.startsWith("aws-cli/") || ua.contains(" aws-cli/")) {
            return AWS_CLI;
        }
        if (ua.contains("terraform")) {
            return TERRAFORM;
        }
        if (ua.contains("cloudformation.amazonaws.com")) {
            return CLOUDFORMATION;
        }
        if (ua.startsWith("boto3/") || ua.startsWith("botocore/") || ua.contains(" botocore/")) {
            return BOTO3;
        }
        if (ua.contains("aws-sdk-java")) {
            return SDK_JAVA;
        }
        if (ua.contains("aws-sdk-js") || ua.contains("aws-sdk-nodejs")) {
            return SDK_JS;
        }
        if (ua.contains("aws-sdk-go")) {
            return SDK_GO;
        }
        if (ua.contains("aws-sdk-dotnet")) {
            return SDK_DOTNET;
        }
        if (ua.startsWith("aws-sdk-") || ua.contains(" aws-sdk-")) {
            return SDK_OTHER;
        }
        if (ua.equals("aws internal") || ua.endsWith(".amazonaws.com") || ua.startsWith("aws internal")) {
            return AWS_SERVICE;
        }
        return OTHER;
    }
}
