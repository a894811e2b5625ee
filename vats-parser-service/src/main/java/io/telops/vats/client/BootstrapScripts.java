package io.telops.vats.client;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads what changes at every MTS redeploy out of the GWT bootstrap scripts, so nothing is hard-coded:
 * the permutation strong name from {@code <module>.nocache.js} and, from {@code <permutation>.cache.js},
 * each service proxy's serialization-policy strong name ({@code ProxyCreator}: the constructor gets the
 * servlet path and the policy name side by side), the application's type signatures and the GWT version.
 */
public final class BootstrapScripts {
    private static final Pattern HASH_LITERAL = Pattern.compile("['\"]([0-9A-F]{32})['\"]");
    private static final Pattern KEYED_PERMUTATION =
            Pattern.compile("unflattenKeylistIntoAnswers\\(\\[([^\\]]*)\\],\\s*['\"]([0-9A-F]{32})['\"]\\)");
    private static final Pattern SIGNATURE = Pattern.compile("ru\\.cti\\.vpbx\\.[\\w.$]+/\\d+");
    private static final Pattern GWT_VERSION = Pattern.compile("\\$gwt_version\\s*=\\s*['\"]([0-9.]+)['\"]");

    private BootstrapScripts() {
    }

    /**
     * The permutation of a single-permutation module is the only 32-hex literal of nocache.js (GWT's
     * linker writes {@code strongName = '<HASH>'}, minified to any name); with several permutations the
     * one keyed by the user agent {@code safari} (what GWT calls Chrome) is taken.
     */
    public static String permutation(String nocacheJs) {
        Set<String> literals = new LinkedHashSet<>();
        Matcher m = HASH_LITERAL.matcher(nocacheJs);
        while (m.find()) {
            literals.add(m.group(1));
        }
        if (literals.size() == 1) {
            return literals.iterator().next();
        }
        Matcher keyed = KEYED_PERMUTATION.matcher(nocacheJs);
        while (keyed.find()) {
            if (keyed.group(1).contains("'safari'") || keyed.group(1).contains("\"safari\"")) {
                return keyed.group(2);
            }
        }
        throw new CabinetException.UnexpectedLayout(literals.isEmpty()
                ? "nocache.js holds no permutation strong name"
                : "nocache.js holds " + literals.size() + " candidate permutations and none is keyed by 'safari'", null);
    }

    /** Policy strong name per servlet path; fails if any wanted service is missing. */
    public static Map<String, String> policies(String cacheJs, Collection<String> servletPaths) {
        Map<String, String> found = new LinkedHashMap<>();
        for (String path : servletPaths) {
            Matcher m = Pattern.compile("['\"]" + Pattern.quote(path) + "['\"]\\s*,\\s*['\"]([0-9A-F]{32})['\"]").matcher(cacheJs);
            if (!m.find()) {
                throw new CabinetException.UnexpectedLayout("cache.js declares no serialization policy for " + path, null);
            }
            found.put(path, m.group(1));
        }
        return found;
    }

    /** The {@code ru.cti.vpbx...} type signatures the compiled client knows, by class name. */
    public static Map<String, String> signatures(String cacheJs) {
        Map<String, String> found = new LinkedHashMap<>();
        Matcher m = SIGNATURE.matcher(cacheJs);
        while (m.find()) {
            String signature = m.group();
            found.put(signature.substring(0, signature.indexOf('/')), signature);
        }
        return found;
    }

    public static Optional<String> gwtVersion(String cacheJs) {
        Matcher m = GWT_VERSION.matcher(cacheJs);
        return m.find() ? Optional.of(m.group(1)) : Optional.empty();
    }
}
