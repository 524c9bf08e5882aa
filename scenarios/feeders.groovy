// Data feeders: sign-ups from a CSV (each user once), questions from JSON lines (shuffled),
// against the built-in simulated service. Run: ./barrage run scenarios/feeders.groovy
def users = feeder('data/users.csv', strategy: 'unique', whenExhausted: 'stop')   // 200 records
def questions = feeder('data/questions.jsonl', strategy: 'shuffle', seed: 7)
def signUp = template('bodies/sign-up.json')                                        // {{user.name}}, {{question}}

sim { latency 5.ms }

scenario('sign-up-and-ask') {
    user {
        def u = feed(users)                       // [name: 'ada0', email: 'ada0@example.com', plan: 'free']
        def q = feed(questions)                   // [id: 3, question: '…', topic: 'latency']
        http.post('/echo', body: signUp.render(user: u, question: q.question), contentType: 'application/json') { expect status: 200 }
        http.post('/echo', json: [user: u.name, question: q.question], step: 'ask')
    }
    phases {
        hold 'sign-ups', rate: 50, for: 10.s      // 500 arrivals wanted: the 200 users end the load after 4 s
    }
    assertions {
        errorRate < 1.percent
    }
}
