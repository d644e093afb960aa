package org.bedrockmonitor.parse;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Attribution derived from an identity ARN as logged: account, principal type, role or user name and
 * session name. The ARN itself stays the key everywhere; this is for reports.
 *
 * @param type one of {@code iam-user}, {@code assumed-role}, {@code role}, {@code root},
 *             {@code federated-user}, {@code unknown}
 */
public record Principal(String arn, String account, String type, String name, String session) {

    private static final Pattern IAM_ARN = Pattern.compile("^arn:aws[a-z-]*:(iam|sts)::(\\d*|<?[a-z]+>?):(.+)$");

    public static Principal of(String arn) {
        if (arn == null || arn.isBlank()) {
            return new Principal("", "", "unknown", "", "");
        }
        Matcher m = IAM_ARN.matcher(arn);
        if (!m.matches()) {
            return new Principal(arn, "", "unknown", arn, "");
        }
        String account = m.group(2);
        String resource = m.group(3);
        if (resource.equals("root")) {
            return new Principal(arn, account, "root", "root", "");
        }
        if (resource.startsWith("assumed-role/")) {
            String[] parts = resource.split("/", 3);
            return new Principal(arn, account, "assumed-role", parts.length > 1 ? parts[1] : "",
                    parts.length > 2 ? parts[2] : "");
        }
        if (resource.startsWith("federated-user/")) {
            return new Principal(arn, account, "federated-user", resource.substring("federated-user/".length()), "");
        }
        if (resource.startsWith("user/")) {
            return new Principal(arn, account, "iam-user", lastSegment(resource), "");
        }
        if (resource.startsWith("role/")) {
            return new Principal(arn, account, "role", lastSegment(resource), "");
        }
        return new Principal(arn, account, "unknown", resource, "");
    }

    private static String lastSegment(String resource) {
        return resource.substring(resource.lastIndexOf('/') + 1);
    }
}
