package io.telops.dashboard.ui;

import java.util.List;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Named;

import io.quarkus.vertx.http.runtime.CurrentVertxRequest;

/** Tells the page layout which section the request is in, so the navigation marks it ({@code inject:nav}). */
@Named("nav")
@RequestScoped
public class Navigation {
    private static final List<Section> SECTIONS = List.of(new Section("/", "Overview"), new Section("/phones", "Phones"),
            new Section("/call-forward", "Call forwarding"), new Section("/devices", "Devices"),
            new Section("/trunks", "Trunks"), new Section("/balances", "Balances"), new Section("/charts", "Charts"),
            new Section("/feed", "Other events"));

    private final CurrentVertxRequest request;

    Navigation(CurrentVertxRequest request) {
        this.request = request;
    }

    public List<Section> sections() {
        return SECTIONS;
    }

    /** Whether the request's path is {@code section} ("/" only itself) or below it. */
    public boolean is(String section) {
        String path = request.getCurrent() == null ? "" : request.getCurrent().request().path();
        if ("/".equals(section)) {
            return "/".equals(path);
        }
        return path.equals(section) || path.startsWith(section + "/");
    }

    public record Section(String path, String label) {
    }
}
