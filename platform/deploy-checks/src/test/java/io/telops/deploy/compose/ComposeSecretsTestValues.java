package io.telops.deploy.compose;

import java.util.HashMap;
import java.util.Map;

/** Values for every secret docker-compose.yml requires from the shell, shaped like real ones (test data only). */
public final class ComposeSecretsTestValues {
    private ComposeSecretsTestValues() {
    }

    /** A new mutable map each call; the hash's "$" must survive interpolation. */
    public static Map<String, String> everySecret() {
        Map<String, String> env = new HashMap<>();
        env.put("TELOPS_SECURITY_USERS_ADMIN_PASSWORD_HASH", "$2a$10$Ey2ttYj/SZrXxm5Z6jAgOuorLGX/6qHfBqAqeE0/ggYKbJq253da.");
        env.put("TELOPS_PROVISIONING_SECRET_KEY", "q6hQ3VbWg1oGmF0m2xw8wJ7nH3uPq1Zr5s9yT2kLd0E=");
        env.put("TELOPS_POSTGRES_PASSWORD", "a-test-password");
        env.put("TELOPS_INGEST_PUSH_SHARED_SECRET", "a-test-push-token");
        env.put("TELOPS_CALLFORWARD_PLIVO_AUTH_TOKEN", "a-test-plivo-auth-token");
        env.put("TELOPS_VATS_PASSWORD", "a-test-cabinet-password");
        return env;
    }
}
