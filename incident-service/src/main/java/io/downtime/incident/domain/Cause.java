package io.downtime.incident.domain;

import java.util.Map;

/**
 * Cause category of an outage/incident, from the domain of crypto infrastructure (see /work DESIGN "Incident
 * semantics"). Suggested from the signals' reasons by {@link #suggestedFor(String)} (mapping agreed in the issue-4
 * contracts), settable by a human.
 */
public enum Cause {
    TECHNICAL_FAILURE,
    NETWORK_CONGESTION,
    SECURITY_INCIDENT,
    MAINTENANCE,
    SMART_CONTRACT,
    CONSENSUS_DISRUPTION,
    DEPENDENCY,
    UNKNOWN;

    private static final Map<String, Cause> BY_REASON = Map.of(
            "chain_halted", CONSENSUS_DISRUPTION,
            "finality_stalled", CONSENSUS_DISRUPTION,
            "contract_paused", SMART_CONTRACT,
            "code_missing", SMART_CONTRACT,
            "call_mismatch", SMART_CONTRACT,
            "call_reverted", SMART_CONTRACT,
            "congested", NETWORK_CONGESTION);

    /**
     * The cause a signal reason suggests: {@code chain_halted}, {@code finality_stalled} → CONSENSUS_DISRUPTION;
     * {@code contract_paused}, {@code code_missing}, {@code call_mismatch}, {@code call_reverted} → SMART_CONTRACT;
     * {@code congested} → NETWORK_CONGESTION; any other reason of a DOWN → TECHNICAL_FAILURE; none → UNKNOWN.
     * (DEPENDENCY and MAINTENANCE come from the service model, not from a reason.)
     *
     * @param reason machine-readable reason of the signal that marks the outage start; may be null
     */
    public static Cause suggestedFor(String reason) {
        if (reason == null || reason.isBlank()) {
            return UNKNOWN;
        }
        return BY_REASON.getOrDefault(reason, TECHNICAL_FAILURE);
    }
}
