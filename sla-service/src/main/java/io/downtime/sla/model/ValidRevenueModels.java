package io.downtime.sla.model;

import static java.lang.annotation.ElementType.FIELD;
import static java.lang.annotation.ElementType.PARAMETER;
import static java.lang.annotation.ElementType.RECORD_COMPONENT;
import static java.lang.annotation.RetentionPolicy.RUNTIME;

import java.lang.annotation.Documented;
import java.lang.annotation.Retention;
import java.lang.annotation.Target;

import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;

/**
 * The list form of {@link RevenueModels} has no {@code null} element and at most {@value RevenueModels#MAX_MODELS}
 * models. Each model is validated on its own through {@code @Valid}.
 */
@Documented
@Constraint(validatedBy = ValidRevenueModels.Validator.class)
@Target({ FIELD, PARAMETER, RECORD_COMPONENT })
@Retention(RUNTIME)
public @interface ValidRevenueModels {

    String message() default "must be one revenue model or a list of 0 to " + RevenueModels.MAX_MODELS
            + " revenue models, none null";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};

    /** Checks {@link ValidRevenueModels}. */
    class Validator implements ConstraintValidator<ValidRevenueModels, RevenueModels> {
        @Override
        public boolean isValid(RevenueModels value, ConstraintValidatorContext context) {
            return value == null
                    || value.models().size() <= RevenueModels.MAX_MODELS && !value.models().contains(null);
        }
    }
}
