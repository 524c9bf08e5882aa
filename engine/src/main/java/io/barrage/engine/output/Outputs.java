package io.barrage.engine.output;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A registry of outputs by name: an instance, filled by whoever assembles barrage (the launcher
 * registers the built-in ones; a test or an extension registers its own), never a static map.
 */
public final class Outputs {
    private final Map<String, OutputFactory> factories = new LinkedHashMap<>();

    /** Adds an output kind. @throws IllegalArgumentException if the name is taken */
    public Outputs register(String name, OutputFactory factory) {
        OutputSpec.parse(name);   // the same rule as on the command line
        if (factories.putIfAbsent(name, factory) != null) throw new IllegalArgumentException("output '" + name + "' is registered already");
        return this;
    }

    /** The registered names, in registration order. */
    public List<String> names() {
        return Collections.unmodifiableList(new ArrayList<>(factories.keySet()));
    }

    public OutputFactory factory(String name) {
        return factories.get(name);
    }

    /**
     * Checks a spec against the registry without building anything (for validating a command line
     * before a run).
     *
     * @throws IllegalArgumentException naming an unknown output (with "did you mean") or setting
     */
    public OutputFactory check(OutputSpec spec) {
        OutputFactory f = factories.get(spec.name());
        if (f == null) {
            String near = null;
            for (String n : factories.keySet()) if (n.startsWith(spec.name()) || spec.name().startsWith(n)) near = n;
            throw new IllegalArgumentException("unknown output '" + spec.name() + "'" + (near != null ? "; did you mean '" + near + "'?" : "")
                    + " (known: " + (factories.isEmpty() ? "none" : String.join(", ", factories.keySet())) + ")");
        }
        spec.onlyOptions(f.options());
        f.check(spec);
        return f;
    }

    /** Builds the outputs a command line names, in its order; on a failure those built already are {@linkplain Output#abandon() abandoned}. */
    public List<Output> create(List<OutputSpec> specs, OutputFactory.Context context) throws IOException {
        List<Output> out = new ArrayList<>();
        try {
            for (OutputSpec s : specs) out.add(check(s).create(s, context));
        } catch (IOException | RuntimeException e) {
            abandon(out);
            throw e;
        }
        return out;
    }

    /** {@link Output#abandon()} on each: a launch that built them will not run. */
    public static void abandon(List<Output> outputs) {
        for (Output o : outputs) {
            try {
                o.abandon();
            } catch (RuntimeException ignored) {
                // being given up: what matters is the failure that caused it
            }
        }
    }
}
