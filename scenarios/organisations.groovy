// Organisations (seed 003's AI platform harness) against the built-in simulated service: three
// organisations, each bootstrapped in setup (the org and an API key), its users a number drawn from
// a distribution, asking generated questions in multi-turn conversations with think time; each
// answer's tokens are counted, organisation 2 has a token budget, and teardown deletes what setup
// made. Run: ./barrage run scenarios/organisations.groovy   (-p budget=100000 to let it finish;
// --keep-data to keep the organisations)
int budget = param('budget', 2000)
def sizes = groupSizes(3, between(3, 6), seed: 42)    // users per organisation
def asks = questions('mixed', seed: 42)

sim {
    latency 20.ms
    route '/v1/orgs', method: 'POST', status: 201, body: '{"id":"org","key":"sk-test"}'
    route '/v1/orgs/{org}', method: 'DELETE', status: 204
    route '/v1/chat', method: 'POST', latency: 60.ms, body: '{"answer":"Here is what I found.","usage":{"tokens":120}}'
}

(1..3).each { int i ->
    scenario("org-${i}") {
        setup {
            def r = http.post('/v1/orgs', json: [name: "loadtest-org-${i}".toString()]) { expect status: 201 }
            [org: "loadtest-org-${i}".toString(), key: r.json.key]
        }
        user {
            session.say('user', feed(asks))
            def r = http.post('/v1/chat', headers: [Authorization: "Bearer ${shared.key}".toString()],
                    json: [org: shared.org, messages: session.last(6)], step: 'chat') { expect status: 200 }
            session.say('assistant', r.json.answer)
            count 'tokens', r.json.usage.tokens as long
        }
        think uniform(1.s, 2.s)
        teardown {
            http.delete("/v1/orgs/${shared.org}") { expect status: 204 }
        }
        if (i == 2) {
            guardrails { abortWhen counter('tokens') > budget }
        }
        phases {
            ramp 'join', users: 0..sizes[i - 1], over: 3.s
            hold 'chat', users: sizes[i - 1], for: 20.s
        }
        assertions {
            errorRate < 1.percent
            p95 < 500.ms
        }
    }
}
