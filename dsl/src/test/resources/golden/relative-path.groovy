scenario('nowhere') {
    user {
        http.get('/fast')
        http.post('items', json: [sku: 'A-1'])
        long id = 7
        http.get("/items/${id}") { expect status: 200 }
        http.get('http://127.0.0.1:9/full')
    }
    setup { http.post('/login') }
    phases { hold 'h', rate: 5, for: 2.s }
}
