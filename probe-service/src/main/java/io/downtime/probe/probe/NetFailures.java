package io.downtime.probe.probe;

import java.net.ConnectException;
import java.net.UnknownHostException;
import java.security.cert.CertificateException;
import java.util.concurrent.TimeoutException;

import javax.net.ssl.SSLException;

import io.netty.channel.ConnectTimeoutException;
import io.netty.handler.codec.DecoderException;
import io.netty.resolver.dns.DnsNameResolverException;

/**
 * Maps transport failures of the Vert.x based probers (http, tcp, websocket, evm-contract) to the reasons agreed
 * in the inter-service contract: {@code timeout}, {@code connection_refused}, {@code dns_error},
 * {@code tls_error}; anything else falls back to {@link Failures#reason(Throwable)}.
 */
public final class NetFailures {

    private NetFailures() {
    }

    /** The reason for a failed connection or exchange. */
    public static String reason(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause() == c ? null : c.getCause()) {
            if (c instanceof ConnectTimeoutException || c instanceof TimeoutException
                    || c instanceof io.smallrye.mutiny.TimeoutException) {
                return "timeout";
            }
            if (c instanceof UnknownHostException || c instanceof DnsNameResolverException) {
                return "dns_error";
            }
            if (c instanceof SSLException || c instanceof CertificateException) {
                return "tls_error";
            }
            if (c instanceof ConnectException) {
                return "connection_refused";
            }
            if (c instanceof DecoderException d && d.getCause() instanceof SSLException) {
                return "tls_error";
            }
        }
        return Failures.reason(t);
    }
}
