package io.barrage.engine.run;

import io.barrage.engine.model.FaultTarget;
import java.util.ArrayList;
import java.util.List;

/** Finds the fault target a command names among a plan's resources, or the only one. */
final class FaultTargets {
    private FaultTargets() {}

    static FaultTarget pick(List<AutoCloseable> resources, String name) {
        List<FaultTarget> all = new ArrayList<>();
        for (AutoCloseable r : resources) if (r instanceof FaultTarget f) all.add(f);
        if (all.isEmpty()) throw new IllegalArgumentException("this run has nothing to inject faults into: faults apply to a simulated service (sim { })");
        List<String> names = all.stream().map(FaultTarget::faultTargetName).toList();
        if (name == null) {
            if (all.size() == 1) return all.get(0);
            throw new IllegalArgumentException("this run has several simulated services: name one with \"target\" (" + String.join(", ", names) + ")");
        }
        for (FaultTarget t : all) if (t.faultTargetName().equals(name)) return t;
        throw new IllegalArgumentException("no fault target '" + name + "' (" + String.join(", ", names) + ")");
    }
}
