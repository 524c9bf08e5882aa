package io.barrage.api;

import io.barrage.engine.run.TestPlan;
import java.util.Map;

/**
 * A scenario written as a Java source file: {@code barrage run Checkout.java} compiles it and calls
 * {@link #plan}. The class needs a public no-argument constructor.
 */
public interface ScenarioScript {

    /** @param params the {@code -p name=value} parameters of the command line */
    TestPlan plan(Map<String, String> params) throws Exception;
}
