package io.telops.callforward.api;

import java.util.List;
import java.util.Map;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import org.bson.Document;

import io.telops.callforward.call.CallLog;
import io.telops.callforward.line.LineProblem;

/** Read-only view of recent calls and their path (legs with DialStatus, voicemail), for operators. */
@Path("/api/calls")
@Produces(MediaType.APPLICATION_JSON)
public class CallResource {
    private final CallLog calls;

    CallResource(CallLog calls) {
        this.calls = calls;
    }

    @GET
    @RolesAllowed({"admin", "operator"})
    public List<Map<String, Object>> recent(@QueryParam("limit") @DefaultValue("50") int limit) {
        return calls.recent(Math.max(1, Math.min(500, limit))).stream().map(CallResource::view).toList();
    }

    @GET
    @Path("/{callUuid}")
    @RolesAllowed({"admin", "operator"})
    public Map<String, Object> get(@PathParam("callUuid") String callUuid) {
        return calls.find(callUuid).map(CallResource::view)
                .orElseThrow(() -> new LineProblem(LineProblem.Kind.NOT_FOUND, "no call " + callUuid));
    }

    private static Map<String, Object> view(Document d) {
        Map<String, Object> m = new java.util.LinkedHashMap<>();
        m.put("callUuid", d.getString("_id"));
        for (String k : List.of("lineId", "from", "to", "route", "receivedAt", "recordingId", "hangupCause", "durationSeconds", "endedAt")) {
            if (d.get(k) != null) {
                m.put(k, d.get(k) instanceof java.util.Date date ? date.toInstant().toString() : d.get(k));
            }
        }
        m.put("path", CallLog.path(d));
        return m;
    }
}
