scenario('typos') {
    targt 'http://127.0.0.1:8080'
    user {
        http.gett('/catalog')
        thnk 2.s
        http.get('/x') { expect { it.jsn.items } }
    }
    phases {
        hols 'steady', rate: 200, for: 1.min
        hold 'other', rat: 200, for: 1.min
        ramp 'up', rate: 10..20, ovr: 1.min
        hold 'wrong type', rate: 5, for: 30
    }
    assertions {
        p95x < 250.ms
        errorRate < 1.percent
    }
}
scenaro('second') { }
