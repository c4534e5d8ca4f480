package io.downtime.incident.rest;

import java.time.Instant;

/**
 * The instants the API accepts: years 1970 to 9999 (UTC), i.e. {@code [1970-01-01T00:00:00Z,
 * 10000-01-01T00:00:00Z)}. Anything else is a client error (400/422), never a database error.
 */
final class InstantBounds {

    /** The earliest accepted instant, inclusive: the epoch. */
    static final Instant MIN = Instant.EPOCH;

    /** The first instant of year 10000: exclusive upper bound. */
    static final Instant MAX_EXCLUSIVE = Instant.parse("+10000-01-01T00:00:00Z");

    /** Human-readable range, for problem details. */
    static final String RANGE = "between 1970-01-01T00:00:00Z and 9999-12-31T23:59:59.999999999Z";

    private InstantBounds() {
    }

    /** @return whether {@code instant} lies in years 1970 to 9999 */
    static boolean contains(Instant instant) {
        return !instant.isBefore(MIN) && instant.isBefore(MAX_EXCLUSIVE);
    }
}
