package io.barrage.dsl

import groovy.transform.CompileStatic
import java.nio.charset.StandardCharsets
import java.nio.file.Files
import java.nio.file.NoSuchFileException
import java.nio.file.Path
import java.util.stream.Stream

/**
 * Where saved load profiles are and how they are read: a folder holds one file per profile,
 * {@code NAME.groovy} or {@code NAME.yaml} (or {@code .yml}); a script looks in {@code profiles/}
 * beside itself and above it, then {@code profiles/} in the current folder, then the user's folder
 * ({@code $BARRAGE_PROFILES}, else {@code ~/.barrage/profiles}).
 */
@CompileStatic
final class Profiles {
    public static final List<String> EXTENSIONS = ['.groovy', '.yaml', '.yml']
    private static final java.util.regex.Pattern NAME = ~/[A-Za-z0-9][A-Za-z0-9._-]{0,99}/

    private Profiles() {}

    /** The user's profiles folder: {@code $BARRAGE_PROFILES} (or the property {@code barrage.profiles}), else {@code ~/.barrage/profiles}. */
    static Path userFolder() {
        String env = System.getProperty('barrage.profiles') ?: System.getenv('BARRAGE_PROFILES')
        env ? Path.of(env) : Path.of(System.getProperty('user.home'), '.barrage', 'profiles')
    }

    /** The project's profiles folder: {@code profiles/} in the current folder. */
    static Path projectFolder() {
        Path.of('profiles')
    }

    /**
     * The folders a script looks in, in order: {@code profiles/} beside it and in each folder above
     * it (the nearest first: a project's {@code profiles/} serves the scripts in its subfolders),
     * {@code profiles/} in the current folder, the user's.
     */
    static List<Path> folders(String scriptFile) {
        LinkedHashSet<Path> out = new LinkedHashSet<>()
        Path dir = scriptFile == null ? null : Path.of(scriptFile).toAbsolutePath().normalize().parent
        for (Path d = dir; d != null; d = d.parent) {
            Path p = d.resolve('profiles')
            if (Files.isDirectory(p)) out.add(p)
        }
        out.add(projectFolder().toAbsolutePath().normalize())
        out.add(userFolder().toAbsolutePath().normalize())
        new ArrayList<Path>(out)
    }

    /** Null when {@code name} can be a profile's (and its file's) name, else why not. */
    static String nameProblem(String name) {
        name != null && NAME.matcher(name).matches() ? null
                : "'${name}' is not a profile name: letters, digits, '.', '_' and '-', starting with a letter or digit".toString()
    }

    /** The file of profile {@code name} in the first folder that has one, or null. */
    static Path find(String name, List<Path> folders) {
        if (nameProblem(name) != null) return null
        for (Path f : folders) {
            for (String ext : EXTENSIONS) {
                Path p = f.resolve(name + ext)
                if (Files.isRegularFile(p)) return p
            }
        }
        null
    }

    /** Every profile file in these folders, by name (the first folder's wins), sorted by name. */
    static SortedMap<String, Path> all(List<Path> folders) {
        SortedMap<String, Path> out = new TreeMap<>()
        for (Path f : folders) {
            if (!Files.isDirectory(f)) continue
            List<Path> files
            Stream<Path> s = Files.list(f)
            try {
                files = s.sorted().toList()
            } finally {
                s.close()
            }
            for (Path p : files) {
                String n = p.fileName.toString()
                String ext = EXTENSIONS.find { String e -> n.endsWith(e) }
                if (ext == null || !Files.isRegularFile(p)) continue
                String name = n.substring(0, n.length() - ext.length())
                if (nameProblem(name) == null && !out.containsKey(name)) out.put(name, p)
            }
        }
        out
    }

    /** The name a profile file gives its profile: its file name without the extension. */
    static String nameOf(Path file) {
        String n = file.fileName.toString()
        String ext = EXTENSIONS.find { String e -> n.endsWith(e) }
        ext == null ? n : n.substring(0, n.length() - ext.length())
    }

    /**
     * Reads and checks a profile file, named as {@code name}: every problem at its file:line:column.
     *
     * @throws ScriptException listing the problems
     */
    static Profile read(Path file, String name, ScenarioCompiler compiler) {
        String text
        try {
            text = Files.readString(file, StandardCharsets.UTF_8)
        } catch (NoSuchFileException e) {
            throw new ScriptException([new ScriptProblem(file.toString(), 0, 0, 'no such file')])
        } catch (IOException e) {
            throw new ScriptException([new ScriptProblem(file.toString(), 0, 0, "cannot read the profile: ${e.message ?: e.getClass().simpleName}".toString())])
        }
        String n = file.fileName.toString()
        if (n.endsWith('.yaml') || n.endsWith('.yml')) return YamlProfiles.read(file.toString(), name, text)
        (compiler ?: new ScenarioCompiler()).compileProfile(file.toString(), name, text)
    }
}

/** Folders as messages show them: relative to the current folder when inside it, {@code ~/…} in the home folder. */
@CompileStatic
final class ProfilesShown {
    private ProfilesShown() {}

    static String folder(Path f) {
        Path abs = f.toAbsolutePath().normalize()
        Path here = Path.of('').toAbsolutePath().normalize()
        Path home = Path.of(System.getProperty('user.home')).toAbsolutePath().normalize()
        if (abs.startsWith(here) && abs != here) return here.relativize(abs).toString() + '/'
        if (abs.startsWith(home) && abs != home) return '~/' + home.relativize(abs).toString() + '/'
        abs.toString() + '/'
    }
}
