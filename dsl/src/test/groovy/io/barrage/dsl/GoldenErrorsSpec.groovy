package io.barrage.dsl

import spock.lang.Specification
import spock.lang.Unroll

/**
 * The exact text of barrage's script errors, pinned: each {@code golden/NAME.groovy} must produce
 * the lines of {@code golden/NAME.txt}, every problem at once, each with file:line:column.
 * To accept a deliberate change of wording, regenerate the .txt files and read the diff.
 */
class GoldenErrorsSpec extends Specification {
    static File dir = new File(GoldenErrorsSpec.getResource('/golden').toURI())

    static List<String> names() {
        dir.listFiles().findAll { it.name.endsWith('.groovy') }*.name.sort().collect { it - '.groovy' }
    }

    @Unroll
    def "golden script #name gives the pinned messages"() {
        given:
        def script = new File(dir, "${name}.groovy")
        def expected = new File(dir, "${name}.txt").readLines()

        when:
        new ScenarioCompiler().compile(script.name, script.text).load([:])

        then:
        ScriptException e = thrown()
        e.problems*.toString() == expected
        e.stackTrace.length == 0

        where:
        name << names()
    }
}
