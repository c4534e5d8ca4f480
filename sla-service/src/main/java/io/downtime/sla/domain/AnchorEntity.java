package io.downtime.sla.domain;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;

/**
 * A report anchored on an EVM chain, table {@code sla_anchor} (migration {@code V3__anchors.sql}). A row is written
 * only once the transaction has been mined, so every row points at a mined transaction. Rows are never updated. Not
 * exposed over REST: see {@link io.downtime.sla.model.AnchorResponse}.
 */
@Entity
@Table(name = "sla_anchor")
public class AnchorEntity {

    /** Id, from sequence {@code sla_anchor_seq}. */
    @Id
    @SequenceGenerator(name = "sla_anchor_seq", sequenceName = "sla_anchor_seq", allocationSize = 50)
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "sla_anchor_seq")
    public Long id;

    /** Service of the report. */
    @Column(name = "service", length = 128, nullable = false)
    public String service;

    /** Inclusive start of the report's period. */
    @Column(name = "period_from", nullable = false)
    public Instant periodFrom;

    /** Exclusive end of the report's period. */
    @Column(name = "period_to", nullable = false)
    public Instant periodTo;

    /** {@code 0x} + SHA-256 (64 lower-case hex digits) of {@link #canonicalReport}. */
    @Column(name = "digest", length = 66, nullable = false)
    public String digest;

    /** The anchored document (see {@link io.downtime.sla.report.AnchoredReport}). */
    @Column(name = "canonical_report", nullable = false, columnDefinition = "text")
    public String canonicalReport;

    /** EIP-155 chain id of the transaction. */
    @Column(name = "chain_id", nullable = false)
    public long chainId;

    /** Transaction hash, {@code 0x} + 64 hex digits. */
    @Column(name = "tx_hash", length = 66, nullable = false)
    public String txHash;

    /** Block the transaction was mined in. */
    @Column(name = "block_number", nullable = false)
    public long blockNumber;

    /** Hash of that block (a reorg that drops it shows in verification). */
    @Column(name = "block_hash", length = 66, nullable = false)
    public String blockHash;

    /** Sender address (the anchoring account). */
    @Column(name = "sender", length = 42, nullable = false)
    public String sender;

    /** Recipient address. */
    @Column(name = "recipient", length = 42, nullable = false)
    public String recipient;

    /** When the row was written (after the receipt). */
    @Column(name = "created_at", nullable = false)
    public Instant createdAt;
}
