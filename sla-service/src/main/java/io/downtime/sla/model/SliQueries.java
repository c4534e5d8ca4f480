package io.downtime.sla.model;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/**
 * The PromQL pair that defines the SLI of a service in the generated Prometheus rules
 * ({@code GET /api/v1/slas/{service}/prometheus-rules}): error ratio = {@code errorQuery / totalQuery}, both
 * evaluated over each burn-rate window, as Sloth's {@code errorQuery}/{@code totalQuery} do.
 * <p>
 * Placeholders: {@code {{.window}}} (required in both) becomes the window's range, e.g. {@code 5m} or {@code 3d};
 * {@code {{.service}}} becomes the service name escaped for use inside a PromQL double-quoted string. Without an
 * {@code sli}, the defaults count our own probes (probe-service's counter {@code downtime_probes_total}):
 *
 * <pre>
 * errorQuery: sum(rate(downtime_probes_total{service="{{.service}}",state="DOWN"}[{{.window}}]))
 * totalQuery: sum(rate(downtime_probes_total{service="{{.service}}"}[{{.window}}]))
 * </pre>
 *
 * @param errorQuery PromQL of the rate of bad events, at most 2000 characters, no control characters other than
 *        tab and newline
 * @param totalQuery PromQL of the rate of all events, same rules
 */
public record SliQueries(
        @NotNull @Size(max = 2000) @Pattern(regexp = QUERY, message = QUERY_MESSAGE) String errorQuery,
        @NotNull @Size(max = 2000) @Pattern(regexp = QUERY, message = QUERY_MESSAGE) String totalQuery) {

    /** Contains {@code {{.window}}} and no control characters except tab and newline. */
    static final String QUERY = "(?s)[^\\x00-\\x08\\x0B-\\x1F\\x7F]*\\{\\{\\.window\\}\\}[^\\x00-\\x08\\x0B-\\x1F\\x7F]*";
    static final String QUERY_MESSAGE = "must be PromQL containing the placeholder \\{\\{.window\\}\\} and no control characters";

    /** Default bad-event query over probe-service's probe counter. */
    public static final String DEFAULT_ERROR_QUERY = "sum(rate(downtime_probes_total{service=\"{{.service}}\",state=\"DOWN\"}[{{.window}}]))";
    /** Default all-event query over probe-service's probe counter. */
    public static final String DEFAULT_TOTAL_QUERY = "sum(rate(downtime_probes_total{service=\"{{.service}}\"}[{{.window}}]))";

    /** @return the queries used when an SLA defines none */
    public static SliQueries defaults() {
        return new SliQueries(DEFAULT_ERROR_QUERY, DEFAULT_TOTAL_QUERY);
    }
}
