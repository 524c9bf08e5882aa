package io.barrage.data;

import io.barrage.engine.user.Vu;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Questions for a chat or inference service, by strategy (historical, mathematical, geographical,
 * hypothetical, technical, or a mix of them) or from templates of one's own with variables.
 *
 * <p>Every question is one combination of a template and its variables' values. Question {@code i}
 * uses the templates in turn, each template's combinations in a seeded order ({@link Feeder#permute}):
 * the same seed gives the same sequence, question {@code i} depends on nothing but {@code i} and the
 * seed (not on the number of users or processes), and no question repeats before {@link #uniqueFor}
 * (for the built-in strategies, 15 000 or more).
 */
public final class Questions implements Source {
    /** The built-in kinds of question. */
    public enum Strategy { HISTORICAL, MATHEMATICAL, GEOGRAPHICAL, HYPOTHETICAL, TECHNICAL, MIXED;
        public String word() { return name().toLowerCase(Locale.ROOT); }
    }

    /** A template's variable: a list of values, or a range of whole numbers. */
    private interface Slot {
        long size();

        void append(StringBuilder b, long i);
    }

    private record Words(String[] values) implements Slot {
        public long size() { return values.length; }

        public void append(StringBuilder b, long i) { b.append(values[(int) i]); }
    }

    private record Range(long from, long to) implements Slot {
        public long size() { return to - from + 1; }

        public void append(StringBuilder b, long i) { b.append(from + i); }
    }

    /** A template split at its variables: literal, slot, literal, … literal. */
    private record Template(String[] literals, Slot[] slots, long size) {}

    private final String name;
    private final Template[] templates;
    private final long total;
    private final long unique;
    private final long seed;
    private final AtomicLong draws = new AtomicLong();

    private Questions(String name, List<Template> templates, long seed) {
        this.name = name;
        this.templates = templates.toArray(Template[]::new);
        long t = 0;
        long fewest = Long.MAX_VALUE;
        for (Template tpl : this.templates) {
            t = Math.addExact(t, tpl.size());
            fewest = Math.min(fewest, tpl.size());
        }
        this.total = t;
        this.unique = Math.multiplyHigh(fewest, this.templates.length) != 0 ? Long.MAX_VALUE : fewest * this.templates.length;
        this.seed = seed;
    }

    /** A built-in strategy's questions. */
    public static Questions of(Strategy strategy, long seed) {
        List<Template> all = new ArrayList<>();
        for (Strategy s : Strategy.values()) {
            if (s == Strategy.MIXED || (strategy != Strategy.MIXED && s != strategy)) continue;
            for (String t : Builtin.templates(s)) all.add(parse(t, Builtin.VARIABLES, s.word()));
        }
        return new Questions(strategy.word(), all, seed);
    }

    /**
     * Questions from templates of one's own: {@code {name}} is a variable, whose values are a list
     * (of any values, written as text) or a range of whole numbers ({@code 1..100}); built-in
     * variables ({@link #builtinVariables}) may be used too. A template naming a variable that is
     * neither, or a variable with no values, is an {@link IllegalArgumentException} saying which.
     */
    public static Questions custom(List<String> templates, Map<String, ?> variables, long seed) {
        if (templates.isEmpty()) throw new IllegalArgumentException("no templates");
        Map<String, Slot> slots = new LinkedHashMap<>(Builtin.VARIABLES);
        for (Map.Entry<String, ?> e : variables.entrySet()) slots.put(e.getKey(), slot(e.getKey(), e.getValue()));
        List<Template> all = new ArrayList<>();
        for (String t : templates) all.add(parse(t, slots, "template"));
        return new Questions("custom", all, seed);
    }

    /** The names of the variables built-in templates use, which custom templates may use too. */
    public static List<String> builtinVariables() {
        return List.copyOf(Builtin.VARIABLES.keySet());
    }

    private static Slot slot(String name, Object values) {
        if (values instanceof List<?> list) {
            if (list.isEmpty()) throw new IllegalArgumentException("variable " + name + " has no values");
            if (isWholeRange(list)) {
                long from = ((Number) list.getFirst()).longValue();
                return new Range(from, from + list.size() - 1);
            }
            return new Words(list.stream().map(String::valueOf).toArray(String[]::new));
        }
        if (values instanceof String s) return new Words(new String[] {s});
        throw new IllegalArgumentException("variable " + name + " is a list of values or a range (1..100), not " + values);
    }

    /** A list of consecutive whole numbers (a Groovy range such as 1..100 is one), kept as a range. */
    private static boolean isWholeRange(List<?> list) {
        if (list.size() < 2 || !(list.getFirst() instanceof Integer || list.getFirst() instanceof Long)) return false;
        long first = ((Number) list.getFirst()).longValue();
        long last = ((Number) list.getLast()).longValue();
        if (last - first + 1 != list.size()) return false;
        return list.get(1) instanceof Number n && n.longValue() == first + 1;
    }

    private static Template parse(String text, Map<String, Slot> variables, String where) {
        List<String> literals = new ArrayList<>();
        List<Slot> slots = new ArrayList<>();
        int at = 0;
        long size = 1;
        while (true) {
            int open = text.indexOf('{', at);
            if (open < 0) break;
            int close = text.indexOf('}', open);
            if (close < 0) throw new IllegalArgumentException(where + " '" + text + "': a { with no }");
            String var = text.substring(open + 1, close).strip();
            Slot s = variables.get(var);
            if (s == null) {
                throw new IllegalArgumentException(where + " '" + text + "' uses {" + var + "}, which is not a variable (give it in vars: [" + var + ": [...]])");
            }
            literals.add(text.substring(at, open));
            slots.add(s);
            size = Math.multiplyExact(size, s.size());
            at = close + 1;
        }
        literals.add(text.substring(at));
        return new Template(literals.toArray(String[]::new), slots.toArray(Slot[]::new), size);
    }

    public String name() { return name; }

    /** How many different questions the templates make together. */
    public long combinations() { return total; }

    /** How many questions come before the first repeat: the templates' count times the fewest combinations of one. */
    public long uniqueFor() { return unique; }

    @Override
    public Object next(Vu vu) {
        return get(Source.position(vu, draws.getAndIncrement()));
    }

    /**
     * Question {@code i} of this generator's sequence: template {@code i mod T} in turn (so each kind
     * of question comes as often as the others), and of that template's combinations the {@code
     * i div T}-th in its seeded order.
     */
    public String get(long i) {
        int t = (int) Math.floorMod(i, (long) templates.length);
        long j = Math.floorDiv(i, (long) templates.length);
        Template tpl = templates[t];
        long size = tpl.size();
        long pass = j / size;
        long r = Feeder.permute(j % size, size, Feeder.mix(seed ^ (t * 0xD1B54A32D192ED03L) ^ (pass * 0x9E3779B97F4A7C15L)));
        StringBuilder b = new StringBuilder(96);
        for (int s = 0; s < tpl.slots().length; s++) {
            b.append(tpl.literals()[s]);
            Slot slot = tpl.slots()[s];
            long n = slot.size();
            slot.append(b, r % n);
            r /= n;
        }
        return b.append(tpl.literals()[tpl.slots().length]).toString();
    }

    /** {@link #get} for Groovy's {@code questions[i]}. */
    public String getAt(long i) {
        return get(i);
    }

    @Override
    public String toString() {
        return "questions " + name + " (" + total + " combinations)";
    }

    /** The built-in templates and their variables. */
    private static final class Builtin {
        static final Map<String, Slot> VARIABLES = new LinkedHashMap<>();

        private static void words(String name, String... values) {
            VARIABLES.put(name, new Words(values));
        }

        static {
            words("event", "industrial revolution", "printing revolution", "age of exploration", "reformation", "enlightenment",
                    "agricultural reform", "rise of the railways", "spread of the telegraph", "great famine", "wave of migration",
                    "financial crisis", "abolition movement", "independence movement", "constitutional reform", "plague outbreak",
                    "rise of the guilds", "opening of the canals", "collapse of the trade routes", "scientific revolution", "suffrage campaign");
            words("place", "England", "France", "Spain", "Portugal", "the Netherlands", "Prussia", "Austria", "Russia", "the Ottoman Empire",
                    "Sweden", "Denmark", "Poland", "Italy", "Greece", "Egypt", "Persia", "India", "China", "Japan", "Korea",
                    "Mexico", "Peru", "Brazil", "Argentina", "Chile", "Canada", "the United States", "Ethiopia", "Morocco", "Mali",
                    "the Philippines", "Siam", "Java", "Ireland", "Scotland", "Hungary", "Bohemia", "Venice", "Genoa", "Flanders");
            words("figure", "Ada Lovelace", "Isaac Newton", "Marie Curie", "Leonardo da Vinci", "Galileo Galilei", "Ibn Battuta",
                    "Zheng He", "Catherine the Great", "Simon Bolivar", "Mansa Musa", "Hypatia", "Nicolaus Copernicus", "Charles Darwin",
                    "Michael Faraday", "Florence Nightingale", "Johannes Gutenberg", "Elizabeth I", "Suleiman the Magnificent",
                    "Akbar the Great", "Benjamin Franklin", "Mary Somerville", "Alexander von Humboldt", "Rosalind Franklin", "Alan Turing");
            words("field", "astronomy", "medicine", "navigation", "trade", "architecture", "mathematics", "diplomacy", "printing",
                    "agriculture", "engineering", "philosophy", "law", "music", "education", "banking", "chemistry", "cartography", "warfare");
            words("century", "twelfth", "thirteenth", "fourteenth", "fifteenth", "sixteenth", "seventeenth", "eighteenth", "nineteenth", "twentieth");
            VARIABLES.put("year", new Range(1450, 1949));
            VARIABLES.put("small", new Range(12, 999));
            VARIABLES.put("large", new Range(1000, 99999));
            VARIABLES.put("power", new Range(2, 9));
            words("city", "Lisbon", "Nairobi", "Oslo", "Kyoto", "Lima", "Reykjavik", "Hanoi", "Montreal", "Cape Town", "Tbilisi",
                    "Valparaiso", "Edinburgh", "Marrakesh", "Ulaanbaatar", "Auckland", "Bergen", "Cusco", "Istanbul", "Seville", "Osaka",
                    "Krakow", "Dakar", "Vancouver", "Hobart", "Tallinn", "Zanzibar", "Porto", "Quebec City", "Busan", "Salzburg",
                    "Cartagena", "Ljubljana", "Kathmandu", "Perth", "Trieste", "Addis Ababa", "Galway", "Hoi An", "Bilbao", "Windhoek");
            words("country", "Portugal", "Kenya", "Norway", "Japan", "Peru", "Iceland", "Vietnam", "Canada", "South Africa", "Georgia",
                    "Chile", "Scotland", "Morocco", "Mongolia", "New Zealand", "Bolivia", "Turkey", "Spain", "Poland", "Senegal",
                    "Australia", "Estonia", "Tanzania", "South Korea", "Austria", "Colombia", "Slovenia", "Nepal", "Italy", "Ethiopia",
                    "Ireland", "Namibia", "Argentina", "Finland", "Greece", "Uruguay", "Laos", "Croatia", "Jordan", "Ecuador");
            words("month", "January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December");
            words("aspect", "climate", "geology", "river system", "coastline", "farming", "food culture", "architecture", "public transport",
                    "energy supply", "water supply", "wildlife", "language history", "trade routes", "population growth", "tourism",
                    "fishing industry", "mountain ranges", "soil", "rainfall pattern", "urban layout");
            VARIABLES.put("days", new Range(3, 21));
            VARIABLES.put("stops", new Range(2, 6));
            words("thing", "the Moon", "the Gulf Stream", "the internet", "the printing press", "electricity", "the wheel", "antibiotics",
                    "the bicycle", "the steam engine", "refrigeration", "the telephone", "satellites", "paper money", "the compass",
                    "vaccination", "glass", "the calendar", "writing", "plastics", "the transistor", "rail travel", "container shipping",
                    "the alphabet", "aviation", "radio", "cement", "the microscope", "the clock", "the postal service", "irrigation");
            words("change", "disappeared overnight", "had never been invented", "became free for everyone", "were twice as common",
                    "stopped working for a week", "had been invented a century earlier", "were banned worldwide", "cost ten times more",
                    "ran on sunlight alone", "were owned by a single company", "worked only at night", "could not be repaired",
                    "were available only in cities", "moved twice as fast", "needed no maintenance", "were run by volunteers",
                    "were shared by whole villages", "were controlled by the weather", "lasted for ever", "were half their size");
            words("subject", "every teacher", "a small town", "a city council", "every farmer", "a hospital", "a library", "every child",
                    "a shipping company", "a football club", "a research lab", "every bus driver", "a bakery", "a newspaper",
                    "a fire brigade", "a museum", "a post office", "every pilot", "a school", "a theatre", "a family");
            words("ability", "read minds", "stop time", "speak every language", "travel anywhere instantly", "see a year ahead",
                    "work without sleep", "talk to animals", "predict the weather exactly", "copy any object", "become invisible",
                    "remember everything", "breathe under water", "fly", "heal any illness", "grow food anywhere", "undo one decision a day",
                    "hear every conversation in town", "never get lost", "make any machine work", "learn any skill in an hour");
            VARIABLES.put("factor", new Range(2, 10));
            VARIABLES.put("future", new Range(2030, 2129));
            words("task", "stream a large file", "retry failed requests", "paginate results", "cache responses", "rotate credentials",
                    "shard a table", "rate limit clients", "trace a request across services", "migrate a schema", "roll back a release",
                    "batch writes", "deduplicate events", "compress payloads", "validate input", "schedule background jobs",
                    "handle timeouts", "debounce updates", "profile memory use", "warm a cache", "drain connections on shutdown",
                    "encrypt data at rest", "sign webhooks", "run database migrations", "expose metrics", "balance load",
                    "store large blobs", "index full text", "replay a queue", "detect slow queries", "back up a database");
            words("tech", "Java", "Go", "Rust", "Python", "Node.js", "Kotlin", "C#", "Ruby", "Elixir", "Scala", "PostgreSQL", "Redis",
                    "Kafka", "Kubernetes", "nginx", "gRPC", "GraphQL", "SQLite", "Cassandra", "Elasticsearch", "RabbitMQ", "Terraform",
                    "Spring Boot", "Django", "Rails", "Flask", "Express", "Quarkus", "Envoy", "Prometheus");
            words("constraint", "memory is limited to 256 MB", "the network drops one packet in a hundred", "requests arrive in bursts",
                    "the clock can jump backwards", "two regions must stay in sync", "the disk is almost full", "a dependency is slow",
                    "clients never close connections", "payloads can be 100 MB", "the schema changes weekly", "nothing may be lost",
                    "latency must stay under 50 ms", "the service restarts often", "there are a million tenants", "writes outnumber reads",
                    "the data is personal", "the budget is one small VM", "traffic doubles at noon", "the team is on call alone",
                    "the old API must keep working");
            words("usecase", "a job queue", "session storage", "an audit log", "real-time chat", "a leaderboard", "search suggestions",
                    "feature flags", "billing records", "event sourcing", "a CDN origin", "time series", "a recommendation cache",
                    "file uploads", "a checkout flow", "notifications", "an API gateway", "mobile sync", "analytics", "IoT telemetry", "a wiki");
            words("status", "502", "503", "504", "429", "500", "408", "499", "connection resets");
            VARIABLES.put("rps", new Range(50, 5000));
        }

        static List<String> templates(Strategy s) {
            return switch (s) {
                case HISTORICAL -> List.of(
                        "What caused the {event} in {place}, and how did it shape the years after {year}?",
                        "How did {figure} influence {field} in the {century} century?",
                        "Compare the {event} in {place} with the one in {country}: what was different?",
                        "What would a visitor to {place} in {year} have noticed about its {field}?");
                case MATHEMATICAL -> List.of(
                        "What is {large} multiplied by {small}?",
                        "Solve for x: {small}x + {large} = {large}.",
                        "What is the derivative of {small}x^{power} + {large}x?",
                        "Is {large} a prime number? Explain how you checked.",
                        "What is the remainder when {large} is divided by {small}?");
                case GEOGRAPHICAL -> List.of(
                        "What is the weather usually like in {city} in {month}, and how does it shape its {aspect}?",
                        "Describe the {aspect} of {country} and how it differs from {place}'s.",
                        "Plan a {days}-day trip through {country} with {stops} stops, starting in {city}.",
                        "How would you travel from {city} to {country}'s capital in {month}, and how long would it take?");
                case HYPOTHETICAL -> List.of(
                        "What would happen if {thing} {change} in {future}?",
                        "Imagine {subject} could {ability} for {days} days: what would change first?",
                        "If {city} had {factor} times its population by {future}, what would its {aspect} need?",
                        "Suppose {thing} {change} in {future}: how would {subject} adapt?");
                case TECHNICAL -> List.of(
                        "How do I {task} in {tech} when {constraint}?",
                        "What is the difference between {tech} and Redis for {usecase}, given that {constraint}?",
                        "Why does my {tech} service return {status} above {rps} requests per second, and how do I find out?",
                        "What is a good way to {task} for {usecase} with {tech}?");
                case MIXED -> List.of();
            };
        }
    }
}
