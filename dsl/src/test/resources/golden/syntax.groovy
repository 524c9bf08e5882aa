scenario('syntax') {
    target 'http://127.0.0.1:8080'
    phases {
        hold 'steady', rate: 200, for: 1.min
    
}
