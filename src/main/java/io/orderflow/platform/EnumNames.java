package io.orderflow.platform;

import java.util.Locale;

/**
 * Enums whose value outside Java (a column, a JSON field, a metric tag) is the constant's name in
 * lowercase, as the tables' CHECK constraints spell it: {@code PENDING} is {@code 'pending'}.
 */
public final class EnumNames {

    private EnumNames() {
    }

    public static String lowercase(Enum<?> constant) {
        return constant.name().toLowerCase(Locale.ROOT);
    }

    /** The constant of {@code type} whose lowercase name is {@code value}; fails on a value it does not have. */
    public static <E extends Enum<E>> E parse(Class<E> type, String value) {
        return Enum.valueOf(type, value.toUpperCase(Locale.ROOT));
    }
}
