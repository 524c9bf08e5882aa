package io.barrage.dsl

import groovy.transform.CompileStatic
import groovy.transform.PackageScope
import io.barrage.engine.model.Phase

/**
 * A saved load profile: named phases, guardrails, tags and a description, reused by any scenario
 * with {@code phases profile('peak-hour')}. Written inline ({@code profile('peak-hour') { … }} at a
 * script's top level) or as a file of its own, {@code NAME.groovy} (these words, no wrapper) or
 * {@code NAME.yaml}, in a profiles folder: {@code profiles/} beside the script or above it,
 * {@code profiles/} in the current folder, then {@code ~/.barrage/profiles} ({@code $BARRAGE_PROFILES}).
 */
@CompileStatic
class Profile {
    private final DslContext ctx
    final String name
    /** The file it was read from, null for one written in the script. */
    @PackageScope String source
    @PackageScope String description
    @PackageScope final List<String> tags = []
    @PackageScope final List<Phase> phases = []
    @PackageScope GuardrailsSpec guardrails

    Profile(DslContext ctx, String name) {
        this.ctx = ctx
        this.name = name
    }

    /** What it is for, one line: {@code description 'Morning peak: ramp, hold, ramp down'}. */
    void description(String text) { description = text }

    /** Words to find it by: {@code tags 'daily', 'peak'}. */
    void tags(String... words) { tags.addAll(words) }

    /** Its phases, as in a scenario: {@code phases { ramp 'up', rate: 0..500, over: 2.min; hold … }}. */
    void phases(@DelegatesTo(value = PhasesSpec, strategy = Closure.DELEGATE_ONLY) Closure body) {
        PhasesSpec spec = new PhasesSpec(ctx)
        Dsl.call(body, spec)
        phases.addAll(spec.phases)
    }

    /**
     * Its guardrails: {@code maxRate}, {@code maxUsers}, {@code maxConcurrency}, {@code maxIterations} and {@code abortWhen}
     * apply to the scenario that uses it; {@code maxDuration} and {@code stopFile} to the whole run.
     */
    void guardrails(@DelegatesTo(value = GuardrailsSpec, strategy = Closure.DELEGATE_ONLY) Closure body) {
        GuardrailsSpec g = ctx.mark(new GuardrailsSpec(ctx))
        guardrails = g
        Dsl.call(body, g)
    }

    // ---- what commands read

    String getDescription() { description }
    List<String> getTags() { Collections.unmodifiableList(tags) }
    List<Phase> getPhaseList() { Collections.unmodifiableList(phases) }
    String getSource() { source }
    /** Its guardrails as the run would get them (null: none). */
    io.barrage.engine.model.Guardrails guardrailsBuilt() { guardrails?.build() }
}
