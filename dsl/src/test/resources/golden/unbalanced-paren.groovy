scenario('paren') {
    target 'http://127.0.0.1:8080'
    user { http.get('/fast') }
    phases {
        hold 'h', rate: 5, for: 5.s
    }
    assertions { p95 < (250.ms }
}
