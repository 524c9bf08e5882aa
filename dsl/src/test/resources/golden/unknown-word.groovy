scenario('unknown') {
    target 'http://127.0.0.1:8080'
    user { http.get('/fast') }
    phases { hold 'steady', rate: 10, for: 10.s }
    chaos { during 'steady' }
}
