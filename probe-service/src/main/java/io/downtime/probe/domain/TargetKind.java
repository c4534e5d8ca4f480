package io.downtime.probe.domain;

import java.util.Arrays;
import java.util.Optional;

/** Kinds of probe. The wire name ({@code http}, {@code evm-node}) is what the REST API uses. */
public enum TargetKind {
    HTTP("http"),
    EVM_NODE("evm-node");

    private final String wireName;

    TargetKind(String wireName) {
        this.wireName = wireName;
    }

    public String wireName() {
        return wireName;
    }

    /** The kind for a wire name, or empty when unknown. */
    public static Optional<TargetKind> fromWire(String name) {
        return Arrays.stream(values()).filter(k -> k.wireName.equals(name)).findFirst();
    }
}
