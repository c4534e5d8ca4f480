package io.downtime.sla.model;

import java.time.Instant;

/**
 * A report anchored on an EVM chain, as returned by {@code POST /api/v1/slas/{service}/reports/anchor} and
 * {@code GET /api/v1/slas/{service}/reports/anchors/{id}}. Anyone can check it without this service:
 * {@code sha256(utf8(canonicalReport)) == digest}, and the transaction {@code transactionHash} on chain
 * {@code chainId} carries {@code digest} as its data and was mined in block {@code blockNumber}.
 *
 * @param id anchor id
 * @param service service of the report
 * @param from inclusive start of the report's period (UTC, millisecond precision)
 * @param to exclusive end of the period
 * @param digest {@code 0x} + 64 lower-case hex digits: SHA-256 of the UTF-8 bytes of {@code canonicalReport}
 * @param canonicalReport the anchored document: the report's JSON without each outage's {@code open} flag, in
 *        canonical form (sorted keys, no whitespace, exact plain decimals; see
 *        {@link io.downtime.sla.report.CanonicalJson})
 * @param chainId EIP-155 chain id
 * @param transactionHash hash of the transaction whose data is {@code digest}
 * @param blockNumber block the transaction was mined in
 * @param blockHash hash of that block
 * @param sender address that sent the transaction (the service's anchoring account)
 * @param recipient address the transaction was sent to (the sender itself unless configured)
 * @param createdAt when the anchor was stored, right after the transaction was mined
 */
public record AnchorResponse(long id, String service, Instant from, Instant to, String digest, String canonicalReport,
        long chainId, String transactionHash, long blockNumber, String blockHash, String sender, String recipient,
        Instant createdAt) {
}
