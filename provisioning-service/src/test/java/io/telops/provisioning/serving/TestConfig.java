package io.telops.provisioning.serving;

import java.time.Duration;

import io.telops.provisioning.config.ProvisioningConfig;

/** A fixed configuration for plain unit tests of the serving classes. */
final class TestConfig {
    static final String KEY = "MDEyMzQ1Njc4OWFiY2RlZjAxMjM0NTY3ODlhYmNkZWY=";

    private TestConfig() {
    }

    static ProvisioningConfig config(int maxFailures, Duration window, Duration block) {
        return new ProvisioningConfig() {
            public java.util.Optional<String> secretKey() {
                return java.util.Optional.of(KEY);
            }

            public String publicUrl() {
                return "http://localhost:8083";
            }

            public String authRealm() {
                return "telops-provisioning";
            }

            public Throttle throttle() {
                return new Throttle() {
                    public int maxFailures() {
                        return maxFailures;
                    }

                    public Duration window() {
                        return window;
                    }

                    public Duration block() {
                        return block;
                    }

                    public int sourceMaxFailures() {
                        return maxFailures * 20;
                    }

                    public int maxTracked() {
                        return 10_000;
                    }
                };
            }

            public Cache cache() {
                return new Cache() {
                    public int maxDevices() {
                        return 1_000;
                    }

                    public Duration unknownDeviceTtl() {
                        return Duration.ofSeconds(30);
                    }
                };
            }

            public ClientCert clientCert() {
                return () -> false;
            }

            public Uploads uploads() {
                return new Uploads() {
                    public int maxFileBytes() {
                        return 1024;
                    }

                    public int maxFilesPerDevice() {
                        return 2;
                    }
                };
            }

            public Duration unlockWindow() {
                return Duration.ofHours(24);
            }

            public Duration nonceLifetime() {
                return Duration.ofMinutes(5);
            }

            @Override
            public Duration renderFailureInterval() {
                return Duration.ofMinutes(10);
            }

            public Firmware firmware() {
                return new Firmware() {
                    public String directory() {
                        return "target/firmware";
                    }

                    public long maxFileBytes() {
                        return 1 << 20;
                    }
                };
            }

            public Resync resync() {
                return () -> Duration.ofMinutes(5);
            }

            public String fetchFlushInterval() {
                return "1s";
            }
        };
    }
}
