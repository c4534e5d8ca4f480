package io.downtime.sla.model;

/** Regular expressions shared by the request records. */
public final class Patterns {

    /**
     * A non-negative decimal string: no sign, no exponent, at most 20 integer and 10 fraction digits (what
     * PostgreSQL {@code numeric} stores exactly and {@code BigDecimal} parses), e.g. {@code "3600.00"}.
     */
    public static final String DECIMAL = "\\d{1,20}(\\.\\d{1,10})?";
    /** Message of {@link #DECIMAL}. */
    public static final String DECIMAL_MESSAGE = "must be a non-negative decimal string such as \"3600.00\"";
    /** An ISO-4217 code ({@code USD}) or a token code ({@code USDC}): 3 to 10 characters {@code [A-Z0-9]}. */
    public static final String CODE = "[A-Z0-9]{3,10}";
    /** Message of {@link #CODE}. */
    public static final String CODE_MESSAGE = "must be 3 to 10 characters A-Z or 0-9 (ISO-4217 or token code)";
    /**
     * Causes of an outage as incident-service categorises them (DESIGN.md, incident semantics), any of which an SLA
     * may exclude.
     */
    public static final String CAUSE = "TECHNICAL_FAILURE|NETWORK_CONGESTION|SECURITY_INCIDENT|MAINTENANCE|SMART_CONTRACT"
            + "|CONSENSUS_DISRUPTION|DEPENDENCY|UNKNOWN";

    /** Message of {@link #CAUSE}. */
    public static final String CAUSE_MESSAGE = "must be one of TECHNICAL_FAILURE, NETWORK_CONGESTION, SECURITY_INCIDENT, "
            + "MAINTENANCE, SMART_CONTRACT, CONSENSUS_DISRUPTION, DEPENDENCY, UNKNOWN";

    private Patterns() {
    }
}
