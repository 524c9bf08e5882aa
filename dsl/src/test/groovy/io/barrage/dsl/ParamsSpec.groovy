package io.barrage.dsl

import java.nio.file.Files
import spock.lang.Specification
import spock.lang.Unroll

/** Parameters: {@code -p NAME=VALUE} read with {@code param('NAME', default)}, and every way one can be wrong. */
class ParamsSpec extends Specification {
    ScenarioCompiler compiler = new ScenarioCompiler()

    static final String PLAN = "scenario('p') { target 'http://127.0.0.1:1'; user { }; phases { hold 'h', rate: 1, for: 1.s } }"

    List<String> problems(String text, Map<String, String> params) {
        try {
            compiler.compile('test.groovy', text).load(params)
            return []
        } catch (ScriptException e) {
            return e.problems*.toString()
        }
    }

    @Unroll
    def "-p #name=#raw for param('#name', #dflt): #expected"() {
        expect:
        problems("def v = param('${name}', ${dflt})\n${PLAN}", [(name): raw]) == [expected]

        where:
        name     | dflt          | raw                     || expected
        'rate'   | '100'         | '99999999999'           || "-p rate=99999999999: rate is a whole number (from param('rate', 100) at test.groovy:1) and 99999999999 is out of range (at most 2147483647)"
        'rate'   | '100'         | '-99999999999'          || "-p rate=-99999999999: rate is a whole number (from param('rate', 100) at test.groovy:1) and -99999999999 is out of range (at least -2147483648)"
        'rate'   | '100'         | 'fast'                  || "-p rate=fast: rate is a whole number (from param('rate', 100) at test.groovy:1), not 'fast'"
        'rate'   | '100'         | '1.5'                   || "-p rate=1.5: rate is a whole number (from param('rate', 100) at test.groovy:1), not '1.5'"
        'rate'   | '100'         | ''                      || "-p rate=: rate is a whole number (from param('rate', 100) at test.groovy:1) and the value is empty"
        'big'    | '10L'         | '99999999999999999999'  || "-p big=99999999999999999999: big is a whole number (from param('big', 10L) at test.groovy:1) and 99999999999999999999 is out of range (at most 9223372036854775807)"
        'factor' | '1.5'         | 'abc'                   || "-p factor=abc: factor is a decimal number (from param('factor', 1.5) at test.groovy:1), not 'abc'"
        'factor' | '1.5d'        | '1e999'                 || "-p factor=1e999: factor is a decimal number (from param('factor', 1.5d) at test.groovy:1) and 1e999 is out of range (at most 1.7976931348623157E308)"
        'factor' | '1.5d'        | 'NaN'                   || "-p factor=NaN: factor is a decimal number (from param('factor', 1.5d) at test.groovy:1), not 'NaN'"
        'flag'   | 'false'       | 'yes'                   || "-p flag=yes: flag is true or false (from param('flag', false) at test.groovy:1), not 'yes'"
        'hold'   | '30.s'        | '30'                    || "-p hold=30: hold is a duration such as 30s or 2m (from param('hold', 30.s) at test.groovy:1), not '30'"
        'hold'   | '2.min'       | '-5s'                   || "-p hold=-5s: hold is a duration such as 30s or 2m (from param('hold', 2.min) at test.groovy:1), not '-5s'"
        'hold'   | '250.ms'      | '9999999999h'           || "-p hold=9999999999h: hold is a duration such as 30s or 2m (from param('hold', 250.ms) at test.groovy:1) and 9999999999h is out of range (at most 2562047h47m16.855s)"
        'share'  | '5.percent'   | 'lots'                  || "-p share=lots: share is a percentage such as 5% (from param('share', 5.percent) at test.groovy:1), not 'lots'"
        'hosts'  | "['a', 'b']"  | 'x'                     || "-p hosts=x: hosts takes its type from param('hosts', ArrayList) at test.groovy:1, and barrage reads no ArrayList from the command line (it reads whole numbers, decimals, true/false, durations, percentages and text)"
    }

