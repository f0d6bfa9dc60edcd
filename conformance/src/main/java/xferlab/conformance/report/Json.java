package xferlab.conformance.report;

import java.io.IOException;
import java.io.UncheckedIOException;

import com.fasterxml.jackson.jr.ob.JSON;

/**
 * JSON in and out, through jackson-jr: maps, lists and records as the report files
 * and the grading platforms use them. One place, so that every file is written
 * alike (indented, UTF-8, a final newline).
 */
public final class Json {
    private static final JSON PRETTY = JSON.std.with(JSON.Feature.PRETTY_PRINT_OUTPUT);

    private Json() {
    }

    /** The value as indented JSON, with a final newline. */
    public static String write(Object value) {
        try {
            return PRETTY.asString(value) + "\n";
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write JSON: " + e.getMessage(), e);
        }
    }

    /** Any JSON value: objects become maps, arrays lists. Text that is not JSON throws. */
    public static Object parse(String text) {
        try {
            return JSON.std.anyFrom(text);
        } catch (IOException e) {
            throw new IllegalArgumentException("not JSON: " + e.getMessage(), e);
        }
    }

    /** A JSON object read into a record (fields the record lacks are ignored). */
    public static <T> T read(String text, Class<T> type) {
        try {
            return JSON.std.beanFrom(type, text);
        } catch (IOException e) {
            throw new IllegalArgumentException("not the JSON of a " + type.getSimpleName() + ": " + e.getMessage(), e);
        }
    }
}
