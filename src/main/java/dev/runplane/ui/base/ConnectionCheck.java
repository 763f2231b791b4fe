package dev.runplane.ui.base;

import org.springframework.http.CacheControl;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * What the connection badge ({@link ConnectionWatcher}) asks every two seconds: 204 while this browser's session is
 * signed in, 401 once it is not (after a server restart). Open to everyone in the security chain so that a signed-out
 * browser gets a plain 401, not a login redirect that would be remembered as the page to return to; it creates no
 * session and reads nothing.
 */
@RestController
class ConnectionCheck {
    static final String PATH = "/connection-check";

    @GetMapping(PATH)
    ResponseEntity<Void> check() {
        Authentication signedIn = SecurityContextHolder.getContext().getAuthentication();
        boolean ok = signedIn != null && signedIn.isAuthenticated()
                && !(signedIn instanceof AnonymousAuthenticationToken);
        return ResponseEntity.status(ok ? HttpStatus.NO_CONTENT : HttpStatus.UNAUTHORIZED)
                .cacheControl(CacheControl.noStore()).build();
    }
}
