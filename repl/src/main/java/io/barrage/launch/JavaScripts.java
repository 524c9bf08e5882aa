package io.barrage.launch;

import io.barrage.api.PlanBuilder;
import io.barrage.api.ScenarioScript;
import io.barrage.dsl.ScriptException;
import io.barrage.dsl.ScriptProblem;
import io.barrage.engine.run.TestPlan;
import io.barrage.http.HttpClientChoice;
import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;
import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;

/**
 * Scenarios written in plain Java: {@code barrage run Checkout.java} compiles the file against
 * barrage's own classes and calls its {@link ScenarioScript#plan}. The public class is named after
 * the file, as {@code java File.java} wants.
 */
final class JavaScripts {
    private JavaScripts() {}

    /** The plan of the scenario class in {@code file}, its HTTP on {@code httpClient}'s client unless each scenario's own. */
    static TestPlan load(Path file, Map<String, String> params, HttpClientChoice httpClient) {
        ScenarioScript script = instantiate(file);
        try {
            return PlanBuilder.buildingWith(httpClient, () -> script.plan(params));
        } catch (Exception e) {
            int line = 0;
            for (StackTraceElement el : e.getStackTrace()) {
                if (el.getFileName() != null && el.getFileName().equals(file.getFileName().toString())) {
                    line = el.getLineNumber();
                    break;
                }
            }
            throw new ScriptException(List.of(new ScriptProblem(file.toString(), line, line > 0 ? 1 : 0,
                    "plan() failed: " + e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage()))));
        }
    }

    static ScenarioScript instantiate(Path file) {
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        if (javac == null) {
            throw new LaunchException("Java scenarios need a JDK (javac), and this is a JRE: " + System.getProperty("java.home"));
        }
        String className = file.getFileName().toString().replaceFirst("\\.java$", "");
        Path out;
        try {
            out = Files.createTempDirectory("barrage-java-");
        } catch (IOException e) {
            throw new LaunchException("cannot create a temporary directory: " + e.getMessage());
        }
        DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
        try (StandardJavaFileManager files = javac.getStandardFileManager(diagnostics, Locale.ROOT, null)) {
            List<String> options = List.of("-d", out.toString(), "-classpath", System.getProperty("java.class.path"),
                    "-proc:none", "-encoding", "UTF-8");
            Boolean ok = javac.getTask(null, files, diagnostics, options, null, files.getJavaFileObjects(file.toFile())).call();
            if (!ok) {
                List<ScriptProblem> problems = new ArrayList<>();
                for (Diagnostic<? extends JavaFileObject> d : diagnostics.getDiagnostics()) {
                    if (d.getKind() != Diagnostic.Kind.ERROR) continue;
                    problems.add(new ScriptProblem(file.toString(), (int) d.getLineNumber(), (int) d.getColumnNumber(),
                            d.getMessage(Locale.ROOT).lines().findFirst().orElse("")));
                }
                throw new ScriptException(problems);
            }
            URLClassLoader loader = new URLClassLoader(new URL[] {out.toUri().toURL()}, JavaScripts.class.getClassLoader());
            Class<?> c = loader.loadClass(className);
            if (!ScenarioScript.class.isAssignableFrom(c)) {
                throw new ScriptException(List.of(new ScriptProblem(file.toString(), 0, 0,
                        "class " + className + " must implement io.barrage.api.ScenarioScript")));
            }
            return (ScenarioScript) c.getDeclaredConstructor().newInstance();
        } catch (ClassNotFoundException e) {
            throw new ScriptException(List.of(new ScriptProblem(file.toString(), 0, 0,
                    "the file must declare a public class named " + className)));
        } catch (ReflectiveOperationException | IOException e) {
            throw new ScriptException(List.of(new ScriptProblem(file.toString(), 0, 0, "cannot load it: " + e)));
        } finally {
            deleteQuietly(out);
        }
    }

    private static void deleteQuietly(Path dir) {
        try (Stream<Path> s = Files.walk(dir)) {
            s.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // a temp directory left behind is harmless
        }
    }
}
