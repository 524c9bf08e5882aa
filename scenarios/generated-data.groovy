// Generated data: fake users (Datafaker) asking generated questions, against the built-in simulated
// service. The same seed gives the same questions; run: ./barrage run scenarios/generated-data.groovy
def asks = questions('mixed', seed: 42)
def support = questions(templates: ['How do I {task} in {product} when {constraint}?', 'Why is {product} slow for {n} users?'],
                        vars: [product: ['Atlas', 'Nimbus', 'Orbit'], n: 10..5000], seed: 42)

sim { latency 20.ms }

scenario('ask') {
    user {
        http.post('/echo', json: [name: fake.name().fullName(), email: fake.internet().emailAddress(), question: feed(asks)]) {
            expect status: 200
        }
        http.post('/echo', json: [question: feed(support)], step: 'support')
    }
    phases {
        ramp 'warm', rate: 5..50, over: 5.s
        hold 'ask', rate: 50, for: 10.s
    }
    assertions {
        errorRate < 1.percent
        p95 < 200.ms
    }
}
