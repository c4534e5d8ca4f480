package io.downtime.incident.repository;

import java.util.Collection;

import io.vertx.core.json.JsonArray;

/**
 * Lists bound to native SQL as one JSON text parameter, read in SQL with
 * {@code jsonb_array_elements_text(cast(cast(:p as text) as jsonb))}: one statement text for any list length, so
 * PostgreSQL's prepared statement and Hibernate's query plan are reused (an {@code in (:list)} expands to a new text
 * per length).
 */
final class JsonParams {

    private JsonParams() {
    }

    /** @return {@code values} as a JSON array of strings ({@link String#valueOf(Object)} of each) */
    static String strings(Collection<?> values) {
        JsonArray array = new JsonArray();
        values.forEach(v -> array.add(String.valueOf(v)));
        return array.encode();
    }
}
