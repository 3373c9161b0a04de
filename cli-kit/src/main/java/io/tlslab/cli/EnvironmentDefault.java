package io.tlslab.cli;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks an {@code @Option} whose default comes from an environment variable when it is set
 * ({@link EnvironmentDefaults} reads it; the annotation's {@code defaultValue} applies otherwise). The
 * option's description names the variable, so {@code --help} says where a value came from.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.FIELD, ElementType.METHOD})
public @interface EnvironmentDefault {
    /** The variable, e.g. {@code TLSLAB_ENGINE}. */
    String value();
}
