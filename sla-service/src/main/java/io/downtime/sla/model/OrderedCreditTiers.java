package io.downtime.sla.model;

import static java.lang.annotation.ElementType.FIELD;
import static java.lang.annotation.ElementType.PARAMETER;
import static java.lang.annotation.ElementType.RECORD_COMPONENT;
import static java.lang.annotation.RetentionPolicy.RUNTIME;

import java.lang.annotation.Documented;
import java.lang.annotation.Retention;
import java.lang.annotation.Target;
import java.util.List;

import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;

/**
 * Down a list of {@link CreditTier}s, {@code belowPercent} strictly decreases and {@code creditPercent} strictly
 * increases: the worse the availability, the larger the credit, and each availability has one applicable tier with
 * the highest credit. Tiers or values that are {@code null} are left to their own constraints.
 */
@Documented
@Constraint(validatedBy = OrderedCreditTiers.Validator.class)
@Target({ FIELD, PARAMETER, RECORD_COMPONENT })
@Retention(RUNTIME)
public @interface OrderedCreditTiers {

    String message() default "belowPercent must strictly decrease and creditPercent strictly increase down the list";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};

    /** Checks {@link OrderedCreditTiers}. */
    class Validator implements ConstraintValidator<OrderedCreditTiers, List<CreditTier>> {
        @Override
        public boolean isValid(List<CreditTier> tiers, ConstraintValidatorContext context) {
            if (tiers == null) {
                return true;
            }
            for (int i = 1; i < tiers.size(); i++) {
                CreditTier previous = tiers.get(i - 1);
                CreditTier current = tiers.get(i);
                if (previous == null || current == null) {
                    continue;
                }
                if (previous.belowPercent() != null && current.belowPercent() != null
                        && current.belowPercent().compareTo(previous.belowPercent()) >= 0) {
                    return false;
                }
                if (previous.creditPercent() != null && current.creditPercent() != null
                        && current.creditPercent().compareTo(previous.creditPercent()) <= 0) {
                    return false;
                }
            }
            return true;
        }
    }
}
