package dev.runplane.api.admin;

import dev.runplane.projects.LastAdminException;
import dev.runplane.projects.ProjectAlreadyExistsException;
import dev.runplane.users.UserAlreadyExistsException;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * The conflicts of user, project and membership management (409). Ordered before the API's general handler,
 * which answers everything else; kept apart so that the general handler need not know these modules.
 */
@RestControllerAdvice(basePackages = "dev.runplane.api")
@Order(Ordered.HIGHEST_PRECEDENCE)
class AdminExceptionHandler {

    @ExceptionHandler({LastAdminException.class, ProjectAlreadyExistsException.class,
            UserAlreadyExistsException.class})
    ResponseEntity<ProblemDetail> conflict(RuntimeException e) {
        ProblemDetail body = ProblemDetail.forStatusAndDetail(HttpStatus.CONFLICT, e.getMessage());
        body.setTitle("Conflict");
        return ResponseEntity.status(HttpStatus.CONFLICT).contentType(MediaType.APPLICATION_PROBLEM_JSON).body(body);
    }
}
