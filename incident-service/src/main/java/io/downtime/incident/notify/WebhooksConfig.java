package io.downtime.incident.notify;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

import org.hibernate.validator.constraints.time.DurationMin;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Outgoing webhooks, under {@code downtime.webhooks.*}. */
@ConfigMapping(prefix = "downtime.webhooks")
public interface WebhooksConfig {

    /**
     * How often {@code WebhookRelay} looks for due deliveries (read by its {@code @Scheduled}); the upper bound of
     * the delay between an incident change and its first delivery attempt. Default 1 s.
     */
    @WithDefault("1s")
    Duration pollInterval();

    /** Most deliveries claimed per relay round. */
    @WithDefault("100")
    @Min(1)
    @Max(10000)
    int batchSize();

    /** Most deliveries in flight at once per replica. */
    @WithDefault("8")
    @Min(1)
    @Max(256)
    int concurrency();

    /** Timeout of one delivery attempt (connect and answer). Default 10 s. */
    @WithDefault("10s")
    @DurationMin(millis = 100)
    Duration timeout();

    /**
     * How long a claimed delivery is reserved for the replica that claimed it; if that replica dies mid-delivery,
     * another sends it after this. Must exceed {@link #timeout()}. Default 60 s.
     */
    @WithDefault("60s")
    @DurationMin(seconds = 1)
    Duration lease();

    /**
     * Back-off after the first failed attempt; doubles with each further failure up to {@link #maxBackoff()}, with
     * "equal jitter" (half fixed, half random; AWS Architecture Blog, "Exponential Backoff and Jitter"). Default 1 s.
     */
    @WithDefault("1s")
    @DurationMin(millis = 10)
    Duration initialBackoff();

    /** Largest back-off between two attempts. Default 10 minutes. */
    @WithDefault("10m")
    @DurationMin(millis = 10)
    Duration maxBackoff();

    /**
     * A delivery still failing this long after its event is marked {@code FAILED} (it can be sent again with
     * {@code POST /api/v1/webhooks/{id}/deliveries/{deliveryId}/redeliver}). Default 3 days, as Stripe retries.
     */
    @WithDefault("3d")
    @DurationMin(seconds = 1)
    Duration giveUpAfter();

    /**
     * How long {@code DELIVERED} and {@code FAILED} deliveries stay in the delivery log; older ones are deleted
     * hourly. Default 30 days.
     */
    @WithDefault("30d")
    @DurationMin(hours = 1)
    Duration retention();

    /**
     * SSRF guard (OWASP API7:2023): webhook URLs whose host is, or resolves to, an address in one of these CIDR ranges
     * are refused (422 when the literal address is given, a failed attempt when a name resolves there). Default:
     * loopback, "this network", IPv4/IPv6 link-local (cloud metadata 169.254.169.254 lives there), Alibaba's metadata
     * address and AWS's IPv6 metadata address.
     */
    @WithDefault("127.0.0.0/8,::1/128,0.0.0.0/8,::/128,169.254.0.0/16,fe80::/10,100.100.100.200/32,fd00:ec2::254/128")
    List<String> denyCidrs();

    /**
     * Exceptions to {@link #denyCidrs()}: addresses in these ranges are allowed. None by default; the dev and test
     * profiles (and a local run) allow loopback ({@code 127.0.0.0/8,::1/128}).
     */
    Optional<List<String>> allowCidrs();

    /** Host names refused whatever they resolve to (cloud metadata endpoints). */
    @WithDefault("metadata.google.internal,metadata.goog,metadata")
    List<String> denyHosts();
}
