package io.barrage.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.barrage.engine.testing.TestVus;
import io.barrage.engine.user.Vu;
import io.barrage.engine.user.VuStopped;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Feeder files read in place and checked, and the strategies' draws, split runs included. */
class FeederTest {
    @TempDir Path dir;

    private Path write(String name, String text) throws IOException {
        Path p = dir.resolve(name);
        Files.writeString(p, text, StandardCharsets.UTF_8);
        return p;
    }

    private Records csv(String text) throws IOException {
        return Feeders.open(write("f" + System.nanoTime() + ".csv", text), "users.csv", Feeders.Format.CSV, ',', true);
    }

    private static String problem(Runnable r) {
        try {
            r.run();
        } catch (DataFileException e) {
            return e.getMessage();
        }
        throw new AssertionError("no problem reported");
    }

    @Test
    void csvRecordsAreMapsOfTheHeadersColumnsWithQuotedSeparatorsLineBreaksAndQuotes() throws IOException {
        Records r = csv("\uFEFFname,email,note\r\nada,ada@example.com,\"likes \"\"tea\"\", and cake\"\r\n\r\nlin,lin@example.com,\"two\nlines\"\nbo,,\n");
        assertThat(r.size()).isEqualTo(3);
        assertThat(r.get(0)).isEqualTo(Map.of("name", "ada", "email", "ada@example.com", "note", "likes \"tea\", and cake"));
        assertThat(r.get(1)).isEqualTo(Map.of("name", "lin", "email", "lin@example.com", "note", "two\nlines"));
        assertThat(r.get(2)).isEqualTo(Map.of("name", "bo", "email", "", "note", ""));
        assertThat(r.describe()).isEqualTo("users.csv (3 records)");
    }

    @Test
    void withoutAHeaderACsvRecordIsAListAndTabsSeparateATsv() throws IOException {
        Path p = write("pairs.tsv", "a\tb\nc\td");
        Records r = Feeders.open(p, "pairs.tsv", Feeders.Format.CSV, '\t', false);
        assertThat(r.get(1)).isEqualTo(List.of("c", "d"));
    }

    @Test
    void aBadCsvIsOneLineNamingTheFileTheLineAndWhatIsWrong() {
        assertThat(problem(() -> csv0("name,email\nada,a@x\nlin\n"))).isEqualTo("users.csv:3: 1 field where the header has 2 (a field holding the separator is quoted: \"a,b\")");
        assertThat(problem(() -> csv0("name,email\nada,\"a@x\n"))).isEqualTo("users.csv:2:5: a quoted field opened here is never closed");
        assertThat(problem(() -> csv0("name,email\nada,\"a\"x\n"))).startsWith("users.csv:2:8: text after the closing quote of a field");
        assertThat(problem(() -> csv0("name,name\nada,lin\n"))).isEqualTo("users.csv:1: the header names column 'name' twice");
        assertThat(problem(() -> csv0("name,email\n"))).isEqualTo("users.csv: no records after the header");
        assertThat(problem(() -> Feeders.open(dir.resolve("nope.csv"), "data/nope.csv", Feeders.Format.CSV, ',', true))).isEqualTo("data/nope.csv: no such file");
    }

