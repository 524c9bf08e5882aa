scenario('models') {
    target 'http://127.0.0.1:8080'
    user { http.get('/fast') }
    phases {
        hold rate: 5, users: 10, for: 5.s
        hold 'neither', for: 5.s
        ramp 'both', rate: 1..5, users: 1..5, over: 5.s
    }
}
