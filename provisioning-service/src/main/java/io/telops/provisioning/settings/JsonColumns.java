package io.telops.provisioning.settings;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;

/** Reads and writes the JSON text columns (settings maps, lines, keys). */
public final class JsonColumns {
    private static final ObjectMapper JSON = JsonMapper.builder().build();

    private JsonColumns() {
    }

    public static Map<String, String> settings(String json) {
        if (json == null || json.isBlank()) {
            return Map.of();
        }
        try {
            return JSON.readValue(json, new TypeReference<LinkedHashMap<String, String>>() { });
        } catch (java.io.IOException e) {
            throw new IllegalStateException("stored settings are not a JSON object", e);
        }
    }

    public static <T> List<T> list(String json, Class<T> type) {
        try {
            return JSON.readValue(json == null || json.isBlank() ? "[]" : json,
                    JSON.getTypeFactory().constructCollectionType(List.class, type));
        } catch (java.io.IOException e) {
            throw new IllegalStateException("stored JSON list is malformed", e);
        }
    }

    public static String write(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
