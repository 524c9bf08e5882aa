int users = param('users', 10)
def table = [a: 1]
scenario('runtime') {
    target 'http://127.0.0.1:8080'
    user { http.get('/fast') }
    phases { hold 'steady', users: users / (table.b ?: 0), for: 10.s }
}
