package io.telops.devstack;

/** One running copy of a service: the first is {@code index} 0 and is named like the service, later ones get #n. */
public record ServiceInstance(ServiceSpec spec, int index) {
    /** The service's name for the first instance, {@code name#2}, {@code name#3}... for the others. */
    public String id() {
        return index == 0 ? spec.name() : spec.name() + "#" + (index + 1);
    }

    public String service() {
        return spec.name();
    }
}
