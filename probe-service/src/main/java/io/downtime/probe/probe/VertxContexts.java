package io.downtime.probe.probe;

import io.vertx.core.Context;
import io.vertx.core.Vertx;

/** Runs a prober's exchange on one Vert.x event-loop context, so its timer and I/O callbacks never race. */
public final class VertxContexts {

    private VertxContexts() {
    }

    /** Runs {@code action} now when already on an event loop, else on a new event-loop context. */
    public static void onEventLoop(Vertx vertx, Runnable action) {
        Context current = Vertx.currentContext();
        if (current != null && current.isEventLoopContext() && Context.isOnEventLoopThread()) {
            action.run();
        } else {
            vertx.getOrCreateContext().runOnContext(ignored -> action.run());
        }
    }
}
