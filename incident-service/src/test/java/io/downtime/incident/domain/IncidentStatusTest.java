package io.downtime.incident.domain;

import static io.downtime.incident.domain.IncidentStatus.ACKNOWLEDGED;
import static io.downtime.incident.domain.IncidentStatus.MITIGATED;
import static io.downtime.incident.domain.IncidentStatus.RESOLVED;
import static io.downtime.incident.domain.IncidentStatus.TRIGGERED;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class IncidentStatusTest {

    @Test
    void forwardOnlyAndResolvedIsFinal() {
        assertTrue(TRIGGERED.canBecome(ACKNOWLEDGED));
        assertTrue(TRIGGERED.canBecome(MITIGATED));
        assertTrue(TRIGGERED.canBecome(RESOLVED));
        assertTrue(ACKNOWLEDGED.canBecome(MITIGATED));
        assertTrue(ACKNOWLEDGED.canBecome(RESOLVED));
        assertTrue(MITIGATED.canBecome(RESOLVED));

        assertFalse(ACKNOWLEDGED.canBecome(ACKNOWLEDGED));
        assertFalse(MITIGATED.canBecome(ACKNOWLEDGED));
        assertFalse(MITIGATED.canBecome(MITIGATED));
        for (IncidentStatus s : IncidentStatus.values()) {
            assertFalse(RESOLVED.canBecome(s));
            assertFalse(s.canBecome(TRIGGERED));
        }
    }
}
