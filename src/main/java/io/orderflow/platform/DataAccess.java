package io.orderflow.platform;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A module's table class: the SQL and row mapping for tables the module owns. Only its own module
 * uses it; other modules call the module's services (docs/architecture.md, "Modules", kept by
 * ArchitectureTest).
 */
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.TYPE)
public @interface DataAccess {
}
