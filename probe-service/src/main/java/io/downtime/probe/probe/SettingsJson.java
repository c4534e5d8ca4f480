package io.downtime.probe.probe;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * JSON text of the kind-specific settings stored in the {@code target} table ({@code http_settings},
 * {@code websocket_settings}, {@code contract_settings}): the {@link TargetSpec} records, unknown fields ignored.
 */
public final class SettingsJson {

    private static final ObjectMapper MAPPER = new ObjectMapper()
            .setSerializationInclusion(JsonInclude.Include.NON_NULL)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    private SettingsJson() {
    }

    /** The JSON text of {@code value}, or null for null. */
    public static String write(Object value) {
        try {
            return value == null ? null : MAPPER.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialize " + value.getClass().getSimpleName(), e);
        }
    }

    /**
     * @return the settings read from {@code json}, or null for null
     * @throws IllegalStateException when the stored text is not the expected shape (a corrupted row)
     */
    public static <T> T read(String json, Class<T> type) {
        try {
            return json == null ? null : MAPPER.readValue(json, type);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored " + type.getSimpleName() + " settings are not valid JSON", e);
        }
    }
}
