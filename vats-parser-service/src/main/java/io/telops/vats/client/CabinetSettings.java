package io.telops.vats.client;

import java.net.URI;
import java.time.Duration;
import java.util.Optional;

/** What the client needs to reach one cabinet account. {@link #toString()} hides the password. */
public record CabinetSettings(URI baseUrl, Optional<String> username, Optional<String> password,
                              Optional<Long> contractId, String module, Duration connectTimeout,
                              Duration requestTimeout, int deviceFormOrdinal, int pageSize, int maxPages) {

    /** {@code https://vpbx.mts.ru/vpbxGwt/}: the GWT module base. */
    public String moduleBaseUrl() {
        return base() + module + "/";
    }

    /** Base URL with a trailing slash. */
    public String base() {
        String s = baseUrl.toString();
        return s.endsWith("/") ? s : s + "/";
    }

    /** The username with its middle hidden, for logs. */
    public String maskedUsername() {
        return username.map(u -> u.length() <= 4 ? "***" : u.substring(0, 2) + "***" + u.substring(u.length() - 2))
                .orElse("<none>");
    }

    @Override
    public String toString() {
        return "CabinetSettings[baseUrl=" + baseUrl + ", username=" + maskedUsername() + ", contractId=" + contractId
                + ", module=" + module + "]";
    }
}
