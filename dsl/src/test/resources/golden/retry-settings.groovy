sim()
scenario('s') {
    user {
        http.get('/a', retry: [attempts: 3, backoff: 100.ms, jitter: 20.percent, on: [503, 'timeout']])
        http.get('/b', retry: [atempts: 3])
        http.post('/c', retry: [attempts: 'three', backoff: 100, max: 2.s], json: [a: 1])
        http.get('/d', retry: 'often')
        http.get('/e', retry: [backoff: 10.ms])
        http.get('/f', retry: 2)
    }
    phases { hold 'h', rate: 1, for: 1.s }
}
