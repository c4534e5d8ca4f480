package io.downtime.sla.model;

import static java.lang.annotation.ElementType.TYPE;
import static java.lang.annotation.RetentionPolicy.RUNTIME;

import java.lang.annotation.Documented;
import java.lang.annotation.Retention;
import java.lang.annotation.Target;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;

/**
 * A {@link Revenue} has exactly the fields of its model: {@code flat} needs {@code amountPerHour}; {@code volume}
 * needs {@code hourlyVolume} (24 or 168 values) and {@code feeRate}; {@code transactions} needs
 * {@code transactionsPerMinute} and {@code revenuePerTransaction}. Fields of another model must be absent. Each
 * violation is reported on the field concerned (e.g. {@code revenue.amountPerHour}); an unknown or missing
 * {@code model} is left to its own constraints.
 */
@Documented
@Constraint(validatedBy = ValidRevenueModel.Validator.class)
@Target(TYPE)
@Retention(RUNTIME)
public @interface ValidRevenueModel {

    String message() default "fields do not match the revenue model";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};

    /** Checks {@link ValidRevenueModel}. */
    class Validator implements ConstraintValidator<ValidRevenueModel, Revenue> {
        @Override
        public boolean isValid(Revenue revenue, ConstraintValidatorContext context) {
            if (revenue == null || revenue.model() == null) {
                return true;
            }
            Map<String, Object> fields = new LinkedHashMap<>();
            fields.put("amountPerHour", revenue.amountPerHour());
            fields.put("hourlyVolume", revenue.hourlyVolume());
            fields.put("feeRate", revenue.feeRate());
            fields.put("transactionsPerMinute", revenue.transactionsPerMinute());
            fields.put("revenuePerTransaction", revenue.revenuePerTransaction());
            List<String> required = switch (revenue.model()) {
                case Revenue.FLAT -> List.of("amountPerHour");
                case Revenue.VOLUME -> List.of("hourlyVolume", "feeRate");
                case Revenue.TRANSACTIONS -> List.of("transactionsPerMinute", "revenuePerTransaction");
                default -> null;
            };
            if (required == null) {
                return true;
            }
            boolean valid = true;
            context.disableDefaultConstraintViolation();
            for (Map.Entry<String, Object> field : fields.entrySet()) {
                boolean needed = required.contains(field.getKey());
                if (needed && field.getValue() == null) {
                    valid = violation(context, field.getKey(), "must not be null for model \"" + revenue.model() + "\"");
                } else if (!needed && field.getValue() != null) {
                    valid = violation(context, field.getKey(), "must be absent for model \"" + revenue.model() + "\"");
                }
            }
            if (revenue.hourlyVolume() != null && revenue.hourlyVolume().size() != 24
                    && revenue.hourlyVolume().size() != 168) {
                valid = violation(context, "hourlyVolume",
                        "must have 24 values (hour of day) or 168 values (hour of week, Monday first)");
            }
            return valid;
        }

        private static boolean violation(ConstraintValidatorContext context, String field, String message) {
            context.buildConstraintViolationWithTemplate(message).addPropertyNode(field).addConstraintViolation();
            return false;
        }
    }
}
