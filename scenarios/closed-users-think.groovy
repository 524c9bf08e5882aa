// Closed model: a number of concurrent virtual users, each looping over its iteration with think
// time. Each user logs in once in setup-like fashion per iteration and keeps its own cookies.
//   ./barrage run scenarios/closed-users-think.groovy -p users=40

int users = param('users', 30)

sim { latency 2.ms..10.ms }

scenario('shoppers') {
    user {
        http.post('/login', form: [user: "u${user}", password: 'secret']) { expect status: 200 }
        think uniform(200.ms, 800.ms)
        http.get('/items') { expect status: 200 }
        think normal(500.ms, 100.ms)
        http.post('/cart', json: [sku: "SKU-${1 + random.nextInt(20)}", qty: 1]) { expect status: 201 }
        http.get('/cart') { expect { it.json.items } }   // the session cookie came from /login
    }
    think exponential(1.s)                                 // pause between iterations

    phases {
        ramp 'arrive', users: 0..users, over: 10.s
        hold 'browse', users: users, for: 20.s
        ramp 'leave',  users: users..0, over: 5.s
    }

    assertions {
        p95 < 100.ms
        p99('POST /cart') < 150.ms
        errorRate < 1.percent
        achievedRate > 95.percent
    }
}
