package io.downtime.sla.client;

/**
 * The EVM node answered with a JSON-RPC error (e.g. {@code insufficient funds}), or serves another chain than the one
 * configured: retrying the same request will not help.
 */
public class ChainRejectedException extends RuntimeException {

    public ChainRejectedException(String message) {
        super(message);
    }
}
