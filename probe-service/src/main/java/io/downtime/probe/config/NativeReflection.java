package io.downtime.probe.config;

import org.web3j.protocol.core.Request;
import org.web3j.protocol.core.Response;
import org.web3j.protocol.core.methods.response.EthBlock;
import org.web3j.protocol.core.methods.response.EthChainId;
import org.web3j.protocol.core.methods.response.EthSyncing;

import io.downtime.probe.client.Signal;
import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * Classes that Jackson reads or writes reflectively in a native image ({@code ./mvnw package -Dnative}): the
 * web3j JSON-RPC request and the responses (with their nested results and custom deserialisers) the
 * {@code evm-node} probe uses, and the signal serialised into the outbox. REST DTOs are registered by Quarkus.
 */
@RegisterForReflection(targets = { Request.class, Response.class, Response.Error.class, EthChainId.class,
        EthSyncing.class, EthBlock.class, Signal.class }, ignoreNested = false)
public final class NativeReflection {

    private NativeReflection() {
    }
}
