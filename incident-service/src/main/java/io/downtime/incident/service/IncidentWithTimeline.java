package io.downtime.incident.service;

import java.util.List;

import io.downtime.incident.domain.Incident;
import io.downtime.incident.domain.TimelineEntry;

/**
 * An incident with its timeline, oldest entry first.
 */
public record IncidentWithTimeline(Incident incident, List<TimelineEntry> timeline) {
}
