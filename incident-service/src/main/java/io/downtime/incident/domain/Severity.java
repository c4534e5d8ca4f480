package io.downtime.incident.domain;

/** Incident severity, PagerDuty Events API v2 values (most severe first); JSON/DB as lower case. */
public enum Severity {
    CRITICAL,
    ERROR,
    WARNING,
    INFO
}
