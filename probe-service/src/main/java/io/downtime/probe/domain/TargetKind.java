package io.downtime.probe.domain;

import java.util.Arrays;
import java.util.Optional;

/**
 * Kinds of probe. The wire name ({@code http}, {@code tcp}, {@code websocket}, {@code evm-node},
 * {@code evm-contract}) is what the REST API uses; the constant name is what the {@code target.kind} column stores.
 */
public enum TargetKind {
    HTTP("http"),
    TCP("tcp"),
    WEBSOCKET("websocket"),
    EVM_NODE("evm-node"),
    EVM_CONTRACT("evm-contract");

    private final String wireName;

    TargetKind(String wireName) {
        this.wireName = wireName;
    }

    public String wireName() {
        return wireName;
    }

    /** The wire names of all kinds, comma separated (for error messages). */
    public static String wireNames() {
        return String.join(", ", Arrays.stream(values()).map(TargetKind::wireName).toList());
    }

    /** The kind for a wire name, or empty when unknown. */
    public static Optional<TargetKind> fromWire(String name) {
        return Arrays.stream(values()).filter(k -> k.wireName.equals(name)).findFirst();
    }
}
