package io.barrage.data;

import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/** 1 000 questions of each strategy: {@code bench/jmh.sh QuestionsBenchmark}. */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class QuestionsBenchmark {
    @Param({"historical", "mathematical", "geographical", "hypothetical", "technical", "mixed"})
    public String strategy;

    private Questions questions;
    private long next;

    @Setup
    public void setUp() {
        questions = Questions.of(Questions.Strategy.valueOf(strategy.toUpperCase(java.util.Locale.ROOT)), 42);
    }

    @Benchmark
    public void thousandQuestions(Blackhole bh) {
        for (int i = 0; i < 1000; i++) bh.consume(questions.get(next++));
    }
}
