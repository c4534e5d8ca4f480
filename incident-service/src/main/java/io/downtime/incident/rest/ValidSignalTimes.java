package io.downtime.incident.rest;

import static java.lang.annotation.ElementType.TYPE;
import static java.lang.annotation.RetentionPolicy.RUNTIME;

import java.lang.annotation.Documented;
import java.lang.annotation.Retention;
import java.lang.annotation.Target;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;

import io.downtime.incident.config.IncidentConfig;

/**
 * The times of a {@link SignalRequest} make sense (each rule reports on the field named in brackets):
 * <ul>
 * <li>{@code observedAt} and {@code confirmedAt} lie in years 1970 to 9999 ({@link InstantBounds}) [that field];</li>
 * <li>{@code observedAt} is not after {@code confirmedAt}: a state is confirmed after it began [observedAt];</li>
 * <li>{@code confirmedAt} is at most {@code downtime.incident.allowed-clock-skew} (default 5 minutes) ahead of the
 * server clock [confirmedAt].</li>
 * </ul>
 * Missing times are left to {@code @NotNull}.
 */
@Documented
@Constraint(validatedBy = ValidSignalTimes.Validator.class)
@Target(TYPE)
@Retention(RUNTIME)
public @interface ValidSignalTimes {

    String message() default "invalid signal times";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};

    /**
     * Validates {@link ValidSignalTimes}; a bean, for the clock and the configured skew. The configuration is looked
     * up on use: the validator factory initializes its validators before runtime configuration mappings exist.
     */
    @ApplicationScoped
    class Validator implements ConstraintValidator<ValidSignalTimes, SignalRequest> {

        private final Clock clock;
        private final Instance<IncidentConfig> config;
        /** {@code allowed-clock-skew}, read once on first use (a lookup per signal was 1 % of the intake's CPU). */
        private volatile Duration allowedClockSkew;

        public Validator(Clock clock, Instance<IncidentConfig> config) {
            this.clock = clock;
            this.config = config;
        }

        @Override
        public boolean isValid(SignalRequest signal, ConstraintValidatorContext context) {
            if (signal == null) {
                return true;
            }
            context.disableDefaultConstraintViolation();
            boolean valid = inRange(signal.observedAt(), "observedAt", context);
            valid &= inRange(signal.confirmedAt(), "confirmedAt", context);
            if (!valid || signal.observedAt() == null || signal.confirmedAt() == null) {
                return valid;
            }
            if (signal.observedAt().isAfter(signal.confirmedAt())) {
                violation(context, "observedAt", "must not be after confirmedAt (" + signal.confirmedAt() + ")");
                valid = false;
            }
            Duration skew = allowedClockSkew;
            if (skew == null) {
                skew = config.get().allowedClockSkew();
                allowedClockSkew = skew;
            }
            Instant latest = Instant.now(clock).plus(skew);
            if (signal.confirmedAt().isAfter(latest)) {
                violation(context, "confirmedAt", "must not be more than " + skew.toSeconds()
                        + " s ahead of the server clock (at most " + latest + ")");
                valid = false;
            }
            return valid;
        }

        private static boolean inRange(Instant instant, String field, ConstraintValidatorContext context) {
            if (instant == null || InstantBounds.contains(instant)) {
                return true;
            }
            violation(context, field, "must be " + InstantBounds.RANGE);
            return false;
        }

        private static void violation(ConstraintValidatorContext context, String field, String message) {
            // the message is data, not a template: escape the interpolation characters it may contain
            String template = message.replace("\\", "\\\\").replace("{", "\\{").replace("}", "\\}").replace("$", "\\$");
            context.buildConstraintViolationWithTemplate(template).addPropertyNode(field).addConstraintViolation();
        }
    }
}
