package io.downtime.sla.model;

import static java.lang.annotation.ElementType.FIELD;
import static java.lang.annotation.ElementType.PARAMETER;
import static java.lang.annotation.ElementType.RECORD_COMPONENT;
import static java.lang.annotation.ElementType.TYPE_USE;
import static java.lang.annotation.RetentionPolicy.RUNTIME;

import java.lang.annotation.Documented;
import java.lang.annotation.Retention;
import java.lang.annotation.Target;

import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;

/** The annotated string is an SLA window as {@link SlaWindow#parse(String)} accepts it; {@code null} is valid. */
@Documented
@Constraint(validatedBy = ValidWindow.Validator.class)
@Target({ FIELD, PARAMETER, RECORD_COMPONENT, TYPE_USE })
@Retention(RUNTIME)
public @interface ValidWindow {

    String message() default "must be an ISO-8601 duration of whole days from P1D to P366D (e.g. \"P30D\"), "
            + "\"calendar-month\" or \"calendar-week\"";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};

    /** Checks {@link ValidWindow}. */
    class Validator implements ConstraintValidator<ValidWindow, String> {
        @Override
        public boolean isValid(String value, ConstraintValidatorContext context) {
            return value == null || SlaWindow.parse(value).isPresent();
        }
    }
}
