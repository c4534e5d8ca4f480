package io.downtime.sla.model;

import static java.lang.annotation.ElementType.FIELD;
import static java.lang.annotation.ElementType.PARAMETER;
import static java.lang.annotation.ElementType.RECORD_COMPONENT;
import static java.lang.annotation.RetentionPolicy.RUNTIME;

import java.lang.annotation.Documented;
import java.lang.annotation.Retention;
import java.lang.annotation.Target;
import java.time.ZoneId;

import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;

/**
 * The annotated string is an IANA time zone id known to the JDK ({@code UTC}, {@code Europe/Berlin},
 * {@code America/New_York}, {@code Asia/Tokyo}); fixed offsets such as {@code +02:00} are not accepted, because a
 * contract's time zone follows its region's daylight saving time. {@code null} is valid (the default, UTC).
 */
@Documented
@Constraint(validatedBy = ValidTimeZone.Validator.class)
@Target({ FIELD, PARAMETER, RECORD_COMPONENT })
@Retention(RUNTIME)
public @interface ValidTimeZone {

    String message() default "must be an IANA time zone id such as \"UTC\" or \"Europe/Berlin\"";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};

    /** Checks {@link ValidTimeZone}. */
    class Validator implements ConstraintValidator<ValidTimeZone, String> {
        @Override
        public boolean isValid(String value, ConstraintValidatorContext context) {
            return value == null || ZoneId.getAvailableZoneIds().contains(value);
        }
    }
}
