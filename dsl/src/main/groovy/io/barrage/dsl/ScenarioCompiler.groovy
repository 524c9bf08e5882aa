package io.barrage.dsl

import groovy.transform.CompileStatic
import groovy.transform.stc.POJO
import groovy.transform.TypeChecked
import io.barrage.dsl.internal.BarrageTypeChecking
import io.barrage.dsl.internal.ErrorFormatter
import io.barrage.dsl.internal.ParamNames
import io.barrage.dsl.internal.ScriptTransforms
import java.nio.charset.StandardCharsets
import java.nio.file.AtomicMoveNotSupportedException
import java.nio.file.Files
import java.nio.file.Path
import java.nio.file.StandardCopyOption
import java.security.MessageDigest
import org.codehaus.groovy.ast.ModuleNode
import org.codehaus.groovy.control.CompilationUnit
import org.codehaus.groovy.control.CompilerConfiguration
import org.codehaus.groovy.control.MultipleCompilationErrorsException
import org.codehaus.groovy.control.Phases
import org.codehaus.groovy.control.SourceUnit
import org.codehaus.groovy.control.customizers.ASTTransformationCustomizer
import org.codehaus.groovy.control.customizers.ImportCustomizer
import org.codehaus.groovy.tools.GroovyClass

/**
 * Compiles scenario scripts: base class {@link BarrageScript}, barrage's imports, static type
 * checking with barrage's messages, every error collected with file:line:column. Compiled classes
 * are cached by script text and barrage version, so a script run before starts without compiling.
 */
@CompileStatic
@POJO
final class ScenarioCompiler {
    private final Path cacheDir
    private final String version

    /**
     * @param cacheDir where compiled scripts are kept, or null for no cache
     * @param version  barrage's version: a new version compiles anew
     */
    ScenarioCompiler(Path cacheDir, String version) {
        this.cacheDir = cacheDir
        this.version = version
    }

    ScenarioCompiler() {
        this(null, 'dev')
    }

    /**
     * Prepares the Groovy runtime: its registry of metaclasses and default methods, the bootstrap of
     * its call sites, and the metaclasses of the DSL's classes (each built on first use otherwise,
     * 5–10 ms apiece) — about 0.2 s of work that every script needs first. Launchers call this on a
     * thread of its own as they start, so it overlaps parsing the command line and reading the script;
     * calling it again, or racing it, is harmless.
     */
    static void prepareRuntime() {
        def registry = GroovySystem.metaClassRegistry
        Object name = 'barrage'
        String cast = (String) name    // Groovy casts through a call site: this bootstraps them (checked below, so it stays)
        for (Class<?> c : [BarrageScript, ScenarioSpec, PhasesSpec, HttpSpec, AssertionsSpec, DslContext,
                           SimSpec, Closure, Reference, io.barrage.dsl.internal.Pos, ScriptLoader,
                           HttpDsl, UserContext, ResponseChecks,
                           Class.forName('io.barrage.dsl.ScenarioSpec$ClosureUsers'),
                           Class.forName('io.barrage.dsl.ScenarioSpec$ClosureFlow')]) {
            registry.getMetaClass(c)
        }
        if (cast.isEmpty()) throw new IllegalStateException('unreachable')
    }

    /**
     * Prepares the compiler for a script that is not in the cache: the first compile's set-up (the
     * classes Groovy imports by default, found by scanning the JDK and barrage's jar: 0.2 s) and
     * barrage's transforms. Launchers call this on a thread of their own when {@link #isCached} says no.
     */
    static void prepareCompiler() {
        try {
            new CompilationUnit(configuration(true))
        } catch (Exception | LinkageError ignored) {
            // only a head start: the script's own compile meets and reports the same trouble
        }
    }

    /** True when {@code file}'s compiled classes are in the cache (or it cannot be read: nothing to prepare). */
    boolean isCached(Path file) {
        if (cacheDir == null) return false
        try {
            return Files.isDirectory(cacheDir.resolve(key(Files.readString(file, StandardCharsets.UTF_8))))
        } catch (IOException | RuntimeException ignored) {
            return true
        }
    }

    private String key(String text) {
        sha256('barrage ' + version + '\n' + text)
    }

    /** The default cache: $BARRAGE_CACHE, else $XDG_CACHE_HOME/barrage, else ~/.cache/barrage. */
    static Path defaultCacheDir() {
        String env = System.getenv('BARRAGE_CACHE')
        if (env) return Path.of(env).resolve('scripts')
        String xdg = System.getenv('XDG_CACHE_HOME')
        Path base = xdg ? Path.of(xdg) : Path.of(System.getProperty('user.home'), '.cache')
        base.resolve('barrage').resolve('scripts')
    }

    /** Compiles a script file; its path as given names it in messages. */
    CompiledScript compile(Path file) {
        String text
        try {
            text = Files.readString(file, StandardCharsets.UTF_8)
        } catch (IOException e) {
            throw new ScriptException([new ScriptProblem(file.toString(), 0, 0, "cannot read the script: ${e.message ?: e.getClass().simpleName}")])
        }
        compile(file.toString(), text)
    }

    /** Compiles script text; {@code displayName} names it in messages. */
    CompiledScript compile(String displayName, String text) {
        String key = key(text)
        String className = 'BarrageScript_' + key.substring(0, 16)
        Map<String, byte[]> classes = cacheDir == null ? null : readCache(key)
        boolean cached = classes != null
        if (classes == null) {
            classes = compileToBytes(displayName, text, className)
            if (cacheDir != null) writeCache(key, classes)
        }
        new CompiledScript(displayName, define(className, classes), cached, (text =~ /\bfake\b/).find(), this)
    }

