package dev.runplane.api.audit;

import dev.runplane.audit.AuditQueries;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.security.Principal;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Read-only: the audit log has no write, update or delete endpoint. */
@RestController
@RequestMapping("/api/v1/audit")
@Tag(name = "audit", description = "the audit log")
class AuditController {
    private final AuditQueries audit;

    AuditController(AuditQueries audit) {
        this.audit = audit;
    }

    @GetMapping
    @Operation(summary = "Audit events, newest first; global administrators see all, others their projects' events. "
            + "'action' is a prefix (DENIED finds every denial); 'from' and 'to' are ISO-8601 instants")
    AuditQueries.AuditPage list(@RequestParam(required = false) String project,
                                @RequestParam(required = false) String user,
                                @RequestParam(required = false) String action,
                                @RequestParam(required = false) String from,
                                @RequestParam(required = false) String to,
                                @RequestParam(defaultValue = "100") int limit,
                                @RequestParam(required = false) String cursor, Principal principal) {
        return audit.page(principal.getName(), new AuditQueries.Filter(project, user, action, instant("from", from),
                instant("to", to), limit, cursor));
    }

    private static Instant instant(String name, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return Instant.parse(value.strip());
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("'" + name + "' must be an ISO-8601 instant like 2026-01-31T12:00:00Z");
        }
    }
}
