package io.telops.callforward.line;

import java.time.DayOfWeek;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import org.bson.Document;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Sorts;

import io.telops.callforward.config.Mongo;

/** Forwarding lines in the {@code lines} collection, mapped field by field (no reflection, no nulls out). */
@ApplicationScoped
public class LineRepository {
    private final MongoCollection<Document> lines;

    LineRepository(MongoClient client, Mongo mongo) {
        this.lines = mongo.collection(client, "lines");
    }

    public void insert(ForwardingLine line) {
        lines.insertOne(toDocument(line));
    }

    /** Replaces the stored line if it still has the previous version; false when someone changed it meanwhile. */
    public boolean replace(ForwardingLine line) {
        return lines.replaceOne(Filters.and(Filters.eq("_id", line.id()), Filters.eq("version", line.version() - 1)),
                toDocument(line)).getMatchedCount() == 1;
    }

    public Optional<ForwardingLine> find(String id) {
        return Optional.ofNullable(lines.find(Filters.eq("_id", id)).first()).map(LineRepository::fromDocument);
    }

    /** The active line that owns a Plivo number (as forward or voicemail number). */
    public Optional<ForwardingLine> findActiveByNumber(String number) {
        String n = PhoneNumbers.normalise(number);
        return Optional.ofNullable(lines.find(Filters.and(Filters.eq("status", LineStatus.ACTIVE.name()),
                        Filters.or(Filters.eq("forwardNumber", n), Filters.eq("voicemailNumber", n)))).first())
                .map(LineRepository::fromDocument);
    }

    public List<ForwardingLine> list() {
        return lines.find().sort(Sorts.ascending("createdAt")).map(LineRepository::fromDocument).into(new ArrayList<>());
    }

    static Document toDocument(ForwardingLine l) {
        LineSettings s = l.settings();
        Greetings g = s.greetings();
        Document d = new Document("_id", l.id())
                .append("name", s.name()).append("owner", s.owner())
                .append("sipEndpoint", s.sipEndpoint().orElse(null)).append("mobile", s.mobile().orElse(null))
                .append("callerId", s.callerId().name()).append("callerName", s.callerName().orElse(null))
                .append("sipTimeoutSeconds", s.sipTimeoutSeconds()).append("mobileTimeoutSeconds", s.mobileTimeoutSeconds())
                .append("greetings", new Document("voice", g.voice()).append("language", g.language())
                        .append("forwarding", g.forwarding()).append("voicemailPrompt", g.voicemailPrompt())
                        .append("voicemailThanks", g.voicemailThanks()).append("unavailable", g.unavailable())
                        .append("whisper", g.whisper()))
                .append("voicemailEnabled", s.voicemailEnabled()).append("voicemailMaxSeconds", s.voicemailMaxSeconds())
                .append("blockList", s.blockList()).append("allowList", s.allowList())
                .append("ringStrategy", s.ringStrategy().name()).append("whisper", s.whisper())
                .append("status", l.status().name())
                .append("forwardNumber", l.forwardNumber().orElse(null))
                .append("voicemailNumber", l.voicemailNumber().orElse(null))
                .append("appId", l.appId().orElse(null))
                .append("version", l.version())
                .append("createdAt", Date.from(l.createdAt())).append("updatedAt", Date.from(l.updatedAt()));
        s.schedule().ifPresent(sch -> d.append("schedule", new Document("zone", sch.zone().getId())
                .append("windows", sch.windows().stream().map(w -> new Document("days", w.days().stream().map(DayOfWeek::name).sorted().toList())
                        .append("from", w.from().toString()).append("to", w.to().toString())).toList())));
        return d;
    }

    static ForwardingLine fromDocument(Document d) {
        Document g = d.get("greetings", Document.class);
        Optional<Schedule> schedule = Optional.ofNullable(d.get("schedule", Document.class)).map(s -> new Schedule(
                ZoneId.of(s.getString("zone")),
                s.getList("windows", Document.class).stream().map(w -> new Schedule.Window(
                        new java.util.HashSet<>(w.getList("days", String.class).stream().map(DayOfWeek::valueOf).toList()),
                        LocalTime.parse(w.getString("from")), LocalTime.parse(w.getString("to")))).toList()));
        LineSettings s = new LineSettings(d.getString("name"), d.getString("owner"),
                Optional.ofNullable(d.getString("sipEndpoint")), Optional.ofNullable(d.getString("mobile")),
                CallerIdPolicy.valueOf(d.getString("callerId")), Optional.ofNullable(d.getString("callerName")),
                d.getInteger("sipTimeoutSeconds"), d.getInteger("mobileTimeoutSeconds"),
                new Greetings(g.getString("voice"), g.getString("language"), g.getString("forwarding"),
                        g.getString("voicemailPrompt"), g.getString("voicemailThanks"), g.getString("unavailable"),
                        g.getString("whisper")),
                d.getBoolean("voicemailEnabled"), d.getInteger("voicemailMaxSeconds"), schedule,
                d.getList("blockList", String.class), d.getList("allowList", String.class),
                RingStrategy.valueOf(d.getString("ringStrategy")), d.getBoolean("whisper"));
        return new ForwardingLine(d.getString("_id"), s, LineStatus.valueOf(d.getString("status")),
                Optional.ofNullable(d.getString("forwardNumber")), Optional.ofNullable(d.getString("voicemailNumber")),
                Optional.ofNullable(d.getString("appId")), ((Number) d.get("version")).longValue(),
                d.getDate("createdAt").toInstant(), d.getDate("updatedAt").toInstant());
    }
}
