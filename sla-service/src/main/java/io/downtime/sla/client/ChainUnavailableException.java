package io.downtime.sla.client;

/**
 * The EVM RPC endpoint could not be reached or answered with an HTTP error: transient, the caller may retry. The
 * message never contains the RPC URL (provider URLs embed API keys).
 */
public class ChainUnavailableException extends RuntimeException {

    public ChainUnavailableException(String message) {
        super(message);
    }
}
