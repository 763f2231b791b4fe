package dev.runplane.api.logs;

import dev.runplane.logs.LogLine;
import dev.runplane.logs.LogQueries;
import dev.runplane.logs.LogQueries.LogPage;
import dev.runplane.logs.LogQueries.LogRequest;
import dev.runplane.logs.LogQueries.Scope;
import dev.runplane.base.NotFoundException;
import dev.runplane.logs.LogsAppended;
import dev.runplane.projects.MembershipRemoved;
import dev.runplane.users.tokens.TokenRevoked;
import java.io.IOException;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.event.EventListener;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * Live log streams: one virtual thread per open stream reads from its cursor and sends every line as an event whose
 * id is the line's cursor, so a reconnect with {@code Last-Event-ID} continues exactly. Stored lines are the only
 * source (never the in-memory tail), which is what makes reconnects lose and repeat nothing. Streams are woken by
 * {@link LogsAppended} and poll every second anyway.
 * <p>
 * Every open stream is registered with who opened it, so that revoking its token ({@link TokenRevoked}) ends it at
 * once, and removing its user from a project ({@link MembershipRemoved}) wakes it to re-check access, which then
 * fails and ends it: neither may keep reading for the hour a stream can last.
 */
@Component
class LogStreams {
    private static final Logger log = LoggerFactory.getLogger(LogStreams.class);
    private static final Duration MAX_STREAM = Duration.ofHours(1);
    private static final Duration HEARTBEAT = Duration.ofSeconds(15);

    private final LogQueries logs;
    private final Map<Long, Set<Thread>> waitingByRun = new ConcurrentHashMap<>();
    private final Set<OpenStream> open = ConcurrentHashMap.newKeySet();

    /** @param tokenId the API token it was opened with, null for a session */
    private record OpenStream(Long tokenId, String username, SseEmitter emitter, Thread thread,
                              java.util.concurrent.atomic.AtomicBoolean revoked) {
        void end() {
            revoked.set(true);
            LockSupport.unpark(thread);
        }
    }

    LogStreams(LogQueries logs) {
        this.logs = logs;
    }

    /**
     * @param scope re-read on every poll, so a merged stream picks up replicas added by scaling (and drops
     *              scaled-down ones) while it is open
     */
    SseEmitter open(java.util.function.Supplier<Scope> scope, long from, String username, Long tokenId) {
        SseEmitter emitter = new SseEmitter(MAX_STREAM.toMillis());
        Scope first = scope.get();
        java.util.concurrent.atomic.AtomicBoolean revoked = new java.util.concurrent.atomic.AtomicBoolean();
        Thread thread = Thread.ofVirtual().name("log-stream-" + first.runId()).unstarted(() -> {
            try {
                follow(first.runId(), scope, from, emitter, revoked);
            } finally {
                open.removeIf(stream -> stream.emitter() == emitter);
            }
        });
        open.add(new OpenStream(tokenId, username, emitter, thread, revoked));
        thread.start();
        return emitter;
    }

    @EventListener
    void on(TokenRevoked revoked) {
        open.stream().filter(stream -> Long.valueOf(revoked.tokenId()).equals(stream.tokenId()))
                .forEach(OpenStream::end);
    }

    /** Wakes the user's streams: the next access check decides (other projects' streams go on). */
    @EventListener
    void on(MembershipRemoved removed) {
        open.stream().filter(stream -> stream.username().equals(removed.username()))
                .forEach(stream -> LockSupport.unpark(stream.thread()));
    }

    @EventListener
    void on(LogsAppended appended) {
        Set<Thread> waiting = waitingByRun.get(appended.runId());
        if (waiting != null) {
            waiting.forEach(LockSupport::unpark);
        }
    }

    private void follow(long runId, java.util.function.Supplier<Scope> scopes, long from, SseEmitter emitter,
                        java.util.concurrent.atomic.AtomicBoolean revoked) {
        Set<Thread> waiting = waitingByRun.computeIfAbsent(runId, k -> ConcurrentHashMap.newKeySet());
        waiting.add(Thread.currentThread());
        long cursor = from;
        long deadline = System.nanoTime() + MAX_STREAM.toNanos();
        long lastSend = System.nanoTime();
        try {
            while (System.nanoTime() < deadline && !revoked.get()) {
                LogPage page = logs.page(scopes.get(), new LogRequest(null, null, cursor, null, 1000, null));
                for (LogLine line : page.lines()) {
                    emitter.send(SseEmitter.event().id(Long.toString(line.id())).name("line")
                            .data(LogController.LineBody.of(line), MediaType.APPLICATION_JSON));
                    cursor = line.id();
                    lastSend = System.nanoTime();
                }
                if (page.lines().size() == 1000) {
                    continue;
                }
                if (System.nanoTime() - lastSend > HEARTBEAT.toNanos()) {
                    emitter.send(SseEmitter.event().comment("keep-alive"));
                    lastSend = System.nanoTime();
                }
                LockSupport.parkNanos(TimeUnit.SECONDS.toNanos(1));
            }
            emitter.complete();
        } catch (IOException | IllegalStateException e) {
            // the client went away: nothing to clean up but our registration
            emitter.completeWithError(e);
        } catch (NotFoundException | org.springframework.security.access.AccessDeniedException e) {
            // the reader lost access to the run while following it: the stream ends, like for a revoked token
            log.info("A log stream of run {} ended: its reader lost access ({})", runId, e.getMessage());
            emitter.complete();
        } catch (RuntimeException e) {
            log.warn("A log stream failed", e);
            emitter.completeWithError(e);
        } finally {
            waiting.remove(Thread.currentThread());
        }
    }
}
