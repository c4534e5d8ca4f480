package io.downtime.incident.rest;

import static java.lang.annotation.ElementType.FIELD;
import static java.lang.annotation.ElementType.PARAMETER;
import static java.lang.annotation.ElementType.RECORD_COMPONENT;
import static java.lang.annotation.RetentionPolicy.RUNTIME;

import java.lang.annotation.Documented;
import java.lang.annotation.Retention;
import java.lang.annotation.Target;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Iterator;
import java.util.Map;

import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The annotated string, or every string inside the annotated JSON value (object keys and string values, at any
 * depth), contains no NUL character (U+0000): PostgreSQL stores none in {@code text} or {@code jsonb}, so
 * such input is rejected with 422 instead of failing in the database. Null is valid.
 */
@Documented
@Constraint(validatedBy = { NoNul.ForString.class, NoNul.ForJson.class })
@Target({ FIELD, PARAMETER, RECORD_COMPONENT })
@Retention(RUNTIME)
public @interface NoNul {

    String message() default "must not contain NUL characters (U+0000)";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};

    /** Validates {@link NoNul} on strings. */
    class ForString implements ConstraintValidator<NoNul, CharSequence> {
        @Override
        public boolean isValid(CharSequence value, ConstraintValidatorContext context) {
            return value == null || value.toString().indexOf('\0') < 0;
        }
    }

    /** Validates {@link NoNul} on JSON values, iteratively (no recursion, whatever the depth). */
    class ForJson implements ConstraintValidator<NoNul, JsonNode> {
        @Override
        public boolean isValid(JsonNode value, ConstraintValidatorContext context) {
            if (value == null) {
                return true;
            }
            Deque<JsonNode> pending = new ArrayDeque<>();
            pending.push(value);
            while (!pending.isEmpty()) {
                JsonNode node = pending.pop();
                if (node.isTextual() && node.textValue().indexOf('\0') >= 0) {
                    return false;
                }
                if (node.isObject()) {
                    for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext();) {
                        Map.Entry<String, JsonNode> field = it.next();
                        if (field.getKey().indexOf('\0') >= 0) {
                            return false;
                        }
                        pending.push(field.getValue());
                    }
                } else if (node.isArray()) {
                    node.forEach(pending::push);
                }
            }
            return true;
        }
    }
}
