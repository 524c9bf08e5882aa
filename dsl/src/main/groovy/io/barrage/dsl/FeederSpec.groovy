package io.barrage.dsl

import groovy.transform.CompileStatic
import io.barrage.data.DataFileException
import io.barrage.data.Feeder
import io.barrage.data.Feeders
import io.barrage.data.Questions
import io.barrage.data.Records
import io.barrage.dsl.internal.DidYouMean
import java.nio.file.Path

/**
 * The script's {@code feeder(…)}: records from a CSV, JSON lines or JSON file, or a list, read
 * and checked when the script loads (a bad file is one line naming its line, exit 2, before any
 * load), shared by every user of the process; user code draws with {@code feed(name)}.
 */
@CompileStatic
final class FeederSpec {
    static final List<String> OPTIONS = ['strategy', 'whenExhausted', 'seed', 'format', 'separator', 'header', 'name']

    private FeederSpec() {}

    /** A feeder over a data file; {@code path} relative to the script's folder. */
    static Feeder file(DslContext ctx, Map options, String path) {
        Map opts = checked(ctx, options)
        Path p = Path.of(path)
        Path file = beside(ctx, path)
        String shown = shown(ctx, path)
        Feeders.Format format = null
        if (opts.format != null) {
            format = Feeders.Format.values().find { it.word() == opts.format.toString().toLowerCase(Locale.ROOT) }
            if (format == null) {
                ctx.problem("feeder format '${opts.format}' is not one barrage reads${DidYouMean.suggestion(opts.format.toString(), Feeders.Format.values()*.word())}".toString(), 'format')
                return placeholder(path)
            }
        } else {
            format = Feeders.formatOf(path)
            if (format == null) {
                ctx.problem("feeder '${path}': barrage reads .csv, .tsv, .jsonl, .ndjson and .json files; say which this is with format: 'csv', 'jsonl' or 'json'".toString())
                return placeholder(path)
            }
        }
        char separator = path.toLowerCase(Locale.ROOT).endsWith('.tsv') ? '\t' as char : ',' as char
        if (opts.separator != null) {
            String s = opts.separator.toString()
            if (s.length() != 1 || s == '"' || s == '\n' || s == '\r') {
                ctx.problem("feeder separator '${s}': one character other than a quote or a line break (',' ';' '\\t' '|')".toString(), 'separator')
                return placeholder(path)
            }
            separator = s.charAt(0)
        }
        boolean header = opts.header == null ? true : Boolean.TRUE == opts.header
        try {
            Records r = Feeders.open(file, shown, format, separator, header)
            return build(ctx, opts, r, opts.name?.toString() ?: p.fileName.toString())
        } catch (DataFileException e) {
            ctx.problems << new ScriptProblem(e.file(), e.line(), e.column(), "${e.problem()} (feeder at ${ctx.here()})".toString())
            return placeholder(path)
        }
    }

    /** A feeder over a list's elements (maps, or values as they are). */
    static Feeder list(DslContext ctx, Map options, List records) {
        Map opts = checked(ctx, options)
        for (String o : ['format', 'separator', 'header']) {
            if (opts.containsKey(o)) ctx.problem("feeder option ${o} is for files, not a list".toString(), o)
        }
        if (records == null || records.isEmpty()) {
            ctx.problem('a feeder needs at least one record; the list is empty')
            return placeholder('list')
        }
        int nul = records.indexOf(null)
        if (nul >= 0) {
            ctx.problem("a feeder's records cannot be null; element ${nul} of the list is".toString())
            return placeholder('list')
        }
        build(ctx, opts, Records.of(records, 'list'), opts.name?.toString() ?: 'list')
    }

    static final List<String> QUESTION_OPTIONS = ['seed', 'templates', 'vars']

    /** Questions of a built-in strategy, or (strategy null) from {@code templates:} and {@code vars:}. */
    static Questions questions(DslContext ctx, Map options, String strategy) {
        Map opts = options ?: [:]
        for (Object k : opts.keySet()) {
            if (!(k.toString() in QUESTION_OPTIONS)) {
                ctx.problem("questions has no option '${k}'${DidYouMean.suggestion(k.toString(), QUESTION_OPTIONS)}".toString(), k.toString())
            }
        }
        long seed = seed(ctx, opts, 'questions')
        if (strategy != null) {
            if (opts.containsKey('templates') || opts.containsKey('vars')) {
                ctx.problem("questions('${strategy}') uses built-in templates; templates: and vars: are for questions(templates: [...], vars: [...])".toString())
            }
            Questions.Strategy s = Questions.Strategy.values().find { it.word() == strategy }
            if (s == null) {
                ctx.problem("'${strategy}' is not a question strategy${DidYouMean.suggestion(strategy, Questions.Strategy.values()*.word())}".toString())
                s = Questions.Strategy.MIXED
            }
            return Questions.of(s, seed)
        }
        Object templates = opts.templates
        Object vars = opts.vars == null ? [:] : opts.vars
        if (!(templates instanceof List) || ((List) templates).isEmpty() || ((List) templates).any { !(it instanceof CharSequence) }) {
            ctx.problem("questions needs templates: a list of texts with {variables}, or a strategy: questions('mixed')", 'templates')
            return Questions.of(Questions.Strategy.MIXED, seed)
        }
        if (!(vars instanceof Map)) {
            ctx.problem('questions vars: is a map of variable names to lists or ranges: vars: [product: [\'Atlas\', \'Nimbus\'], n: 1..100]', 'vars')
            return Questions.of(Questions.Strategy.MIXED, seed)
        }
        try {
            return Questions.custom(((List) templates)*.toString(), (Map<String, ?>) vars, seed)
        } catch (IllegalArgumentException | ArithmeticException e) {
            ctx.problem("questions: ${e instanceof ArithmeticException ? 'too many combinations to count' : e.message}".toString(), 'templates')
            return Questions.of(Questions.Strategy.MIXED, seed)
        }
    }

