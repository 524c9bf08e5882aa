package io.barrage.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Body templates: variables from one map, JSON-escaped in a JSON template, problems with their line. */
class TemplateTest {

    @Test
    void aJsonTemplateStaysValidJsonWhateverTheValuesHold() throws Exception {
        Template t = Template.parse("bodies/order.json", "{\n  \"user\": \"{{user.name}}\",\n  \"qty\": {{qty}},\n  \"note\": \"{{note}}\"\n}", true);
        assertThat(t.variables()).containsExactly("user.name", "qty", "note");
        String body = t.render(Map.of("user", Map.of("name", "Ada \"the\" first"), "qty", 2, "note", "two\nlines \\ and a tab\t"));
        Map<?, ?> parsed = new ObjectMapper().readValue(body, Map.class);
        assertThat(parsed).isEqualTo(Map.of("user", "Ada \"the\" first", "qty", 2, "note", "two\nlines \\ and a tab\t"));
    }

    @Test
    void aTextTemplateInsertsValuesAsTheyAre() {
        assertThat(Template.parse("q.txt", "Hello {{ name }}, {{n}} items", false).render(Map.of("name", "lin \"x\"", "n", List.of(1, 2))))
                .isEqualTo("Hello lin \"x\", [1, 2] items");
    }

    @Test
    void aMissingValueAndABadTemplateNameTheirLine() {
        Template t = Template.parse("bodies/order.json", "{\n \"sku\": \"{{sku}}\"\n}", true);
        assertThatThrownBy(() -> t.render(Map.of("qty", 1))).hasMessage("bodies/order.json:2: {{sku}} has no value (given: qty)");
        assertThatThrownBy(() -> Template.parse("b.json", "{\n  \"a\": {{a}\n}", true)).hasMessage("b.json:2:8: {{ with no }}");
        assertThatThrownBy(() -> Template.parse("b.json", "x {{ 1a }}", true)).hasMessageStartingWith("b.json:1:3: {{1a}}: a variable is a name");
    }
}
