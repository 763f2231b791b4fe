package dev.runplane.users;

import java.util.Optional;
import org.springframework.data.repository.ListCrudRepository;

interface UserRepository extends ListCrudRepository<User, Long> {
    Optional<User> findByUsername(String username);

    Optional<User> findByOidcIssuerAndOidcSubject(String oidcIssuer, String oidcSubject);
}
