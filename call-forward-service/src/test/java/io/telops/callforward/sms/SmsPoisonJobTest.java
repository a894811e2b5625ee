package io.telops.callforward.sms;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import jakarta.inject.Inject;

import org.bson.Document;
import org.junit.jupiter.api.Test;

import com.mongodb.client.MongoClient;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.telops.callforward.config.CallForwardConfig;
import io.telops.callforward.config.Mongo;
import io.telops.callforward.fake.CallEventsProbe.Event;
import io.telops.callforward.fake.PlivoDrivenTest;
import io.telops.callforward.fake.PlivoFakeResource;
import io.telops.callforward.sms.SmsJobs.SmsJob;
import io.telops.testkit.KafkaTestResource;
import io.telops.testkit.MongoTestResource;

/** SMS jobs that can never be sent end FAILED with their reason and an sms-failed event, without holding up the others. */
@QuarkusTest
@WithTestResource(KafkaTestResource.class)
@WithTestResource(MongoTestResource.class)
@WithTestResource(PlivoFakeResource.class)
class SmsPoisonJobTest extends PlivoDrivenTest {
    static final String SRC = "14155550100";
    static final Duration WAIT = Duration.ofSeconds(20);

    @Inject
    SmsJobs jobs;
    @Inject
    MongoClient client;
    @Inject
    Mongo mongo;
    @Inject
    CallForwardConfig config;

    static String unique() {
        return UUID.randomUUID().toString();
    }

    static String mobile() {
        return "1415" + (1_000_000 + (long) (Math.random() * 8_999_999));
    }

    SmsJob job(String id, String dst, Optional<String> statusUrl) {
        return new SmsJob(id, "line-" + id, "call-" + id, "rec-" + id, SRC, dst, "New voicemail " + id, statusUrl,
                SmsJobs.Status.PENDING, 0, Optional.empty(), Optional.empty(), Optional.empty());
    }

    SmsJob awaitFinal(String id) {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (System.nanoTime() < deadline) {
            SmsJob j = jobs.find(id).orElseThrow();
            if (j.status() == SmsJobs.Status.SENT || j.status() == SmsJobs.Status.FAILED) {
                return j;
            }
            sleep(200);
        }
        return jobs.find(id).orElseThrow();
    }

    static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    List<Event> smsFailed(String id) {
        return events.await(e -> ("call-" + id).equals(e.key()) && e.type().endsWith("sms-failed.v1"), 1, WAIT);
    }

    @Test
    void aJobThatCannotBeBuiltForPlivoFailsWithItsReasonAndTheNextJobIsStillSent() {
        String poison = unique();
        String next = unique();
        String poisonDst = mobile();
        Instant now = Instant.now();
        // not a URI: the request to Plivo cannot even be built, on any attempt
        jobs.enqueue(job(poison, poisonDst, Optional.of("https://forward.example.com/plivo/message-status?sms=a b|c")), now);
        jobs.enqueue(job(next, mobile(), Optional.empty()), now.plusMillis(1));

        SmsJob failed = awaitFinal(poison);
        SmsJob sent = awaitFinal(next);

        assertThat(failed.status()).isEqualTo(SmsJobs.Status.FAILED);
        assertThat(failed.lastError()).hasValueSatisfying(e -> assertThat(e).contains("Illegal character"));
        assertThat(sent.status()).isEqualTo(SmsJobs.Status.SENT);
        assertThat(smsFailed(poison)).singleElement()
                .satisfies(e -> assertThat(e.body().path("reason").asText()).contains("Illegal character"));
        assertThat(fake.messages()).noneMatch(m -> m.dst().equals(poisonDst));
    }

    @Test
    void aJobWhoseLeaseRanOutOnItsLastAttemptFailsInsteadOfBeingSentAgain() {
        String id = unique();
        String dst = mobile();
        Date past = Date.from(Instant.now().minusSeconds(120));
        int max = config.sms().maxAttempts();
        // a sender claimed it for the last allowed attempt and died before recording any outcome
        mongo.collection(client, "sms").insertOne(new Document("_id", id).append("lineId", "line-" + id).append("callUuid", "call-" + id)
                .append("recordingId", "rec-" + id).append("src", SRC).append("dst", dst).append("text", "New voicemail " + id)
                .append("status", "SENDING").append("attempts", max).append("lastError", "HTTP 500: internal error")
                .append("leaseUntil", past).append("nextAttemptAt", past).append("createdAt", past));

        SmsJob failed = awaitFinal(id);

        assertThat(failed.status()).isEqualTo(SmsJobs.Status.FAILED);
        assertThat(failed.lastError()).hasValueSatisfying(e -> assertThat(e).contains(max + " attempts").contains("HTTP 500"));
        assertThat(smsFailed(id)).singleElement().satisfies(e -> assertThat(e.body().path("attempts").asInt()).isEqualTo(max));
        assertThat(fake.messages()).noneMatch(m -> m.dst().equals(dst));
    }
}
