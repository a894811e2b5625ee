package io.telops.deploy.config;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.Locale;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * The configuration keys a service needs from its deployment: every @ConfigMapping leaf of its main sources
 * that is required (no @WithDefault, not Optional) and has no value in the default profile of its
 * application.properties, plus the keys the service enforces in code (declared by the catalog).
 */
public final class RequiredConfig {
    private RequiredConfig() {
    }

    /**
     * Required keys derived from a module directory (src/main/java mappings, src/main/resources properties): the
     * required mapping leaves, and the secrets the service names in telops.security.secrets, which platform/security's
     * SecretsCheck refuses to start without outside dev and test.
     */
    public static Set<String> derived(Path module) {
        Path properties = module.resolve("src/main/resources/application.properties");
        Set<String> defaults = defaultProfileKeys(properties);
        Set<String> required = new TreeSet<>();
        for (MappingKeys.Key key : mappingKeys(module.resolve("src/main/java"))) {
            if (key.required() && !defaults.contains(key.name())) {
                required.add(key.name());
            }
        }
        required.addAll(namedSecrets(properties));
        return required;
    }

    /** The property names listed in the default profile's telops.security.secrets (comma-separated). */
    public static Set<String> namedSecrets(Path properties) {
        Properties p = new Properties();
        try (Reader reader = Files.newBufferedReader(properties)) {
            p.load(reader);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Set<String> names = new TreeSet<>();
        for (String name : p.getProperty("telops.security.secrets", "").split(",")) {
            if (!name.isBlank()) {
                names.add(name.strip());
            }
        }
        return names;
    }

    /** Every key the module's @ConfigMapping interfaces declare, required or not. */
    public static Set<MappingKeys.Key> mappingKeys(Path javaSources) {
        Set<MappingKeys.Key> keys = new java.util.LinkedHashSet<>();
        if (!Files.isDirectory(javaSources)) {
            return keys;
        }
        try (Stream<Path> files = Files.walk(javaSources)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                MappingKeys.read(Files.readString(file)).ifPresent(keys::addAll);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return keys;
    }

    /** Keys with a value in the default profile (no "%profile." prefix). */
    public static Set<String> defaultProfileKeys(Path properties) {
        Set<String> keys = new TreeSet<>();
        Properties p = new Properties();
        try (Reader reader = Files.newBufferedReader(properties)) {
            p.load(reader);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        p.stringPropertyNames().stream().filter(k -> !k.startsWith("%")).forEach(keys::add);
        return keys;
    }

    /** The required keys whose env form (MicroProfile Config rule) is not among the given variable names. */
    public static Set<String> missing(Collection<String> requiredKeys, Set<String> environmentNames) {
        Set<String> missing = new TreeSet<>();
        requiredKeys.stream().filter(k -> !environmentNames.contains(envForm(k))).forEach(missing::add);
        return missing;
    }

    public static String envForm(String key) {
        StringBuilder out = new StringBuilder();
        for (char c : key.toCharArray()) {
            out.append(Character.isLetterOrDigit(c) ? c : '_');
        }
        return out.toString().toUpperCase(Locale.ROOT);
    }
}
