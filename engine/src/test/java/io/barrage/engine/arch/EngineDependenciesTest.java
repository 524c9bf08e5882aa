package io.barrage.engine.arch;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The engine knows nothing of Groovy, OkHttp or Lettuce: the dependencies point the other way. */
class EngineDependenciesTest {
    static final Pattern FORBIDDEN = Pattern.compile(
            "^\\s*import\\s+(static\\s+)?(groovy|org\\.codehaus\\.groovy|org\\.apache\\.groovy|okhttp3|okio|io\\.lettuce|picocli|org\\.jline)\\b.*",
            Pattern.MULTILINE);

    @Test
    void engineSourcesImportNoGroovyOkHttpOrLettuce() throws IOException {
        Path main = Path.of("src/main/java");
        assertThat(main).isDirectory();
        List<String> offenders;
        try (Stream<Path> files = Files.walk(main)) {
            offenders = files.filter(p -> p.toString().endsWith(".java")).filter(p -> {
                try {
                    return FORBIDDEN.matcher(Files.readString(p)).find() || Files.readString(p).contains("groovy.lang.");
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            }).map(Path::toString).toList();
        }
        assertThat(offenders).as("engine files importing Groovy, OkHttp, Lettuce, picocli or JLine").isEmpty();
    }

    @Test
    void theEngineClasspathHasNoGroovyOkHttpOrLettuce() {
        for (String name : new String[] {"groovy.lang.Closure", "okhttp3.OkHttpClient", "io.lettuce.core.RedisClient"}) {
            assertThat(loadable(name)).as(name + " on the engine's classpath").isFalse();
        }
    }

    private static boolean loadable(String name) {
        try {
            Class.forName(name, false, EngineDependenciesTest.class.getClassLoader());
            return true;
        } catch (ClassNotFoundException e) {
            return false;
        }
    }
}