    /**
     * Compiles and runs a Groovy profile file: its text is the body of {@code profile('NAME') { … }}
     * (description, tags, phases, guardrails), checked as a script is; every problem at the file's
     * own line and column.
     *
     * @throws ScriptException with every problem
     */
    Profile compileProfile(String displayName, String name, String body) {
        String prefix = "profile('${name}') { ".toString()
        try {
            return compile(displayName, prefix + body + '\n}').profile(name)
        } catch (ScriptException e) {
            List<ScriptProblem> shifted = []
            for (ScriptProblem p : e.problems) {
                shifted << (p.line == 1 && p.column > prefix.length() ? new ScriptProblem(p.file, 1, p.column - prefix.length(), p.message) : p)
            }
            throw new ScriptException(shifted)
        }
    }

    /**
     * Compiles statically first (fast start, fast user code; data of unknown type still dispatched
     * dynamically). A few dynamic idioms — indexing or arithmetic on JSON values — do not compile
     * statically; such scripts compile type-checked with dynamic dispatch instead. Errors reported
     * are always the type-checked compile's, so they do not depend on the mode.
     */
    private static Map<String, byte[]> compileToBytes(String displayName, String text, String className) {
        try {
            return compileToBytes(displayName, text, className, true)
        } catch (ScriptException | org.codehaus.groovy.GroovyBugError | RuntimeException ignored) {
            return compileToBytes(displayName, text, className, false)
        }
    }

    private static Map<String, byte[]> compileToBytes(String displayName, String text, String className, boolean statically) {
        CompilerConfiguration cc = configuration(statically)
        GroovyClassLoader loader = new GroovyClassLoader(ScenarioCompiler.classLoader, cc)
        CompilationUnit unit = new CompilationUnit(cc, null, loader)
        SourceUnit source = unit.addSource(className + '.groovy', text)
        try {
            unit.compile(Phases.CLASS_GENERATION)
        } catch (MultipleCompilationErrorsException e) {
            ModuleNode module = source.AST
            Map<String, List<Object>> named = module == null ? null
                    : (Map<String, List<Object>>) module.getNodeMetaData(BarrageTypeChecking.NAMED_ARGS)
            List<int[]> quiet = module == null ? null : (List<int[]>) module.getNodeMetaData(BarrageTypeChecking.QUIET)
            throw new ScriptException(ErrorFormatter.format(displayName, text, e.errorCollector, named, quiet))
        } finally {
            loader.close()
        }
        Map<String, byte[]> out = new LinkedHashMap<>()
        for (GroovyClass c : unit.classes) out.put(c.name, c.bytes)
        out
    }

    static CompilerConfiguration configuration(boolean statically) {
        CompilerConfiguration cc = new CompilerConfiguration()
        cc.scriptBaseClass = BarrageScript.name
        cc.tolerance = 1000
        cc.parameters = true
        ImportCustomizer imports = new ImportCustomizer()
        imports.addImports('java.time.Duration')
        imports.addStarImports('io.barrage.dsl')
        cc.addCompilationCustomizers(imports, new ScriptTransforms(), new ParamNames(),
                new ASTTransformationCustomizer([extensions: [BarrageTypeChecking.name]] as Map<String, Object>,
                        statically ? CompileStatic : TypeChecked))
        cc
    }

    private static Class<? extends BarrageScript> define(String mainName, Map<String, byte[]> classes) {
        ScriptLoader loader = new ScriptLoader(ScenarioCompiler.classLoader, classes)
        (Class<? extends BarrageScript>) loader.loadClass(mainName)
    }

    /** Defines a compiled script's classes from their bytes. */
    @POJO
    private static final class ScriptLoader extends ClassLoader {
        private final Map<String, byte[]> classes

        ScriptLoader(ClassLoader parent, Map<String, byte[]> classes) {
            super(parent)
            this.classes = classes
        }

        @Override
        protected Class<?> findClass(String name) throws ClassNotFoundException {
            byte[] b = classes.get(name)
            if (b == null) throw new ClassNotFoundException(name)
            defineClass(name, b, 0, b.length)
        }
    }

    private Map<String, byte[]> readCache(String key) {
        Path dir = cacheDir.resolve(key)
        if (!Files.isDirectory(dir)) return null
        Map<String, byte[]> out = new LinkedHashMap<>()
        try (java.nio.file.DirectoryStream<Path> files = Files.newDirectoryStream(dir, '*.class')) {
            for (Path p : files) {
                String n = p.fileName.toString()
                out.put(n.substring(0, n.length() - 6), Files.readAllBytes(p))
            }
        } catch (IOException ignored) {
            return null
        }
        out.isEmpty() ? null : out
    }

    private void writeCache(String key, Map<String, byte[]> classes) {
        try {
            Files.createDirectories(cacheDir)
            Path tmp = Files.createTempDirectory(cacheDir, 'tmp-')
            for (Map.Entry<String, byte[]> e : classes.entrySet()) Files.write(tmp.resolve(e.key + '.class'), e.value)
            try {
                Files.move(tmp, cacheDir.resolve(key), StandardCopyOption.ATOMIC_MOVE)
            } catch (AtomicMoveNotSupportedException | java.nio.file.FileAlreadyExistsException | java.nio.file.DirectoryNotEmptyException e) {
                tmp.toFile().deleteDir()
            }
        } catch (IOException ignored) {
            // A cache that cannot be written only costs the next start a compile.
        }
    }

    private static String sha256(String s) {
        java.util.HexFormat.of().formatHex(MessageDigest.getInstance('SHA-256').digest(s.getBytes(StandardCharsets.UTF_8)))
    }
}
