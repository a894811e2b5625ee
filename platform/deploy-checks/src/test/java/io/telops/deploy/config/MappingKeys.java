package io.telops.deploy.config;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.ConfigMappingInterface.Property;
import io.smallrye.config.ConfigMappings;
import io.smallrye.config.ConfigMappings.ConfigClass;

/**
 * The configuration keys of a module's @ConfigMapping interfaces, read from its compiled classes by SmallRye
 * Config itself ({@code ConfigMappings.getProperties}), so groups, inheritance, naming and defaults are what
 * Quarkus resolves. A key is required when it has no default and is not Optional; a map's entries are the
 * operator's choice, so a map is one key that is never required. Lives beside the tests because smallrye-config
 * is a test dependency of this module.
 */
public final class MappingKeys {
    /** SmallRye's name for any map key or list index in a property name. */
    private static final String ANY_MAP_KEY = ".*";
    private static final String ANY_INDEX = "[*]";
    private static final byte[] ANNOTATION = "Lio/smallrye/config/ConfigMapping;".getBytes(StandardCharsets.UTF_8);
    private static final Map<Path, Set<Key>> BY_CLASSES = new ConcurrentHashMap<>();

    /** One key: its full name and whether the mapping demands a value. */
    public record Key(String name, boolean required) {
    }

    private MappingKeys() {
    }

    /** Every key the @ConfigMapping interfaces compiled into {@code classes} declare, required or not. */
    public static Set<Key> of(Path classes) {
        return BY_CLASSES.computeIfAbsent(classes.toAbsolutePath().normalize(), MappingKeys::read);
    }

    /**
     * Required keys of a module directory: the required mapping leaves of target/classes without a value in the
     * default profile of src/main/resources/application.properties, and the secrets the service names in
     * telops.security.secrets, which platform/security's SecretsCheck refuses to start without outside dev and test.
     */
    public static Set<String> required(Path module) {
        Path properties = module.resolve("src/main/resources/application.properties");
        Set<String> defaults = RequiredConfig.defaultProfileKeys(properties);
        Set<String> required = new TreeSet<>();
        for (Key key : of(module.resolve("target/classes"))) {
            if (key.required() && !defaults.contains(key.name())) {
                required.add(key.name());
            }
        }
        required.addAll(RequiredConfig.namedSecrets(properties));
        return required;
    }

    /** The keys of one mapping interface, as SmallRye Config names them. */
    public static Set<Key> of(Class<?> mapping) {
        ConfigMapping annotation = mapping.getAnnotation(ConfigMapping.class);
        if (annotation == null) {
            throw new IllegalArgumentException(mapping.getName() + " is not a @ConfigMapping");
        }
        Map<String, Boolean> keys = new TreeMap<>();
        ConfigMappings.getProperties(ConfigClass.configClass(mapping, annotation.prefix())).forEach((name, property) -> {
            if (name.endsWith(ANY_INDEX)) {
                return; // the indexed spelling of a list whose plain key is listed too
            }
            int mapKey = name.indexOf(ANY_MAP_KEY);
            if (mapKey >= 0) {
                keys.put(name.substring(0, mapKey), false);
            } else {
                keys.merge(name, required(property), Boolean::logicalOr);
            }
        });
        Set<Key> out = new TreeSet<>(Comparator.comparing(Key::name));
        keys.forEach((name, required) -> out.add(new Key(name, required)));
        return out;
    }

    private static boolean required(Property property) {
        Class<?> type = property.getMethod().getReturnType();
        boolean optional = property.isOptional() || type == Optional.class || type == OptionalInt.class
                || type == OptionalLong.class || type == OptionalDouble.class;
        return !optional && !property.hasDefaultValue() && !property.isMap();
    }

    private static Set<Key> read(Path classes) {
        if (!Files.isDirectory(classes)) {
            throw new IllegalStateException(classes + " does not exist: compile the module first (the reactor builds the"
                    + " services before deploy-checks; alone: ./mvnw -pl <service> compile)");
        }
        Set<Key> keys = new TreeSet<>(Comparator.comparing(Key::name));
        // the loader stays open: SmallRye may still define mapping implementations in it
        ClassLoader loader = new URLClassLoader(new URL[] { url(classes) }, MappingKeys.class.getClassLoader());
        try (Stream<Path> files = Files.walk(classes)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".class")).sorted().toList()) {
                if (mentionsConfigMapping(file)) {
                    Class<?> type = load(loader, classes.relativize(file));
                    if (type.isInterface() && type.isAnnotationPresent(ConfigMapping.class)) {
                        keys.addAll(of(type));
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return keys;
    }

    /** Cheap filter before loading: an annotated class names the annotation in its constant pool. */
    private static boolean mentionsConfigMapping(Path classFile) throws IOException {
        byte[] bytes = Files.readAllBytes(classFile);
        outer:
        for (int i = 0; i <= bytes.length - ANNOTATION.length; i++) {
            for (int j = 0; j < ANNOTATION.length; j++) {
                if (bytes[i + j] != ANNOTATION[j]) {
                    continue outer;
                }
            }
            return true;
        }
        return false;
    }

    private static Class<?> load(ClassLoader loader, Path relative) {
        String name = relative.toString().replace(relative.getFileSystem().getSeparator(), ".").replaceAll("\\.class$", "");
        try {
            return Class.forName(name, false, loader);
        } catch (ClassNotFoundException | LinkageError e) {
            throw new IllegalStateException("cannot load " + name + " to read its @ConfigMapping keys", e);
        }
    }

    private static URL url(Path classes) {
        try {
            return classes.toUri().toURL();
        } catch (MalformedURLException e) {
            throw new IllegalArgumentException(classes.toString(), e);
        }
    }
}
