package io.downtime.common.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Set;

import jakarta.json.Json;

import org.junit.jupiter.api.Test;

import io.downtime.common.problem.ProblemException;

class ServiceScopeTest {

    @Test
    void absentClaimIsUnrestricted() {
        ServiceScope scope = ServiceScope.fromClaim(null);
        assertTrue(scope.isUnrestricted());
        assertTrue(scope.allows("dex"));
        assertTrue(scope.allows(null), "objects of every service are for unrestricted callers");
        assertEquals(List.of("a", "b"), scope.filter(List.of("a", "b"), s -> s));
    }

    @Test
    void jsonArrayRestrictsToItsNames() {
        ServiceScope scope = ServiceScope.fromClaim(Json.createArrayBuilder().add("dex").add("bridge").build());
        assertFalse(scope.isUnrestricted());
        assertEquals(Set.of("dex", "bridge"), scope.services().orElseThrow());
        assertTrue(scope.allows("dex"));
        assertFalse(scope.allows("cex"));
        assertFalse(scope.allows(null));
        assertEquals(List.of("dex", "bridge"), scope.filter(List.of("cex", "dex", "bridge", "x"), s -> s));
    }

    @Test
    void malformedClaimAllowsNothing() {
        assertFalse(ServiceScope.fromClaim("dex").allows("dex"));
        assertFalse(ServiceScope.fromClaim(Json.createArrayBuilder().add("dex").add(1).build()).allows("dex"));
        assertFalse(ServiceScope.fromClaim(Json.createObjectBuilder().add("dex", true).build()).allows("dex"));
        assertFalse(ServiceScope.fromClaim(List.of()).allows("dex"));
    }

    @Test
    void refusalsAre404ForObjectsAnd403ForWrites() {
        ServiceScope scope = ServiceScope.of(List.of("dex"));
        ProblemException hidden = assertThrows(ProblemException.class,
                () -> scope.requireVisible("cex", () -> ProblemException.notFound("Incident 7 does not exist.")));
        assertEquals(404, hidden.status());
        assertEquals("Incident 7 does not exist.", hidden.getMessage());
        scope.requireVisible("dex", () -> ProblemException.notFound("unused"));
        assertEquals(403, assertThrows(ProblemException.class, () -> scope.requireWritable("cex")).status());
        assertEquals(403, assertThrows(ProblemException.class, () -> scope.requireWritable(null)).status());
        scope.requireWritable("dex");
        assertEquals(403, assertThrows(ProblemException.class, () -> scope.requireUnrestricted("/api/v1/webhooks")).status());
        ServiceScope.unrestricted().requireUnrestricted("/api/v1/webhooks");
    }
}
