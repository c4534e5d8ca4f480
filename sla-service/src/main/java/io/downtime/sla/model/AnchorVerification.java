package io.downtime.sla.model;

import java.util.Map;

/**
 * Result of {@code GET /api/v1/slas/{service}/reports/anchors/{id}/verify}: the report of the anchored period is
 * computed again from incident-service's current outages and the current SLA, and the transaction is read from the
 * chain.
 *
 * @param id anchor id
 * @param verified {@code true} only when every check passed
 * @param digest the stored (anchored) digest
 * @param recomputedDigest digest of the report computed now for the same service and period
 * @param checks by name, in this order: {@code reportDigest} (recomputed digest equals the stored one: the report
 *        has not changed), {@code transaction} (the transaction exists on chain), {@code transactionData} (its data
 *        is the stored digest), {@code sender} (it was sent by the stored sender), {@code chainId} (it is signed for
 *        the stored chain), {@code blockNumber} and {@code blockHash} (it is mined in the stored block)
 */
public record AnchorVerification(long id, boolean verified, String digest, String recomputedDigest,
        Map<String, Check> checks) {

    /**
     * One check.
     *
     * @param ok whether {@code actual} matches {@code expected}
     * @param expected the stored value
     * @param actual the value found now; {@code null} when absent (e.g. the transaction is unknown to the chain)
     */
    public record Check(boolean ok, String expected, String actual) {
    }
}