    /** A body template from a file beside the script ({@code .json}: values JSON-escaped), read and checked now. */
    static io.barrage.data.Template template(DslContext ctx, String path) {
        Path file = beside(ctx, path)
        String shown = shown(ctx, path)
        try {
            String text = java.nio.file.Files.readString(file)
            return io.barrage.data.Template.parse(shown, text, path.toLowerCase(Locale.ROOT).endsWith('.json'))
        } catch (java.nio.file.NoSuchFileException e) {
            ctx.problems << new ScriptProblem(shown, 0, 0, "no such file (template at ${ctx.here()})".toString())
        } catch (IOException e) {
            ctx.problems << new ScriptProblem(shown, 0, 0, "cannot be read: ${e.message} (template at ${ctx.here()})".toString())
        } catch (DataFileException e) {
            ctx.problems << new ScriptProblem(e.file(), e.line(), e.column(), "${e.problem()} (template at ${ctx.here()})".toString())
        }
        io.barrage.data.Template.parse(path, '', false)
    }

    private static Map checked(DslContext ctx, Map options) {
        Map opts = options ?: [:]
        for (Object k : opts.keySet()) {
            if (!(k.toString() in OPTIONS)) {
                ctx.problem("feeder has no option '${k}'${DidYouMean.suggestion(k.toString(), OPTIONS)}".toString(), k.toString())
            }
        }
        opts
    }

    private static Feeder build(DslContext ctx, Map opts, Records records, String name) {
        Feeder.Strategy strategy = Feeder.Strategy.CIRCULAR
        if (opts.strategy != null) {
            strategy = Feeder.Strategy.values().find { it.word() == opts.strategy.toString() }
            if (strategy == null) {
                ctx.problem("feeder strategy '${opts.strategy}' is not one barrage has${DidYouMean.suggestion(opts.strategy.toString(), Feeder.Strategy.values()*.word())}".toString(), 'strategy')
                strategy = Feeder.Strategy.CIRCULAR
            }
        }
        Feeder.WhenExhausted when = Feeder.WhenExhausted.FAIL
        if (opts.whenExhausted != null) {
            when = Feeder.WhenExhausted.values().find { it.word() == opts.whenExhausted.toString() }
            if (when == null) {
                ctx.problem("feeder whenExhausted '${opts.whenExhausted}': 'stop' (the load ends as planned) or 'fail' (the run is aborted, exit 3)".toString(), 'whenExhausted')
                when = Feeder.WhenExhausted.FAIL
            } else if (strategy != Feeder.Strategy.UNIQUE) {
                ctx.problem("feeder whenExhausted is for strategy: 'unique' (a ${strategy.word()} feeder never runs out)".toString(), 'whenExhausted')
            }
        }
        long seed = seed(ctx, opts, 'feeder')
        new Feeder(name, records, strategy, when, seed)
    }

    private static Feeder placeholder(String name) {
        new Feeder(name, Records.of([[:]], name), Feeder.Strategy.CIRCULAR, Feeder.WhenExhausted.FAIL, 0)
    }

    /** The {@code seed:} of {@code word}'s options (0 without one); one that is not a whole number is a problem at its place. */
    static long seed(DslContext ctx, Map opts, String word) {
        Object seed = opts?.seed
        if (seed == null) return 0L
        if (seed instanceof Number) return ((Number) seed).longValue()
        ctx.problem("${word} seed is a whole number, not '${seed}'".toString(), 'seed')
        0L
    }

    /** A data file's path: as given when absolute, else relative to the script's folder. */
    private static Path beside(DslContext ctx, String path) {
        Path p = Path.of(path)
        Path scriptDir = ctx.file == null ? null : Path.of(ctx.file).toAbsolutePath().parent
        p.absolute || scriptDir == null ? p : scriptDir.resolve(p)
    }

    /** How messages name a data file: from the working directory where it is under it. */
    private static String shown(DslContext ctx, String path) {
        Path p = Path.of(path)
        p.absolute || ctx.file == null ? path : relative(beside(ctx, path))
    }

    /** The path as the user would type it from the working directory, where it is under it. */
    private static String relative(Path file) {
        Path cwd = Path.of('').toAbsolutePath()
        Path abs = file.toAbsolutePath().normalize()
        abs.startsWith(cwd) ? cwd.relativize(abs).toString() : abs.toString()
    }
}