    private void csv0(String text) {
        try {
            csv(text);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Test
    void jsonLinesAndJsonArraysAreRecordsAndBadJsonNamesItsLine() throws IOException {
        Records lines = Feeders.open(write("q.jsonl", "{\"q\":\"why?\",\"n\":1}\n\n[1,2]\r\n\"plain\"\n"), "q.jsonl", Feeders.Format.JSONL, ',', true);
        assertThat(lines.size()).isEqualTo(3);
        assertThat(lines.get(0)).isEqualTo(Map.of("q", "why?", "n", 1));
        assertThat(lines.get(1)).isEqualTo(List.of(1, 2));
        assertThat(lines.get(2)).isEqualTo("plain");
        Records array = Feeders.open(write("a.json", "[ {\"id\": 1}, {\"id\": [2, {\"x\": \"]\"}]}, \"s\" ]"), "a.json", Feeders.Format.JSON, ',', true);
        assertThat(array.size()).isEqualTo(3);
        assertThat(array.get(1)).isEqualTo(Map.of("id", List.of(2, Map.of("x", "]"))));
        assertThat(array.get(2)).isEqualTo("s");

        assertThat(problem(() -> open("b.jsonl", "{\"a\":1}\n{\"a\":\n", Feeders.Format.JSONL))).startsWith("b.jsonl:2:").contains("not JSON");
        assertThat(problem(() -> open("c.jsonl", "{\"a\":1} {\"a\":2}\n", Feeders.Format.JSONL))).startsWith("c.jsonl:1:").contains("more than one JSON value");
        assertThat(problem(() -> open("d.json", "[{\"a\":1},\n {\"a\":2,}]", Feeders.Format.JSON))).startsWith("d.json:2:").contains("not JSON");
        assertThat(problem(() -> open("e.json", "{\"a\":1}", Feeders.Format.JSON))).startsWith("e.json:1:1: a JSON feeder file holds an array");
        assertThat(problem(() -> open("f.json", "[]", Feeders.Format.JSON))).isEqualTo("f.json: no records (the array is empty)");
    }

    private Records open(String name, String text, Feeders.Format f) {
        try {
            return Feeders.open(write(name, text), name, f, ',', true);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Test
    void aFileIsIndexedOnceAndAgainOnlyWhenItChanged() throws IOException {
        Path p = write("once.csv", "a\n1\n");
        Records first = Feeders.open(p, "once.csv", Feeders.Format.CSV, ',', true);
        assertThat(Feeders.open(p, "once.csv", Feeders.Format.CSV, ',', true)).isSameAs(first);
        Files.writeString(p, "a\n1\n2\n");
        assertThat(Feeders.open(p, "once.csv", Feeders.Format.CSV, ',', true).size()).isEqualTo(2);
    }

    private static Feeder feeder(int n, Feeder.Strategy s, Feeder.WhenExhausted w) {
        List<Integer> list = new ArrayList<>();
        for (int i = 0; i < n; i++) list.add(i);
        return new Feeder("ids", Records.of(list, "list"), s, w, 42);
    }

    private static List<Object> draw(Feeder f, Vu vu, int count) {
        List<Object> out = new ArrayList<>();
        for (int i = 0; i < count; i++) out.add(f.next(vu));
        return out;
    }

    @Test
    void circularGoesRoundInOrderAndRandomIsTheSameForTheSameSeed() {
        TestVus vus = new TestVus();
        assertThat(draw(feeder(3, Feeder.Strategy.CIRCULAR, Feeder.WhenExhausted.FAIL), vus.newVu(), 7)).containsExactly(0, 1, 2, 0, 1, 2, 0);
        List<Object> a = draw(feeder(100, Feeder.Strategy.RANDOM, Feeder.WhenExhausted.FAIL), vus.newVu(), 50);
        List<Object> b = draw(feeder(100, Feeder.Strategy.RANDOM, Feeder.WhenExhausted.FAIL), vus.newVu(), 50);
        assertThat(a).isEqualTo(b);
        assertThat(new HashSet<>(a).size()).as("seeded picks, not one record").isGreaterThan(30);
    }

    @Test
    void shuffleHandsOutEveryRecordOncePerPassInADifferentOrderEachPass() {
        TestVus vus = new TestVus();
        Feeder f = feeder(1000, Feeder.Strategy.SHUFFLE, Feeder.WhenExhausted.FAIL);
        List<Object> pass1 = draw(f, vus.newVu(), 1000);
        List<Object> pass2 = draw(f, vus.newVu(), 1000);
        assertThat(new HashSet<>(pass1)).hasSize(1000);
        assertThat(new HashSet<>(pass2)).hasSize(1000);
        assertThat(pass1).isNotEqualTo(pass2);
        assertThat(pass1.subList(0, 20)).isNotEqualTo(draw(feeder(1000, Feeder.Strategy.CIRCULAR, Feeder.WhenExhausted.FAIL), vus.newVu(), 20));
        for (long n : new long[] {1, 2, 3, 5, 17, 64, 65, 1000, 4097}) {
            Set<Long> seen = new HashSet<>();
            for (long i = 0; i < n; i++) seen.add(Feeder.permute(i, n, 7));
            assertThat(seen).as("a permutation of 0..%d", n - 1).hasSize((int) n).allMatch(x -> x >= 0 && x < n);
        }
    }

    @Test
    void uniqueEndsTheLoadAsPlannedOrAbortsItOnceWhenEveryRecordIsDrawn() {
        TestVus vus = new TestVus();
        Feeder stop = feeder(3, Feeder.Strategy.UNIQUE, Feeder.WhenExhausted.STOP);
        Vu vu = vus.newVu();
        assertThat(draw(stop, vu, 3)).containsExactly(0, 1, 2);
        assertThatThrownBy(() -> stop.next(vu)).isInstanceOf(VuStopped.class);
        assertThatThrownBy(() -> stop.next(vu)).isInstanceOf(VuStopped.class);
        assertThat(vus.ended).containsExactly("planned: feeder ids handed out every record of list (3 records) once (strategy unique)");

        TestVus other = new TestVus();
        Feeder fail = feeder(1, Feeder.Strategy.UNIQUE, Feeder.WhenExhausted.FAIL);
        fail.next(other.newVu());
        assertThatThrownBy(() -> fail.next(other.newVu())).isInstanceOf(VuStopped.class);
        assertThat(other.ended).singleElement().asString().startsWith("abort: feeder ids handed out every record").endsWith("(whenExhausted: fail)");
    }

    @Test
    void theProcessesOfASplitRunDrawDisjointRecordsThatTogetherAreWhatOneProcessDraws() {
        for (Feeder.Strategy s : Feeder.Strategy.values()) {
            TestVus whole = new TestVus();
            List<Object> one = draw(feeder(90, s, Feeder.WhenExhausted.STOP), whole.newVu(), 90);
            List<Object> split = new ArrayList<>();
            for (int seg = 0; seg < 3; seg++) {
                TestVus part = new TestVus();
                part.segmentIndex = seg;
                part.segmentCount = 3;
                split.addAll(draw(feeder(90, s, Feeder.WhenExhausted.STOP), part.newVu(), 30));
            }
            assertThat(split).as(s.word()).containsExactlyInAnyOrderElementsOf(one);
            if (s == Feeder.Strategy.UNIQUE || s == Feeder.Strategy.SHUFFLE) assertThat(new HashSet<>(split)).as(s.word()).hasSize(90);
        }
    }
}
