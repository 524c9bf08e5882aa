package io.barrage.engine.prometheus;

import io.prometheus.metrics.expositionformats.ExpositionFormatWriter;
import io.prometheus.metrics.expositionformats.ExpositionFormats;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.io.ByteArrayOutputStream;
import java.io.IOException;

/**
 * A scrape's answer in the format its {@code Accept} header asks for: Prometheus protobuf (the only
 * format that carries native histograms: Prometheus asks for it when started with
 * {@code --enable-feature=native-histograms}), OpenMetrics text, or the classic text format.
 */
public final class PrometheusExposition {
    private static final ExpositionFormats FORMATS = ExpositionFormats.init();

    private PrometheusExposition() {}

    /** What one scrape answers: its content type and body. */
    public record Answer(String contentType, byte[] body) {}

    public static Answer scrape(PrometheusRegistry registry, String accept) throws IOException {
        ExpositionFormatWriter writer = FORMATS.findWriter(accept);
        ByteArrayOutputStream out = new ByteArrayOutputStream(8192);
        writer.write(out, registry.scrape());
        return new Answer(writer.getContentType(), out.toByteArray());
    }

    /** A registry holding {@code series} alone. */
    public static PrometheusRegistry registry(PrometheusSeries series) {
        PrometheusRegistry r = new PrometheusRegistry();
        r.register(series);
        return r;
    }
}
