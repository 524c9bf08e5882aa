package io.barrage.dsl

import groovy.transform.CompileStatic
import groovy.transform.stc.POJO
import io.barrage.engine.capacity.CapacitySettings
import io.barrage.engine.run.TestPlan

/** A script that ran and described a valid plan. */
@CompileStatic
@POJO
final class LoadedScript {
    final TestPlan plan
    /** Things worth saying that do not stop the run (a sine clamped at 0, with its place; unused parameters). */
    final List<String> warnings
    /** The parameters the script reads. */
    final List<String> params

    /** Capacity search settings by scenario name, from {@code capacity { }} blocks. */
    final Map<String, CapacitySettings> capacity

    LoadedScript(TestPlan plan, List<String> warnings, List<String> params, Map<String, CapacitySettings> capacity) {
        this.plan = plan
        this.warnings = List.copyOf(warnings)
        this.params = List.copyOf(params)
        this.capacity = Map.copyOf(capacity)
    }
}
