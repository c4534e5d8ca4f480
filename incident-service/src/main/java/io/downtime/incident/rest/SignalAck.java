package io.downtime.incident.rest;

import java.util.UUID;

/**
 * Answer to {@code POST /api/v1/signals}.
 *
 * @param id the signal id
 * @param duplicate true (HTTP 200) when the id was already stored and nothing changed; false (HTTP 202) when stored
 */
public record SignalAck(UUID id, boolean duplicate) {
}
