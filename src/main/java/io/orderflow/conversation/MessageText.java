package io.orderflow.conversation;

import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A message's text: not blank, at most {@link #MAX_CHARACTERS} characters counted as PostgreSQL counts them (code
 * points, so an emoji is one), and no control characters but line breaks and tabs, which would garble other members'
 * screens or the stream's lines.
 */
@Target({ElementType.FIELD, ElementType.PARAMETER, ElementType.RECORD_COMPONENT, ElementType.METHOD})
@Retention(RetentionPolicy.RUNTIME)
@Constraint(validatedBy = MessageText.Validator.class)
public @interface MessageText {

    int MAX_CHARACTERS = 4000;

    String message() default "must be 1 to 4000 characters of text, without control characters other than line breaks and tabs";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};

    class Validator implements ConstraintValidator<MessageText, String> {

        @Override
        public boolean isValid(String text, ConstraintValidatorContext context) {
            if (text == null) {
                return true;
            }
            int characters = text.codePointCount(0, text.length());
            return !text.isBlank() && characters <= MAX_CHARACTERS && text.codePoints().noneMatch(Validator::forbidden);
        }

        private static boolean forbidden(int codePoint) {
            return Character.getType(codePoint) == Character.CONTROL && codePoint != '\n' && codePoint != '\r' && codePoint != '\t';
        }
    }
}