    def "values of every type convert"() {
        when:
        def c = compiler.compile('test.groovy', '''
            int rate = param('rate', 100)
            long big = param('big', 10L)
            BigDecimal factor = param('factor', 1.5)
            double d = param('d', 2.5d)
            boolean flag = param('flag', false)
            Duration len = param('len', 30.s)
            Percent share = param('share', 5.percent)
            String label = param('label', 'x')
            String env = param('env')
            assert rate == 7 && big == 9000000000L && factor == 0.25 && d == -3e3 && flag && len == 90.s && share == 12.5.percent
            assert label == ' a=b ' && env == 'prod'
        ''' + PLAN)
        def loaded = c.load([rate: ' +7 ', big: '9000000000', factor: '.25', d: '-3e3', flag: 'TRUE', len: '1m30s', share: '12.5%', label: ' a=b ', env: 'prod'])

        then:
        loaded.warnings.isEmpty()
    }

    def "a required parameter must be given, with a value"() {
        expect:
        problems("String env = param('env')\n${PLAN}", [:]) == ["test.groovy:1:1: parameter env is required (param('env')): run with -p env=VALUE"]
        problems("String env = param('env')\n${PLAN}", [env: ' ']) == ["-p env= : env is a required parameter (param('env') at test.groovy:1) and the value is empty"]
    }

    def "a parameter the script does not name is a problem with the closest name and the script's parameters"() {
        expect:
        problems("int rate = param('rate', 5)\nint users = param('users', 1)\n${PLAN}", [rat: '500', nosuch: '1']) == [
                "-p rat=500: test.groovy has no parameter 'rat'; did you mean 'rate'? (its parameters: rate, users)",
                "-p nosuch=1: test.groovy has no parameter 'nosuch' (its parameters: rate, users)"]
    }

    def "a parameter is known wherever the script names it, even on a path this run does not take"() {
        given:
        def c = compiler.compile('test.groovy', '''
            String env = param('env', 'staging')
            int rate = env == 'prod' ? param('prodRate', 50) : param('stagingRate', 5)
            if (env == 'never') { param('hidden', 1) }
            scenario('p') { target 'http://127.0.0.1:1'; user { }; phases { hold 'h', rate: rate, for: 1.s } }
        ''')

        expect:
        c.paramNames() == ['env', 'prodRate', 'stagingRate', 'hidden'] as Set
        c.paramNamesComplete()
        c.load([prodRate: '10']).warnings == ["-p prodRate=10 had no effect: test.groovy reads prodRate only on a path this run did not take"]
        c.load([env: 'prod', prodRate: '10']).warnings.isEmpty()
        c.load([env: 'prod', prodRate: '10']).plan.scenarios()[0].phases()[0].pattern().value() == 10d
    }

    def "names built at run time count when they are read"() {
        given:
        def c = compiler.compile('test.groovy', '''
            String region = param('region', 'eu')
            int rate = param("${region}Rate".toString(), 5)
        ''' + PLAN)

        expect:
        c.paramNames() == ['region'] as Set
        !c.paramNamesComplete()
        c.load([euRate: '7']).warnings.isEmpty()
        problems('''
            String region = param('region', 'eu')
            int rate = param("${region}Rate".toString(), 5)
        ''' + PLAN, [usRate: '7']) == ["-p usRate=7: test.groovy has no parameter 'usRate'; did you mean 'euRate'? (its parameters: euRate, region)"]
    }

    def "one of several scripts leaves alone the parameters another one takes"() {
        given:
        def c = compiler.compile('test.groovy', "int rate = param('rate', 5)\n${PLAN}")

        expect:
        c.load([rate: '3', users: '9'], ['users'] as Set).warnings.isEmpty()
    }

    def "the parameter names survive the compiled-script cache"() {
        given:
        def dir = Files.createTempDirectory('barrage-params-')
        def text = "int rate = param('rate', 5)\n${PLAN}"
        new ScenarioCompiler(dir, '1.0').compile('test.groovy', text)
        def cached = new ScenarioCompiler(dir, '1.0').compile('test.groovy', text)

        expect:
        cached.fromCache
        cached.paramNames() == ['rate'] as Set

        cleanup:
        dir.toFile().deleteDir()
    }
}
