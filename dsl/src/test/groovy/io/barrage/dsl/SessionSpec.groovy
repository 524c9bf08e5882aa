package io.barrage.dsl

import io.barrage.engine.run.Run
import io.barrage.engine.run.RunOptions
import io.barrage.engine.summary.RunSummary
import spock.lang.Specification

/** session: a user's map across its iterations, carrying a conversation into each next request. */
class SessionSpec extends Specification {

    def "a closed-model user's conversation keeps its context across ten turns and more"() {
        given:
        def loaded = new ScenarioCompiler(null, 'test').compile('scripts/chat.groovy', '''\
sim()
scenario('chat') {
    user {
        if (iteration == 0) session.token = "t-${user}".toString()
        if (session.turns() != iteration) throw new IllegalStateException("turn ${iteration}: the session holds ${session.turns()} turns")
        session.say('user', "question ${iteration}".toString())
        def r = http.post('/echo', json: [token: session.token, messages: session.messages()])
        String sent = r.json.body
        for (long i = 0; i < iteration; i++) {
            if (!sent.contains("question ${i}") || !sent.contains("answer ${i}")) throw new IllegalStateException("turn ${iteration} lost turn ${i}: ${sent}")
        }
        if (!sent.contains("\\"t-${user}\\"")) throw new IllegalStateException("turn ${iteration} lost the token: ${sent}")
        session.say('assistant', "answer ${iteration}".toString())
    }
    think 50.ms
    phases { hold 'h', users: 2, for: 2.s }
}
''').load([:])

        when:
        RunSummary summary = Run.start(loaded.plan, RunOptions.defaults()).await()
        def s = summary.scenario('chat')

        then: "every turn carried every earlier question and answer, and the user's own token"
        s.iterations() >= 20
        s.iterationErrors().count() == 0
        s.total().errors() == 0
    }
}
