package io.telops.ingest.push;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import io.quarkus.runtime.LaunchMode;
import io.telops.ingest.IngestConfig;

class PushGuardTest {
    static final Optional<String> XML = Optional.of("application/xml");

    @Test
    void withoutConfigurationInDevAndTestAnyoneMayPushXml() {
        PushGuard guard = new PushGuard(config(Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty()), LaunchMode.TEST);
        assertThatCode(() -> guard.check("203.0.113.9", XML, Optional.empty(), Optional.empty())).doesNotThrowAnyException();
        assertThatCode(() -> guard.check("203.0.113.9", Optional.empty(), Optional.empty(), Optional.empty())).doesNotThrowAnyException();
        assertThat(status(() -> guard.check("203.0.113.9", Optional.of("application/json"), Optional.empty(), Optional.empty()))).isEqualTo(415);
    }

    @Test
    void subnetAllowListForIpv4AndIpv6() {
        PushGuard guard = new PushGuard(config(Optional.of(List.of("10.20.0.0/16", "192.168.1.7", "fd00:1::/32")),
                Optional.empty(), Optional.empty(), Optional.empty()));
        assertThatCode(() -> guard.check("10.20.255.1", XML, Optional.empty(), Optional.empty())).doesNotThrowAnyException();
        assertThatCode(() -> guard.check("192.168.1.7", XML, Optional.empty(), Optional.empty())).doesNotThrowAnyException();
        assertThatCode(() -> guard.check("fd00:1:abcd::5", XML, Optional.empty(), Optional.empty())).doesNotThrowAnyException();
        assertThat(status(() -> guard.check("10.21.0.1", XML, Optional.empty(), Optional.empty()))).isEqualTo(403);
        assertThat(status(() -> guard.check("192.168.1.8", XML, Optional.empty(), Optional.empty()))).isEqualTo(403);
        assertThat(status(() -> guard.check("phone.example.com", XML, Optional.empty(), Optional.empty()))).isEqualTo(403);
    }

    @Test
    void aDualStackSocketsIpv4MappedSenderMatchesIpv4Subnets() {
        PushGuard guard = new PushGuard(config(Optional.of(List.of("10.20.0.0/16")), Optional.empty(), Optional.empty(), Optional.empty()));
        assertThatCode(() -> guard.check("::ffff:10.20.3.4", XML, Optional.empty(), Optional.empty())).doesNotThrowAnyException();
        assertThat(status(() -> guard.check("::ffff:10.21.3.4", XML, Optional.empty(), Optional.empty()))).isEqualTo(403);
        // hex-only host names are names, not addresses: refused without a DNS lookup
        assertThat(status(() -> guard.check("dead.beef", XML, Optional.empty(), Optional.empty()))).isEqualTo(403);
    }

    @Test
    void aSubnetThatIsNotACidrIsAConfigurationError() {
        assertThatThrownBy(() -> new PushGuard(config(Optional.of(List.of("10.20.0.0/33")), Optional.empty(), Optional.empty(), Optional.empty())))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("10.20.0.0/33");
        assertThatThrownBy(() -> new PushGuard(config(Optional.of(List.of("phones.example.net")), Optional.empty(), Optional.empty(), Optional.empty())))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("phones.example.net");
    }

    @Test
    void basicCredentialsOrTokenWhenConfigured() {
        PushGuard guard = new PushGuard(config(Optional.empty(), Optional.of("phones"), Optional.of("s3cret"), Optional.of("t0ken")));
        assertThatCode(() -> guard.check("10.0.0.1", XML, Optional.of(basic("phones", "s3cret")), Optional.empty())).doesNotThrowAnyException();
        assertThatCode(() -> guard.check("10.0.0.1", XML, Optional.empty(), Optional.of("t0ken"))).doesNotThrowAnyException();
        assertThatThrownBy(() -> guard.check("10.0.0.1", XML, Optional.of(basic("phones", "wrong")), Optional.empty()))
                .isInstanceOfSatisfying(PushRejectedException.class, e -> {
                    assertThat(e.problem().status()).isEqualTo(401);
                    assertThat(e.headers()).containsKey("WWW-Authenticate");
                });
        assertThat(status(() -> guard.check("10.0.0.1", XML, Optional.empty(), Optional.of("t0ken-")))).isEqualTo(401);
        assertThat(status(() -> guard.check("10.0.0.1", XML, Optional.of("Basic !!notbase64"), Optional.empty()))).isEqualTo(401);
        assertThat(status(() -> guard.check("10.0.0.1", XML, Optional.empty(), Optional.empty()))).isEqualTo(401);
    }

    static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    static int status(Runnable check) {
        try {
            check.run();
            return 200;
        } catch (PushRejectedException e) {
            return e.problem().status();
        }
    }

    static IngestConfig config(Optional<List<String>> subnets, Optional<String> user, Optional<String> password, Optional<String> secret) {
        IngestConfig.Push push = new IngestConfig.Push() {
            public long maxBodyBytes() {
                return 262_144;
            }

            public int maxEventsPerRequest() {
                return 500;
            }

            public Optional<List<String>> allowedSubnets() {
                return subnets;
            }

            public Optional<String> basicUsername() {
                return user;
            }

            public Optional<String> basicPassword() {
                return password;
            }

            public Optional<String> sharedSecret() {
                return secret;
            }

            public boolean directRoute() {
                return true;
            }
        };
        return new IngestConfig() {
            public Push push() {
                return push;
            }

            public Outbox outbox() {
                throw new UnsupportedOperationException();
            }

            public Acceptance acceptance() {
                throw new UnsupportedOperationException();
            }

            public Retention retention() {
                return () -> Duration.ofDays(7);
            }

            public Polling polling() {
                return new Polling() {
                    public boolean enabled() {
                        return false;
                    }

                    public Map<String, Group> groups() {
                        return Map.of();
                    }
                };
            }
        };
    }
}
