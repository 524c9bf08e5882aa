package io.barrage.dsl

import groovy.transform.CompileStatic
import io.barrage.dsl.internal.ScriptFrames
import io.barrage.engine.format.Durations
import io.barrage.engine.validation.Problem
import io.barrage.engine.model.ThinkTime
import io.barrage.engine.user.ScriptError
import io.barrage.engine.user.Vu
import java.time.Duration
import java.util.random.RandomGenerator

/**
 * What user code ({@code user { }}, {@code setup { }}, {@code teardown { }}) sees: {@code http},
 * {@code think}, {@code shared} (what setup returned), the user's index and iteration, a random
 * generator of its own.
 */
@CompileStatic
class UserContext implements ThinkTimes {
    private final Vu vu
    private final HttpDsl http

    UserContext(Vu vu, HttpDsl http) {
        this.vu = vu
        this.http = http
    }

    /** HTTP calls, timed and counted: {@code http.get('/catalog')}. */
    HttpDsl getHttp() { http }

    /**
     * Redis, timed and counted ({@code redis.set('k', 'v')}, {@code redis.push('emails', job)}): the
     * script's {@code redis { }} server. Without one, the iteration fails with a line saying so.
     */
    io.barrage.redis.Redis getRedis() {
        if (!vu.hasProtocol(io.barrage.redis.RedisProtocol.NAME)) {
            throw new ScriptError(ScriptFrames.here(http.scriptFile()), "redis: this script has no Redis server: add redis { url 'redis://127.0.0.1:6379' } at its top level")
        }
        vu.client(io.barrage.redis.RedisProtocol.NAME, io.barrage.redis.Redis)
    }

    /**
     * This user's client of a protocol module the scenario registered ({@code protocol new …}):
     * {@code client('ticker').tick()}. A scenario without one of that name fails the iteration
     * with a line naming the protocols it has.
     */
    Object client(String name) {
        try {
            vu.client(name)
        } catch (IllegalArgumentException e) {
            throw new ScriptError(ScriptFrames.here(http.scriptFile()), e.message)
        }
    }

    /**
     * Counts one call under a label in the scenario's tally of that name, which analyses read
     * ({@code analysis new …}): {@code tally 'cache', 'hit'}.
     */
    void tally(String name, String label) { vu.tally(name).record(label) }

    private static final Object SESSION = new Object()

    /**
     * This user's session: a map that lasts across its iterations (closed model), with helpers for a
     * conversation ({@code session.say('user', q)}, {@code session.messages()}, {@code session.last(6)},
     * {@code session.turns()}). An open-model arrival is one iteration: its session is that iteration's.
     */
    io.barrage.data.Session getSession() { vu.state(SESSION) { new io.barrage.data.Session() } }

    /** What setup returned (null without setup): {@code shared.token}. */
    Object getShared() { vu.shared() }

    /** This user's index in the scenario's global sequence. */
    long getUser() { vu.index() }

    /** This user's iteration, from 0. */
    long getIteration() { vu.iteration() }

    /** A random generator of this user's own (seeded: runs repeat). */
    RandomGenerator getRandom() { vu.random() }

    /**
     * The next record of a feeder for this user ({@code def u = feed(users); u.email}), by the
     * feeder's strategy. A unique feeder with none left ends the load (or aborts it, as configured)
     * and this iteration stops here, neither a call nor an error.
     */
    Object feed(io.barrage.data.Source source) {
        if (source == null) {
            throw new ScriptError(ScriptFrames.here(http.scriptFile()), 'feed(null): feed takes a feeder or questions made at the top of the script: def users = feeder(\'users.csv\')')
        }
        source.next(vu)
    }

    /**
     * Realistic fake values (Datafaker): {@code fake.name().fullName()}, {@code fake.internet().emailAddress()},
     * {@code fake.lorem().sentence()}. Seeded by the scenario's seed, the user's global index and its
     * iteration: the same run gives the same values, whatever the number of processes.
     */
    net.datafaker.Faker getFake() { io.barrage.data.Fakes.of(vu) }

    /** Pauses for a think time drawn from a distribution: {@code think uniform(1.s, 3.s)}. */
    void think(ThinkTime t) {
        if (!t.valid()) {
            List<Problem> problems = t.validate('think')
            throw new ScriptError(ScriptFrames.here(http.scriptFile()), "think ${t.describe()}: ${problems[0].message()}".toString())
        }
        vu.think(t)
    }

    /** Pauses for a fixed time: {@code think 2.s}. */
    void think(Duration d) {
        if (d.isNegative()) {
            throw new ScriptError(ScriptFrames.here(http.scriptFile()), "think ${Durations.format(d)}: a pause must be ≥ 0".toString())
        }
        vu.sleep(d.toNanos())
    }

    /**
     * Adds {@code n} to the named counter {@code name} of this user's last call's step ({@code count
     * 'cost', 2} after {@code http.post('/v1/chat')}): counters reach the summary, the outputs, the
     * assertions ({@code counter('cost') < 500}) and the guardrails ({@code abortWhen counter('cost') > 1000}).
     */
    void count(String name, long n) {
        String step = http.lastStep
        if (step == null) {
            throw new ScriptError(ScriptFrames.here(http.scriptFile()), "count '${name}' before any call: a counter is kept on the step of this user's last call".toString())
        }
        if (n < 0) throw new ScriptError(ScriptFrames.here(http.scriptFile()), "count '${name}', ${n}: a counter only grows".toString())
        vu.step(step).counter(name).add(n)
    }

    /** Reports something worth a warning in the run's events (the first few are kept). */
    void warn(String message) { vu.warn(message) }
}
