scenario('empty') {
    target 'localhost:8080'
    phases { }
}
scenario('empty') {
    target 'http://127.0.0.1:8080'
    user { http.get('/') }
    phases { hold 'h', rate: 10 }
}
