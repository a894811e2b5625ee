package io.telops.callforward.api;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import io.telops.callforward.call.Voicemails;
import io.telops.callforward.line.ForwardingLine;
import io.telops.callforward.line.LineService;
import io.telops.callforward.line.LineSettings;
import io.telops.callforward.line.RentalRequest;
import io.telops.callforward.sms.SmsJobs;

/** Admin API for forwarding lines: admins create (renting numbers), update and release; operators read. */
@Path("/api/lines")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class LineResource {
    public record CreateLine(LineSettings settings, RentalRequest rental) {
    }

    public record LineView(String id, String status, Optional<String> forwardNumber, Optional<String> voicemailNumber,
                           Optional<String> appId, long version, Instant createdAt, Instant updatedAt, LineSettings settings) {
        static LineView of(ForwardingLine l) {
            return new LineView(l.id(), l.status().name(), l.forwardNumber(), l.voicemailNumber(), l.appId(), l.version(),
                    l.createdAt(), l.updatedAt(), l.settings());
        }
    }

    public record SmsView(String id, String status, int attempts, Optional<String> lastError,
                          Optional<String> messageUuid, Optional<String> deliveryStatus) {
    }

    public record VoicemailView(String recordingId, String callUuid, String caller, String recordUrl, int durationSeconds,
                                Instant recordedAt, Optional<SmsView> sms) {
    }

    private final LineService lines;
    private final Voicemails voicemails;
    private final SmsJobs sms;

    LineResource(LineService lines, Voicemails voicemails, SmsJobs sms) {
        this.lines = lines;
        this.voicemails = voicemails;
        this.sms = sms;
    }

    @POST
    @RolesAllowed("admin")
    public Response create(CreateLine request) {
        if (request == null || request.settings() == null) {
            throw new IllegalArgumentException("settings are required");
        }
        RentalRequest rental = request.rental() == null
                ? new RentalRequest(null, null, Optional.empty(), Optional.empty(), false) : request.rental();
        ForwardingLine line = lines.create(request.settings(), rental);
        return Response.status(Response.Status.CREATED).header("Location", "/api/lines/" + line.id()).entity(LineView.of(line)).build();
    }

    @GET
    @RolesAllowed({"admin", "operator"})
    public List<LineView> list() {
        return lines.list().stream().map(LineView::of).toList();
    }

    @GET
    @Path("/{id}")
    @RolesAllowed({"admin", "operator"})
    public LineView get(@PathParam("id") String id) {
        return LineView.of(lines.get(id));
    }

    @PUT
    @Path("/{id}")
    @RolesAllowed("admin")
    public LineView update(@PathParam("id") String id, LineSettings settings) {
        if (settings == null) {
            throw new IllegalArgumentException("settings are required");
        }
        return LineView.of(lines.update(id, settings));
    }

    @DELETE
    @Path("/{id}")
    @RolesAllowed("admin")
    public LineView release(@PathParam("id") String id) {
        return LineView.of(lines.release(id));
    }

    @GET
    @Path("/{id}/voicemails")
    @RolesAllowed({"admin", "operator"})
    public List<VoicemailView> voicemails(@PathParam("id") String id) {
        lines.get(id);
        List<Voicemails.Voicemail> list = voicemails.ofLine(id);
        Map<String, SmsJobs.SmsJob> jobs = sms.findAll(list.stream().map(Voicemails.Voicemail::smsId).toList()).stream()
                .collect(Collectors.toMap(SmsJobs.SmsJob::id, Function.identity()));
        return list.stream().map(v -> new VoicemailView(v.recordingId(), v.callUuid(), v.caller(), v.recordUrl(),
                v.durationSeconds(), v.recordedAt(), Optional.ofNullable(jobs.get(v.smsId())).map(j -> new SmsView(j.id(),
                        j.status().name(), j.attempts(), j.lastError(), j.messageUuid(), j.deliveryStatus())))).toList();
    }
}
