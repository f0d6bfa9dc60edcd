package xferlab.conformance.cases;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A case's public name, as {@code --only}, rerun lines, reports and the labs' claims
 * files use it. It is written here once and never derived from the method's name, so
 * that renaming the method changes nothing a student was given.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface Case {
    /** Lower-case words joined by hyphens, for example {@code small-upload-is-stored}. */
    String value();
}
