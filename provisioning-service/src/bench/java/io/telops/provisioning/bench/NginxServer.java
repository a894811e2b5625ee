package io.telops.provisioning.bench;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * Debian's nginx (the {@code nginx-light} package) serving a directory on a loopback port, as the baseline of the
 * boot-storm benchmark: no access log, and no error-log line per 404 (a boot sequence has its fall-throughs).
 */
final class NginxServer implements AutoCloseable {
    private final Process process;
    final int port;

    private NginxServer(Process process, int port) {
        this.process = process;
        this.port = port;
    }

    static Path binary() throws IOException, InterruptedException {
        for (String p : new String[] {"/usr/sbin/nginx", "/usr/bin/nginx"}) {
            if (Files.isExecutable(Path.of(p))) {
                return Path.of(p);
            }
        }
        // the Debian package, installed the ordinary way if missing
        Process install = new ProcessBuilder("bash", "-c",
                "apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq nginx-light")
                .inheritIO().start();
        if (install.waitFor() != 0 || !Files.isExecutable(Path.of("/usr/sbin/nginx"))) {
            throw new IllegalStateException("nginx is not installed and apt-get install nginx-light failed");
        }
        return Path.of("/usr/sbin/nginx");
    }

    static NginxServer start(Path root, Path work) throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        Files.createDirectories(work.resolve("logs"));
        String conf = """
                user root root;
                worker_processes 2;
                daemon off;
                pid %1$s/nginx.pid;
                error_log %1$s/logs/error.log warn;
                events { worker_connections 2048; }
                http {
                  access_log off;
                  log_not_found off;
                  sendfile on;
                  tcp_nopush on;
                  keepalive_requests 1000000;
                  keepalive_timeout 60s;
                  default_type text/plain;
                  client_body_temp_path %1$s/client_body;
                  proxy_temp_path %1$s/proxy;
                  fastcgi_temp_path %1$s/fastcgi;
                  uwsgi_temp_path %1$s/uwsgi;
                  scgi_temp_path %1$s/scgi;
                  server {
                    listen 127.0.0.1:%2$d;
                    root %3$s;
                    etag on;
                  }
                }
                """.formatted(work, port, root);
        Path confFile = work.resolve("nginx.conf");
        Files.writeString(confFile, conf);
        Process p = new ProcessBuilder(binary().toString(), "-c", confFile.toString(), "-p", work.toString())
                .redirectErrorStream(true).redirectOutput(work.resolve("logs/stdout.log").toFile()).start();
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (System.nanoTime() < deadline) {
            try (java.net.Socket s = new java.net.Socket("127.0.0.1", port)) {
                return new NginxServer(p, port);
            } catch (IOException notYet) {
                if (!p.isAlive()) {
                    throw new IllegalStateException("nginx exited: " + Files.readString(work.resolve("logs/stdout.log")));
                }
                Thread.sleep(50);
            }
        }
        p.destroy();
        throw new IllegalStateException("nginx did not listen on " + port);
    }

    /** The master and its workers, for their CPU time. */
    java.util.Set<Long> pids() {
        java.util.Set<Long> pids = new java.util.HashSet<>();
        pids.add(process.pid());
        process.toHandle().descendants().forEach(h -> pids.add(h.pid()));
        return pids;
    }

    @Override
    public void close() throws Exception {
        process.destroy(); // SIGTERM to the master this bench started; it stops its workers
        if (!process.waitFor(10, java.util.concurrent.TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
    }
}
