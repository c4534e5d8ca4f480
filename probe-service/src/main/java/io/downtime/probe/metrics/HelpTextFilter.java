package io.downtime.probe.metrics;

import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.config.MeterFilter;

/**
 * Keeps {@code /q/metrics} parseable by {@code promtool check metrics}: the text format allows only {@code \\} and
 * {@code \n} escapes in {@code # HELP} lines, but the registry escapes double quotes there, which some built-in
 * meter descriptions contain (e.g. {@code system_cpu_usage}: The "recent cpu usage" …). Quotes in descriptions
 * become single quotes.
 */
public class HelpTextFilter {

    @Produces
    @Singleton
    MeterFilter noDoubleQuotesInHelp() {
        return new MeterFilter() {
            @Override
            public Meter.Id map(Meter.Id id) {
                String description = id.getDescription();
                if (description == null || description.indexOf('"') < 0) {
                    return id;
                }
                return new Meter.Id(id.getName(), io.micrometer.core.instrument.Tags.of(id.getTags()), id.getBaseUnit(),
                        description.replace('"', '\''), id.getType());
            }
        };
    }
}
