scenario('mc') {
    target 'http://127.0.0.1:8080'
    phases {
        hold rate: 5 for: 5.s
    }
    user { http.get('/fast') }
}
