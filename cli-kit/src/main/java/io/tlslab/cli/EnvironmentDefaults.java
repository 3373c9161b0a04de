package io.tlslab.cli;

import java.lang.reflect.AnnotatedElement;
import java.util.Map;
import java.util.Objects;
import picocli.CommandLine.IDefaultValueProvider;
import picocli.CommandLine.Model.ArgSpec;

/**
 * The one default-value provider of the tlslab command lines: an option marked
 * {@link EnvironmentDefault} takes its variable's value when the variable is set and not blank; every
 * other option (and a marked one without its variable) keeps its annotation's {@code defaultValue}.
 * Only marked options read the environment, so a variable meant for one tool never changes another's.
 */
public final class EnvironmentDefaults implements IDefaultValueProvider {
    private final Map<String, String> environment;

    /** @param environment the variables to read ({@link System#getenv()} in the tools, a map in tests) */
    public EnvironmentDefaults(Map<String, String> environment) {
        this.environment = Map.copyOf(Objects.requireNonNull(environment, "environment"));
    }

    @Override
    public String defaultValue(ArgSpec argSpec) {
        String variable = variableOf(argSpec);
        if (variable != null) {
            String value = environment.get(variable);
            if (value != null && !value.isBlank()) {
                return value;
            }
        }
        return null; // picocli then takes the annotation's defaultValue
    }

    /** The variable {@code argSpec} is marked with, or null. */
    public static String variableOf(ArgSpec argSpec) {
        if (argSpec.userObject() instanceof AnnotatedElement element) {
            EnvironmentDefault marker = element.getAnnotation(EnvironmentDefault.class);
            return marker == null ? null : marker.value();
        }
        return null;
    }
}
