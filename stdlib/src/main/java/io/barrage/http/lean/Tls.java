package io.barrage.http.lean;

import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedTrustManager;
import javax.net.ssl.X509TrustManager;

/**
 * The TLS set-up of one client: the JDK's trust (default), a trust store, or — only when asked —
 * none. One SSLContext per client, so its session cache resumes sessions across connections.
 */
public record Tls(SSLSocketFactory factory, X509TrustManager trustManager) {

    /**
     * @return the set-up for a config's TLS options; {@code trustManager} is null for the JDK's default trust
     */
    public static Tls create(String trustStore, String password, boolean insecure) throws SSLException {
        try {
            SSLContext ctx = SSLContext.getInstance("TLS");
            X509TrustManager trust = null;
            if (insecure) {
                trust = TRUST_ALL;
            } else if (trustStore != null) {
                for (TrustManager m : trustManagers(trustStore, password)) if (m instanceof X509TrustManager x) trust = x;
            }
            ctx.init(null, trust == null ? null : new TrustManager[] {trust}, null);
            return new Tls(ctx.getSocketFactory(), trust);
        } catch (GeneralSecurityException e) {
            throw new SSLException("cannot set TLS up: " + e.getMessage(), e);
        }
    }

    /** The trust managers of a PKCS12 or JKS trust store. */
    static TrustManager[] trustManagers(String path, String password) throws SSLException {
        char[] pw = password == null ? null : password.toCharArray();
        Exception last = null;
        for (String type : new String[] {"PKCS12", "JKS"}) {
            try (InputStream in = Files.newInputStream(Path.of(path))) {
                KeyStore ks = KeyStore.getInstance(type);
                ks.load(in, pw);
                TrustManagerFactory f = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
                f.init(ks);
                return f.getTrustManagers();
            } catch (IOException | GeneralSecurityException e) {
                last = e;
            }
        }
        throw new SSLException("cannot read trust store " + path + ": " + last.getMessage(), last);
    }

    /** Accepts every certificate and host name: the explicit {@code insecure} option. */
    static final X509ExtendedTrustManager TRUST_ALL = new X509ExtendedTrustManager() {
        @Override public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket) {}
        @Override public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket) {}
        @Override public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine) {}
        @Override public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine) {}
        @Override public void checkClientTrusted(X509Certificate[] chain, String authType) {}
        @Override public void checkServerTrusted(X509Certificate[] chain, String authType) {}
        @Override public X509Certificate[] getAcceptedIssuers() { return new X509Certificate[0]; }
    };
}
