package dev.runplane.api.logs;

import dev.runplane.logs.LogLine;
import dev.runplane.logs.LogQueries;
import dev.runplane.logs.LogQueries.LogPage;
import dev.runplane.logs.LogQueries.LogRequest;
import dev.runplane.logs.LogQueries.Scope;
import jakarta.servlet.http.HttpServletResponse;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.security.Principal;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;
import org.springframework.web.servlet.mvc.method.annotation.StreamingResponseBody;

/** Logs of a run over REST: pages, a live Server-Sent-Events stream, and a plain-text download. */
@RestController
@RequestMapping("/api/v1/projects/{project}/runs/{run}/logs")
class LogController {
    private final LogQueries logs;
    private final LogStreams streams;

    LogController(LogQueries logs, LogStreams streams) {
        this.logs = logs;
        this.streams = streams;
    }

    record LineBody(long cursor, int replicaNum, int submissionNum, long seq, String time, String stream, String text,
                    String spans) {
        static LineBody of(LogLine line) {
            return new LineBody(line.id(), line.replicaNum(), line.submissionNum(), line.seq(), line.time().toString(),
                    line.stream(), line.text(), line.spans());
        }
    }

    /**
     * @param prev    cursor for {@code before=}; null once a backward read reached the start of the log
     * @param partial a search page that stopped scanning at its time limit: fewer lines than asked for (maybe none)
     *                although more may match further on; continue from {@code prev} (or {@code next} going forward)
     */
    record PageBody(List<LineBody> lines, String next, String prev, boolean partial) {
    }

    @GetMapping
    PageBody page(@PathVariable String project, @PathVariable String run,
                  @RequestParam(required = false) Integer replica, @RequestParam(required = false) Integer submission,
                  @RequestParam(required = false) Long after, @RequestParam(required = false) Long before,
                  @RequestParam(defaultValue = "500") int limit, @RequestParam(required = false) String q,
                  @RequestParam(defaultValue = "false") boolean history, Principal principal) {
        LogPage page = logs.page(principal.getName(), project, run,
                new LogRequest(replica, submission, after, before, limit, q, history));
        return new PageBody(page.lines().stream().map(LineBody::of).toList(),
                page.next() == null ? null : page.next().toString(),
                page.prev() == null ? null : page.prev().toString(), page.partial());
    }

    /** Follows new lines from {@code after} (or {@code Last-Event-ID} on reconnect); each event's id is its cursor. */
    @GetMapping(path = "/stream", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
    SseEmitter stream(@PathVariable String project, @PathVariable String run,
                      @RequestParam(required = false) Integer replica,
                      @RequestParam(required = false) Integer submission,
                      @RequestParam(required = false) Long after,
                      @RequestHeader(name = "Last-Event-ID", required = false) String lastEventId,
                      @RequestParam(defaultValue = "false") boolean history,
                      HttpServletResponse response, Principal principal) {
        Scope scope = logs.scope(principal.getName(), project, run, replica, submission, history);
        long from = lastEventId != null && !lastEventId.isBlank() ? parseCursor(lastEventId)
                : after != null ? after : logs.page(scope, new LogRequest(replica, submission, null, null, 1, null))
                .next();
        response.setHeader("X-Accel-Buffering", "no");
        String reader = principal.getName();
        Long tokenId = principal instanceof dev.runplane.api.security.ApiTokenAuthentication token
                ? token.tokenId() : null;
        return streams.open(() -> logs.scope(reader, project, run, replica, submission, history), from, reader, tokenId);
    }

    @GetMapping("/download")
    ResponseEntity<StreamingResponseBody> download(@PathVariable String project, @PathVariable String run,
                                                   @RequestParam(required = false) Integer replica,
                                                   @RequestParam(required = false) Integer submission,
                                                   @RequestParam(defaultValue = "false") boolean gzip,
                                                   @RequestParam(defaultValue = "true") boolean history,
                                                   Principal principal) {
        // the download is "the whole log": every submission unless history=false
        Scope scope = logs.scope(principal.getName(), project, run, replica, submission, history);
        List<String> header = DownloadHeader.lines(project, run, replica, submission, history,
                logs.labels(principal.getName(), project, run, scope));
        StreamingResponseBody body = out -> write(scope, header, gzip ? new GZIPOutputStream(out) : out, gzip);
        String name = run + (replica == null ? "" : "-replica-" + replica) + ".log" + (gzip ? ".gz" : "");
        return ResponseEntity.ok()
                .header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"" + name + "\"")
                .header(DownloadHeader.HTTP_HEADER, submission != null ? "one" : history ? "all" : "current")
                .contentType(gzip ? MediaType.parseMediaType("application/gzip")
                        : new MediaType("text", "plain", StandardCharsets.UTF_8))
                .body(body);
    }

    private void write(Scope scope, List<String> header, OutputStream out, boolean gzip) throws java.io.IOException {
        Writer writer = new OutputStreamWriter(out, StandardCharsets.UTF_8);
        for (String line : header) {
            writer.write(line);
            writer.write('\n');
        }
        long cursor = 0;
        while (true) {
            LogPage page = logs.page(scope, new LogRequest(null, null, cursor, null, LogQueries.MAX_LIMIT, null));
            for (LogLine line : page.lines()) {
                writer.write(line.time().toString());
                writer.write(" replica-" + line.replicaNum() + "#" + line.submissionNum() + " " + line.stream() + " ");
                writer.write(line.text());
                writer.write('\n');
            }
            if (page.lines().size() < LogQueries.MAX_LIMIT) {
                break;
            }
            cursor = page.next();
        }
        writer.flush();
        if (gzip) {
            ((GZIPOutputStream) out).finish();
        }
    }

    private static long parseCursor(String value) {
        try {
            return Long.parseLong(value.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("Last-Event-ID must be a cursor sent by this stream");
        }
    }
}
