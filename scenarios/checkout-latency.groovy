// A step whose latency a parameter sets: run it twice, the second time slower, and compare.
//   ./barrage run -q --out results/cmp scenarios/checkout-latency.groovy
//   ./barrage run -q --out results/cmp scenarios/checkout-latency.groovy -p lat=13ms
//   ./barrage compare results/cmp/checkout-<first> results/cmp/checkout-<second>     # exit 1: a regression
def lat = param('lat', 10.ms)
sim { route '/cart', latency: lat }
scenario('checkout') {
    user { http.get('/cart') }
    phases { hold 'steady', rate: 200, for: 5.s }
}
