package io.barrage.dsl

import groovy.transform.CompileStatic
import groovy.transform.stc.POJO
import io.barrage.dsl.internal.Pos
import io.barrage.dsl.internal.SourcePositions

/**
 * Everything one execution of a script builds: scenarios, the shared simulated service, guardrails,
 * the parameters it read, and where in the script each record came from.
 */
@CompileStatic
@POJO
final class DslContext {
    final String file
    final Map<String, String> params
    final Set<String> paramsRead = new LinkedHashSet<>()
    final Map<Object, Pos> positions = new IdentityHashMap<>()
    final List<ScriptProblem> problems = []
    final List<ScenarioSpec> scenarios = []
    SimSpec sharedSim
    RedisSpec redis
    /** The compiler of the script, for the profile files it names (null: a fresh one). */
    ScenarioCompiler compiler
    /** Profiles the script writes itself ({@code profile('name') { }}), by name. */
    final Map<String, Profile> profiles = new LinkedHashMap<>()
    /** Profiles read from files, by name: each file once per load. */
    private final Map<String, Profile> readProfiles = [:]
    GuardrailsSpec guardrails

    DslContext(String file, Map<String, String> params) {
        this.file = file
        this.params = params == null ? [:] : new LinkedHashMap<String, String>(params)
    }

    /** Remembers where a record was made (the statement running now). */
    def <T> T mark(T record) {
        Pos p = SourcePositions.current()
        if (p != null && record != null) positions.put(record, p)
        record
    }

    /** A problem at the statement running now (at the named argument {@code field} if known). */
    void problem(String message, String field = null) {
        Pos p = SourcePositions.current()
        if (p == null) {
            problems << new ScriptProblem(file, 0, 0, message)
        } else {
            int[] at = p.of(field)
            problems << new ScriptProblem(file, at[0], at[1], message)
        }
    }

    /**
     * The profile {@code name}: the script's own, else the first file of that name in {@code
     * profiles/} beside the script, {@code profiles/} here, the user's folder. Not found or not
     * valid: the problems (at this line, or at the profile file's lines), and null.
     */
    Profile profile(String name) {
        String bad = Profiles.nameProblem(name)
        if (bad != null) {
            problem(bad)
            return null
        }
        Profile p = profiles.get(name) ?: readProfiles.get(name)
        if (p != null) return p
        List<java.nio.file.Path> folders = Profiles.folders(file)
        java.nio.file.Path found = Profiles.find(name, folders)
        if (found == null) {
            Set<String> known = new TreeSet<String>(profiles.keySet())
            known.addAll(Profiles.all(folders).keySet())
            String close = io.barrage.dsl.internal.DidYouMean.closest(name, known)
            List<String> shown = []
            for (java.nio.file.Path f : folders) shown << ProfilesShown.folder(f)
            problem("no profile '${name}'${close != null ? "; did you mean '${close}'?" : ''} (profiles: ${known.isEmpty() ? 'none' : String.join(', ', known)}; looked in ${String.join(', ', shown)})".toString())
            return null
        }
        try {
            p = Profiles.read(found, name, compiler)
        } catch (ScriptException e) {
            problems.addAll(e.problems)
            return null
        }
        readProfiles.put(name, p)
        p
    }

    /** A problem of a {@code -p NAME=VALUE} from the command line: it names the {@code -p}, not a place in the script. */
    void paramProblem(String name, String raw, String message) {
        problems << new ScriptProblem("-p ${name}=${raw}".toString(), 0, 0, message)
    }

    /** The statement running now as {@code file:line}, or the file when it is not known. */
    String here() {
        Pos p = SourcePositions.current()
        p == null || p.line <= 0 ? file : "${file}:${p.line}".toString()
    }

    /** A problem about a record marked earlier. */
    void problem(Object record, String field, String message) {
        problems << at(record, field, message)
    }

    /** A problem at a place the script compiler recorded. */
    void problem(int line, int column, String message) {
        problems << new ScriptProblem(file, line, column, message)
    }

    /** A message placed at a record marked earlier (at its setting {@code field} if known). */
    ScriptProblem at(Object record, String field, String message) {
        Pos p = record == null ? null : positions.get(record)
        if (p == null) return new ScriptProblem(file, 0, 0, message)
        int[] at = p.of(field)
        new ScriptProblem(file, at[0], at[1], message)
    }

    /**
     * Says that the DSL has reported what is wrong with {@code field} of {@code record} in its own
     * words, so validation's problem about the same thing is not a second message for one mistake.
     */
    void explained(Object record, String field) {
        explained.computeIfAbsent(record) { new HashSet<String>() }.add(field)
    }

    /** True when the DSL has reported the problem with this record's field already. */
    boolean isExplained(Object record, String field) {
        Set<String> fields = record == null ? null : explained.get(record)
        fields != null && fields.contains(field)
    }

    private final Map<Object, Set<String>> explained = new IdentityHashMap<>()
}
