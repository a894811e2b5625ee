package io.telops.vats.tls;

import java.io.IOException;
import java.net.InetAddress;
import java.net.URI;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;

/** A TLS server on 127.0.0.1 that handshakes with whoever connects, with given protocols and suites, and hangs up. */
final class LoopbackTlsServer implements AutoCloseable {
    private final SSLServerSocket socket;
    private final Thread acceptor;
    private final List<String> negotiated = new CopyOnWriteArrayList<>();
    private final List<String> failures = new CopyOnWriteArrayList<>();

    LoopbackTlsServer(SSLContext context, String[] protocols, String[] suites) throws IOException {
        socket = (SSLServerSocket) context.getServerSocketFactory().createServerSocket(0, 16, InetAddress.getLoopbackAddress());
        if (protocols != null) {
            socket.setEnabledProtocols(protocols);
        }
        if (suites != null) {
            socket.setEnabledCipherSuites(suites);
        }
        acceptor = new Thread(this::serve, "loopback-tls");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    URI url() {
        return URI.create("https://127.0.0.1:" + socket.getLocalPort() + "/");
    }

    private void serve() {
        while (!socket.isClosed()) {
            try (SSLSocket client = (SSLSocket) socket.accept()) {
                client.setSoTimeout(5000);
                try {
                    client.startHandshake();
                    negotiated.add(client.getSession().getProtocol() + " " + client.getSession().getCipherSuite());
                } catch (IOException e) {
                    failures.add(String.valueOf(e.getMessage()));
                }
            } catch (IOException e) {
                return;
            }
        }
    }

    List<String> negotiated() {
        return negotiated;
    }

    List<String> failures() {
        return failures;
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
